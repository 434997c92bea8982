#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "disc/cdtext.hpp"
#include "disc/crc16.hpp"
#include "disc/error.hpp"

namespace dw {

namespace {
constexpr size_t kPackSize = 18, kPayload = 12, kMaxBlocks = 8, kMaxPacksPerBlock = 256;
constexpr uint8_t kFirstType = 0x80, kGenre = 0x87, kToc = 0x88, kToc2 = 0x89, kClosed = 0x8D, kUpcIsrc = 0x8E,
                  kSizeInfo = 0x8F, kDiscId = 0x86;
constexpr size_t kSizeInfoBytes = 36;

bool per_track_text(uint8_t type) { return (type >= 0x80 && type <= 0x85) || type == kUpcIsrc; }
bool disc_only_text(uint8_t type) { return type == kDiscId || type == kClosed; }
bool binary_type(uint8_t type) { return type == kToc || type == kToc2; }

// ---------------------------------------------------------------------------------------------
// Parsing

struct RawPack {
  CdTextPack bytes;
  size_t offset;  // in the input, for messages
};

struct BlockPacks {
  std::vector<RawPack> packs;  // in input order
};

// Splits a concatenated payload into strings ended by one NUL (two aligned NULs when double-byte).
std::vector<std::string> split_strings(const std::vector<uint8_t>& data, bool double_byte, bool& unterminated) {
  std::vector<std::string> out;
  std::string cur;
  const size_t step = double_byte ? 2 : 1;
  unterminated = false;
  for (size_t i = 0; i + step <= data.size(); i += step) {
    const bool nul = data[i] == 0 && (!double_byte || data[i + 1] == 0);
    if (nul) {
      out.push_back(std::move(cur));
      cur.clear();
    } else {
      cur.append(reinterpret_cast<const char*>(&data[i]), step);
    }
  }
  if (!cur.empty()) {
    out.push_back(std::move(cur));
    unterminated = true;
  }
  return out;
}

// Text packs of one type, in sequence order. Each pack says which track its first byte belongs to
// and how many characters of that string came before: follow those fields rather than counting,
// so a disc whose first track is > 1, or a pack lost to a CRC error, does not shift the tracks.
void parse_text_packs(uint8_t type, const std::vector<const RawPack*>& packs, CdTextBlock& out, uint8_t first_track,
                      const std::string& source, CdTextParseReport& report, std::set<uint8_t>& tracks_seen) {
  const size_t unit = out.double_byte ? 2 : 1;
  const std::string tab(unit, '\t');
  int track = -1;
  std::string current, previous;
  bool dropping = false;
  auto next_track = [&](int t) { return t == 0 ? int{first_track} : t + 1; };
  auto emit = [&](int t, const std::string& s) {
    const std::string value = s == tab ? previous : s;
    previous = value;
    if (value.empty() || t > 99 || (disc_only_text(type) && t != 0)) return;
    out.text[{type, static_cast<uint8_t>(t)}] = value;
    if (t > 0) tracks_seen.insert(static_cast<uint8_t>(t));
  };
  for (const RawPack* p : packs) {
    const int pack_track = p->bytes[1] & 0x7F;
    const int charpos = p->bytes[3] & 0x0F;
    if (pack_track != track) {
      if (!current.empty())
        report.problems.push_back(fmt::format("{} (offset {}): block {} type 0x{:02X}: text of track {} is cut short",
                                              source, p->offset, out.block, type, track));
      track = pack_track;
      current.clear();
      dropping = charpos != 0;  // the start of this string is missing
      if (dropping)
        report.problems.push_back(
            fmt::format("{} (offset {}): block {} type 0x{:02X}: track {} text starts inside "
                        "a pack that is missing; fragment dropped",
                        source, p->offset, out.block, type, track));
    }
    for (size_t i = 4; i + unit <= 16; i += unit) {
      const bool nul = p->bytes[i] == 0 && (unit == 1 || p->bytes[i + 1] == 0);
      if (nul) {
        if (!dropping) emit(track, current);
        dropping = false;
        current.clear();
        track = next_track(track);
      } else if (!dropping) {
        current.append(reinterpret_cast<const char*>(&p->bytes[i]), unit);
      }
    }
  }
  if (!current.empty()) {
    report.problems.push_back(fmt::format("{} (offset {}): block {} type 0x{:02X}: last string has no terminating NUL",
                                          source, packs.back()->offset, out.block, type));
    emit(track, current);
  }
}

void parse_block(uint8_t block, const BlockPacks& bp, const std::string& source, CdTextBlock& out,
                 std::array<uint8_t, kSizeInfoBytes>& size_info, bool& have_size_info, CdTextParseReport& report) {
  out.block = block;
  std::map<uint8_t, std::vector<const RawPack*>> by_type;
  for (const auto& p : bp.packs) by_type[p.bytes[0]].push_back(&p);
  for (const auto& p : bp.packs)
    if (p.bytes[3] & 0x80) out.double_byte = true;

  for (auto& [type, packs] : by_type)
    std::stable_sort(packs.begin(), packs.end(),
                     [](const RawPack* a, const RawPack* b) { return a->bytes[2] < b->bytes[2]; });
  // The size info says which track follows the disc entry in a text stream.
  uint8_t first_track = 1;
  if (auto it = by_type.find(kSizeInfo); it != by_type.end() && it->second.size() >= 1)
    first_track = std::max<uint8_t>(1, it->second.front()->bytes[5]);

  std::set<uint8_t> tracks_seen;
  for (auto& [type, packs] : by_type) {
    std::vector<uint8_t> payload;
    for (const RawPack* p : packs) payload.insert(payload.end(), p->bytes.begin() + 4, p->bytes.begin() + 16);
    const size_t first_offset = packs.front()->offset;
    if (type == kSizeInfo) {
      if (packs.size() != 3) {
        report.problems.push_back(fmt::format("{} (offset {}): block {} has {} size-info packs, expected 3", source,
                                              first_offset, block, packs.size()));
        if (payload.size() < kSizeInfoBytes) continue;
      }
      std::copy_n(payload.begin(), kSizeInfoBytes, size_info.begin());
      have_size_info = true;
    } else if (binary_type(type)) {
      out.binary[type] = std::move(payload);
    } else if (type == kGenre) {
      out.binary[kGenre] = {payload[0], payload[1]};
      bool unterminated = false;
      auto strings = split_strings({payload.begin() + 2, payload.end()}, out.double_byte, unterminated);
      if (!strings.empty() && !strings.front().empty()) out.text[{kGenre, 0}] = strings.front();
    } else if (per_track_text(type) || disc_only_text(type)) {
      parse_text_packs(type, packs, out, first_track, source, report, tracks_seen);
    } else {
      report.problems.push_back(fmt::format("{} (offset {}): block {}: pack type 0x{:02X} is reserved; ignored", source,
                                            first_offset, block, type));
    }
  }
  if (!tracks_seen.empty()) {
    out.first_track = *tracks_seen.begin();
    out.last_track = *tracks_seen.rbegin();
  }
}

// ---------------------------------------------------------------------------------------------
// Building

struct Stream {
  std::vector<uint8_t> bytes;
  std::vector<uint8_t> track;     // per byte: the track of the string it belongs to
  std::vector<uint16_t> charpos;  // per byte: characters of its string before it
};

void append_string(Stream& s, uint8_t track, const std::string& text, bool double_byte, size_t skip_chars = 0) {
  const size_t unit = double_byte ? 2 : 1;
  const size_t total = text.size() + unit;  // with terminator
  for (size_t i = 0; i < total; ++i) {
    s.bytes.push_back(i < text.size() ? static_cast<uint8_t>(text[i]) : 0);
    s.track.push_back(track);
    const size_t chars = i / unit;
    s.charpos.push_back(static_cast<uint16_t>(chars > skip_chars ? chars - skip_chars : 0));
  }
}

void emit_stream(uint8_t type, const Stream& s, uint8_t block, bool double_byte, std::vector<CdTextPack>& out) {
  for (size_t off = 0; off < s.bytes.size(); off += kPayload) {
    CdTextPack p{};
    p[0] = type;
    p[1] = s.track[off];
    p[3] = static_cast<uint8_t>((double_byte ? 0x80 : 0) | block << 4 | std::min<uint16_t>(s.charpos[off], 15));
    for (size_t i = 0; i < kPayload && off + i < s.bytes.size(); ++i) p[4 + i] = s.bytes[off + i];
    out.push_back(p);
  }
}

std::vector<CdTextPack> build_block(const CdTextBlock& b) {
  for (const auto& [key, value] : b.text) {
    const auto [type, track] = key;
    if (track != 0 && (track < b.first_track || track > b.last_track))
      throw ModelError(fmt::format("CD-Text block {}: text of type 0x{:02X} for track {} is outside tracks {}..{}",
                                   b.block, type, track, b.first_track, b.last_track));
  }
  std::vector<CdTextPack> packs;
  const std::string tab = b.double_byte ? std::string("\t\t") : std::string("\t");
  auto has_type = [&](uint8_t type) {
    auto it = b.text.lower_bound({type, 0});
    return it != b.text.end() && it->first.first == type;
  };
  auto text_of = [&](uint8_t type, uint8_t track) -> std::string {
    auto it = b.text.find({type, track});
    return it == b.text.end() ? std::string() : it->second;
  };
  for (uint8_t type = kFirstType; type < kSizeInfo; ++type) {
    Stream s;
    if (per_track_text(type) && has_type(type)) {
      append_string(s, 0, text_of(type, 0), b.double_byte);
      std::string previous = text_of(type, 0);
      for (int t = b.first_track; t <= b.last_track; ++t) {
        const std::string value = text_of(type, static_cast<uint8_t>(t));
        const bool repeat = t > b.first_track && !value.empty() && value == previous;
        append_string(s, static_cast<uint8_t>(t), repeat ? tab : value, b.double_byte);
        previous = value;
      }
    } else if (disc_only_text(type) && has_type(type)) {
      append_string(s, 0, text_of(type, 0), b.double_byte);
    } else if (type == kGenre && (b.binary.count(kGenre) || has_type(kGenre))) {
      auto code = b.binary.count(kGenre) ? b.binary.at(kGenre) : std::vector<uint8_t>{0, 0};
      code.resize(2);
      s.bytes = {code[0], code[1]};
      s.track = {0, 0};
      s.charpos = {0, 0};
      append_string(s, 0, text_of(kGenre, 0), b.double_byte);
    } else if (binary_type(type) && b.binary.count(type)) {
      const auto& data = b.binary.at(type);
      s.bytes = data;
      s.track.assign(data.size(), 0);
      s.charpos.assign(data.size(), 0);
    }
    if (!s.bytes.empty()) emit_stream(type, s, b.block, b.double_byte, packs);
  }
  return packs;
}

}  // namespace

bool cdtext_pack_crc_ok(const CdTextPack& pack) {
  const uint16_t crc = crc16_gsm(std::span<const uint8_t>(pack.data(), 16));
  return pack[16] == (crc >> 8) && pack[17] == (crc & 0xFF);
}

void cdtext_set_crc(CdTextPack& pack) {
  const uint16_t crc = crc16_gsm(std::span<const uint8_t>(pack.data(), 16));
  pack[16] = static_cast<uint8_t>(crc >> 8);
  pack[17] = static_cast<uint8_t>(crc);
}

CdText parse_cdtext(std::span<const uint8_t> bytes, const std::string& source, CdTextParseReport* report_out) {
  CdTextParseReport local;
  CdTextParseReport& report = report_out ? *report_out : local;
  report = {};
  size_t start = 0, end = bytes.size();
  // A READ TOC response starts with a length; bare packs start with a pack type 0x80..0x8F.
  if (bytes.size() >= 4 && !(bytes[0] >= 0x80 && bytes[0] <= 0x8F)) {
    const size_t length = static_cast<size_t>(bytes[0]) << 8 | bytes[1];
    if (length + 2 > bytes.size())
      throw InputError(source,
                       fmt::format("header says {} bytes follow but only {} are present", length, bytes.size() - 2), 0);
    if (length < 2) throw InputError(source, fmt::format("header length {} is too small", length), 0);
    start = 4;
    end = length + 2;
  }
  if (end - start < kPackSize) throw InputError(source, "no whole 18-byte CD-Text pack", start);
  if ((end - start) % kPackSize != 0)
    report.problems.push_back(fmt::format("{} (offset {}): {} trailing bytes after the last whole pack ignored", source,
                                          start + (end - start) / kPackSize * kPackSize, (end - start) % kPackSize));

  std::map<uint8_t, BlockPacks> blocks;
  for (size_t off = start; off + kPackSize <= end; off += kPackSize) {
    RawPack p;
    std::copy_n(bytes.begin() + static_cast<std::ptrdiff_t>(off), kPackSize, p.bytes.begin());
    p.offset = off;
    ++report.packs;
    if (!cdtext_pack_crc_ok(p.bytes)) {
      ++report.crc_errors;
      report.problems.push_back(fmt::format("{} (offset {}): pack CRC is wrong; pack skipped", source, off));
      continue;
    }
    if (p.bytes[0] < 0x80 || p.bytes[0] > 0x8F) {
      report.problems.push_back(
          fmt::format("{} (offset {}): pack type 0x{:02X} is not CD-Text; pack skipped", source, off, p.bytes[0]));
      continue;
    }
    blocks[(p.bytes[3] >> 4) & 0x07].packs.push_back(p);
  }
  if (blocks.empty())
    throw InputError(source, fmt::format("none of the {} packs has a valid CRC", report.packs), start);

  CdText out;
  std::array<uint8_t, kSizeInfoBytes> last_size_info{};
  std::map<uint8_t, std::array<uint8_t, kSizeInfoBytes>> size_infos;
  for (auto& [block, bp] : blocks) {
    CdTextBlock b;
    std::array<uint8_t, kSizeInfoBytes> si{};
    bool have = false;
    parse_block(block, bp, source, b, si, have, report);
    if (have) {
      b.character_code = si[0];
      b.first_track = si[1];
      b.last_track = si[2];
      b.copyright = si[3];
      size_infos[block] = si;
      last_size_info = si;
      size_t counted = 0;
      for (int i = 0; i < 16; ++i) counted += si[4 + i];
      if (counted != bp.packs.size())
        report.problems.push_back(
            fmt::format("{}: block {} size info counts {} packs, {} found", source, block, counted, bp.packs.size()));
    }
    out.blocks.push_back(std::move(b));
  }
  // Language codes live in every block's size info, one per block.
  for (auto& b : out.blocks) {
    auto it = size_infos.find(b.block);
    const auto& si = it != size_infos.end() ? it->second : last_size_info;
    if (!size_infos.empty()) b.language = si[28 + b.block];
  }
  return out;
}

std::vector<CdTextPack> build_cdtext_packs(const CdText& cdtext) {
  if (cdtext.blocks.size() > kMaxBlocks)
    throw ModelError(fmt::format("{} CD-Text blocks, at most 8", cdtext.blocks.size()));
  std::set<uint8_t> used;
  std::vector<std::vector<CdTextPack>> per_block;
  for (const auto& b : cdtext.blocks) {
    if (b.block >= kMaxBlocks) throw ModelError(fmt::format("CD-Text block number {} is > 7", b.block));
    if (!used.insert(b.block).second) throw ModelError(fmt::format("CD-Text block {} appears twice", b.block));
    per_block.push_back(build_block(b));
    if (per_block.back().size() + 3 > kMaxPacksPerBlock)
      throw ModelError(
          fmt::format("CD-Text block {} needs {} packs, at most 256 fit", b.block, per_block.back().size() + 3));
  }
  std::array<uint8_t, 8> last_seq{}, language{};
  for (size_t i = 0; i < cdtext.blocks.size(); ++i) {
    last_seq[cdtext.blocks[i].block] = static_cast<uint8_t>(per_block[i].size() + 3 - 1);
    language[cdtext.blocks[i].block] = cdtext.blocks[i].language;
  }
  std::vector<CdTextPack> out;
  for (size_t i = 0; i < cdtext.blocks.size(); ++i) {
    const CdTextBlock& b = cdtext.blocks[i];
    auto& packs = per_block[i];
    std::array<uint8_t, kSizeInfoBytes> si{};
    si[0] = b.character_code;
    si[1] = b.first_track;
    si[2] = b.last_track;
    si[3] = b.copyright;
    for (const auto& p : packs) ++si[4 + (p[0] - kFirstType)];
    si[4 + (kSizeInfo - kFirstType)] = 3;
    std::copy(last_seq.begin(), last_seq.end(), si.begin() + 20);
    std::copy(language.begin(), language.end(), si.begin() + 28);
    for (uint8_t k = 0; k < 3; ++k) {
      CdTextPack p{};
      p[0] = kSizeInfo;
      p[1] = k;
      p[3] = static_cast<uint8_t>((b.double_byte ? 0x80 : 0) | b.block << 4);
      std::copy_n(si.begin() + 12 * k, kPayload, p.begin() + 4);
      packs.push_back(p);
    }
    for (size_t seq = 0; seq < packs.size(); ++seq) {
      packs[seq][2] = static_cast<uint8_t>(seq);
      cdtext_set_crc(packs[seq]);
      out.push_back(packs[seq]);
    }
  }
  return out;
}

std::vector<uint8_t> cdtext_bytes(std::span<const CdTextPack> packs) {
  std::vector<uint8_t> out;
  out.reserve(packs.size() * kPackSize);
  for (const auto& p : packs) out.insert(out.end(), p.begin(), p.end());
  return out;
}

}  // namespace dw

// CD-Text parsing: packs -> model (parse_cdtext) and the pack CRC.
// Pack layout: reference/cd-physical.md "CD-Text"; size-info record, TAB and genre layout as
// libburn's doc/cdtext.txt describes Sony's examples. docs/cdtext.md says what is accepted.
#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <utility>

#include "disc/cdtext.hpp"
#include "disc/cdtext_rules.hpp"
#include "disc/crc16.hpp"
#include "disc/error.hpp"

namespace dw {

using namespace cdtext_detail;

namespace {
// ---------------------------------------------------------------------------------------------
// Parsing

struct Pack {
  CdTextPack bytes{};
  uint64_t offset = 0;  // in the caller's input, for messages
  size_t index = 0;     // position among all packs of the input
  [[nodiscard]] uint8_t type() const { return bytes[0]; }
  [[nodiscard]] uint8_t track() const { return bytes[1] & 0x7F; }
  [[nodiscard]] uint8_t seq() const { return bytes[2]; }
  [[nodiscard]] bool double_byte() const { return (bytes[3] & 0x80) != 0; }
  [[nodiscard]] uint8_t block() const { return static_cast<uint8_t>((bytes[3] >> 4) & 0x07); }
  [[nodiscard]] uint8_t charpos() const { return bytes[3] & 0x0F; }
  [[nodiscard]] const uint8_t* payload() const { return bytes.data() + 4; }
};

// Adds problems to the report, up to a limit, so garbage input cannot grow it without bound.
class Problems {
 public:
  explicit Problems(CdTextParseReport& report) : report_(report) {}
  template <typename... Args>
  void add(uint64_t offset, fmt::format_string<Args...> format, Args&&... args) {
    if (report_.problems.size() < kMaxProblems) {
      report_.problems.push_back({offset, fmt::format(format, std::forward<Args>(args)...)});
    } else if (report_.problems.size() == kMaxProblems) {
      report_.problems.push_back({offset, "more problems follow; not listed"});
    }
  }

 private:
  CdTextParseReport& report_;
};

// Where the packs are in the input: bare, bare + Sony's trailing NUL, or after the READ TOC header.
struct Framing {
  size_t start = 0;
  size_t count = 0;
};

Framing frame_input(std::span<const uint8_t> bytes, const std::string& source, CdTextParseReport& report) {
  const size_t n = bytes.size();
  const size_t rest = n % kPackSize;
  Framing f;
  if (rest == kHeaderSize) {
    const size_t length = size_t{bytes[0]} << 8 | bytes[1];
    if (length != n - 2)
      throw InputError(source, fmt::format("READ TOC header says {} bytes follow it, but {} do", length, n - 2), 0);
    report.read_toc_header = true;
    f.start = kHeaderSize;
  } else if (rest == 1 && bytes[n - 1] == 0) {
    f.start = 0;  // Sony's .cdt files end with one 0x00 byte
  } else if (rest != 0) {
    throw InputError(source,
                     fmt::format("{} bytes is not a whole number of 18-byte packs (bare, with one trailing NUL, or "
                                 "after a 4-byte header): {} bytes left over",
                                 n, rest),
                     n - rest);
  }
  f.count = (n - f.start) / kPackSize;
  if (f.count == 0) throw InputError(source, "no CD-Text pack in the data", f.start);
  return f;
}

// Reassembles the strings of one pack type of one block from its packs, in the order read.
// A pack that follows the previous one of its type (sequence number + 1) continues its string;
// after a gap the pack's own header (track, character position) says where to resume, so one
// lost pack costs the strings it carried, not the rest of the type.
class TextStream {
 public:
  TextStream(uint8_t type, uint8_t block, bool double_byte, Problems& problems)
      : type_(type),
        block_(block),
        unit_(double_byte ? 2 : 1),
        tab_(is_per_track_type(type)),
        tab_string_(tab_string(double_byte)),
        problems_(problems) {}

  // Feeds one pack; `skip` payload bytes at its start are not text (the genre code).
  void feed(const Pack& p, bool contiguous, size_t skip) {
    last_offset_ = p.offset;
    if (!contiguous) {
      if (started_ && !cur_.empty())
        problems_.add(p.offset, "block {} type 0x{:02X}: text of track {} is cut off by a missing pack; dropped",
                      block_, type_, track_);
      track_ = p.track();
      cur_.clear();
      started_ = p.charpos() == 0;
      if (!started_)
        problems_.add(p.offset,
                      "block {} type 0x{:02X}: pack continues a string of track {} whose start is missing; "
                      "fragment dropped",
                      block_, type_, track_);
    } else if (started_) {
      const size_t chars = std::min<size_t>(cur_.size() / unit_, 15);
      if (p.track() != track_ || p.charpos() != chars)
        problems_.add(p.offset,
                      "block {} type 0x{:02X}: header says track {} character position {}, the strings before it "
                      "say track {} position {}",
                      block_, type_, p.track(), p.charpos(), track_, chars);
    }
    const uint8_t* data = p.payload();
    for (size_t i = skip; i + unit_ <= kPayload; i += unit_) {
      const bool terminator = data[i] == 0 && (unit_ == 1 || data[i + 1] == 0);
      if (terminator) {
        end_string(p.offset);
      } else if (started_) {
        cur_.append(reinterpret_cast<const char*>(data + i), unit_);
      }
    }
  }

  // Ends the stream: a last string without its NUL is kept (nothing of it was lost) and reported.
  void finish() {
    if (started_ && !cur_.empty()) {
      problems_.add(last_offset_, "block {} type 0x{:02X}: text of track {} has no terminating NUL; kept", block_,
                    type_, track_);
      store(track_, cur_, last_offset_);
    }
  }

  // Resolved strings by track, empty ones included (they matter for TAB resolution).
  [[nodiscard]] const std::map<int, std::string>& strings() const { return strings_; }

 private:
  void end_string(uint64_t offset) {
    if (started_) store(track_, cur_, offset);
    ++track_;
    cur_.clear();
    started_ = true;
  }

  void store(int track, std::string value, uint64_t offset) {
    if (track > kMaxTrack) {
      if (!value.empty())
        problems_.add(offset, "block {} type 0x{:02X}: text for track {} (> 99) dropped", block_, type_, track);
      return;
    }
    if (tab_ && value == tab_string_) {
      const auto previous = strings_.find(track - 1);
      if (track == 0 || previous == strings_.end()) {
        problems_.add(offset, "block {} type 0x{:02X}: TAB for track {} has no previous track text; dropped", block_,
                      type_, track);
        return;
      }
      value = previous->second;
    }
    const auto [it, inserted] = strings_.emplace(track, value);
    if (!inserted && it->second != value)
      problems_.add(offset, "block {} type 0x{:02X}: second, different text for track {}; first kept", block_, type_,
                    track);
  }

  uint8_t type_, block_;
  size_t unit_;
  bool tab_;
  std::string tab_string_;
  Problems& problems_;
  int track_ = 0;
  std::string cur_;
  bool started_ = false;
  uint64_t last_offset_ = 0;
  std::map<int, std::string> strings_;
};

// The 36-byte size-info record of one block, as far as its three packs were found.
struct SizeInfo {
  std::array<std::optional<std::array<uint8_t, kPayload>>, 3> part;
  std::array<uint64_t, 3> offset{};
  [[nodiscard]] uint8_t count(uint8_t type) const {  // needs parts 0 and 1
    const size_t i = 4 + (type - kTitle);
    return (*part[i / kPayload])[i % kPayload];
  }
  [[nodiscard]] std::optional<uint8_t> last_seq(uint8_t block) const {
    const size_t i = 20 + block;
    if (!part[i / kPayload]) return std::nullopt;
    return (*part[i / kPayload])[i % kPayload];
  }
  [[nodiscard]] std::optional<uint8_t> language(uint8_t block) const {
    if (!part[2]) return std::nullopt;
    return (*part[2])[4 + block];
  }
};

struct ParsedBlock {
  CdTextBlock model;
  std::vector<const Pack*> packs;  // valid, de-duplicated, input order
  SizeInfo size_info;
};

void decode_block(ParsedBlock& pb, Problems& problems) {
  CdTextBlock& b = pb.model;
  // The flag of the first text pack in the block's character code decides; packs that disagree
  // are reported once.
  const Pack* flag_source = pb.packs.front();
  for (const Pack* p : pb.packs)
    if (p->type() >= kTitle && p->type() <= kMessage) {
      flag_source = p;
      break;
    }
  b.double_byte = flag_source->double_byte();
  for (const Pack* p : pb.packs)
    if (p->double_byte() != b.double_byte) {
      problems.add(p->offset, "block {}: double-byte flag differs from the block's first text pack", b.block);
      break;
    }

  std::map<uint8_t, std::vector<const Pack*>> by_type;
  for (const Pack* p : pb.packs) by_type[p->type()].push_back(p);

  for (const auto& [type, packs] : by_type) {
    if (is_text_type(type)) {
      TextStream stream(type, b.block, is_double_byte(type, b.double_byte), problems);
      bool extension_reported = false;
      for (size_t i = 0; i < packs.size(); ++i) {
        const Pack& p = *packs[i];
        if ((p.bytes[1] & 0x80) && !extension_reported) {
          problems.add(p.offset, "block {} type 0x{:02X}: extension flag set; ignored", b.block, type);
          extension_reported = true;
        }
        const bool contiguous = i > 0 && p.seq() == static_cast<uint8_t>(packs[i - 1]->seq() + 1);
        size_t skip = 0;
        if (type == kGenre && i == 0) {
          b.binary[kGenre] = {p.payload()[0], p.payload()[1]};
          if (p.charpos() != 0)
            problems.add(p.offset, "block {}: first genre pack continues a string; its genre code may be text",
                         b.block);
          skip = 2;
        }
        stream.feed(p, contiguous, skip);
      }
      stream.finish();
      for (const auto& [track, value] : stream.strings())
        if (!value.empty()) b.text[{type, static_cast<uint8_t>(track)}] = value;
    } else if (is_binary_type(type)) {
      auto& data = b.binary[type];
      auto& tracks = b.binary_tracks[type];
      for (const Pack* p : packs) {
        data.insert(data.end(), p->payload(), p->payload() + kPayload);
        tracks.push_back(p->bytes[1]);
      }
    } else {  // size info
      for (const Pack* p : packs) {
        const uint8_t k = p->bytes[1];
        std::array<uint8_t, kPayload> payload{};
        std::copy_n(p->payload(), kPayload, payload.begin());
        if (k > 2) {
          problems.add(p->offset, "block {}: size-info pack number {} (not 0..2) ignored", b.block, k);
        } else if (!pb.size_info.part[k]) {
          pb.size_info.part[k] = payload;
          pb.size_info.offset[k] = p->offset;
        } else if (*pb.size_info.part[k] != payload) {
          problems.add(p->offset, "block {}: second, different size-info pack {}; first kept", b.block, k);
        }
      }
    }
  }
}

// Takes the block's fields from size info and reports where size info and packs disagree.
void apply_size_info(std::vector<ParsedBlock>& blocks, Problems& problems) {
  const SizeInfo* any_part2 = nullptr;
  for (const auto& pb : blocks)
    if (pb.size_info.part[2] && !any_part2) any_part2 = &pb.size_info;

  for (auto& pb : blocks) {
    CdTextBlock& b = pb.model;
    const SizeInfo& si = pb.size_info;
    const uint64_t where = pb.packs.front()->offset;
    if (const auto& p0 = si.part[0]) {
      b.character_code = (*p0)[0];
      b.first_track = (*p0)[1];
      b.last_track = (*p0)[2];
      b.copyright = (*p0)[3];
    } else {
      problems.add(where, "block {}: size-info pack 0 missing; character code, track range and copyright guessed",
                   b.block);
      b.character_code = b.double_byte ? 0x80 : 0x00;
      b.copyright = 0;
      int lo = 0, hi = 0;
      for (const auto& [key, value] : b.text)
        if (key.second > 0) {
          lo = lo == 0 ? key.second : std::min<int>(lo, key.second);
          hi = std::max<int>(hi, key.second);
        }
      b.first_track = static_cast<uint8_t>(lo == 0 ? 1 : lo);
      b.last_track = static_cast<uint8_t>(hi == 0 ? 1 : hi);
    }
    if (const auto own = si.language(b.block)) {
      b.language = *own;
    } else if (any_part2) {
      b.language = *any_part2->language(b.block);
    } else {
      b.language = 0x00;  // "unknown": nothing says otherwise
      problems.add(where, "block {}: no size-info pack 2 anywhere; language unknown", b.block);
    }

    if (si.part[0] && si.part[1]) {
      for (int t = kTitle; t <= kSizeInfo; ++t) {
        const auto type = static_cast<uint8_t>(t);
        const auto found =
            std::count_if(pb.packs.begin(), pb.packs.end(), [&](const Pack* p) { return p->type() == type; });
        if (si.count(type) != found)
          problems.add(si.offset[0], "block {}: size info counts {} packs of type 0x{:02X}, {} found", b.block,
                       si.count(type), type, found);
      }
    }
    if (const auto last = si.last_seq(b.block); last && *last != pb.packs.back()->seq())
      problems.add(si.offset[b.block < 4 ? 1 : 2], "block {}: size info says last sequence number {}, last pack has {}",
                   b.block, *last, pb.packs.back()->seq());
    for (const auto& other : blocks) {
      const auto listed = si.language(other.model.block);
      const auto own = other.size_info.language(other.model.block);
      if (listed && own && *listed != *own)
        problems.add(si.offset[2], "block {}: size info gives block {} language 0x{:02X}, its own says 0x{:02X}",
                     b.block, other.model.block, *listed, *own);
    }
    for (uint8_t k = 0; k < kMaxBlocks; ++k) {
      const bool present =
          std::any_of(blocks.begin(), blocks.end(), [&](const ParsedBlock& o) { return o.model.block == k; });
      const auto language = si.language(k);
      const auto last = si.last_seq(k);
      if (!present && ((language && *language != 0) || (last && *last != 0)))
        problems.add(si.offset[2], "block {}: size info lists block {}, which has no packs", b.block, k);
    }
  }
}

}  // namespace

bool cdtext_pack_crc_ok(const CdTextPack& pack) {
  const uint16_t crc = crc16_gsm(std::span<const uint8_t>(pack.data(), 16));
  return pack[16] == (crc >> 8) && pack[17] == (crc & 0xFF);
}

void cdtext_set_crc(CdTextPack& pack) {
  const uint16_t crc = crc16_gsm(std::span<const uint8_t>(pack.data(), 16));
  pack[16] = static_cast<uint8_t>(crc >> 8);
  pack[17] = static_cast<uint8_t>(crc & 0xFF);
}

CdText parse_cdtext(std::span<const uint8_t> bytes, const std::string& source, CdTextParseReport* report_out) {
  CdTextParseReport local;
  CdTextParseReport& report = report_out ? *report_out : local;
  report = {};
  Problems problems(report);
  const Framing framing = frame_input(bytes, source, report);

  std::vector<Pack> all(framing.count);
  bool all_crc_zero = true, any_crc_ok = false;
  for (size_t i = 0; i < framing.count; ++i) {
    Pack& p = all[i];
    p.offset = framing.start + i * kPackSize;
    p.index = i;
    std::copy_n(bytes.begin() + static_cast<std::ptrdiff_t>(p.offset), kPackSize, p.bytes.begin());
    all_crc_zero = all_crc_zero && p.bytes[16] == 0 && p.bytes[17] == 0;
    any_crc_ok = any_crc_ok || cdtext_pack_crc_ok(p.bytes);
  }
  report.packs = all.size();
  const bool unchecked = all_crc_zero && !any_crc_ok;
  if (unchecked) problems.add(framing.start, "every pack has CRC 0000 (not given by the drive); packs taken unchecked");

  // Valid packs by block, in input order; a pack repeating an earlier one (same block, sequence
  // number and content, as lead-in cycling gives) is read once.
  std::array<std::vector<const Pack*>, kMaxBlocks> by_block;
  std::map<std::pair<uint8_t, uint8_t>, const Pack*> first_with_seq;
  std::vector<size_t> bad_before(all.size() + 1, 0);
  size_t repeats = 0;
  uint64_t first_repeat = 0;
  for (const Pack& p : all) {
    const bool crc_ok = unchecked || cdtext_pack_crc_ok(p.bytes);
    bad_before[p.index + 1] = bad_before[p.index] + (crc_ok ? 0 : 1);
    if (!crc_ok) {
      ++report.crc_errors;
      problems.add(p.offset, "pack CRC is wrong; pack skipped");
      continue;
    }
    if (p.type() < kTitle || p.type() > kSizeInfo) {
      problems.add(p.offset, "pack type 0x{:02X} is not CD-Text; pack skipped", p.type());
      continue;
    }
    const auto [it, inserted] = first_with_seq.emplace(std::pair{p.block(), p.seq()}, &p);
    if (!inserted) {
      if (it->second->bytes == p.bytes) {
        if (repeats++ == 0) first_repeat = p.offset;
        continue;
      }
      problems.add(p.offset, "block {}: sequence number {} also used by the different pack at offset {}", p.block(),
                   p.seq(), it->second->offset);
    }
    by_block[p.block()].push_back(&p);
  }
  if (repeats > 0)
    problems.add(first_repeat, "{} packs repeat earlier ones (same block, sequence number and content); read once",
                 repeats);

  std::vector<ParsedBlock> blocks;
  for (uint8_t k = 0; k < kMaxBlocks; ++k) {
    if (by_block[k].empty()) continue;
    ParsedBlock pb;
    pb.model.block = k;
    pb.packs = by_block[k];
    for (size_t i = 1; i < pb.packs.size(); ++i) {
      const Pack& a = *pb.packs[i - 1];
      const Pack& b = *pb.packs[i];
      const bool crc_skipped_between = bad_before[b.index] != bad_before[a.index + 1];
      if (b.seq() != static_cast<uint8_t>(a.seq() + 1) && !crc_skipped_between)
        problems.add(b.offset, "block {}: sequence number jumps from {} to {}", k, a.seq(), b.seq());
    }
    blocks.push_back(std::move(pb));
  }
  if (blocks.empty())
    throw InputError(source,
                     fmt::format("none of the {} packs is a valid CD-Text pack ({} with a wrong CRC)", report.packs,
                                 report.crc_errors),
                     framing.start);

  for (auto& pb : blocks) decode_block(pb, problems);
  apply_size_info(blocks, problems);

  CdText out;
  for (auto& pb : blocks) out.blocks.push_back(std::move(pb.model));
  return out;
}

}  // namespace dw

// CD-Text building: model -> packs (build_cdtext_packs), as libburn and Sony's examples lay them
// out. docs/cdtext.md says what is produced.
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
// Building

// Fills the packs of one block: bytes go in one after another, each carrying the track and
// character position its pack header takes when it is the first byte of a pack.
class PackWriter {
 public:
  PackWriter(uint8_t block, bool double_byte)
      : flags_(static_cast<uint8_t>((double_byte ? 0x80 : 0x00) | block << 4)) {}

  void put(uint8_t type, uint8_t byte, uint8_t track, size_t charpos) {
    if (fill_ == kPayload || type != type_) close();
    if (fill_ == 0 && !open_) {
      CdTextPack p{};
      p[0] = type;
      p[1] = track;
      p[3] = static_cast<uint8_t>(flags_ | std::min<size_t>(charpos, 15));
      packs_.push_back(p);
      type_ = type;
      open_ = true;
    }
    packs_.back()[4 + fill_++] = byte;
  }

  // Ends the current pack (the rest of its payload stays 0): each type starts a new pack.
  void close() {
    fill_ = 0;
    open_ = false;
  }

  void put_pack(uint8_t type, uint8_t track, std::span<const uint8_t> payload) {
    close();
    CdTextPack p{};
    p[0] = type;
    p[1] = track;
    p[3] = flags_;
    std::copy(payload.begin(), payload.end(), p.begin() + 4);
    packs_.push_back(p);
  }

  std::vector<CdTextPack>& packs() { return packs_; }

 private:
  uint8_t flags_;
  uint8_t type_ = 0;
  size_t fill_ = 0;
  bool open_ = false;
  std::vector<CdTextPack> packs_;
};

void check_text(const CdTextBlock& b, uint8_t type, int track, const std::string& value) {
  const auto where = [&] { return fmt::format("CD-Text block {} type 0x{:02X} track {}", b.block, type, track); };
  if (!is_text_type(type)) throw ModelError(fmt::format("{}: type 0x{:02X} holds no text", where(), type));
  if (track > kMaxTrack) throw ModelError(fmt::format("{}: tracks go up to 99", where()));
  const bool db = is_double_byte(type, b.double_byte);
  if (is_per_track_type(type) && value == tab_string(db))
    throw ModelError(fmt::format("{}: a text of TAB alone means \"same as previous track\"", where()));
  if (!db) {
    if (value.find('\0') != std::string::npos) throw ModelError(fmt::format("{}: text contains NUL", where()));
    return;
  }
  if (value.size() % 2 != 0) throw ModelError(fmt::format("{}: double-byte text of odd length", where()));
  for (size_t i = 0; i < value.size(); i += 2)
    if (value[i] == 0 && value[i + 1] == 0)
      throw ModelError(fmt::format("{}: double-byte text contains a 00 00 character", where()));
}

void write_text_type(const CdTextBlock& b, uint8_t type, PackWriter& w) {
  std::map<int, const std::string*> values;
  for (auto it = b.text.lower_bound({type, 0}); it != b.text.end() && it->first.first == type; ++it)
    if (!it->second.empty()) values[it->first.second] = &it->second;
  const auto code = b.binary.find(kGenre);
  if (values.empty() && !(type == kGenre && code != b.binary.end())) return;

  const bool db = is_double_byte(type, b.double_byte);
  const size_t unit = db ? 2 : 1;
  int last = values.empty() ? 0 : values.rbegin()->first;
  if (is_per_track_type(type) && b.first_track <= b.last_track)
    last = std::max(last, std::min<int>(b.last_track, kMaxTrack));

  if (type == kGenre) {
    const std::vector<uint8_t> genre = code != b.binary.end() ? code->second : std::vector<uint8_t>{0, 0};
    for (uint8_t byte : genre) w.put(type, byte, 0, 0);
  }
  const std::string tab = tab_string(db);
  for (int track = 0; track <= last; ++track) {
    const auto it = values.find(track);
    const std::string* value = it != values.end() ? it->second : nullptr;
    if (value && is_per_track_type(type) && track >= 2) {
      const auto previous = values.find(track - 1);
      if (previous != values.end() && *previous->second == *value) value = &tab;
    }
    const std::string empty;
    const std::string& s = value ? *value : empty;
    const auto t = static_cast<uint8_t>(track);
    for (size_t i = 0; i < s.size(); ++i) w.put(type, static_cast<uint8_t>(s[i]), t, i / unit);
    for (size_t i = 0; i < unit; ++i) w.put(type, 0, t, s.size() / unit);
  }
  w.close();
}

void write_binary_type(const CdTextBlock& b, uint8_t type, PackWriter& w) {
  const auto data = b.binary.find(type);
  const auto tracks = b.binary_tracks.find(type);
  if (data == b.binary.end()) return;
  const std::vector<uint8_t>& bytes = data->second;
  const size_t count = bytes.size() / kPayload;
  if (tracks != b.binary_tracks.end() && tracks->second.size() != count)
    throw ModelError(fmt::format("CD-Text block {} type 0x{:02X}: {} track bytes for {} packs", b.block, type,
                                 tracks->second.size(), count));
  for (size_t k = 0; k < count; ++k) {
    uint8_t track = 0;
    if (tracks != b.binary_tracks.end()) {
      track = tracks->second[k];
    } else if (type == kToc && k > 0) {
      // Sony's layout: pack 0 has first/last track and lead-out, then four track starts per pack.
      track = static_cast<uint8_t>(bytes[0] + 4 * (k - 1));
    }
    w.put_pack(type, track, std::span<const uint8_t>(bytes).subspan(k * kPayload, kPayload));
  }
}

void check_binary(const CdTextBlock& b) {
  for (const auto& [type, bytes] : b.binary) {
    if (type == kGenre) {
      if (bytes.size() != 2)
        throw ModelError(fmt::format("CD-Text block {}: genre code has {} bytes, not 2", b.block, bytes.size()));
    } else if (!is_binary_type(type)) {
      throw ModelError(fmt::format("CD-Text block {}: type 0x{:02X} holds no binary item", b.block, type));
    } else if (bytes.size() % kPayload != 0) {
      throw ModelError(fmt::format("CD-Text block {} type 0x{:02X}: {} bytes is not whole 12-byte packs", b.block, type,
                                   bytes.size()));
    }
  }
  for (const auto& [type, tracks] : b.binary_tracks)
    if (!is_binary_type(type) || !b.binary.count(type))
      throw ModelError(
          fmt::format("CD-Text block {}: track bytes for type 0x{:02X} without its binary item", b.block, type));
}

// The packs of one block without the size info (which needs every block's counts).
std::vector<CdTextPack> build_block_body(const CdTextBlock& b) {
  check_binary(b);
  for (const auto& [key, value] : b.text) check_text(b, key.first, key.second, value);
  PackWriter w(b.block, b.double_byte);
  for (int t = kTitle; t < kSizeInfo; ++t) {
    const auto type = static_cast<uint8_t>(t);
    if (is_text_type(type)) {
      write_text_type(b, type, w);
    } else {
      write_binary_type(b, type, w);
    }
  }
  return std::move(w.packs());
}

}  // namespace

std::vector<CdTextPack> build_cdtext_packs(const CdText& cdtext) {
  std::vector<const CdTextBlock*> order;
  for (const auto& b : cdtext.blocks) {
    if (b.block >= kMaxBlocks) throw ModelError(fmt::format("CD-Text block number {} is > 7", b.block));
    order.push_back(&b);
  }
  std::sort(order.begin(), order.end(), [](const CdTextBlock* a, const CdTextBlock* b) { return a->block < b->block; });
  for (size_t i = 1; i < order.size(); ++i)
    if (order[i]->block == order[i - 1]->block)
      throw ModelError(fmt::format("CD-Text block {} appears twice", order[i]->block));

  std::vector<std::vector<CdTextPack>> bodies;
  std::array<uint8_t, kMaxBlocks> last_seq{}, language{};
  for (const CdTextBlock* b : order) {
    bodies.push_back(build_block_body(*b));
    const size_t total = bodies.back().size() + 3;
    if (total > kMaxPacksPerBlock)
      throw ModelError(
          fmt::format("CD-Text block {} needs {} packs; at most 256 packs fit in a block", b->block, total));
    last_seq[b->block] = static_cast<uint8_t>(total - 1);
    language[b->block] = b->language;
  }

  std::vector<CdTextPack> out;
  for (size_t i = 0; i < order.size(); ++i) {
    const CdTextBlock& b = *order[i];
    std::vector<CdTextPack>& packs = bodies[i];
    std::array<uint8_t, 3 * kPayload> record{};
    record[0] = b.character_code;
    record[1] = b.first_track;
    record[2] = b.last_track;
    record[3] = b.copyright;
    for (const CdTextPack& p : packs) ++record[4 + (p[0] - kTitle)];
    record[4 + (kSizeInfo - kTitle)] = 3;
    std::copy(last_seq.begin(), last_seq.end(), record.begin() + 20);
    std::copy(language.begin(), language.end(), record.begin() + 28);
    PackWriter w(b.block, b.double_byte);
    for (uint8_t k = 0; k < 3; ++k)
      w.put_pack(kSizeInfo, k, std::span<const uint8_t>(record).subspan(k * kPayload, kPayload));
    packs.insert(packs.end(), w.packs().begin(), w.packs().end());
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
  for (const CdTextPack& p : packs) out.insert(out.end(), p.begin(), p.end());
  return out;
}

}  // namespace dw

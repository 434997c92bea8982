// CD-Text packs from the lead-in's R-W subchannel: the inverse of what a recorder (and our
// subchannel synthesis) puts there. Layout: reference/cd-physical.md, "CD-Text".
#include <algorithm>
#include <map>

#include "disc/cdtext.hpp"

namespace dw {

namespace {

constexpr size_t kRawSubchannel = 96;
constexpr size_t kSymbolsPerPack = 24;
constexpr size_t kPacksPerSector = 4;

// Pack `p` of a sector: its 24 six-bit symbols (bits 5..0 of 24 consecutive bytes), MSB first,
// concatenated into 144 bits = 18 bytes.
CdTextPack pack_of(const uint8_t* sector, size_t p) {
  CdTextPack pack{};
  uint32_t acc = 0;
  int bits = 0;
  size_t out = 0;
  for (size_t s = 0; s < kSymbolsPerPack; ++s) {
    acc = acc << 6 | (sector[p * kSymbolsPerPack + s] & 0x3Fu);
    bits += 6;
    while (bits >= 8) {
      bits -= 8;
      pack[out++] = static_cast<uint8_t>(acc >> bits);
    }
  }
  return pack;
}

}  // namespace

std::vector<CdTextPack> cdtext_packs_from_rw(std::span<const uint8_t> sub, CdTextRwReport* report) {
  CdTextRwReport r;
  // (block, sequence number) -> pack; std::map keeps them in that order.
  std::map<std::pair<uint8_t, uint8_t>, CdTextPack> found;
  for (size_t at = 0; at + kRawSubchannel <= sub.size(); at += kRawSubchannel) {
    ++r.sectors;
    for (size_t p = 0; p < kPacksPerSector; ++p) {
      const CdTextPack pack = pack_of(sub.data() + at, p);
      ++r.packs;
      if (pack[0] < 0x80 || pack[0] > 0x8F) continue;
      if (!cdtext_pack_crc_ok(pack)) {
        ++r.crc_errors;
        continue;
      }
      const auto key = std::make_pair(static_cast<uint8_t>((pack[3] >> 4) & 0x07), pack[2]);
      if (!found.emplace(key, pack).second) ++r.repeats;
    }
  }
  std::vector<CdTextPack> out;
  out.reserve(found.size());
  for (const auto& [key, pack] : found) out.push_back(pack);
  if (report) *report = r;
  return out;
}

}  // namespace dw

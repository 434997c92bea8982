// Sector classifier, verifier and checked descrambler on any bytes: never crash, and a
// rejected descramble leaves the bytes as they were.
#include <array>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <vector>

#include "disc/scrambler.hpp"
#include "disc/sector.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::array<uint8_t, dw::layout::kSector> s{};
  std::memcpy(s.data(), data, std::min(size, s.size()));
  dw::Lba lba = 0;
  if (size >= 4) std::memcpy(&lba, data + size - 4, 4);
  (void)dw::classify_sector(s);
  for (int k = -1; k < 6; ++k) {
    std::optional<dw::SectorKind> kind;
    if (k >= 0) kind = static_cast<dw::SectorKind>(k);
    const auto check = dw::verify_sector(s, lba, kind);
    if (check.faults.describe().empty()) std::abort();
  }
  std::vector<uint8_t> copy(data, data + std::min<size_t>(size, 4000));
  const auto original = copy;
  const auto verdict = dw::descramble_checked(copy, size % 2 ? std::optional<dw::Lba>(lba) : std::nullopt);
  if (!dw::accepted(verdict) && copy != original) std::abort();
  return 0;
}

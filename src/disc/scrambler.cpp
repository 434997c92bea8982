#include "disc/scrambler.hpp"

#include <algorithm>
#include <cstring>

#include "disc/sector_layout.hpp"

namespace dw {

namespace {
std::array<uint8_t, 2352> make_table() {
  std::array<uint8_t, 2352> t{};
  uint16_t sr = 1;
  for (size_t i = layout::kSyncSize; i < t.size(); ++i) {
    t[i] = static_cast<uint8_t>(sr);
    for (int b = 0; b < 8; ++b) {
      const uint16_t carry = (sr ^ (sr >> 1)) & 1;
      sr = static_cast<uint16_t>(((carry << 15) | sr) >> 1);
    }
  }
  return t;
}
const std::array<uint8_t, 2352> kTable = make_table();

constexpr uint8_t kSync[12] = {0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x00};
}  // namespace

const std::array<uint8_t, 2352>& scramble_table() { return kTable; }

void scramble(std::span<uint8_t> data, size_t offset) {
  uint8_t* p = data.data();
  const uint8_t* t = kTable.data() + offset;
  size_t n = std::min(data.size(), kTable.size() - std::min(offset, kTable.size()));
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t a, b;
    std::memcpy(&a, p + i, 8);
    std::memcpy(&b, t + i, 8);
    a ^= b;
    std::memcpy(p + i, &a, 8);
  }
  for (; i < n; ++i) p[i] ^= t[i];
}

DescrambleVerdict descramble_checked(std::span<uint8_t> data, std::optional<Lba> expected_lba) {
  if (data.size() < layout::kSyncSize + layout::kHeaderSize) return DescrambleVerdict::TooShort;
  if (std::all_of(data.begin(), data.end(), [](uint8_t b) { return b == 0; })) return DescrambleVerdict::AllZero;
  const auto n = std::min(data.size(), kTable.size());
  std::span<uint8_t> sector = data.first(n);
  scramble(sector);
  const BcdMsf msf{Bcd::raw(sector[12]), Bcd::raw(sector[13]), Bcd::raw(sector[14])};
  const uint8_t mode = sector[layout::kModeOffset];
  DescrambleVerdict verdict;
  if (expected_lba && bcd_msf_to_lba(msf) == *expected_lba) {
    verdict = DescrambleVerdict::MsfMatches;
  } else if (std::memcmp(sector.data(), kSync, sizeof kSync) != 0) {
    verdict = DescrambleVerdict::BadSync;
  } else if (mode == 0) {
    const bool zero = std::all_of(sector.begin() + 16, sector.end(), [](uint8_t b) { return b == 0; });
    verdict = zero ? DescrambleVerdict::SyncAndMode : DescrambleVerdict::Mode0NotZero;
  } else if (mode == 1 || mode == 2) {
    verdict = DescrambleVerdict::SyncAndMode;
  } else {
    verdict = DescrambleVerdict::InvalidMode;
  }
  if (!accepted(verdict)) scramble(sector);  // give the bytes back as they were
  return verdict;
}

const char* to_string(DescrambleVerdict v) {
  switch (v) {
    case DescrambleVerdict::MsfMatches: return "header MSF matches the expected LBA";
    case DescrambleVerdict::SyncAndMode: return "sync valid and mode plausible";
    case DescrambleVerdict::TooShort: return "fewer than 16 bytes";
    case DescrambleVerdict::AllZero: return "all bytes are zero";
    case DescrambleVerdict::BadSync: return "no sync and the MSF does not match";
    case DescrambleVerdict::Mode0NotZero: return "mode 0 with non-zero data";
    case DescrambleVerdict::InvalidMode: return "mode is not 0, 1 or 2";
  }
  return "?";
}

}  // namespace dw

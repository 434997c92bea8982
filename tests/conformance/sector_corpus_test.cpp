// Sectors written by other tools: genisoimage/cdrdao (isofs-m1.bin), Nero (videocd.nrg) and the
// redumper scrambled samples; expected results from reference/cd-physical.md and the file names.
#include <gtest/gtest.h>

#include <random>

#include "disc/scrambler.hpp"
#include "disc/sector.hpp"
#include "support/corpus.hpp"

namespace dw {
namespace {

using Sector = std::array<uint8_t, layout::kSector>;

Sector sector_at(const std::vector<uint8_t>& bytes, size_t i) {
  Sector s;
  std::copy_n(bytes.begin() + static_cast<std::ptrdiff_t>(i * layout::kSector), layout::kSector, s.begin());
  return s;
}

TEST(SectorCorpus, IsofsM1EverySectorVerifiesAndReencodes) {
  DW_REQUIRE_CORPUS_FILE(path, "libcdio/test/data/isofs-m1.bin");
  const auto bytes = test::read_file(path);
  ASSERT_EQ(bytes.size(), 302 * layout::kSector);
  for (size_t i = 0; i < 302; ++i) {
    const Sector s = sector_at(bytes, i);
    const auto check = verify_sector(s, static_cast<Lba>(i), SectorKind::Mode1);
    ASSERT_TRUE(check.faults.ok()) << "sector " << i << ": " << check.faults.describe();
    EXPECT_EQ(classify_sector(s), SectorClass::Mode1);
    Sector again;
    encode_sector(SectorKind::Mode1, static_cast<Lba>(i), std::span<const uint8_t>(s.data() + 16, 2048), again);
    ASSERT_EQ(again, s) << "sector " << i;
  }
}

// Every single-byte change in every field of every sector is detected, and named exactly.
TEST(SectorCorpus, IsofsM1FlippedBytesAreNamed) {
  DW_REQUIRE_CORPUS_FILE(path, "libcdio/test/data/isofs-m1.bin");
  const auto bytes = test::read_file(path);
  using F = SectorFaults;
  struct Field {
    size_t from, to;
    uint16_t faults;
    const char* name;
  };
  const Field fields[] = {
      {0, 12, F::kSync | F::kEdc, "sync"},
      {16, 2064, F::kEdc | F::kEccP | F::kEccQ, "user data"},
      {2064, 2068, F::kEdc | F::kEccP | F::kEccQ, "EDC"},  // P and Q cover bytes 12..2075
      {2068, 2076, F::kReservedNotZero | F::kEccP | F::kEccQ, "reserved"},
      {2076, 2248, F::kEccP, "ECC P"},
      {2248, 2352, F::kEccQ, "ECC Q"},
  };
  std::mt19937 rng(302);
  auto flip_and_check = [&](Sector s, Lba lba, size_t pos) {
    const uint8_t delta = static_cast<uint8_t>(1 + rng() % 255);
    s[pos] ^= delta;
    const auto faults = verify_sector(s, lba, SectorKind::Mode1).faults;
    if (pos >= 12 && pos < 15) {
      // Header MSF: either not BCD, or another address; EDC and both ECCs cover it.
      const uint16_t rest = F::kEdc | F::kEccP | F::kEccQ;
      ASSERT_TRUE(faults.bits == (rest | F::kHeaderBcd) || faults.bits == (rest | F::kHeaderAddress))
          << "LBA " << lba << " byte " << pos << ": " << faults.describe();
    } else if (pos == 15) {
      // Mode byte: no longer Mode 1 (and invalid when > 2).
      const uint16_t base = F::kUnexpectedKind | F::kEdc | F::kEccP | F::kEccQ;
      ASSERT_TRUE(faults.bits == base || faults.bits == (base | F::kMode))
          << "LBA " << lba << " byte 15: " << faults.describe();
    } else {
      for (const auto& f : fields) {
        if (pos >= f.from && pos < f.to) {
          ASSERT_EQ(faults.bits, f.faults)
              << f.name << " byte " << pos << " of LBA " << lba << ": " << faults.describe();
        }
      }
    }
  };
  for (size_t i = 0; i < 302; ++i) {
    const Sector s = sector_at(bytes, i);
    for (const auto& f : fields) flip_and_check(s, static_cast<Lba>(i), f.from + rng() % (f.to - f.from));
    flip_and_check(s, static_cast<Lba>(i), 12 + rng() % 3);
    flip_and_check(s, static_cast<Lba>(i), 15);
  }
  // Full sweep over every byte position of three sectors (system area, PVD, last).
  for (size_t i : {0u, 16u, 301u}) {
    const Sector s = sector_at(bytes, i);
    for (size_t pos = 0; pos < layout::kSector; ++pos) flip_and_check(s, static_cast<Lba>(i), pos);
  }
}

uint32_t be32(const std::vector<uint8_t>& b, size_t at) {
  return uint32_t{b[at]} << 24 | uint32_t{b[at + 1]} << 16 | uint32_t{b[at + 2]} << 8 | b[at + 3];
}

// videocd.nrg (Nero v1, TAO): five Mode 2 tracks stored as 2336-byte sectors (ETNF mode 3).
// reference/cd-physical.md: 226 Form 1 sectors (EDC + ECC) and 900 Form 2 sectors with valid EDC.
TEST(SectorCorpus, VideoCdForm1AndForm2) {
  DW_REQUIRE_CORPUS_FILE(path, "libcdio/test/data/videocd.nrg");
  const auto bytes = test::read_file(path);
  ASSERT_EQ(std::string(bytes.end() - 8, bytes.end() - 4), "NERO");
  size_t chunk = be32(bytes, bytes.size() - 4);
  ASSERT_EQ(std::string(bytes.begin() + static_cast<std::ptrdiff_t>(chunk),
                        bytes.begin() + static_cast<std::ptrdiff_t>(chunk) + 4),
            "ETNF");
  const size_t entries = be32(bytes, chunk + 4) / 20;
  ASSERT_EQ(entries, 5u);
  int form1 = 0, form2 = 0;
  for (size_t e = 0; e < entries; ++e) {
    const size_t at = chunk + 8 + 20 * e;
    const size_t offset = be32(bytes, at), size = be32(bytes, at + 4), mode = be32(bytes, at + 8);
    const Lba lba = static_cast<Lba>(be32(bytes, at + 12));
    ASSERT_EQ(mode, 3u);
    ASSERT_EQ(size % layout::kMode2, 0u);
    for (size_t i = 0; i < size / layout::kMode2; ++i) {
      Sector s{};
      std::vector<uint8_t> body(bytes.begin() + static_cast<std::ptrdiff_t>(offset + i * layout::kMode2),
                                bytes.begin() + static_cast<std::ptrdiff_t>(offset + (i + 1) * layout::kMode2));
      encode_sector(SectorKind::Mode2Formless, lba + static_cast<Lba>(i), body, s);  // adds sync + header
      const auto check = verify_sector(s, lba + static_cast<Lba>(i));
      ASSERT_TRUE(check.faults.ok()) << "track " << e + 1 << " sector " << i << ": " << check.faults.describe();
      if (check.kind == SectorKind::Mode2Form1) ++form1;
      if (check.kind == SectorKind::Mode2Form2) {
        ++form2;
        EXPECT_NE(s[2348] | s[2349] | s[2350] | s[2351], 0) << "Form 2 EDC present";
      }
      EXPECT_EQ(
          static_cast<int>(classify_sector(s)),
          static_cast<int>(check.kind == SectorKind::Mode2Form1 ? SectorClass::Mode2Form1 : SectorClass::Mode2Form2));
    }
  }
  EXPECT_EQ(form1, 226);
  EXPECT_EQ(form2, 900);
}

// redumper's samples: NN_desc.<lba|null>.<pass|fail>.
TEST(SectorCorpus, RedumperUnscrambleSamples) {
  const auto dir = test::corpus_file("redumper/tests/unscramble");
  if (dir.empty()) GTEST_SKIP() << "redumper samples not found (../shared/corpus absent)";
  int count = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    const auto last = name.rfind('.'), mid = name.rfind('.', last - 1);
    const std::string lba_text = name.substr(mid + 1, last - mid - 1), verdict = name.substr(last + 1);
    std::optional<Lba> lba;
    if (lba_text != "null") lba = std::stoi(lba_text);
    auto data = test::read_file(entry.path());
    const auto original = data;
    const DescrambleVerdict v = descramble_checked(data, lba);
    EXPECT_EQ(accepted(v), verdict == "pass") << name << ": " << to_string(v);
    if (!accepted(v)) {
      EXPECT_EQ(data, original) << name << ": a rejected sector must be left as it was";
    }
    ++count;
  }
  EXPECT_EQ(count, 46);
}

}  // namespace
}  // namespace dw

// ISO images: cooked (Mode 1, CD-XA Form 1, DVD size) and raw ISOs, checked against corpus bytes
// (isofs-m1.bin is 302 raw Mode 1 sectors from LBA 0) and ECMA-119's CD-XA mark.
#include "formats/iso_reader.hpp"

#include <gtest/gtest.h>

#include <cstring>
#include <fstream>

#include "disc/error.hpp"
#include "disc/sector.hpp"
#include "support/corpus.hpp"

namespace dw {
namespace {

namespace fs = std::filesystem;

fs::path write_temp(const std::string& name, const std::vector<uint8_t>& bytes) {
  const fs::path p = fs::temp_directory_path() / (std::to_string(::getpid()) + "-" + name);
  std::ofstream(p, std::ios::binary).write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size()));
  return p;
}

TEST(IsoReader, CookedAndRawIsoGiveTheCorpusSectors) {
  DW_REQUIRE_CORPUS_FILE(bin, "libcdio/test/data/isofs-m1.bin");
  const auto raw = test::read_file(bin);
  std::vector<uint8_t> cooked;
  for (size_t i = 0; i < 302; ++i)
    cooked.insert(cooked.end(), raw.begin() + i * 2352 + 16, raw.begin() + i * 2352 + 2064);
  const fs::path iso = write_temp("cooked.iso", cooked), raw_iso = write_temp("raw.iso", raw);
  for (const fs::path& p : {iso, raw_iso}) {
    Image image = read_iso(p);
    EXPECT_EQ(image.format, "iso");
    const Disc& d = image.disc();
    ASSERT_EQ(d.track_count(), 1u);
    EXPECT_EQ(d.find_track(1)->mode, TrackMode::Mode1);
    EXPECT_EQ(d.leadout(), 302);
    std::vector<uint8_t> main(302 * 2352);
    image.source->read(0, 302, main, {}, {});
    EXPECT_EQ(main, raw) << p;
  }
  EXPECT_EQ(read_iso(raw_iso).notes.front(), "a \"raw ISO\": 2352-byte sectors as read from a disc");
  fs::remove(iso);
  fs::remove(raw_iso);
}

TEST(IsoReader, CdXaVolumeIsMode2Form1) {
  std::vector<uint8_t> cooked(20 * 2048);
  std::memcpy(cooked.data() + 16 * 2048,
              "\x01"
              "CD001\x01",
              7);
  std::memcpy(cooked.data() + 16 * 2048 + 1024, "CD-XA001", 8);
  const fs::path p = write_temp("xa.iso", cooked);
  Image image = read_iso(p);
  EXPECT_EQ(image.disc().find_track(1)->mode, TrackMode::Mode2Xa);
  EXPECT_EQ(image.disc().sessions[0].type, DiscType::CdRomXa);
  std::vector<uint8_t> s(2352);
  image.source->read(16, 1, s, {}, {});
  const SectorCheck c = verify_sector(std::span<const uint8_t, 2352>(s.data(), 2352), 16);
  EXPECT_EQ(c.kind, SectorKind::Mode2Form1);
  EXPECT_TRUE(c.faults.ok());
  EXPECT_EQ(std::memcmp(s.data() + 24,
                        "\x01"
                        "CD001",
                        6),
            0);
  fs::remove(p);
}

TEST(IsoReader, SizesThatAreNoIso) {
  const fs::path odd = write_temp("odd.iso", std::vector<uint8_t>(3000)), empty = write_temp("empty.iso", {});
  try {
    read_iso(odd);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.problem(),
              "is 3000 bytes: not a whole number of 2048-byte sectors (and not raw 2352/2448-byte sectors)");
  }
  EXPECT_THROW(read_iso(empty), InputError);
  EXPECT_THROW(read_iso("/nonexistent/x.iso"), InputError);
  fs::remove(odd);
  fs::remove(empty);
}

TEST(IsoReader, DvdSizedImagesAreDvdMedia) {
  // A sparse 1 GB file: more sectors than any CD holds.
  const fs::path p = fs::temp_directory_path() / (std::to_string(::getpid()) + "-dvd.iso");
  { std::ofstream(p, std::ios::binary); }
  fs::resize_file(p, uint64_t(500000) * 2048);
  Image image = read_iso(p);
  EXPECT_EQ(image.disc().media, MediaKind::Dvd);
  EXPECT_EQ(image.disc().leadout(), 500000);
  // The last sector reads back as its user data at the Mode 1 data offset; no subchannel.
  std::vector<uint8_t> main(2352, 0xAA), sub(96, 0xAA);
  image.source->read(499999, 1, main, sub, {});
  EXPECT_TRUE(std::all_of(main.begin(), main.end(), [](uint8_t b) { return b == 0; }));
  EXPECT_TRUE(std::all_of(sub.begin(), sub.end(), [](uint8_t b) { return b == 0; }));
  fs::remove(p);
}

}  // namespace
}  // namespace dw

// ISO images: cooked (Mode 1, CD-XA Form 1, DVD size) and raw ISOs, checked against corpus bytes
// (isofs-m1.bin is 302 raw Mode 1 sectors from LBA 0) and ECMA-119's CD-XA mark.
#include "formats/iso_reader.hpp"

#include <gtest/gtest.h>

#include <array>
#include <cstring>
#include <fstream>

#include "disc/error.hpp"
#include "disc/sector.hpp"
#include "formats/image_file.hpp"
#include "support/corpus.hpp"
#include "support/temp_dir.hpp"

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

// What a file that is no ISO looks like instead, from detect_iso_layout alone.
std::string layout_error(const std::vector<uint8_t>& head, uint64_t size) {
  try {
    detect_iso_layout(head, size, "x.bin");
  } catch (const InputError& e) {
    return e.problem();
  }
  return "(accepted)";
}

TEST(IsoReader, RawAudioAndCutShortRawSectorsAreNamed) {
  // 600 * 2352 = 1411200 bytes of audio (no sync): not 2048-byte sectors (1411200 / 2048 = 689.06).
  EXPECT_EQ(layout_error(std::vector<uint8_t>(4 * 2352, 0x11), 1411200),
            "holds 600 whole 2352-byte sectors without a CD sync pattern: raw CD audio (or data stored without sector "
            "headers), not an ISO; it needs the sheet (.cue or .toc) that describes its tracks");
  // A sync pattern, then 10000 bytes: 4 sectors of 2352 and 592 bytes; not 2448-byte sectors either.
  std::vector<uint8_t> synced(10000, 0);
  write_sync(std::span<uint8_t, 2352>(synced.data(), 2352));
  EXPECT_EQ(layout_error(synced, 10000),
            "is 10000 bytes: it starts with a CD sync pattern, but is not a whole number of raw 2352-byte or "
            "2448-byte sectors (cut short?)");
}

TEST(IsoReader, TrackFilesListedInASheetPointAtIt) {
  test::TempDir dir;
  std::vector<uint8_t> raw(3 * 2352, 0);
  for (Lba l = 0; l < 3; ++l) {
    const std::array<uint8_t, 2048> user{};
    encode_sector(SectorKind::Mode1, l, user, std::span<uint8_t, 2352>(raw.data() + size_t(l) * 2352, 2352));
  }
  const auto data = dir.write("d (Track 1).bin", raw);
  const auto audio = dir.write("d (Track 2).bin", std::vector<uint8_t>(5 * 2352, 0x22));
  const auto sheet = dir.write("d.cue",
                               "FILE \"d (Track 1).bin\" BINARY\n TRACK 01 MODE1/2352\n  INDEX 01 00:00:00\n"
                               "FILE \"d (Track 2).bin\" BINARY\n TRACK 02 AUDIO\n  INDEX 01 00:00:00\n");
  EXPECT_EQ(find_listing_sheet(audio), sheet);
  try {
    read_iso(audio);
    FAIL() << "raw audio read as an ISO";
  } catch (const InputError& e) {
    EXPECT_EQ(e.problem(),
              "holds 5 whole 2352-byte sectors without a CD sync pattern: raw CD audio (or data stored without sector "
              "headers), not an ISO; it needs the sheet (.cue or .toc) that describes its tracks. d.cue lists this "
              "file: open that sheet instead (" +
                  sheet.string() + ")");
  }
  const Image image = read_iso(data);
  EXPECT_EQ(image.description, "raw 2352-byte sector image (one mode1 track, no sheet)");
  EXPECT_EQ(image.notes.at(0),
            "d.cue lists this file: it is one track of that disc; open the sheet for the whole "
            "disc (" +
                sheet.string() + ")");
  // A cooked ISO is an ISO: no description beyond its format.
  const auto cooked = dir.write("c.iso", std::vector<uint8_t>(20 * 2048, 0));
  EXPECT_EQ(read_iso(cooked).description, "");
  EXPECT_EQ(find_listing_sheet(cooked), std::nullopt);
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

// identify_bytes on files built here by the definitions (ECMA-119 descriptors, CD sectors from
// the encoder, the magic numbers in reference/image-formats.md "Telling files apart").
#include "formats/identify.hpp"

#include <gtest/gtest.h>

#include <cstring>

#include "disc/scrambler.hpp"
#include "disc/sector.hpp"

namespace dw {
namespace {

Identification id(const std::vector<uint8_t>& file, Siblings sib = {}, std::string name = "x") {
  const size_t h = std::min(file.size(), kHeadBytes), t = std::min(file.size(), kTailBytes);
  return identify_bytes({file.data(), h}, {file.data() + file.size() - t, t}, file.size(), name, sib);
}

void put(std::vector<uint8_t>& f, size_t at, std::string_view s) { std::memcpy(f.data() + at, s.data(), s.size()); }

// A cooked ISO: PVD at sector 16 (label at +40, space size at +80), terminator at 17.
std::vector<uint8_t> cooked_iso(size_t sectors, const std::string& label) {
  std::vector<uint8_t> f(sectors * 2048);
  put(f, 32768,
      "\x01"
      "CD001\x01");
  put(f, 32768 + 8, "LINUX");
  std::string l = label;
  l.resize(32, ' ');
  put(f, 32768 + 40, l);
  const auto n = static_cast<uint32_t>(sectors);
  std::memcpy(f.data() + 32768 + 80, &n, 4);  // little-endian half of the both-endian field
  put(f, 34816,
      std::string_view("\xff"
                       "CD001\x01",
                       7));
  return f;
}

TEST(Identify, CookedIsoElToritoIsohybridAndUdf) {
  auto f = cooked_iso(40, "MY_DISC");
  Identification r = id(f);
  EXPECT_EQ(r.kind, FileKind::Iso9660);
  EXPECT_EQ(r.name, "iso9660");
  EXPECT_EQ(r.detail("volume_label"), "MY_DISC");
  EXPECT_EQ(r.detail("volume_blocks"), "40");
  EXPECT_EQ(r.detail("media"), "cd");
  EXPECT_TRUE(r.optical);
  put(f, 34816,
      std::string_view("\0CD001\x01"
                       "EL TORITO SPECIFICATION",
                       31));
  f[510] = 0x55;
  f[511] = 0xAA;
  f[446 + 4] = 0x17;
  put(f, 36864 + 1, "BEA01");
  put(f, 38912 + 1, "NSR02");
  r = id(f);
  EXPECT_EQ(r.detail("el_torito"), "yes (bootable)");
  EXPECT_EQ(r.detail("isohybrid"), "yes (MBR partition table: also bootable from USB)");
  EXPECT_EQ(r.detail("udf"), "yes");
  EXPECT_EQ(r.summary, "ISO 9660 + UDF bridge image 'MY_DISC', El Torito bootable, 0.1 MiB (CD size)");
}

std::vector<uint8_t> raw_image(SectorKind kind, size_t sectors, size_t stride, bool scrambled) {
  const auto iso = cooked_iso(sectors, "RAWDISC");
  std::vector<uint8_t> f(sectors * stride);
  for (size_t i = 0; i < sectors; ++i) {
    auto s = std::span<uint8_t, 2352>(f.data() + i * stride, 2352);
    encode_sector(kind, static_cast<Lba>(i), std::span(iso).subspan(i * 2048, 2048), s, Subheader{0, 0, 8, 0});
    if (scrambled) scramble(s);
  }
  return f;
}

TEST(Identify, RawSectorsTheirModesAndTheIsoInside) {
  Identification r = id(raw_image(SectorKind::Mode1, 30, 2352, false));
  EXPECT_EQ(r.kind, FileKind::RawCd);
  EXPECT_EQ(r.detail("sector_size"), "2352");
  EXPECT_EQ(r.detail("sample"), "27 mode 1");  // 64 KiB hold 27 whole sectors
  EXPECT_EQ(r.detail("scrambled"), "no");
  EXPECT_EQ(r.detail("volume_label"), "RAWDISC");
  r = id(raw_image(SectorKind::Mode2Form1, 30, 2352, false));
  EXPECT_EQ(r.detail("sample"), "27 mode 2 form 1");
  EXPECT_EQ(r.detail("volume_label"), "RAWDISC");
  r = id(raw_image(SectorKind::Mode1, 30, 2448, false));
  EXPECT_EQ(r.detail("sector_size"), "2448");
  EXPECT_EQ(r.detail("volume_label"), "RAWDISC");
  r = id(raw_image(SectorKind::Mode1, 30, 2352, true));
  EXPECT_EQ(r.detail("scrambled"), "yes");
  EXPECT_EQ(r.detail("sample"), "27 scrambled data");
  // Beside a .ccd it is CloneCD's .img.
  r = id(raw_image(SectorKind::Mode1, 30, 2352, false), Siblings{true, false});
  EXPECT_EQ(r.kind, FileKind::CloneCdImage);
}

TEST(Identify, AudioBinAndSheets) {
  std::vector<uint8_t> audio(4500 * 2352 / 100);  // 45 sectors of a sine-ish pattern
  for (size_t i = 0; i < audio.size(); ++i) audio[i] = static_cast<uint8_t>(i * 13);
  Identification r = id(audio);
  EXPECT_EQ(r.kind, FileKind::AudioBin);
  EXPECT_EQ(r.detail("duration"), "00:00:45");
  const auto text = [](const std::string& s) { return std::vector<uint8_t>(s.begin(), s.end()); };
  EXPECT_EQ(id(text("\xEF\xBB\xBF"
                    "FILE \"a.bin\" BINARY\r\n  TRACK 01 AUDIO\r\n    INDEX 01 00:00:00\r\n"))
                .kind,
            FileKind::Cue);
  EXPECT_EQ(id(text("CD_DA\nTRACK AUDIO\nFILE \"a.wav\" 0\n")).kind, FileKind::CdrdaoToc);
  EXPECT_EQ(id(text("[CloneCD]\nVersion=3\n")).kind, FileKind::CloneCdControl);
  EXPECT_EQ(id(text("# Disk DescriptorFile\nversion=1\n")).kind, FileKind::Vmdk);
}

TEST(Identify, ContainersAndWrappers) {
  std::vector<uint8_t> nrg(4096);
  put(nrg, 4096 - 12, "NER5");
  EXPECT_EQ(id(nrg).detail("version"), "2");
  std::vector<uint8_t> nrg1(4096);
  put(nrg1, 4096 - 8, "NERO");
  EXPECT_EQ(id(nrg1).detail("version"), "1");
  std::vector<uint8_t> mds(200);
  put(mds, 0, "MEDIA DESCRIPTOR");
  EXPECT_EQ(id(mds).kind, FileKind::Mds);
  std::vector<uint8_t> b(1024);
  put(b, 0, "\x1f\x8b\x08");
  EXPECT_EQ(id(b).kind, FileKind::Gzip);
  put(b, 0,
      std::string_view("\xfd"
                       "7zXZ\0",
                       6));
  EXPECT_EQ(id(b).kind, FileKind::Xz);
  put(b, 0, "QFI\xfb");
  EXPECT_EQ(id(b).kind, FileKind::Qcow2);
  put(b, 0, "KDMV");
  EXPECT_EQ(id(b).kind, FileKind::Vmdk);
  std::vector<uint8_t> vhd(4096);
  put(vhd, 4096 - 512, "conectix");
  EXPECT_EQ(id(vhd).kind, FileKind::Vhd);
  std::vector<uint8_t> dmg(4096);
  put(dmg, 4096 - 512, "koly");
  EXPECT_EQ(id(dmg).kind, FileKind::Dmg);
}

TEST(Identify, FloppiesAndDisks) {
  const std::pair<size_t, const char*> floppies[] = {{368640, "40 cylinders x 2 heads x 9 sectors"},
                                                     {737280, "80 cylinders x 2 heads x 9 sectors"},
                                                     {1228800, "80 cylinders x 2 heads x 15 sectors"},
                                                     {1474560, "80 cylinders x 2 heads x 18 sectors"},
                                                     {2949120, "80 cylinders x 2 heads x 36 sectors"}};
  for (const auto& [size, geometry] : floppies) {
    std::vector<uint8_t> f(size);
    put(f, 0, "\xeb\x3c\x90MSDOS5.0");
    f[11] = 0x00;
    f[12] = 0x02;  // 512 bytes per sector
    f[510] = 0x55;
    f[511] = 0xAA;
    const Identification r = id(f);
    EXPECT_EQ(r.kind, FileKind::FloppyImage) << size;
    EXPECT_EQ(r.detail("geometry"), geometry);
    EXPECT_FALSE(r.optical);
  }
  std::vector<uint8_t> disk(1 << 20);
  disk[510] = 0x55;
  disk[511] = 0xAA;
  disk[446 + 4] = 0x83;
  disk[446 + 8] = 0x00;
  disk[446 + 9] = 0x08;  // start 2048
  EXPECT_EQ(id(disk).kind, FileKind::MbrDisk);
  EXPECT_EQ(id(disk).detail("partition_1"), "type 0x83, start 2048, 0 sectors");
  put(disk, 512, "EFI PART");
  disk[446 + 4] = 0xEE;
  EXPECT_EQ(id(disk).kind, FileKind::GptDisk);
}

TEST(Identify, EmptyTinyAndUnknown) {
  EXPECT_EQ(id({}).kind, FileKind::Empty);
  const Identification r = id({1, 2, 3, 4, 5, 6, 7}, {}, "seven.bin");
  EXPECT_EQ(r.kind, FileKind::Unknown);
  EXPECT_EQ(r.detail("first_bytes"), "01 02 03 04 05 06 07");
}

}  // namespace
}  // namespace dw

// identify on files built here byte by byte from the specifications: ECMA-119 volume
// descriptors, El Torito, Joliet, ECMA-167/UDF, raw sectors from dw::encode_sector, Nero
// footers and chunks (reference/image-formats.md), FAT boot sectors, MBR/GPT, and the headers
// of VHD, VMDK, qcow2, UDIF, gzip and xz. Every golden value is the one written into the bytes.
#include "formats/identify.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include "disc/error.hpp"
#include "disc/scrambler.hpp"
#include "disc/sector.hpp"
#include "support/temp_dir.hpp"

namespace dw {
namespace {

// b += more (resize + copy: gcc 12 at -O3 warns falsely about insert at the end of a vector).
template <class A, class B>
void append(A& b, const B& more) {
  const size_t at = b.size();
  b.resize(at + more.size());
  std::copy(more.begin(), more.end(), b.begin() + static_cast<std::ptrdiff_t>(at));
}

namespace fs = std::filesystem;
using Bytes = std::vector<uint8_t>;

using test::TempDir;

Identification identify(const Bytes& b, const std::string& name = "x",
                        const std::vector<std::string>& companions = {}) {
  return identify_bytes(b, b, b.size(), name, companions);
}

std::string detail(const Identification& id, const std::string& key) {
  const std::string* v = id.detail(key);
  return v ? *v : "<missing " + key + ">";
}

void put(Bytes& b, size_t off, std::string_view s) { std::memcpy(b.data() + off, s.data(), s.size()); }
void put_le16(Bytes& b, size_t off, uint16_t v) {
  b[off] = static_cast<uint8_t>(v), b[off + 1] = static_cast<uint8_t>(v >> 8);
}
void put_le32(Bytes& b, size_t off, uint32_t v) {
  for (int i = 0; i < 4; ++i) b[off + i] = static_cast<uint8_t>(v >> (8 * i));
}
void put_be16(Bytes& b, size_t off, uint16_t v) {
  b[off] = static_cast<uint8_t>(v >> 8), b[off + 1] = static_cast<uint8_t>(v);
}
void put_be32(Bytes& b, size_t off, uint32_t v) {
  for (int i = 0; i < 4; ++i) b[off + i] = static_cast<uint8_t>(v >> (24 - 8 * i));
}
void put_be64(Bytes& b, size_t off, uint64_t v) {
  put_be32(b, off, static_cast<uint32_t>(v >> 32));
  put_be32(b, off + 4, static_cast<uint32_t>(v));
}
void put_le64(Bytes& b, size_t off, uint64_t v) {
  put_le32(b, off, static_cast<uint32_t>(v));
  put_le32(b, off + 4, static_cast<uint32_t>(v >> 32));
}
// A fixed-length ECMA-119 field: the text, padded with spaces.
void put_padded(Bytes& b, size_t off, size_t len, std::string_view s) {
  std::memset(b.data() + off, ' ', len);
  put(b, off, s.substr(0, len));
}

// ---- ISO 9660 (ECMA-119) -------------------------------------------------------------------

struct IsoOptions {
  std::string label = "TESTDISC";
  uint32_t sectors = 40;
  bool el_torito = false, joliet = false, hybrid = false;
};

Bytes cooked_iso(const IsoOptions& o) {
  Bytes img(o.sectors * 2048u, 0);
  uint32_t s = 16;
  auto vd = [&](uint8_t type) {
    const size_t off = s++ * 2048u;
    img[off] = type;
    put(img, off + 1, "CD001");
    img[off + 6] = 1;
    return off;
  };
  // Primary volume descriptor (ECMA-119 8.4): ids are padded with spaces, numbers both-endian.
  const size_t pvd = vd(1);
  put_padded(img, pvd + 8, 32, "LINUX");
  put_padded(img, pvd + 40, 32, o.label);
  put_le32(img, pvd + 80, o.sectors), put_be32(img, pvd + 84, o.sectors);
  put_le16(img, pvd + 120, 1), put_be16(img, pvd + 122, 1);
  put_le16(img, pvd + 124, 1), put_be16(img, pvd + 126, 1);
  put_le16(img, pvd + 128, 2048), put_be16(img, pvd + 130, 2048);
  put_padded(img, pvd + 574, 128, "HAND MADE");
  img[pvd + 881] = 1;
  const uint32_t catalog = 30;
  if (o.el_torito) {  // El Torito boot record volume descriptor, boot catalog pointer at 71
    const size_t br = vd(0);
    put(img, br + 7, "EL TORITO SPECIFICATION");
    put_le32(img, br + 71, catalog);
    // Validation entry (header 1, platform x86, key 55 AA, words summing to 0) + initial entry.
    const size_t c = catalog * 2048u;
    img[c] = 1;
    img[c + 30] = 0x55, img[c + 31] = 0xAA;
    uint16_t sum = 0;
    for (size_t i = 0; i < 32; i += 2) sum = static_cast<uint16_t>(sum + (img[c + i] | img[c + i + 1] << 8));
    put_le16(img, c + 28, static_cast<uint16_t>(0x10000 - sum));
    img[c + 32] = 0x88;  // bootable
    img[c + 33] = 0;     // no emulation
    put_le16(img, c + 38, 4);
    put_le32(img, c + 40, 31);
    // A final section header for EFI with one no-emulation entry.
    img[c + 64] = 0x91, img[c + 65] = 0xEF;
    put_le16(img, c + 66, 1);
    img[c + 96] = 0x88;
  }
  if (o.joliet) {  // supplementary descriptor with the UCS-2 level 3 escape "%/E"
    const size_t svd = vd(2);
    put(img, svd + 88, "%/E");
    const std::string jl = "Joliet Name";
    for (size_t i = 0; i < 16; ++i) {
      const char ch = i < jl.size() ? jl[i] : ' ';
      img[svd + 40 + 2 * i] = 0, img[svd + 41 + 2 * i] = static_cast<uint8_t>(ch);
    }
  }
  vd(255);         // terminator
  if (o.hybrid) {  // isohybrid: an MBR whose first partition covers the image
    img[446] = 0x80, img[446 + 4] = 0x17;
    put_le32(img, 446 + 8, 0), put_le32(img, 446 + 12, o.sectors * 4);
    img[510] = 0x55, img[511] = 0xAA;
  }
  return img;
}

// Every cooked sector as a raw sector made by encode_sector, optionally with 96 sub bytes.
Bytes raw_from_cooked(const Bytes& cooked, SectorKind kind, size_t stride = 2352, bool scrambled = false) {
  const size_t n = cooked.size() / 2048;
  Bytes raw(n * stride, 0);
  for (size_t i = 0; i < n; ++i) {
    std::span<uint8_t, 2352> out(raw.data() + i * stride, 2352);
    encode_sector(kind, static_cast<Lba>(i), std::span<const uint8_t>(cooked.data() + i * 2048, 2048), out);
    if (scrambled) scramble(out);
  }
  return raw;
}

TEST(Identify, CookedIsoWithLabel) {
  const auto id = identify(cooked_iso({}), "disc.iso");
  EXPECT_EQ(id.kind, FileKind::Iso9660);
  EXPECT_EQ(id.name, "iso9660");
  EXPECT_TRUE(id.optical());
  EXPECT_EQ(detail(id, "volume_label"), "TESTDISC");
  EXPECT_EQ(detail(id, "system_id"), "LINUX");
  EXPECT_EQ(detail(id, "application_id"), "HAND MADE");
  EXPECT_EQ(detail(id, "volume_blocks"), "40");
  EXPECT_EQ(detail(id, "block_size"), "2048");
  EXPECT_EQ(detail(id, "file_blocks"), "40");
  EXPECT_EQ(detail(id, "el_torito"), "no");
  EXPECT_EQ(detail(id, "isohybrid"), "no");
  EXPECT_EQ(detail(id, "media_size"), "cd");
  EXPECT_EQ(id.detail("truncated"), nullptr);
  EXPECT_NE(id.summary.find("\"TESTDISC\""), std::string::npos);
  EXPECT_NE(id.advice.find("mount -o loop"), std::string::npos);
}

TEST(Identify, CookedIsoElToritoJolietHybrid) {
  IsoOptions o;
  o.el_torito = o.joliet = o.hybrid = true;
  const auto id = identify(cooked_iso(o), "boot.iso");
  EXPECT_EQ(id.kind, FileKind::Iso9660);
  EXPECT_EQ(detail(id, "el_torito"), "yes");
  EXPECT_EQ(detail(id, "boot_catalog"), "30");
  EXPECT_EQ(detail(id, "boot_entry_1"), "x86, no emulation");
  EXPECT_EQ(detail(id, "boot_entry_2"), "EFI, no emulation");
  EXPECT_EQ(detail(id, "joliet_label"), "Joliet Name");
  EXPECT_EQ(detail(id, "isohybrid"), "mbr");
  EXPECT_NE(id.summary.find("bootable (El Torito)"), std::string::npos);
  EXPECT_NE(id.advice.find("USB"), std::string::npos);
}

TEST(Identify, HybridWithGptToo) {
  IsoOptions o;
  o.hybrid = true;
  auto img = cooked_iso(o);
  put(img, 512, "EFI PART");
  EXPECT_EQ(detail(identify(img), "isohybrid"), "mbr+gpt");
  EXPECT_EQ(identify(img).kind, FileKind::Iso9660);  // the ISO volume wins over the partition tables
}

TEST(Identify, TruncatedIsoAndDvdSize) {
  IsoOptions o;
  auto img = cooked_iso(o);
  put_le32(img, 16 * 2048 + 80, 1000);  // the volume claims 1000 blocks, the file holds 40
  EXPECT_EQ(detail(identify(img), "truncated"), "yes");
  // A DVD-sized file: only its head and tail are in memory.
  const Bytes head = cooked_iso({});
  const Bytes tail(64 * 1024, 0);
  const auto id = identify_bytes(head, tail, 4'700'000'000ull, "dvd.iso");
  EXPECT_EQ(id.kind, FileKind::Iso9660);
  EXPECT_EQ(detail(id, "media_size"), "dvd");
  EXPECT_NE(id.advice.find("DVD"), std::string::npos);
}

TEST(Identify, CookedIsoNamedImg) {
  const auto id = identify(cooked_iso({}), "disc.img");
  EXPECT_EQ(id.kind, FileKind::Iso9660);
  EXPECT_NE(id.advice.find(".img"), std::string::npos);
}

TEST(Identify, RawMode1Iso) {
  const auto raw = raw_from_cooked(cooked_iso({}), SectorKind::Mode1);
  const auto id = identify(raw, "disc.bin");
  EXPECT_EQ(id.kind, FileKind::RawCd2352);
  EXPECT_EQ(id.name, "raw-cd-2352");
  EXPECT_EQ(detail(id, "sector_size"), "2352");
  EXPECT_EQ(detail(id, "sectors"), "40");
  EXPECT_EQ(detail(id, "sample_sectors"), "40");
  EXPECT_EQ(detail(id, "sample_mode1"), "40");
  EXPECT_EQ(detail(id, "scrambled"), "no");
  EXPECT_EQ(detail(id, "first_sector_lba"), "0");
  EXPECT_EQ(detail(id, "filesystem"), "iso9660");
  EXPECT_EQ(detail(id, "volume_label"), "TESTDISC");
  EXPECT_NE(id.advice.find("MODE1/2352"), std::string::npos);
}

TEST(Identify, RawIsoNamedIso) {
  const auto raw = raw_from_cooked(cooked_iso({}), SectorKind::Mode1);
  const auto id = identify(raw, "disc.iso");
  EXPECT_EQ(id.kind, FileKind::RawCd2352);
  EXPECT_NE(id.advice.find("raw ISO"), std::string::npos);
}

TEST(Identify, RawMode2Form1Iso) {
  const auto raw = raw_from_cooked(cooked_iso({}), SectorKind::Mode2Form1);
  const auto id = identify(raw, "vcd.bin");
  EXPECT_EQ(id.kind, FileKind::RawCd2352);
  EXPECT_EQ(detail(id, "sample_mode2_form1"), "40");
  EXPECT_EQ(id.detail("sample_mode1"), nullptr);
  EXPECT_EQ(detail(id, "volume_label"), "TESTDISC");
  EXPECT_NE(id.advice.find("MODE2/2352"), std::string::npos);
}

TEST(Identify, Raw2448WithSubchannel) {
  const auto raw = raw_from_cooked(cooked_iso({}), SectorKind::Mode1, 2448);
  const auto id = identify(raw, "disc.img");
  EXPECT_EQ(id.kind, FileKind::RawCd2448);
  EXPECT_EQ(id.name, "raw-cd-2448");
  EXPECT_EQ(detail(id, "sector_size"), "2448");
  EXPECT_EQ(detail(id, "sectors"), "40");
  EXPECT_EQ(detail(id, "sample_mode1"), "40");
  EXPECT_EQ(detail(id, "volume_label"), "TESTDISC");
}

TEST(Identify, ScrambledRawImage) {
  const auto raw = raw_from_cooked(cooked_iso({}), SectorKind::Mode1, 2352, true);
  const auto id = identify(raw, "disc.scram");
  EXPECT_EQ(id.kind, FileKind::RawCd2352);
  EXPECT_EQ(detail(id, "scrambled"), "yes");
  EXPECT_EQ(detail(id, "sample_scrambled"), "40");
  EXPECT_EQ(detail(id, "first_sector_lba"), "0");
  EXPECT_EQ(detail(id, "volume_label"), "TESTDISC");  // read through the descrambler
  EXPECT_NE(id.advice.find("descramble"), std::string::npos);
}

// 16-bit stereo samples of a slow ramp: never the sync pattern (00, ten FF, 00).
Bytes audio(size_t sectors) {
  Bytes b(sectors * 2352);
  for (size_t i = 0; i < b.size(); ++i) b[i] = static_cast<uint8_t>((i * 7 + i / 2352) & 0x7F);
  return b;
}

TEST(Identify, AudioOnlyBin) {
  const auto id = identify(audio(75 * 61 + 3), "track.bin");  // 61 s and 3 frames
  EXPECT_EQ(id.kind, FileKind::AudioBin);
  EXPECT_EQ(id.name, "audio-bin");
  EXPECT_EQ(detail(id, "sectors"), "4578");
  EXPECT_EQ(detail(id, "duration"), "01:01:03");
  EXPECT_EQ(id.detail("sample_mode1"), nullptr);
  EXPECT_NE(id.advice.find("TRACK 01 AUDIO"), std::string::npos);
  // With a sheet beside it, the advice is to open the sheet.
  EXPECT_NE(identify(audio(10), "track.bin", {"cue"}).advice.find(".cue"), std::string::npos);
}

TEST(Identify, MixedModeDataThenAudioSeenInHeadAndTail) {
  Bytes b = raw_from_cooked(cooked_iso({}), SectorKind::Mode1);
  const Bytes a = audio(400);  // 940800 bytes: the tail only holds audio
  append(b, a);
  Bytes head(b.begin(), b.begin() + kIdentifyHeadSize);
  Bytes tail(b.end() - kIdentifyTailSize, b.end());
  const auto id = identify_bytes(head, tail, b.size(), "mixed.bin");
  EXPECT_EQ(id.kind, FileKind::RawCd2352);
  EXPECT_EQ(detail(id, "sectors"), "440");
  // Head: 223 whole sectors -> 64 spread samples; of positions i*223/64, those < 40 are Mode 1.
  size_t mode1 = 0;
  for (size_t i = 0; i < 64; ++i) mode1 += i * 223 / 64 < 40;
  EXPECT_EQ(detail(id, "sample_mode1"), std::to_string(mode1));
  // Tail: sectors from ceil((1034880 - 65536) / 2352) = 413 .. 428 (16 samples) are audio.
  EXPECT_EQ(detail(id, "sample_audio"), std::to_string(64 - mode1 + 16));
}

TEST(Identify, CloneCdAndCompanions) {
  TempDir dir;
  const auto raw = raw_from_cooked(cooked_iso({}), SectorKind::Mode1);
  const auto img = dir.write("game.img", raw);
  dir.write("game.ccd", std::string("[CloneCD]\r\nVersion=3\r\n"));
  dir.write("game.sub", Bytes(40 * 96, 0));
  const auto id = identify_file(img);
  EXPECT_EQ(id.kind, FileKind::CloneCdImg);
  EXPECT_EQ(id.name, "clonecd-img");
  EXPECT_EQ(detail(id, "volume_label"), "TESTDISC");
  EXPECT_NE(id.advice.find(".ccd"), std::string::npos);
  EXPECT_EQ(identify_file(dir.write("game.sub", Bytes(40 * 96, 0))).kind, FileKind::CloneCdSub);
  EXPECT_EQ(detail(identify_file(dir.write("game.sub", Bytes(40 * 96, 0))), "sectors"), "40");

  const auto bin = dir.write("other.bin", raw);
  dir.write("other.cue", std::string("FILE \"other.bin\" BINARY\n  TRACK 01 MODE1/2352\n    INDEX 01 00:00:00\n"));
  const auto b = identify_file(bin);
  EXPECT_EQ(b.kind, FileKind::RawCd2352);
  EXPECT_NE(b.advice.find(".cue"), std::string::npos);

  const auto mdf = dir.write("alc.mdf", raw);
  dir.write("alc.MDS", std::string("MEDIA DESCRIPTOR"));
  EXPECT_EQ(identify_file(mdf).kind, FileKind::Mdf);
}

// ---- Nero ----------------------------------------------------------------------------------

void chunk(Bytes& b, std::string_view id, const Bytes& body) {
  const size_t at = b.size();
  b.resize(at + 8);
  put(b, at, id);
  put_be32(b, at + 4, static_cast<uint32_t>(body.size()));
  append(b, body);
}

// NRG v2, DAO, one cooked Mode 1 track whose file offset is (LBA + 150) * 2048.
Bytes nrg_v2() {
  const Bytes iso = cooked_iso({});
  Bytes b(150 * 2048, 0);
  append(b, iso);
  const uint64_t chain = b.size();
  Bytes cuex(8 * 4, 0);
  chunk(b, "CUEX", cuex);
  Bytes daox(22 + 42, 0);
  put_be32(daox, 0, static_cast<uint32_t>(daox.size()));
  daox[20] = 1, daox[21] = 1;              // first and last track
  put_be16(daox, 22 + 12, 2048);           // sector size
  daox[22 + 14] = 0x00;                    // Mode 1 / 2048
  put_be64(daox, 22 + 18, 0);              // index 0
  put_be64(daox, 22 + 26, 150 * 2048);     // index 1
  put_be64(daox, 22 + 34, 190 * 2048ull);  // end
  chunk(b, "DAOX", daox);
  Bytes sinf(4, 0);
  put_be32(sinf, 0, 1);
  chunk(b, "SINF", sinf);
  chunk(b, "END!", {});
  b.resize(b.size() + 12);
  put(b, b.size() - 12, "NER5");
  put_be64(b, b.size() - 8, chain);
  return b;
}

TEST(Identify, NrgVersion2Dao) {
  const auto id = identify(nrg_v2(), "disc.nrg");
  EXPECT_EQ(id.kind, FileKind::Nrg);
  EXPECT_EQ(id.name, "nrg");
  EXPECT_EQ(detail(id, "nrg_version"), "2");
  EXPECT_EQ(detail(id, "chain_offset"), std::to_string(190 * 2048));
  EXPECT_EQ(detail(id, "chunks"), "CUEX DAOX SINF END!");
  EXPECT_EQ(detail(id, "layout"), "DAO");
  EXPECT_EQ(detail(id, "sessions"), "1");
  EXPECT_EQ(detail(id, "tracks"), "1");
  EXPECT_EQ(detail(id, "first_track_offset"), std::to_string(150 * 2048));
  EXPECT_EQ(detail(id, "volume_label"), "TESTDISC");
}

TEST(Identify, NrgVersion1Tao) {
  Bytes b = audio(20);
  const uint32_t chain = static_cast<uint32_t>(b.size());
  Bytes etnf(20 * 2, 0);
  put_be32(etnf, 4, 10 * 2352), put_be32(etnf, 8, 0x07);  // audio
  put_be32(etnf, 20, 10 * 2352), put_be32(etnf, 24, 10 * 2352), put_be32(etnf, 28, 0x07);
  chunk(b, "ETNF", etnf);
  chunk(b, "SINF", Bytes{0, 0, 0, 2});
  chunk(b, "END!", {});
  b.resize(b.size() + 8);
  put(b, b.size() - 8, "NERO");
  put_be32(b, b.size() - 4, chain);
  const auto id = identify(b, "disc.nrg");
  EXPECT_EQ(id.kind, FileKind::Nrg);
  EXPECT_EQ(detail(id, "nrg_version"), "1");
  EXPECT_EQ(detail(id, "layout"), "TAO");
  EXPECT_EQ(detail(id, "tracks"), "2");
  EXPECT_EQ(detail(id, "first_track_sector_size"), "2352");
  EXPECT_EQ(id.detail("filesystem"), nullptr);  // audio: no volume looked for
}

TEST(Identify, NrgMalformedChains) {
  // Chain offset beyond the file: not an NRG at all.
  Bytes b = audio(2);
  b.resize(b.size() + 12);
  put(b, b.size() - 12, "NER5");
  put_be64(b, b.size() - 8, 1ull << 40);
  EXPECT_NE(identify(b).kind, FileKind::Nrg);
  // A chunk claiming 4 GiB: the walk stops, the chain is reported incomplete.
  Bytes c = audio(2);
  const uint64_t chain = c.size();
  c.resize(c.size() + 8);
  put(c, chain, "DAOX");
  put_be32(c, chain + 4, 0xFFFFFFF0u);
  c.resize(c.size() + 12);
  put(c, c.size() - 12, "NER5");
  put_be64(c, c.size() - 8, chain);
  const auto id = identify(c);
  EXPECT_EQ(id.kind, FileKind::Nrg);
  EXPECT_EQ(detail(id, "chain_complete"), "no");
  EXPECT_EQ(detail(id, "tracks"), "0");
}

// ---- UDF (ECMA-167) ------------------------------------------------------------------------

void udf_tag(Bytes& img, uint32_t sector, uint16_t id) {
  const size_t o = sector * 2048u;
  put_le16(img, o, id);
  put_le16(img, o + 2, 2);  // descriptor version
  put_le32(img, o + 12, sector);
  uint8_t sum = 0;
  for (size_t i = 0; i < 16; ++i)
    if (i != 4) sum = static_cast<uint8_t>(sum + img[o + i]);
  img[o + 4] = sum;
}

Bytes udf_image(bool anchor_at_256, bool wide_label) {
  Bytes img(300 * 2048, 0);
  const char* vrs[] = {"BEA01", "NSR02", "TEA01"};
  for (uint32_t i = 0; i < 3; ++i) {
    put(img, (16 + i) * 2048 + 1, vrs[i]);
    img[(16 + i) * 2048 + 6] = 1;
  }
  const uint32_t anchor = anchor_at_256 ? 256 : 299;  // 299: the last sector
  put_le32(img, anchor * 2048 + 16, 16 * 2048);       // main VDS extent: length, location
  put_le32(img, anchor * 2048 + 20, 32);
  udf_tag(img, anchor, 2);
  // Primary volume descriptor: volume identifier dstring at 24 (32 bytes, length in the last).
  const size_t pvd = 32 * 2048;
  if (wide_label) {  // compression 16: UCS-2 big-endian "Été"
    const uint8_t s[] = {16, 0x00, 0xC9, 0x00, 't', 0x00, 0xE9};
    std::memcpy(img.data() + pvd + 24, s, sizeof s);
    img[pvd + 24 + 31] = sizeof s;
  } else {
    img[pvd + 24] = 8;
    put(img, pvd + 25, "HANDUDF");
    img[pvd + 24 + 31] = 8;
  }
  udf_tag(img, 32, 1);
  // Logical volume descriptor: domain identifier "*OSTA UDF Compliant", revision 0x0150.
  const size_t lvd = 33 * 2048;
  put(img, lvd + 217, "*OSTA UDF Compliant");
  put_le16(img, lvd + 240, 0x0150);
  udf_tag(img, 33, 6);
  udf_tag(img, 34, 8);  // terminating descriptor
  return img;
}

TEST(Identify, UdfDescriptorSequence) {
  for (bool at256 : {true, false}) {
    const auto id = identify(udf_image(at256, false), "dvd.iso");
    EXPECT_EQ(id.kind, FileKind::Udf) << at256;
    EXPECT_EQ(id.name, "udf");
    EXPECT_EQ(detail(id, "filesystem"), "udf");
    EXPECT_EQ(detail(id, "volume_label"), "HANDUDF");
    EXPECT_EQ(detail(id, "udf_nsr"), "NSR02");
    EXPECT_EQ(detail(id, "udf_revision"), "1.50");
  }
  EXPECT_EQ(detail(identify(udf_image(true, true)), "volume_label"), "\xC3\x89t\xC3\xA9");
}

TEST(Identify, UdfAnchorPointingAnywhereIsHarmless) {
  auto img = udf_image(true, false);
  put_le32(img, 256 * 2048 + 16, 0xFFFFFFFFu);
  put_le32(img, 256 * 2048 + 20, 0xFFFFFFF0u);
  udf_tag(img, 256, 2);
  const auto id = identify(img);
  EXPECT_EQ(id.kind, FileKind::Udf);
  EXPECT_EQ(detail(id, "volume_label"), "");
}

// ---- not optical ---------------------------------------------------------------------------

Bytes fat_floppy(uint64_t size, uint16_t spt, uint16_t heads) {
  Bytes b(size, 0);
  b[0] = 0xEB, b[1] = 0x3C, b[2] = 0x90;
  put(b, 3, "MSDOS5.0");
  put_le16(b, 11, 512);
  b[13] = 1;
  put_le16(b, 14, 1);
  b[16] = 2;
  put_le16(b, 17, 224);
  put_le16(b, 19, static_cast<uint16_t>(size / 512));
  b[21] = 0xF0;
  put_le16(b, 22, 9);
  put_le16(b, 24, spt), put_le16(b, 26, heads);
  b[38] = 0x29;
  put(b, 43, "MYFLOPPY   ");
  put(b, 54, "FAT12   ");
  b[510] = 0x55, b[511] = 0xAA;
  return b;
}

TEST(Identify, FatFloppyOfEachSize) {
  struct Case {
    uint64_t size;
    const char *capacity, *geometry;
    uint16_t spt, heads;
  };
  // Cylinders x heads x sectors x 512 = size: 40x2x9, 80x2x9, 80x2x15, 80x2x18, 80x2x36.
  const Case cases[] = {{368640, "360 KB", "40x2x9", 9, 2},
                        {737280, "720 KB", "80x2x9", 9, 2},
                        {1228800, "1.2 MB", "80x2x15", 15, 2},
                        {1474560, "1.44 MB", "80x2x18", 18, 2},
                        {2949120, "2.88 MB", "80x2x36", 36, 2}};
  for (const Case& c : cases) {
    const auto id = identify(fat_floppy(c.size, c.spt, c.heads), "disk.img");
    EXPECT_EQ(id.kind, FileKind::FloppyImage) << c.size;
    EXPECT_EQ(id.name, "floppy-image");
    EXPECT_FALSE(id.optical());
    EXPECT_EQ(detail(id, "capacity"), c.capacity);
    EXPECT_EQ(detail(id, "geometry"), c.geometry);
    EXPECT_EQ(detail(id, "sectors"), std::to_string(c.size / 512));
    EXPECT_EQ(detail(id, "oem_name"), "MSDOS5.0");
    EXPECT_EQ(detail(id, "volume_label"), "MYFLOPPY");
    EXPECT_EQ(detail(id, "fs_type"), "FAT12");
    EXPECT_EQ(detail(id, "bpb_sectors_per_track"), std::to_string(c.spt));
    EXPECT_EQ(id.advice, std::string("a FAT floppy image (") + c.capacity + ", " + c.geometry +
                             "): use mtools or mount -o loop, not a CD tool");
  }
  // The same boot sector on a non-floppy size is a FAT volume.
  EXPECT_EQ(identify(fat_floppy(4 * 1024 * 1024, 32, 4)).kind, FileKind::FatVolume);
}

TEST(Identify, MbrDisk) {
  Bytes b(1024 * 1024, 0);
  b[446] = 0x80, b[446 + 4] = 0x83;
  put_le32(b, 446 + 8, 1), put_le32(b, 446 + 12, 2047);
  b[462 + 4] = 0x0C;
  put_le32(b, 462 + 8, 100), put_le32(b, 462 + 12, 10);
  b[510] = 0x55, b[511] = 0xAA;
  const auto id = identify(b, "disk.img");
  EXPECT_EQ(id.kind, FileKind::MbrDisk);
  EXPECT_EQ(id.name, "mbr-disk");
  EXPECT_EQ(detail(id, "partitions"), "2");
  EXPECT_EQ(detail(id, "partition_1"), "type 0x83, start 1, 2047 sectors, active");
  EXPECT_EQ(detail(id, "partition_2"), "type 0x0c, start 100, 10 sectors");
  // A boot signature over garbage (status byte 0x42) is not a partition table.
  b[446] = 0x42;
  EXPECT_EQ(identify(b).kind, FileKind::Unknown);
}

TEST(Identify, GptDisk) {
  Bytes b(1024 * 1024, 0);
  b[446 + 4] = 0xEE;  // protective MBR
  put_le32(b, 446 + 8, 1), put_le32(b, 446 + 12, 2047);
  b[510] = 0x55, b[511] = 0xAA;
  put(b, 512, "EFI PART");
  put_le32(b, 512 + 8, 0x00010000);
  put_le64(b, 512 + 72, 2);  // entries at LBA 2
  put_le32(b, 512 + 80, 128), put_le32(b, 512 + 84, 128);
  b[1024] = 0xAF, b[1024 + 128] = 0x28;  // two used entries (non-zero type GUIDs)
  const auto id = identify(b, "disk.raw");
  EXPECT_EQ(id.kind, FileKind::GptDisk);
  EXPECT_EQ(id.name, "gpt-disk");
  EXPECT_EQ(detail(id, "partition_entries"), "128");
  EXPECT_EQ(detail(id, "partitions"), "2");
}

Bytes vhd_footer(uint32_t type, uint64_t size) {
  Bytes f(512, 0);
  put(f, 0, "conectix");
  put_be64(f, 40, size), put_be64(f, 48, size);
  put_be32(f, 60, type);
  return f;
}

TEST(Identify, Vhd) {
  Bytes fixed(1024 * 1024, 0);
  const Bytes f = vhd_footer(2, fixed.size());
  append(fixed, f);
  auto id = identify(fixed, "disk.vhd");
  EXPECT_EQ(id.kind, FileKind::Vhd);
  EXPECT_EQ(id.name, "vhd");
  EXPECT_EQ(detail(id, "vhd_type"), "fixed");
  EXPECT_EQ(detail(id, "virtual_size"), "1048576");
  EXPECT_NE(id.advice.find("qemu-img"), std::string::npos);
  Bytes dynamic = vhd_footer(3, 1ull << 30);
  dynamic.resize(4096, 0);
  const Bytes d = vhd_footer(3, 1ull << 30);
  append(dynamic, d);
  id = identify(dynamic, "disk.vhd");
  EXPECT_EQ(id.kind, FileKind::Vhd);
  EXPECT_EQ(detail(id, "vhd_type"), "dynamic");
  EXPECT_EQ(detail(id, "virtual_size"), "1073741824");
}

TEST(Identify, Vmdk) {
  Bytes b(4096, 0);
  put(b, 0, "KDMV");
  put_le32(b, 4, 1);
  put_le64(b, 12, 2048);  // capacity in 512-byte sectors
  auto id = identify(b, "disk.vmdk");
  EXPECT_EQ(id.kind, FileKind::Vmdk);
  EXPECT_EQ(id.name, "vmdk");
  EXPECT_EQ(detail(id, "variant"), "sparse extent");
  EXPECT_EQ(detail(id, "virtual_size"), "1048576");
  const std::string text =
      "# Disk DescriptorFile\nversion=1\nCID=fffffffe\ncreateType=\"monolithicFlat\"\n"
      "RW 2048 FLAT \"disk-flat.vmdk\" 0\n";
  id = identify(Bytes(text.begin(), text.end()), "disk.vmdk");
  EXPECT_EQ(id.kind, FileKind::Vmdk);
  EXPECT_EQ(detail(id, "variant"), "text descriptor");
  EXPECT_EQ(detail(id, "create_type"), "monolithicFlat");
}

TEST(Identify, Qcow2DmgGzipXz) {
  Bytes q(1024, 0);
  put(q, 0, "QFI\xfb");
  put_be32(q, 4, 3);
  put_be64(q, 24, 10ull << 30);
  auto id = identify(q, "vm.qcow2");
  EXPECT_EQ(id.kind, FileKind::Qcow2);
  EXPECT_EQ(id.name, "qcow2");
  EXPECT_EQ(detail(id, "version"), "3");
  EXPECT_EQ(detail(id, "virtual_size"), "10737418240");
  EXPECT_NE(id.advice.find("qemu-img"), std::string::npos);

  Bytes dmg(8192, 0x11);
  Bytes koly(512, 0);
  put(koly, 0, "koly");
  put_be32(koly, 4, 4), put_be32(koly, 8, 512);
  append(dmg, koly);
  id = identify(dmg, "app.dmg");
  EXPECT_EQ(id.kind, FileKind::Dmg);
  EXPECT_EQ(id.name, "dmg");
  EXPECT_EQ(detail(id, "udif_version"), "4");

  // gzip (RFC 1952): flags FNAME, the name, deflate data, CRC-32, ISIZE.
  Bytes gz = {0x1f, 0x8b, 8, 0x08, 0, 0, 0, 0, 0, 3};
  for (char c : std::string("disc.iso")) gz.push_back(static_cast<uint8_t>(c));
  gz.push_back(0);
  gz.insert(gz.end(), {0x03, 0x00, 0, 0, 0, 0, 0x40, 0xE2, 0x01, 0x00});  // ISIZE 123456
  id = identify(gz, "disc.iso.gz");
  EXPECT_EQ(id.kind, FileKind::Gzip);
  EXPECT_EQ(id.name, "gzip");
  EXPECT_EQ(detail(id, "original_name"), "disc.iso");
  EXPECT_EQ(detail(id, "uncompressed_size_mod_4gib"), "123456");

  const Bytes xz = {0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, 0x00, 0x04, 0xe6, 0xd6, 0xb4, 0x46};
  id = identify(xz, "disc.iso.xz");
  EXPECT_EQ(id.kind, FileKind::Xz);
  EXPECT_EQ(id.name, "xz");
  EXPECT_NE(id.advice.find("xz -dk"), std::string::npos);
}

TEST(Identify, MdsDescriptor) {
  Bytes b(88, 0);
  put(b, 0, "MEDIA DESCRIPTOR");
  b[16] = 1, b[17] = 3;
  put_le16(b, 18, 0x01), put_le16(b, 20, 1);
  const auto id = identify(b, "x.mds");
  EXPECT_EQ(id.kind, FileKind::Mds);
  EXPECT_EQ(detail(id, "version"), "1.3");
  EXPECT_EQ(detail(id, "medium"), "CD-R");
  EXPECT_EQ(detail(id, "sessions"), "1");
}

// ---- text ----------------------------------------------------------------------------------

Bytes text(const std::string& s) { return Bytes(s.begin(), s.end()); }

TEST(Identify, CueWithBomAndCrlf) {
  const auto id = identify(text("\xEF\xBB\xBFREM GENRE Rock\r\nPERFORMER \"A\"\r\nFILE \"Disc One.bin\" BINARY\r\n"
                                "  track 01 audio\r\n    INDEX 01 00:00:00\r\n  TRACK 02 AUDIO\r\n"
                                "    INDEX 00 03:00:00\r\n    INDEX 01 03:02:00\r\n"),
                           "disc.txt");
  EXPECT_EQ(id.kind, FileKind::Cue);
  EXPECT_EQ(id.name, "cue");
  EXPECT_EQ(detail(id, "tracks"), "2");
  EXPECT_EQ(detail(id, "files"), "1");
  EXPECT_EQ(detail(id, "first_file"), "Disc One.bin");
  EXPECT_EQ(detail(id, "bom"), "utf-8");
  EXPECT_EQ(detail(id, "line_endings"), "crlf");
}

TEST(Identify, CdrdaoToc) {
  const auto id = identify(text("// made by hand\nCD_ROM\n\nTRACK MODE1\nDATAFILE \"data.bin\" 00:10:00\n\n"
                                "TRACK AUDIO\nNO COPY\nFILE \"audio.raw\" 0 01:00:00\nSTART 00:02:00\n"),
                           "disc.toc");
  EXPECT_EQ(id.kind, FileKind::CdrdaoToc);
  EXPECT_EQ(id.name, "cdrdao-toc");
  EXPECT_EQ(detail(id, "disc_type"), "CD_ROM");
  EXPECT_EQ(detail(id, "tracks"), "2");
  EXPECT_EQ(detail(id, "first_file"), "data.bin");
  EXPECT_EQ(detail(id, "line_endings"), "lf");
}

TEST(Identify, CloneCdControlFile) {
  const auto id = identify(text("[CloneCD]\r\nVersion=3\r\n[Disc]\r\nTocEntries=4\r\nSessions=1\r\n"
                                "DataTracksScrambled=0\r\n[Entry 0]\r\nSession=1\r\nPoint=0xa0\r\n"
                                "[TRACK 1]\r\nMODE=1\r\nINDEX 1=0\r\n"),
                           "game.ccd");
  EXPECT_EQ(id.kind, FileKind::CloneCdCcd);
  EXPECT_EQ(id.name, "clonecd-ccd");
  EXPECT_EQ(detail(id, "version"), "3");
  EXPECT_EQ(detail(id, "toc_entries"), "4");
  EXPECT_EQ(detail(id, "sessions"), "1");
  EXPECT_EQ(detail(id, "tracks"), "1");
}

TEST(Identify, PlainTextIsUnknown) {
  const auto id = identify(text("hello, world\nnothing to see\n"), "notes.cue");
  EXPECT_EQ(id.kind, FileKind::Unknown);
}

// ---- edge cases ----------------------------------------------------------------------------

TEST(Identify, EmptyAndTinyFiles) {
  TempDir dir;
  const auto e = identify_file(dir.write("empty.iso", Bytes{}));
  EXPECT_EQ(e.kind, FileKind::Empty);
  EXPECT_EQ(e.name, "empty");
  const auto t = identify_file(dir.write("seven.bin", Bytes{0x00, 0x01, 0x02, 0xfe, 0xff, 0x10, 0x20}));
  EXPECT_EQ(t.kind, FileKind::Unknown);
  EXPECT_EQ(t.name, "unknown");
  EXPECT_EQ(detail(t, "size"), "7");
  EXPECT_EQ(detail(t, "first_bytes"), "00 01 02 fe ff 10 20");
}

TEST(Identify, RejectsInconsistentSpansAndMissingFiles) {
  const Bytes b(10, 0);
  EXPECT_THROW(identify_bytes(b, {}, 5, "x"), std::invalid_argument);
  EXPECT_THROW(identify_bytes({}, b, 5, "x"), std::invalid_argument);
  EXPECT_THROW(identify_file("/nonexistent/dir/disc.iso"), InputError);
}

TEST(Identify, LabelsAreSanitised) {
  IsoOptions o;
  o.label = std::string("BAD\x01\xff", 5);  // a control byte and invalid UTF-8 (read as Latin-1)
  const auto id = identify(cooked_iso(o));
  EXPECT_EQ(detail(id, "volume_label"), "BAD?\xC3\xBF");
}

TEST(Identify, OverlongAndSurrogateLabelsAreReadAsLatin1) {
  // A label that is UTF-8 (é: c3 a9) stays; one holding an overlong NUL (e0 80 80) or a surrogate
  // half U+D800 (ed a0 80) is not UTF-8 by RFC 3629, so each byte is an ISO 8859-1 character:
  // e0 -> à (c3 a0), ed -> í (c3 ad), a0 -> no-break space (c2 a0), the C1 byte 80 -> '?'.
  IsoOptions o;
  o.label = "CAF\xC3\xA9";
  EXPECT_EQ(detail(identify(cooked_iso(o)), "volume_label"), "CAF\xC3\xA9");
  o.label = "A\xE0\x80\x80Z";
  EXPECT_EQ(detail(identify(cooked_iso(o)), "volume_label"), "A\xC3\xA0??Z");
  o.label = "A\xED\xA0\x80Z";
  EXPECT_EQ(detail(identify(cooked_iso(o)), "volume_label"), "A\xC3\xAD\xC2\xA0?Z");
}

TEST(Identify, MachineNamesAreDistinct) {
  std::vector<std::string> names;
  for (int k = 0; k <= static_cast<int>(FileKind::Zstd); ++k) names.push_back(machine_name(static_cast<FileKind>(k)));
  std::sort(names.begin(), names.end());
  EXPECT_EQ(std::adjacent_find(names.begin(), names.end()), names.end());
}

}  // namespace
}  // namespace dw

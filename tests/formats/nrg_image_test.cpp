// NRG files built byte by byte from the layouts in reference/image-formats.md: v1 DAOI with CUES,
// v2 DAOX with 2448-byte sectors (subchannel), two sessions, ETN2 track-at-once; and malformed
// chains, each refused with the chunk and offset named.
#include "formats/nrg_image.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>

#include "disc/error.hpp"
#include "disc/sector.hpp"
#include "disc/subchannel_synth.hpp"
#include "formats/cue_reader.hpp"
#include "formats/nrg_writer.hpp"
#include "support/test_discs.hpp"

namespace dw {
namespace {

namespace fs = std::filesystem;

struct Bytes {
  std::vector<uint8_t> v;
  Bytes& be(uint64_t x, int n) {
    for (int i = n - 1; i >= 0; --i) v.push_back(static_cast<uint8_t>(x >> (8 * i)));
    return *this;
  }
  Bytes& str(const std::string& s) {
    v.insert(v.end(), s.begin(), s.end());
    return *this;
  }
  Bytes& zeros(size_t n) {
    v.insert(v.end(), n, 0);
    return *this;
  }
  Bytes& chunk(const std::string& id, const Bytes& body) {
    str(id).be(body.v.size(), 4);
    v.insert(v.end(), body.v.begin(), body.v.end());
    return *this;
  }
};

// CUEX entry: control/adr, track (BCD), index (BCD), LBA.
Bytes& cuex(Bytes& b, uint8_t ctl_adr, uint8_t track, uint8_t index, int32_t lba) {
  return b.be(ctl_adr, 1).be(track, 1).be(index, 1).be(0, 1).be(static_cast<uint32_t>(lba), 4);
}

fs::path write_nrg(const std::string& name, const Bytes& data, const Bytes& chain, bool v2 = true) {
  Bytes all = data;
  const uint64_t offset = all.v.size();
  all.v.insert(all.v.end(), chain.v.begin(), chain.v.end());
  if (v2)
    all.str("NER5").be(offset, 8);
  else
    all.str("NERO").be(offset, 4);
  const fs::path p = fs::temp_directory_path() / (std::to_string(::getpid()) + "-" + name);
  std::ofstream(p, std::ios::binary).write(reinterpret_cast<const char*>(all.v.data()), std::streamsize(all.v.size()));
  return p;
}

std::vector<uint8_t> pattern(size_t n, uint8_t seed) {
  std::vector<uint8_t> v(n);
  for (size_t i = 0; i < n; ++i) v[i] = static_cast<uint8_t>(i * 7 + seed);
  return v;
}

TEST(NrgImage, V2DaoWithSubchannel) {
  // One audio track: 150 pregap + 10 sectors of 2448 bytes (2352 audio + 96 interleaved P-W).
  Bytes data;
  const auto main = pattern(160 * 2352, 1), sub = pattern(160 * 96, 2);
  for (int i = 0; i < 160; ++i) {
    data.v.insert(data.v.end(), main.begin() + i * 2352, main.begin() + (i + 1) * 2352);
    data.v.insert(data.v.end(), sub.begin() + i * 96, sub.begin() + (i + 1) * 96);
  }
  Bytes cue, dao, chain;
  cuex(cue, 0x01, 0x00, 0x00, -150);
  cuex(cue, 0x01, 0x01, 0x00, -150);
  cuex(cue, 0x01, 0x01, 0x01, 0);
  cuex(cue, 0x01, 0xAA, 0x01, 10);
  dao.be(22 + 42, 4).str("0123456789012").zeros(1).be(0, 2).be(1, 1).be(1, 1);
  dao.str("USABC1234567").be(2448, 2).be(0x10, 1).be(0, 1).be(0, 2).be(0, 8).be(150 * 2448, 8).be(160 * 2448, 8);
  chain.chunk("CUEX", cue)
      .chunk("DAOX", dao)
      .chunk("SINF", Bytes().be(1, 4))
      .chunk("MTYP", Bytes().be(1, 4))
      .chunk("END!", Bytes());
  const fs::path p = write_nrg("sub.nrg", data, chain);
  Image image = read_nrg(p);
  const Disc& d = image.disc();
  EXPECT_EQ(d.mcn, "0123456789012");
  EXPECT_EQ(d.find_track(1)->isrc, "USABC1234567");
  EXPECT_EQ(d.find_track(1)->indices.size(), 1u);  // index 0 at -150 is the standard pregap
  EXPECT_EQ(d.leadout(), 10);
  EXPECT_EQ(image.source->subchannel_origin(), SubchannelOrigin::Source);
  std::vector<uint8_t> m(160 * 2352), s(160 * 96);
  image.source->read(-150, 160, m, s, {});
  EXPECT_EQ(m, main);
  EXPECT_EQ(s, sub);
  fs::remove(p);
}

TEST(NrgImage, V1DaoiWithCuesAndTwoSessions) {
  // Session 1: Mode 1/2048 track 1 (150 pregap + 20 sectors); session 2: audio track 2 at
  // 20 + 6750 + 4500 + 150 = 11420, 5 sectors. DAOI offsets are u32; CUES addresses are BCD MSF.
  Bytes data;
  data.zeros(150 * 2048);
  const auto user = pattern(20 * 2048, 3);
  data.v.insert(data.v.end(), user.begin(), user.end());
  const auto audio = pattern(5 * 2352, 4);
  const uint64_t audio_at = data.v.size();
  data.v.insert(data.v.end(), audio.begin(), audio.end());
  const auto cues = [](Bytes& b, uint8_t ctl, uint8_t track, uint8_t index, uint8_t m, uint8_t s, uint8_t f) {
    b.be(ctl, 1).be(track, 1).be(index, 1).be(0, 1).be(0, 1).be(m, 1).be(s, 1).be(f, 1);
  };
  Bytes c1, d1, c2, d2, chain;
  cues(c1, 0x41, 0x01, 0x01, 0x00, 0x02, 0x00);  // LBA 0
  cues(c1, 0x41, 0xAA, 0x01, 0x00, 0x02, 0x20);  // LBA 20
  d1.be(22 + 30, 4).zeros(14).be(0, 2).be(1, 1).be(1, 1);
  d1.zeros(12).be(2048, 2).be(0x00, 1).be(0, 1).be(0, 2).be(0, 4).be(150 * 2048, 4).be(170 * 2048, 4);
  cues(c2, 0x01, 0x02, 0x01, 0x02, 0x34, 0x20);  // 02:34:20 = 11570 frames = LBA 11420
  cues(c2, 0x01, 0xAA, 0x01, 0x02, 0x34, 0x25);
  d2.be(22 + 30, 4).zeros(14).be(0, 2).be(2, 1).be(2, 1);
  d2.zeros(12).be(2352, 2).be(0x07, 1).be(0, 1).be(0, 2).be(audio_at, 4).be(audio_at, 4).be(audio_at + 5 * 2352, 4);
  chain.chunk("CUES", c1).chunk("DAOI", d1).chunk("SINF", Bytes().be(1, 4));
  chain.chunk("CUES", c2).chunk("DAOI", d2).chunk("SINF", Bytes().be(1, 4)).chunk("END!", Bytes());
  const fs::path p = write_nrg("v1.nrg", data, chain, false);
  Image image = read_nrg(p);
  const Disc& d = image.disc();
  ASSERT_EQ(d.sessions.size(), 2u);
  EXPECT_EQ(d.find_track(1)->mode, TrackMode::Mode1);
  EXPECT_EQ(d.sessions[0].leadout, 20);
  EXPECT_EQ(d.find_track(2)->start(), 11420);
  EXPECT_EQ(d.leadout(), 11425);
  std::vector<uint8_t> s(2352);
  image.source->read(5, 1, s, {}, {});
  EXPECT_TRUE(verify_sector(std::span<const uint8_t, 2352>(s.data(), 2352), 5).faults.ok());
  EXPECT_TRUE(std::equal(user.begin() + 5 * 2048, user.begin() + 6 * 2048, s.begin() + 16));
  std::vector<uint8_t> a(5 * 2352);
  image.source->read(11420, 5, a, {}, {});
  EXPECT_EQ(a, audio);
  fs::remove(p);
}

TEST(NrgImage, Etn2TrackAtOnceGaps) {
  Bytes data;
  const auto t1 = pattern(30 * 2352, 5), t2 = pattern(40 * 2352, 6);
  data.v.insert(data.v.end(), t1.begin(), t1.end());
  data.v.insert(data.v.end(), t2.begin(), t2.end());
  Bytes etn, chain;
  etn.be(0, 8).be(30 * 2352, 8).be(0x07, 4).be(0, 4).be(0, 4).be(30, 4);
  etn.be(30 * 2352, 8).be(40 * 2352, 8).be(0x07, 4).be(30, 4).be(0, 4).be(40, 4);
  chain.chunk("ETN2", etn).chunk("SINF", Bytes().be(2, 4)).chunk("END!", Bytes());
  const fs::path p = write_nrg("tao.nrg", data, chain);
  Image image = read_nrg(p);
  EXPECT_EQ(image.disc().find_track(2)->index(0), 30);
  EXPECT_EQ(image.disc().find_track(2)->start(), 180);
  EXPECT_EQ(image.disc().leadout(), 220);
  std::vector<uint8_t> m(40 * 2352);
  image.source->read(180, 40, m, {}, {});
  EXPECT_EQ(m, t2);
  fs::remove(p);
}

std::string nrg_error(const Bytes& data, const Bytes& chain, bool v2 = true) {
  const fs::path p = write_nrg("bad.nrg", data, chain, v2);
  std::string what = "(accepted)";
  try {
    read_nrg(p);
  } catch (const InputError& e) {
    what = e.problem() + (e.offset() ? " @" + std::to_string(*e.offset()) : "");
  }
  fs::remove(p);
  return what;
}

TEST(NrgImage, MalformedChains) {
  Bytes data;
  data.zeros(4 * 2352);
  // A chunk whose size runs past the chain.
  EXPECT_EQ(nrg_error(data, Bytes().str("CUEX").be(1000, 4)),
            "CUEX chunk of 1000 bytes runs past the end of the chunk chain (12 bytes left) @9408");
  // DAOX track end past the data area.
  Bytes dao;
  dao.be(64, 4)
      .zeros(14)
      .be(0, 2)
      .be(1, 1)
      .be(1, 1)
      .zeros(12)
      .be(2352, 2)
      .be(7, 1)
      .be(0, 1)
      .be(0, 2)
      .be(0, 8)
      .be(0, 8)
      .be(99 * 2352, 8);
  EXPECT_EQ(nrg_error(data, Bytes().chunk("DAOX", dao).chunk("END!", Bytes())),
            "track 1: offsets 0/0/232848 are out of order or past the data area (9408 bytes) @9438");
  // Absurd track range and counts that do not fit.
  Bytes dao2;
  dao2.be(64, 4).zeros(14).be(0, 2).be(1, 1).be(99, 1);
  EXPECT_EQ(nrg_error(data, Bytes().chunk("DAOX", dao2)),
            "DAOX chunk of 22 bytes cannot hold 99 tracks of 42 bytes @9408");
  // Unknown mode code.
  Bytes etn;
  etn.be(0, 8).be(2352, 8).be(0x42, 4).be(0, 4).be(0, 4).be(1, 4);
  EXPECT_EQ(nrg_error(data, Bytes().chunk("ETN2", etn)), "track entry 1: unknown mode code 0x42 @9416");
  // No layout chunk at all.
  EXPECT_EQ(nrg_error(data, Bytes().chunk("END!", Bytes())),
            "the chunk chain describes no track (no DAOX/DAOI or ETN2/ETNF chunk) @9408");
  // No footer; a footer pointing outside the file.
  const fs::path p = fs::temp_directory_path() / (std::to_string(::getpid()) + "-nofooter.nrg");
  std::ofstream(p, std::ios::binary) << std::string(100, 'x');
  EXPECT_THROW(read_nrg(p), InputError);
  std::ofstream(p, std::ios::binary) << std::string(100, 'x') << "NER5" << std::string(7, '\0') << '\xff';
  try {
    read_nrg(p);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(e.problem().find("footer points the chunk chain at offset 255"), std::string::npos) << e.problem();
  }
  fs::remove(p);
}

TEST(NrgWriter, RealSubchannelGoesInto2448ByteSectors) {
  Disc d;
  Session s;
  s.tracks.push_back(test::track(1, TrackMode::Audio, {{1, 0}}));
  s.tracks.push_back(test::track(2, TrackMode::Audio, {{0, 40}, {1, 50}, {2, 60}}));
  s.tracks[1].isrc = "USABC1234567";
  s.leadout = 80;
  d.sessions.push_back(s);
  d.mcn = "0123456789012";
  test::set_point_controls(d);
  SubchannelSynthesizer synth(d);
  std::vector<uint8_t> sub(80 * 96);
  synth.synthesize_run(0, 80, sub);
  sub[45 * 96 + 3] ^= 0x40;  // one damaged Q bit: the image's own subchannel must be kept
  MemorySectorSource src(d, 0, pattern(80 * 2352, 9), sub);
  const fs::path p = fs::temp_directory_path() / (std::to_string(::getpid()) + "-w.nrg");
  write_nrg(src, p, false);
  // (150 pregap + 80) sectors of 2448 bytes, then the chunk chain.
  Image back = read_nrg(p);
  EXPECT_EQ(back.disc(), d);
  EXPECT_EQ(back.source->subchannel_origin(), SubchannelOrigin::Source);
  std::vector<uint8_t> m(80 * 2352), sb(80 * 96);
  back.source->read(0, 80, m, sb, {});
  EXPECT_EQ(m, pattern(80 * 2352, 9));
  EXPECT_EQ(sb, sub);
  EXPECT_GT(fs::file_size(p), 230u * 2448);
  EXPECT_LT(fs::file_size(p), 230u * 2448 + 1024);
  EXPECT_THROW(write_nrg(src, p, false), InputError);
  fs::remove(p);
}

TEST(NrgWriter, HiddenTrackOneAudioKeepsTheFirstPregapInTheFile) {
  // Index 0 at LBA 0, index 1 at 30 (hidden track one audio), lead-out 40. A DAO image holds
  // track 1's pregap: file offset = (LBA + 150) * sector size (reference/image-formats.md), the
  // lead-in entry first at LBA -150 (as p1.nrg has it), index 0 where the disc puts it.
  Disc d;
  Session s;
  s.tracks.push_back(test::track(1, TrackMode::Audio, {{0, 0}, {1, 30}}));
  s.leadout = 40;
  d.sessions.push_back(s);
  test::set_point_controls(d);
  MemorySectorSource src(d, 0, pattern(40 * 2352, 5));
  const fs::path p = fs::temp_directory_path() / (std::to_string(::getpid()) + "-h.nrg");
  write_nrg(src, p, false);
  std::ifstream in(p, std::ios::binary);
  std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)), {});
  ASSERT_GT(bytes.size(), 190u * 2352 + 8 + 32 + 8 + 64);
  const auto at = bytes.begin() + 190 * 2352;  // the chain: CUEX first
  const std::vector<uint8_t> cuex = {'C',  'U',  'E',  'X',  0,    0,    0,    32,   0x01, 0x00, 0x00, 0x00, 0xFF, 0xFF,
                                     0xFF, 0x6A, 0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x01, 0x01, 0x00,
                                     0x00, 0x00, 0x00, 0x1E, 0x01, 0xAA, 0x01, 0x00, 0x00, 0x00, 0x00, 0x28};
  EXPECT_EQ(std::vector<uint8_t>(at, at + 40), cuex);
  // DAOX track 1: index 0 at byte 0 (LBA -150), index 1 at 180 * 2352, end at 190 * 2352.
  const auto dao = at + 40 + 8 + 22 + 18;
  EXPECT_EQ(
      std::vector<uint8_t>(dao, dao + 24),
      (std::vector<uint8_t>{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x06, 0x75, 0xC0, 0, 0, 0, 0, 0, 0x06, 0xD1, 0xA0}));
  EXPECT_TRUE(std::all_of(bytes.begin(), bytes.begin() + 150 * 2352, [](uint8_t b) { return b == 0; }));
  const auto data = pattern(40 * 2352, 5);
  EXPECT_TRUE(std::equal(data.begin(), data.end(), bytes.begin() + 150 * 2352));
  Image back = read_nrg(p);
  EXPECT_EQ(back.disc(), d);
  fs::remove(p);
}

// One Mode 1 track from LBA 0 to `leadout`.
Disc mode1_disc(Lba leadout) {
  Disc d;
  Session s;
  s.tracks.push_back(test::track(1, TrackMode::Mode1, {{1, 0}}));
  s.leadout = leadout;
  d.sessions.push_back(s);
  test::set_point_controls(d);
  return d;
}

TEST(NrgWriter, ValidMode1TracksAreStoredCooked) {
  const Disc d = mode1_disc(20);
  std::vector<uint8_t> main(20 * 2352);
  const auto user = pattern(20 * 2048, 3);
  for (Lba l = 0; l < 20; ++l)
    encode_sector(SectorKind::Mode1, l, std::span(user).subspan(size_t(l) * 2048, 2048),
                  std::span<uint8_t, 2352>(main.data() + l * 2352, 2352));
  MemorySectorSource src(d, 0, main);
  const fs::path p = fs::temp_directory_path() / (std::to_string(::getpid()) + "-c.nrg");
  write_nrg(src, p, false);
  // 2048-byte sectors from LBA -150: the ISO's bytes start at 150 * 2048, as nrg2iso expects.
  std::ifstream in(p, std::ios::binary);
  std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)), {});
  ASSERT_GT(bytes.size(), 170u * 2048);
  EXPECT_TRUE(std::equal(user.begin(), user.end(), bytes.begin() + 150 * 2048));
  Image back = read_nrg(p);
  std::vector<uint8_t> m(20 * 2352);
  back.source->read(0, 20, m, {}, {});
  EXPECT_EQ(m, main);
  fs::remove(p);
}

// A Mode 1 track with one sector whose ECC does not match cannot be stored cooked without
// losing that sector: the writer (which writes cooked while it checks) must fall back to raw
// sectors, and every byte must read back as it was, the damaged sector included; from memory
// and from a BIN/CUE image (sectors the source reads from a file).
std::vector<uint8_t> mode1_sectors_with_a_bad_one() {
  std::vector<uint8_t> main(3000 * 2352);
  const auto user = pattern(3000 * 2048, 5);
  for (Lba l = 0; l < 3000; ++l)
    encode_sector(SectorKind::Mode1, l, std::span(user).subspan(size_t(l) * 2048, 2048),
                  std::span<uint8_t, 2352>(main.data() + l * 2352, 2352));
  main[size_t{2500} * 2352 + 2300] ^= 0x01;  // a Q parity byte of LBA 2500, in the third chunk
  return main;
}

void expect_nrg_holds(SectorSource& src, const std::vector<uint8_t>& main, const std::string& name) {
  const fs::path p = fs::temp_directory_path() / (std::to_string(::getpid()) + name);
  write_nrg(src, p, false);
  EXPECT_GE(fs::file_size(p), 3150u * 2352);
  Image back = read_nrg(p);
  std::vector<uint8_t> m(3000 * 2352);
  back.source->read(0, 3000, m, {}, {});
  EXPECT_EQ(m, main);
  fs::remove(p);
}

TEST(NrgWriter, DamagedMode1TracksAreStoredRaw) {
  const auto main = mode1_sectors_with_a_bad_one();
  MemorySectorSource src(mode1_disc(3000), 0, main);
  expect_nrg_holds(src, main, "-r.nrg");
}

TEST(NrgWriter, DamagedMode1TracksOfABinFileAreStoredRaw) {
  const auto main = mode1_sectors_with_a_bad_one();
  const fs::path dir = fs::temp_directory_path() / (std::to_string(::getpid()) + "-bad-bin");
  fs::create_directories(dir);
  std::ofstream(dir / "d.bin", std::ios::binary)
      .write(reinterpret_cast<const char*>(main.data()), std::streamsize(main.size()));
  std::ofstream(dir / "d.cue") << "FILE \"d.bin\" BINARY\n  TRACK 01 MODE1/2352\n    INDEX 01 00:00:00\n";
  Image image = read_cue(dir / "d.cue");
  expect_nrg_holds(*image.source, main, "-rb.nrg");
  fs::remove_all(dir);
}

}  // namespace
}  // namespace dw

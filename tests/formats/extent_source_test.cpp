// ExtentSectorSource: each storage form expands to the sector a disc holds. Cooked data is
// checked against corpus bytes (isofs-m1.bin, raw sectors written by another tool), the rest
// against the definitions in reference/cd-physical.md.
#include "formats/extent_source.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <random>

#include "disc/error.hpp"
#include "disc/scrambler.hpp"
#include "support/corpus.hpp"
#include "support/test_discs.hpp"

namespace dw {
namespace {

namespace fs = std::filesystem;

class TempFile {
 public:
  explicit TempFile(const std::vector<uint8_t>& bytes) {
    path_ = fs::temp_directory_path() / ("dw-extent-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++));
    std::ofstream(path_, std::ios::binary)
        .write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  }
  ~TempFile() { fs::remove(path_); }
  [[nodiscard]] std::shared_ptr<const ImageFile> open() const { return ImageFile::open(path_); }
  [[nodiscard]] const fs::path& path() const { return path_; }

 private:
  static inline int counter_ = 0;
  fs::path path_;
};

Disc one_track_disc(TrackMode mode, Lba leadout) {
  Disc d;
  Session s;
  s.tracks.push_back(test::track(1, mode, {{1, 0}}));
  s.leadout = leadout;
  d.sessions.push_back(s);
  return d;
}

Extent scrambled_extent(std::shared_ptr<const ImageFile> f) {
  Extent e = Extent::stored(30, 10, Storage::Raw, std::move(f), 0, 2352);
  e.scrambled = true;
  return e;
}

Extent with_sub(Extent e) {
  e.embedded_sub = SubLayout::Interleaved;
  return e;
}

std::vector<uint8_t> random_bytes(size_t n, unsigned seed) {
  std::mt19937 rng(seed);
  std::vector<uint8_t> v(n);
  for (auto& b : v) b = static_cast<uint8_t>(rng());
  return v;
}

TEST(ExtentSource, CookedMode1RebuildsTheCorpusRawSectors) {
  DW_REQUIRE_CORPUS_FILE(bin, "libcdio/test/data/isofs-m1.bin");
  const auto raw = test::read_file(bin);
  const size_t n = raw.size() / 2352;
  ASSERT_EQ(n, 302u);
  std::vector<uint8_t> cooked;
  for (size_t i = 0; i < n; ++i)
    cooked.insert(cooked.end(), raw.begin() + i * 2352 + 16, raw.begin() + i * 2352 + 2064);
  TempFile f(cooked);
  // isofs-m1.bin starts at LBA 0 (its first header is 00:02:00).
  ExtentSectorSource src(one_track_disc(TrackMode::Mode1, 302), 0, 302,
                         {Extent::stored(0, 302, Storage::Mode1User, f.open(), 0, 2048)});
  std::vector<uint8_t> main(n * 2352);
  std::vector<SectorState> states(n);
  src.read(0, static_cast<uint32_t>(n), main, {}, states);
  EXPECT_EQ(main, raw);
  EXPECT_EQ(states[0].provenance, SectorState::kMainSynthesized | SectorState::kSubSynthesized);
  EXPECT_EQ(src.subchannel_origin(), SubchannelOrigin::Synthesized);
  // Single sectors and odd runs give the same bytes.
  std::vector<uint8_t> one(2352);
  src.read(301, 1, one, {}, {});
  EXPECT_TRUE(std::equal(one.begin(), one.end(), raw.begin() + 301 * 2352));
}

TEST(ExtentSource, RawSwappedScrambledAndGaps) {
  const auto audio = random_bytes(10 * 2352, 1);
  std::vector<uint8_t> swapped(audio.size());
  for (size_t i = 0; i < audio.size(); i += 2) {
    swapped[i] = audio[i + 1];
    swapped[i + 1] = audio[i];
  }
  TempFile a(audio), b(swapped);
  // Scrambled store of the same bytes: the source must give the plain ones back.
  auto scrambled = audio;
  for (size_t i = 0; i < 10; ++i) scramble(std::span(scrambled).subspan(i * 2352, 2352));
  TempFile c(scrambled);
  ExtentSectorSource src(
      one_track_disc(TrackMode::Audio, 45), 0, 45,
      {Extent::stored(0, 10, Storage::Raw, a.open(), 0, 2352),
       Extent::stored(10, 10, Storage::RawSwapped, b.open(), 0, 2352), Extent::generated(20, 5, SectorKind::Mode1),
       // 25..29 not covered: silence
       scrambled_extent(c.open())});
  std::vector<uint8_t> main(45 * 2352);
  std::vector<SectorState> st(45);
  src.read(0, 45, main, {}, st);
  EXPECT_TRUE(std::equal(audio.begin(), audio.end(), main.begin()));
  EXPECT_TRUE(std::equal(audio.begin(), audio.end(), main.begin() + 10 * 2352));
  EXPECT_TRUE(std::equal(audio.begin(), audio.end(), main.begin() + 30 * 2352));
  // A generated Mode 1 gap sector: sync, header 00:02:20 (LBA 20), mode 1, zero data, valid EDC/ECC.
  const uint8_t* g = main.data() + 20 * 2352;
  const uint8_t sync_header[16] = {0,    0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
                                   0xFF, 0xFF, 0xFF, 0,    0x00, 0x02, 0x20, 0x01};
  EXPECT_TRUE(std::equal(sync_header, sync_header + 16, g));
  EXPECT_TRUE(verify_sector(std::span<const uint8_t, 2352>(g, 2352), 20).faults.ok());
  EXPECT_EQ(st[20].provenance & SectorState::kGapGenerated, SectorState::kGapGenerated);
  EXPECT_TRUE(std::all_of(main.begin() + 25 * 2352, main.begin() + 30 * 2352, [](uint8_t x) { return x == 0; }));
  EXPECT_EQ(st[27].provenance & SectorState::kGapGenerated, SectorState::kGapGenerated);
  EXPECT_EQ(st[5].provenance, SectorState::kSubSynthesized);
}

TEST(ExtentSource, Mode2NoSyncAndCookedForms) {
  // 2336-byte Mode 2 sectors from real XA sectors: the header is rebuilt, the rest kept.
  std::vector<uint8_t> xa(3 * 2352), stored;
  const auto user1 = random_bytes(2048, 2), user2 = random_bytes(2324, 3);
  encode_sector(SectorKind::Mode2Form1, 100, user1, std::span<uint8_t, 2352>(xa.data(), 2352), {1, 2, 0x08, 0});
  encode_sector(SectorKind::Mode2Form2, 101, user2, std::span<uint8_t, 2352>(xa.data() + 2352, 2352), {1, 2, 0x20, 0});
  encode_sector(SectorKind::Mode2Form1, 102, user1, std::span<uint8_t, 2352>(xa.data() + 4704, 2352), {1, 2, 0x08, 0});
  for (int i = 0; i < 3; ++i) stored.insert(stored.end(), xa.begin() + i * 2352 + 16, xa.begin() + (i + 1) * 2352);
  TempFile f(stored), f1(user1), f2(user2);
  Disc d = one_track_disc(TrackMode::Mode2Xa, 105);
  ExtentSectorSource src(d, 100, 105,
                         {Extent::stored(100, 3, Storage::Mode2NoSync, f.open(), 0, 2336),
                          Extent::stored(103, 1, Storage::Form1User, f1.open(), 0, 2048),
                          Extent::stored(104, 1, Storage::Form2User, f2.open(), 0, 2324)});
  std::vector<uint8_t> main(5 * 2352);
  src.read(100, 5, main, {}, {});
  EXPECT_TRUE(std::equal(xa.begin(), xa.end(), main.begin()));
  const auto c1 = verify_sector(std::span<const uint8_t, 2352>(main.data() + 3 * 2352, 2352), 103);
  EXPECT_EQ(c1.kind, SectorKind::Mode2Form1);
  EXPECT_TRUE(c1.faults.ok());
  EXPECT_TRUE(std::equal(user1.begin(), user1.end(), main.begin() + 3 * 2352 + 24));
  const auto c2 = verify_sector(std::span<const uint8_t, 2352>(main.data() + 4 * 2352, 2352), 104);
  EXPECT_EQ(c2.kind, SectorKind::Mode2Form2);
  EXPECT_TRUE(c2.faults.ok());
}

TEST(ExtentSource, EmbeddedAndSeparateSubchannel) {
  // 2448-byte sectors with interleaved P-W after the main data, and a linear .sub file: both
  // come out interleaved.
  const auto main_bytes = random_bytes(4 * 2352, 4), sub_bytes = random_bytes(4 * 96, 5);
  std::vector<uint8_t> packed, linear(4 * 96);
  for (int i = 0; i < 4; ++i) {
    packed.insert(packed.end(), main_bytes.begin() + i * 2352, main_bytes.begin() + (i + 1) * 2352);
    packed.insert(packed.end(), sub_bytes.begin() + i * 96, sub_bytes.begin() + (i + 1) * 96);
    deinterleave_subchannel(std::span<const uint8_t, 96>(sub_bytes.data() + i * 96, 96),
                            std::span<uint8_t, 96>(linear.data() + i * 96, 96));
  }
  TempFile p(packed), m(main_bytes), l(linear);
  const Disc d = one_track_disc(TrackMode::Audio, 4);
  ExtentSectorSource embedded(d, 0, 4, {with_sub(Extent::stored(0, 4, Storage::Raw, p.open(), 0, 2448))});
  ExtentSectorSource separate(d, 0, 4, {Extent::stored(0, 4, Storage::Raw, m.open(), 0, 2352)},
                              SubFile{l.open(), 0, SubLayout::Linear});
  for (SectorSource* s : {static_cast<SectorSource*>(&embedded), static_cast<SectorSource*>(&separate)}) {
    EXPECT_EQ(s->subchannel_origin(), SubchannelOrigin::Source);
    std::vector<uint8_t> main(4 * 2352), sub(4 * 96);
    std::vector<SectorState> st(4);
    s->read(0, 4, main, sub, st);
    EXPECT_EQ(main, main_bytes);
    EXPECT_EQ(sub, sub_bytes);
    EXPECT_EQ(st[3].provenance, 0);
  }
  // A .sub file shorter than the image is not used: subchannel is synthesised instead.
  TempFile short_sub(std::vector<uint8_t>(3 * 96));
  ExtentSectorSource partial(d, 0, 4, {Extent::stored(0, 4, Storage::Raw, m.open(), 0, 2352)},
                             SubFile{short_sub.open(), 0, SubLayout::Linear});
  EXPECT_EQ(partial.subchannel_origin(), SubchannelOrigin::Synthesized);
}

TEST(ExtentSource, BadLayoutsAndShortFilesAreErrors) {
  TempFile f(std::vector<uint8_t>(2352 * 2));
  const Disc d = one_track_disc(TrackMode::Audio, 10);
  EXPECT_THROW(ExtentSectorSource(d, 0, 10,
                                  {Extent::stored(0, 5, Storage::Raw, f.open(), 0, 2352),
                                   Extent::stored(4, 2, Storage::Raw, f.open(), 0, 2352)}),
               ModelError);
  EXPECT_THROW(ExtentSectorSource(d, 0, 10, {Extent::stored(8, 5, Storage::Raw, f.open(), 0, 2352)}), ModelError);
  EXPECT_THROW(ExtentSectorSource(d, 0, 10, {Extent::stored(0, 1, Storage::Raw, f.open(), 0, 2048)}), ModelError);
  // The file holds 2 sectors; the extent claims 5: reading past the end names the file and offset.
  ExtentSectorSource src(d, 0, 10, {Extent::stored(0, 5, Storage::Raw, f.open(), 0, 2352)});
  std::vector<uint8_t> main(5 * 2352);
  try {
    src.read(0, 5, main, {}, {});
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(e.source(), f.path().string());
    EXPECT_EQ(e.offset(), 0u);
  }
  EXPECT_THROW(src.read(8, 3, std::span(main).first(3 * 2352), {}, {}), std::out_of_range);
}

TEST(SheetFiles, LookupAsWrittenThenCaseThenSheetName) {
  const fs::path dir = fs::temp_directory_path() / ("dw-lookup-" + std::to_string(::getpid()));
  fs::create_directories(dir / "sub");
  const auto touch = [&](const fs::path& p) { std::ofstream(dir / p) << "x"; };
  touch("Track 01.BIN");
  touch("sub/inner.bin");
  touch("album.bin");
  const fs::path sheet = dir / "album.cue";
  EXPECT_EQ(find_sheet_file(sheet, "sub\\inner.bin").path, dir / "sub/inner.bin");
  EXPECT_FALSE(find_sheet_file(sheet, "sub\\inner.bin").fallback);
  const auto c = find_sheet_file(sheet, "track 01.bin");
  EXPECT_EQ(c.path, dir / "Track 01.BIN");
  EXPECT_TRUE(c.fallback);
  EXPECT_EQ(find_sheet_file(sheet, "C:\\rips\\Track 01.bin").path, dir / "Track 01.BIN");
  EXPECT_EQ(find_sheet_file(sheet, "Old Name.bin").path, dir / "album.bin");
  try {
    find_sheet_file(sheet, "missing.wav", 7, false);
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(e.line(), 7);
    EXPECT_EQ(e.problem(), "file \"missing.wav\" not found; tried " + (dir / "missing.wav").string() + ", " +
                               (dir / "missing.wav").string() + " (any case)");
  }
  fs::remove_all(dir);
}

}  // namespace
}  // namespace dw

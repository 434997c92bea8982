// Audio track files: the exact sheet text for synthetic discs (EAC's "gaps appended" layout:
// INDEX 00 in the previous file, hidden track one audio in a file of its own, silent gaps with no
// file before them as PREGAP, data tracks named in a REM), the WAVE header byte for byte (RIFF
// layout worked out by hand), and FLAC files judged by the flac tools: `flac -d` gives back the
// source's samples, `flac -t` passes, metaflac shows the tags and an MD5 equal to md5sum's.
#include "formats/audio_tracks.hpp"

#include <cdio/cdtext.h>
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <tuple>

#include "disc/error.hpp"
#include "disc/sector.hpp"
#include "disc/subchannel_synth.hpp"
#include "formats/conversion.hpp"
#include "formats/wave_file.hpp"
#include "support/test_discs.hpp"

namespace dw {
namespace {

namespace fs = std::filesystem;
using test::track;

// Session 1: track 1 with 40 sectors of hidden audio before INDEX 01, track 2 with a pregap,
// index 2, ISRC, copy permitted, track 3 without a pregap; session 2: a data track (CD-Extra).
// MCN, CD-Text with a track performer, a Latin-1 title and the genre code 23 (libcdio:
// CDTEXT_GENRE_ROCK).
Disc htoa_extra_disc() {
  Disc d;
  Session s1;
  s1.tracks.push_back(track(1, TrackMode::Audio, {{0, 0}, {1, 40}}));
  s1.tracks[0].control.bits = Control::kPreEmphasis;
  s1.tracks.push_back(track(2, TrackMode::Audio, {{0, 100}, {1, 130}, {2, 150}}));
  s1.tracks[1].isrc = "USDW12600001";
  s1.tracks[1].control.bits = Control::kCopyPermitted;
  s1.tracks.push_back(track(3, TrackMode::Audio, {{1, 200}}));
  s1.leadout = 260;
  Session s2;
  s2.number = 2;
  s2.tracks.push_back(track(4, TrackMode::Mode1, {{1, 260 + 11400}}));
  s2.leadout = 260 + 11400 + 30;
  d.sessions = {s1, s2};
  d.mcn = "0123456789012";
  CdTextBlock b;
  b.first_track = 1;
  b.last_track = 4;
  b.text[{0x80, 0}] = "Album";
  b.text[{0x81, 0}] = "Band";
  b.text[{0x80, 1}] = "One";
  b.text[{0x80, 2}] = "Two";
  b.text[{0x81, 2}] = "Guest";
  b.text[{0x80, 3}] = "Tr\xEAs";
  b.binary[0x87] = {0x00, CDTEXT_GENRE_ROCK};
  d.cdtext.blocks.push_back(b);
  test::set_point_controls(d);
  return d;
}

// Mixed mode: data track 1, audio track 2 whose pregap (after the data) is silent, audio track 3
// whose 5-sector pregap is not.
Disc mixed_disc() {
  Disc d;
  Session s;
  s.tracks.push_back(track(1, TrackMode::Mode1, {{1, 0}}));
  s.tracks.push_back(track(2, TrackMode::Audio, {{0, 100}, {1, 125}}));
  s.tracks.push_back(track(3, TrackMode::Audio, {{0, 175}, {1, 180}}));
  s.leadout = 230;
  d.sessions = {s};
  test::set_point_controls(d);
  return d;
}

// Audio sectors hold a pattern that differs in every byte of the first few sectors (and is never
// silent); `silent` ranges hold zeros; data tracks hold Mode 1 sectors.
std::vector<uint8_t> sectors_of(const Disc& d, Lba end, std::vector<std::pair<Lba, Lba>> silent = {}) {
  std::vector<uint8_t> main(size_t(end) * 2352);
  for (Lba l = 0; l < end; ++l) {
    auto* s = main.data() + size_t(l) * 2352;
    const auto pos = d.locate(l);
    if (pos.area == Position::Area::Program && d.find_track(pos.track)->is_data()) {
      std::vector<uint8_t> user(2048, uint8_t(l));
      encode_sector(SectorKind::Mode1, l, user, std::span<uint8_t, 2352>(s, 2352));
      continue;
    }
    bool quiet = false;
    for (auto [a, b] : silent) quiet = quiet || (l >= a && l < b);
    if (!quiet)
      for (size_t i = 0; i < 2352; ++i) s[i] = uint8_t(l * 31 + i * 7 + (i >> 8));
  }
  return main;
}

std::string run(const std::string& command) {
  std::string out;
  FILE* p = ::popen(command.c_str(), "r");
  if (!p) return out;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  ::pclose(p);
  return out;
}

bool have_flac() { return std::system("command -v flac >/dev/null 2>&1 && command -v metaflac >/dev/null 2>&1") == 0; }

std::vector<uint8_t> bytes_of(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

std::string text_of(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

struct TempDir {
  fs::path path;
  explicit TempDir(const std::string& name)
      : path(fs::temp_directory_path() / (name + "-" + std::to_string(::getpid()))) {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
};

TEST(AudioTracks, SheetWithHiddenTrackGapsAppendedAndDataSession) {
  const Disc d = htoa_extra_disc();
  MemorySectorSource src(d, 0, sectors_of(d, 260));
  const AudioPlan p = plan_audio_tracks(src, "Disc", AudioFormat::Flac);
  EXPECT_EQ(p.sheet_name, "Disc (audio).cue");
  EXPECT_EQ(p.sheet,
            "CATALOG 0123456789012\n"
            "TITLE \"Album\"\n"
            "PERFORMER \"Band\"\n"
            "FILE \"Disc (Track 0).flac\" WAVE\n"
            "  TRACK 01 AUDIO\n"
            "    TITLE \"One\"\n"
            "    FLAGS PRE\n"
            "    INDEX 00 00:00:00\n"
            "FILE \"Disc (Track 1).flac\" WAVE\n"
            "    INDEX 01 00:00:00\n"
            "  TRACK 02 AUDIO\n"
            "    TITLE \"Two\"\n"
            "    PERFORMER \"Guest\"\n"
            "    ISRC USDW12600001\n"
            "    FLAGS DCP\n"
            "    INDEX 00 00:00:60\n"
            "FILE \"Disc (Track 2).flac\" WAVE\n"
            "    INDEX 01 00:00:00\n"
            "    INDEX 02 00:00:20\n"
            "FILE \"Disc (Track 3).flac\" WAVE\n"
            "  TRACK 03 AUDIO\n"
            "    TITLE \"Tr\xEAs\"\n"
            "    INDEX 01 00:00:00\n"
            "REM TRACK 04 MODE1/2352 (data): not in these files\n");
  ASSERT_EQ(p.files.size(), 4u);
  const std::vector<std::tuple<std::string, int, Lba, Lba>> want = {{"Disc (Track 0).flac", 0, 0, 40},
                                                                    {"Disc (Track 1).flac", 1, 40, 130},
                                                                    {"Disc (Track 2).flac", 2, 130, 200},
                                                                    {"Disc (Track 3).flac", 3, 200, 260}};
  for (size_t i = 0; i < want.size(); ++i) {
    EXPECT_EQ(p.files[i].name, std::get<0>(want[i]));
    EXPECT_EQ(p.files[i].track, std::get<1>(want[i]));
    EXPECT_EQ(p.files[i].first, std::get<2>(want[i]));
    EXPECT_EQ(p.files[i].end, std::get<3>(want[i]));
  }
}

TEST(AudioTracks, SilentHiddenAudioBecomesPregap) {
  const Disc d = htoa_extra_disc();
  MemorySectorSource src(d, 0, sectors_of(d, 260, {{0, 40}}));
  const AudioPlan p = plan_audio_tracks(src, "Disc", AudioFormat::Wav);
  EXPECT_EQ(p.sheet_name, "Disc (audio WAV).cue");
  EXPECT_NE(p.sheet.find("PERFORMER \"Band\"\n"
                         "FILE \"Disc (Track 1).wav\" WAVE\n"
                         "  TRACK 01 AUDIO\n"
                         "    TITLE \"One\"\n"
                         "    FLAGS PRE\n"
                         "    PREGAP 00:00:40\n"
                         "    INDEX 01 00:00:00\n"
                         "  TRACK 02 AUDIO\n"),
            std::string::npos)
      << p.sheet;
  ASSERT_EQ(p.files.size(), 3u);
  EXPECT_EQ(p.files[0].first, 40);
}

TEST(AudioTracks, MixedModeSheet) {
  const Disc d = mixed_disc();
  MemorySectorSource src(d, 0, sectors_of(d, 230, {{100, 125}}));
  const AudioPlan p = plan_audio_tracks(src, "Mixed", AudioFormat::Wav);
  EXPECT_EQ(p.sheet,
            "REM TRACK 01 MODE1/2352 (data): not in these files\n"
            "FILE \"Mixed (Track 2).wav\" WAVE\n"
            "  TRACK 02 AUDIO\n"
            "    PREGAP 00:00:25\n"
            "    INDEX 01 00:00:00\n"
            "  TRACK 03 AUDIO\n"
            "    INDEX 00 00:00:50\n"
            "FILE \"Mixed (Track 3).wav\" WAVE\n"
            "    INDEX 01 00:00:00\n");
  ASSERT_EQ(p.files.size(), 2u);
  EXPECT_EQ(p.files[0].first, 125);
  EXPECT_EQ(p.files[0].end, 180);
  EXPECT_EQ(p.files[1].first, 180);
  EXPECT_EQ(p.files[1].end, 230);
  EXPECT_EQ(p.notes,
            (std::vector<std::string>{"track 01 is a data track: not in the audio files",
                                      "track 02: its pregap of 25 sectors is digital silence, written as PREGAP"}));

  // A pregap after the data track that holds sound opens the track's own file.
  MemorySectorSource loud(d, 0, sectors_of(d, 230));
  const AudioPlan q = plan_audio_tracks(loud, "Mixed", AudioFormat::Wav);
  EXPECT_NE(q.sheet.find("FILE \"Mixed (Track 2).wav\" WAVE\n"
                         "  TRACK 02 AUDIO\n"
                         "    INDEX 00 00:00:00\n"
                         "    INDEX 01 00:00:25\n"),
            std::string::npos)
      << q.sheet;
  EXPECT_EQ(q.files[0].first, 100);
}

TEST(AudioTracks, AudioInTwoSessions) {
  Disc d;
  Session s1, s2;
  s1.tracks.push_back(track(1, TrackMode::Audio, {{1, 0}}));
  s1.tracks.push_back(track(2, TrackMode::Audio, {{1, 50}}));
  s1.leadout = 100;
  s2.number = 2;
  s2.tracks.push_back(track(3, TrackMode::Audio, {{1, 100 + 11400}}));
  s2.leadout = 100 + 11400 + 40;
  d.sessions = {s1, s2};
  test::set_point_controls(d);
  MemorySectorSource src(d, 0, sectors_of(d, 100));
  const AudioPlan p = plan_audio_tracks(src, "D", AudioFormat::Flac);
  EXPECT_EQ(p.sheet,
            "REM SESSION 01\n"
            "FILE \"D (Track 1).flac\" WAVE\n"
            "  TRACK 01 AUDIO\n"
            "    INDEX 01 00:00:00\n"
            "FILE \"D (Track 2).flac\" WAVE\n"
            "  TRACK 02 AUDIO\n"
            "    INDEX 01 00:00:00\n"
            "REM SESSION 02\n"
            "FILE \"D (Track 3).flac\" WAVE\n"
            "  TRACK 03 AUDIO\n"
            "    INDEX 01 00:00:00\n");
  ASSERT_EQ(p.files.size(), 3u);
  EXPECT_EQ(p.files[1].end, 100);  // the session's lead-out, not the next session's track
  EXPECT_EQ(p.files[2].first, 11500);
  EXPECT_EQ(p.files[2].end, 11540);
}

TEST(AudioTracks, DoubleByteCdTextIsLeftOut) {
  Disc d = mixed_disc();
  CdTextBlock b;
  b.first_track = 1;
  b.last_track = 3;
  b.character_code = 0x80;  // MS-JIS
  b.double_byte = true;
  b.text[{0x80, 0}] = "\x82\xa0";
  d.cdtext.blocks.push_back(b);
  MemorySectorSource src(d, 0, sectors_of(d, 230));
  const AudioPlan p = plan_audio_tracks(src, "Mixed", AudioFormat::Flac);
  EXPECT_EQ(p.sheet.find("TITLE"), std::string::npos) << p.sheet;
  EXPECT_EQ(p.notes.front(), "CD-Text is not in ISO 8859-1 or ASCII: left out of the audio sheet and the tags");
  EXPECT_EQ(p.files[0].tags,
            (std::vector<std::pair<std::string, std::string>>{{"TRACKNUMBER", "2"}, {"TRACKTOTAL", "3"}}));
}

TEST(AudioTracks, DataOnlyDiscGivesNoFiles) {
  Disc d;
  Session s;
  s.tracks.push_back(track(1, TrackMode::Mode1, {{1, 0}}));
  s.leadout = 20;
  d.sessions = {s};
  MemorySectorSource src(d, 0, sectors_of(d, 20));
  TempDir dir("dw-audio-data");
  std::vector<std::string> notes;
  EXPECT_TRUE(write_audio_tracks(src, dir.path, "D", AudioFormat::Flac, false, {}, &notes).empty());
  EXPECT_EQ(notes.back(), "the disc has no audio tracks: no audio files written");
  EXPECT_TRUE(fs::is_empty(dir.path));
}

TEST(AudioTracks, WaveHeaderBytes) {
  // 55 sectors = 129360 bytes of samples (0x0001F950); RIFF size 36 more (0x0001F974).
  const std::array<uint8_t, 44> want = {'R',  'I',  'F',  'F',  0x74, 0xF9, 0x01, 0x00, 'W',  'A',  'V',
                                        'E',  'f',  'm',  't',  ' ',  0x10, 0x00, 0x00, 0x00, 0x01, 0x00,
                                        0x02, 0x00, 0x44, 0xAC, 0x00, 0x00, 0x10, 0xB1, 0x02, 0x00, 0x04,
                                        0x00, 0x10, 0x00, 'd',  'a',  't',  'a',  0x50, 0xF9, 0x01, 0x00};
  EXPECT_EQ(wave_header(55 * 2352), want);
  EXPECT_THROW(wave_header(0x100000000ull), ModelError);
}

TEST(AudioTracks, WaveFilesHoldTheSamples) {
  const Disc d = mixed_disc();
  const auto main = sectors_of(d, 230, {{100, 125}});
  MemorySectorSource src(d, 0, main);
  TempDir dir("dw-audio-wav");
  const auto written = write_audio_tracks(src, dir.path, "Mixed", AudioFormat::Wav, false);
  ASSERT_EQ(written.size(), 3u);
  EXPECT_EQ(written[2], dir.path / "Mixed (audio WAV).cue");
  const auto wav = bytes_of(dir.path / "Mixed (Track 2).wav");
  ASSERT_EQ(wav.size(), 44u + 55 * 2352);
  const auto header = wave_header(55 * 2352);
  EXPECT_TRUE(std::equal(header.begin(), header.end(), wav.begin()));
  EXPECT_TRUE(std::equal(wav.begin() + 44, wav.end(), main.begin() + 125 * 2352));
  const auto parsed = parse_wave_header(wav, wav.size(), "Mixed (Track 2).wav");
  EXPECT_EQ(parsed.offset, 44u);
  EXPECT_EQ(parsed.size, 55u * 2352);
  // Nothing is overwritten without force; nothing is left under a temporary name.
  EXPECT_THROW(write_audio_tracks(src, dir.path, "Mixed", AudioFormat::Wav, false), InputError);
  EXPECT_NO_THROW(write_audio_tracks(src, dir.path, "Mixed", AudioFormat::Wav, true));
  for (const auto& e : fs::directory_iterator(dir.path)) EXPECT_NE(e.path().extension(), ".part") << e.path();
}

TEST(AudioTracks, FlacFilesDecodeToTheSourceSamplesWithTags) {
  if (!have_flac()) GTEST_SKIP() << "flac/metaflac not installed (.ci/install-deps.sh installs them)";
  const Disc d = htoa_extra_disc();
  const auto main = sectors_of(d, 260);
  MemorySectorSource src(d, 0, main);
  TempDir dir("dw-audio-flac");
  const fs::path out = dir.path / "out";
  const auto written = write_audio_tracks(src, out, "Disc", AudioFormat::Flac, false);
  ASSERT_EQ(written.size(), 5u);
  EXPECT_EQ(text_of(out / "Disc (audio).cue"), plan_audio_tracks(src, "Disc", AudioFormat::Flac).sheet);
  const std::vector<std::tuple<std::string, Lba, Lba, std::string>> files = {
      {"Disc (Track 0).flac", 0, 40,
       "ARTIST=Band\nALBUM=Album\nALBUMARTIST=Band\nTRACKNUMBER=0\nTRACKTOTAL=3\nCATALOG=0123456789012\n"
       "GENRE=Rock Music\n"},
      {"Disc (Track 1).flac", 40, 130,
       "TITLE=One\nARTIST=Band\nALBUM=Album\nALBUMARTIST=Band\nTRACKNUMBER=1\nTRACKTOTAL=3\n"
       "CATALOG=0123456789012\nGENRE=Rock Music\n"},
      {"Disc (Track 2).flac", 130, 200,
       "TITLE=Two\nARTIST=Guest\nALBUM=Album\nALBUMARTIST=Band\nTRACKNUMBER=2\nTRACKTOTAL=3\n"
       "ISRC=USDW12600001\nCATALOG=0123456789012\nGENRE=Rock Music\n"},
      {"Disc (Track 3).flac", 200, 260,
       "TITLE=Tr\xC3\xAAs\nARTIST=Band\nALBUM=Album\nALBUMARTIST=Band\nTRACKNUMBER=3\nTRACKTOTAL=3\n"
       "CATALOG=0123456789012\nGENRE=Rock Music\n"}};
  for (const auto& [name, first, end, tags] : files) {
    SCOPED_TRACE(name);
    const fs::path flac = out / name;
    ASSERT_TRUE(fs::exists(flac));
    EXPECT_EQ(std::system(("flac -s -t '" + flac.string() + "'").c_str()), 0);
    const fs::path raw = dir.path / (name + ".raw");
    ASSERT_EQ(std::system(("flac -s -d --force-raw-format --endian=little --sign=signed -o '" + raw.string() + "' '" +
                           flac.string() + "'")
                              .c_str()),
              0);
    const std::vector<uint8_t> want(main.begin() + first * 2352, main.begin() + end * 2352);
    EXPECT_TRUE(bytes_of(raw) == want) << "decoded samples differ from LBA " << first << ".." << end;
    EXPECT_EQ(run("metaflac --export-tags-to=- '" + flac.string() + "'"), tags);
    EXPECT_EQ(
        run("metaflac --show-sample-rate --show-channels --show-bps --show-total-samples '" + flac.string() + "'"),
        fmt::format("44100\n2\n16\n{}\n", (end - first) * 588));
    // The MD5 signature in STREAMINFO is the MD5 of the samples as md5sum computes it.
    const fs::path expected = dir.path / (name + ".expected");
    std::ofstream(expected, std::ios::binary)
        .write(reinterpret_cast<const char*>(want.data()), std::streamsize(want.size()));
    EXPECT_EQ(run("metaflac --show-md5sum '" + flac.string() + "'"),
              run("md5sum < '" + expected.string() + "' | cut -d' ' -f1"));
    EXPECT_NE(run("metaflac --list --block-type=SEEKTABLE '" + flac.string() + "'").find("type: 3 (SEEKTABLE)"),
              std::string::npos);
  }
}

TEST(AudioTracks, ConversionLosses) {
  const Disc mixed = mixed_disc();
  MemorySectorSource m(mixed, 0, sectors_of(mixed, 230));
  EXPECT_EQ(conversion_losses(m, "flac"),
            (std::vector<Loss>{{LossKind::DataTrack, "data track 01 (audio files hold audio tracks only)"}}));
  // The genre code is a binary item no sheet line holds; sound before LBA 0 is in no file.
  const Disc d = htoa_extra_disc();
  std::vector<uint8_t> main(size_t(150) * 2352, 1);
  const auto rest = sectors_of(d, 260);
  main.insert(main.end(), rest.begin(), rest.end());
  MemorySectorSource h(d, -150, main);
  EXPECT_EQ(
      conversion_losses(h, "wav"),
      (std::vector<Loss>{
          {LossKind::DataTrack, "data track 04 (audio files hold audio tracks only)"},
          {LossKind::CdText, "CD-Text the sheet lines cannot hold (other languages, binary items, double-byte text)"},
          {LossKind::SoundBeforeLba0,
           "the sound before LBA 0 (the audio files start at LBA 0, hidden track one audio included)"}}));
}

// The kinds callers act on: convert --track drops OtherTracks, rip logs Subchannel and
// DamagedSectors instead of warning. The mixed disc with its own subchannel (one sector's Q
// changed) and two damaged sectors: counts by construction.
TEST(AudioTracks, ConversionLossKinds) {
  const Disc d = mixed_disc();
  std::vector<uint8_t> sub(size_t(230) * 96);
  SubchannelSynthesizer(d).synthesize_run(0, 230, sub);
  sub[size_t(50) * 96 + 20] ^= 0x40;  // one Q bit of sector 50 (bit 6 of an interleaved byte)
  std::vector<SectorState> states(230);
  for (auto& st : states) st.quality = SectorQuality::Good;
  states[10].quality = SectorQuality::C2Error;
  states[200].quality = SectorQuality::Unreadable;
  MemorySectorSource src(d, 0, sectors_of(d, 230), sub, states);
  const Loss damaged{LossKind::DamagedSectors,
                     "2 sectors marked unreadable or C2-damaged (the image files cannot mark them)"};
  EXPECT_EQ(conversion_losses(src, "cue"),
            (std::vector<Loss>{{LossKind::Subchannel,
                                "the image's own subchannel, which differs from what the TOC gives in 1 sectors (a "
                                "cue sheet has no place for it)"},
                               damaged}));
  EXPECT_EQ(conversion_losses(src, "ccd"), std::vector<Loss>{damaged});
  EXPECT_EQ(conversion_losses(src, "iso", 1),
            (std::vector<Loss>{{LossKind::OtherTracks, "every track but track 1 (2 of 3)"},
                               {LossKind::Subchannel, "the image's own subchannel"},
                               damaged}));
}

TEST(AudioTracks, GenreNames) {
  EXPECT_EQ(cdtext_genre_name(CDTEXT_GENRE_UNUSED), "");
  EXPECT_EQ(cdtext_genre_name(CDTEXT_GENRE_ADULT_CONTEMP), "Adult Contemporary");
  EXPECT_EQ(cdtext_genre_name(CDTEXT_GENRE_ROCK), "Rock Music");
  EXPECT_EQ(cdtext_genre_name(CDTEXT_GENRE_SOUNDTRACK), "Soundtrack");
  EXPECT_EQ(cdtext_genre_name(CDTEXT_GENRE_WORLD_MUSIC), "World Music");
  EXPECT_EQ(cdtext_genre_name(CDTEXT_GENRE_WORLD_MUSIC + 1), "");
}

}  // namespace
}  // namespace dw

// dw-make-disc: builds the synthetic discs the project tests and demonstrates with, through the
// library (Disc model + sector encoder + BIN/CUE writer), so no disc file is ever committed.
//
//   dw-make-disc KIND OUT.cue [--iso FILE] [--single] [--minutes N]
// --minutes stretches the audio and mixed kinds to N minutes (benchmarks; default: a few seconds).
//
// KIND:
//   (every audio track ends with one silent sector)
//   audio     3 audio tracks: CD-Text, MCN, ISRC, a stored 2 s pregap, index 02, pre-emphasis
//   mixed     Mode 1 data track (the ISO) + 2 audio tracks, CD-Text and MCN (the README demo)
//   cd-extra  session 1: 2 audio tracks; session 2: Mode 2 XA Form 1 data track (the ISO)
//   three-sessions  the cd-extra with a session 3 after it: another Mode 2 XA Form 1 data track
//             (the ISO again), after a later session's Orange Book gap (2250 + 4500 + 150)
//   xa        one Mode 2 XA track: the ISO as Form 1 sectors, then 150 Form 2 sectors
//   htoa      audio with a hidden track one audio (index 00 at 0, index 01 at 4 s)
//   gapless   2 audio tracks sounding from the disc's first sample up to a silent 2 s pregap and on
//             from its last (one shift makes the pregap digital silence: the perfect audio offset)
//   edges     2 audio tracks without pregap, sounding from the disc's first sample to its last (no
//             perfect offset: a pressing offset shows as sound outside the program area)
// Audio is a different sine tone per track (with a little noise so that no two places sound alike); data tracks need
// --iso (a cooked 2048-byte image).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <stdexcept>
#include <string>
#include <vector>

#include "disc/sector.hpp"
#include "disc/sector_source.hpp"
#include "formats/cue_writer.hpp"

namespace {

using namespace dw;

Track make_track(uint8_t n, TrackMode mode, std::vector<Index> indices) {
  Track t;
  t.number = n;
  t.mode = mode;
  t.control.bits = mode == TrackMode::Audio ? 0 : Control::kData;
  t.indices = std::move(indices);
  return t;
}

// A small deterministic noise on top of the tone, from the sample's position on the disc: a pure
// tone repeats every few sectors, and overlap-matching rippers (cdparanoia) cannot tell such
// positions apart, as they could not on real music.
int noise(int64_t sample, int channel) {
  uint64_t x = static_cast<uint64_t>(sample) * 2 + static_cast<uint64_t>(channel) + 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return static_cast<int>((x ^ (x >> 31)) % 257) - 128;
}

// hz 0 is digital silence (no noise either).
void tone(uint8_t* sector, Lba lba, double hz) {
  if (hz == 0) {
    std::fill_n(sector, 2352, uint8_t{0});
    return;
  }
  for (int i = 0; i < 588; ++i) {
    const int64_t sample = static_cast<int64_t>(lba) * 588 + i;
    const double t = static_cast<double>(sample) / 44100.0;
    const auto left = static_cast<int16_t>(8000 * std::sin(2 * M_PI * hz * t) + noise(sample, 0));
    const auto right = static_cast<int16_t>(8000 * std::sin(2 * M_PI * hz * 1.5 * t) + noise(sample, 1));
    sector[i * 4] = static_cast<uint8_t>(left & 0xFF);
    sector[i * 4 + 1] = static_cast<uint8_t>((left >> 8) & 0xFF);
    sector[i * 4 + 2] = static_cast<uint8_t>(right & 0xFF);
    sector[i * 4 + 3] = static_cast<uint8_t>((right >> 8) & 0xFF);
  }
}

std::vector<uint8_t> read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  return {std::istreambuf_iterator<char>(in), {}};
}

struct Builder {
  Disc disc;
  std::vector<uint8_t> main;
  std::vector<uint8_t> iso;

  // A tone that stops one sector before the run ends: tracks end in silence, as on most discs
  // (a drive that cannot read past the lead-out zero-fills the last samples of a rip).
  void audio(Lba first, Lba end, double hz) { sound(first, end - 1, hz); }
  // A tone in every sector of [first, end).
  void sound(Lba first, Lba end, double hz) {
    for (Lba l = first; l < end; ++l) tone(main.data() + size_t(l) * 2352, l, hz);
  }
  Lba iso_sectors() const { return static_cast<Lba>(iso.size() / 2048); }
  void data(Lba first, SectorKind kind, Lba extra_form2 = 0) {
    for (Lba i = 0; i < iso_sectors(); ++i)
      encode_sector(kind, first + i, std::span(iso).subspan(size_t(i) * 2048, 2048),
                    std::span<uint8_t, 2352>(main.data() + size_t(first + i) * 2352, 2352), Subheader{0, 0, 0x08, 0});
    std::vector<uint8_t> payload(2324);
    for (Lba i = 0; i < extra_form2; ++i) {
      for (size_t k = 0; k < payload.size(); ++k) payload[k] = static_cast<uint8_t>(k * 13 + i);
      const Lba l = first + iso_sectors() + i;
      encode_sector(SectorKind::Mode2Form2, l, payload, std::span<uint8_t, 2352>(main.data() + size_t(l) * 2352, 2352),
                    Subheader{1, 1, 0x62, 0x0F});  // real-time video, Form 2
    }
  }
  void size(Lba end) { main.assign(size_t(end) * 2352, 0); }
};

void cdtext(Disc& d, const std::vector<std::string>& titles) {
  CdTextBlock b;
  b.first_track = d.first_track();
  b.last_track = d.last_track();
  b.text[{0x80, 0}] = "discwright demo disc";
  b.text[{0x81, 0}] = "The Test Tones";
  for (size_t i = 0; i < titles.size(); ++i) b.text[{0x80, static_cast<uint8_t>(i + 1)}] = titles[i];
  d.cdtext.blocks.push_back(b);
}

int run(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: dw-make-disc audio|mixed|cd-extra|three-sessions|xa|htoa|gapless|edges OUT.cue [--iso FILE] "
                 "[--single]\n";
    return 2;
  }
  const std::string kind = argv[1], out = argv[2];
  std::string iso_path;
  bool single = false;
  int minutes = 0;
  for (int i = 3; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--iso" && i + 1 < argc)
      iso_path = argv[++i];
    else if (a == "--single")
      single = true;
    else if (a == "--minutes" && i + 1 < argc)
      minutes = std::stoi(argv[++i]);
    else {
      std::cerr << "dw-make-disc: unknown option " << a << "\n";
      return 2;
    }
  }
  if (minutes < 0 || minutes > 80 || (minutes && kind != "audio" && kind != "mixed")) {
    std::cerr << "dw-make-disc: --minutes takes 1..80 and goes with audio or mixed\n";
    return 2;
  }
  Builder b;
  if (!iso_path.empty()) b.iso = read_all(iso_path);
  if ((kind == "mixed" || kind == "cd-extra" || kind == "three-sessions" || kind == "xa") && b.iso.empty()) {
    std::cerr << "dw-make-disc: " << kind << " needs --iso FILE\n";
    return 2;
  }
  Disc& d = b.disc;
  Session s;
  if (kind == "audio" || kind == "htoa") {
    const bool htoa = kind == "htoa";
    s.tracks.push_back(
        make_track(1, TrackMode::Audio, htoa ? std::vector<Index>{{0, 0}, {1, 300}} : std::vector<Index>{{1, 0}}));
    s.tracks[0].control.bits = Control::kPreEmphasis;
    s.tracks.push_back(make_track(2, TrackMode::Audio, {{0, 600}, {1, 750}}));
    s.tracks[1].isrc = "USDW12600001";
    s.tracks[1].control.bits = Control::kCopyPermitted;
    s.tracks.push_back(make_track(3, TrackMode::Audio, {{1, 1200}, {2, 1400}}));
    s.leadout = 1575;
    if (minutes) {  // the same three tracks stretched to fill the disc
      const Lba third = minutes * 60 * 75 / 3;
      s.tracks[1].indices = {{0, third}, {1, third + 150}};
      s.tracks[2].indices = {{1, 2 * third}, {2, 2 * third + 200}};
      s.leadout = 3 * third;
    }
    d.sessions.push_back(s);
    d.mcn = "0123456789012";
    b.size(s.leadout);
    const Lba t2 = s.tracks[1].indices[0].lba, t3 = s.tracks[2].start();
    b.audio(0, t2, 440);
    b.audio(t2, t2 + 150, 0);  // the pregap: silence
    b.audio(t2 + 150, t3, 554.37);
    b.audio(t3, s.leadout, 659.25);
    cdtext(d, {"First Tone", "Second Tone", "Third Tone"});
  } else if (kind == "gapless" || kind == "edges") {
    const bool gap = kind == "gapless";
    s.tracks.push_back(make_track(1, TrackMode::Audio, {{1, 0}}));
    s.tracks.push_back(
        make_track(2, TrackMode::Audio, gap ? std::vector<Index>{{0, 600}, {1, 750}} : std::vector<Index>{{1, 600}}));
    s.leadout = 1275;  // track 2 has a sector 450 (AccurateRip's frame-450 checksum)
    d.sessions.push_back(s);
    b.size(s.leadout);
    b.sound(0, 600, 440);
    b.sound(gap ? 750 : 600, s.leadout, 554.37);
  } else if (kind == "mixed") {
    const Lba data_end = b.iso_sectors();
    s.tracks.push_back(make_track(1, TrackMode::Mode1, {{1, 0}}));
    s.tracks.push_back(make_track(2, TrackMode::Audio, {{0, data_end}, {1, data_end + 150}}));
    s.tracks.push_back(make_track(3, TrackMode::Audio, {{1, data_end + 600}}));
    s.tracks[2].isrc = "USDW12600002";
    s.leadout = data_end + 900;
    if (minutes) {  // two audio tracks sharing the rest of the disc
      const Lba total = minutes * 60 * 75;
      if (total < data_end + 900) throw std::runtime_error("--minutes leaves no room for the audio after the ISO");
      s.tracks[2].indices = {{1, data_end + 150 + (total - data_end - 150) / 2}};
      s.leadout = total;
    }
    d.sessions.push_back(s);
    d.mcn = "0123456789012";
    b.size(s.leadout);
    b.data(0, SectorKind::Mode1);
    b.audio(data_end + 150, s.tracks[2].start(), 440);
    b.audio(s.tracks[2].start(), s.leadout, 880);
    cdtext(d, {"Data", "Tone A", "Tone B"});
  } else if (kind == "cd-extra" || kind == "three-sessions") {
    s.tracks.push_back(make_track(1, TrackMode::Audio, {{1, 0}}));
    s.tracks.push_back(make_track(2, TrackMode::Audio, {{0, 450}, {1, 600}}));
    s.leadout = 1050;
    Session s2;
    s2.number = 2;
    s2.type = DiscType::CdRomXa;
    const Lba start = s.leadout + 11400;
    s2.tracks.push_back(make_track(3, TrackMode::Mode2Xa, {{1, start}}));
    s2.leadout = start + b.iso_sectors();
    d.sessions = {s, s2};
    if (kind == "three-sessions") {
      Session s3 = s2;
      s3.number = 3;
      const Lba third = s2.leadout + kLaterLeadOutSectors + kLeadInSectors + kPregapSectors;
      s3.tracks = {make_track(4, TrackMode::Mode2Xa, {{1, third}})};
      s3.leadout = third + b.iso_sectors();
      d.sessions.push_back(s3);
    }
    b.size(d.sessions.back().leadout);
    b.audio(0, 450, 440);
    b.audio(600, 1050, 330);
    b.data(start, SectorKind::Mode2Form1);
    if (kind == "three-sessions") b.data(d.sessions.back().tracks.front().start(), SectorKind::Mode2Form1);
    if (kind == "cd-extra") cdtext(d, {"Tone", "Other Tone", "Extra"});
    if (kind == "three-sessions") cdtext(d, {"Tone", "Other Tone", "Extra", "More"});
  } else if (kind == "xa") {
    s.type = DiscType::CdRomXa;
    s.tracks.push_back(make_track(1, TrackMode::Mode2Xa, {{1, 0}}));
    s.leadout = b.iso_sectors() + 150;
    d.sessions.push_back(s);
    b.size(s.leadout);
    b.data(0, SectorKind::Mode2Form1, 150);
  } else {
    std::cerr << "dw-make-disc: unknown kind " << kind << "\n";
    return 2;
  }
  for (Session& x : d.sessions) {  // A0/A1/A2 CONTROL as pressed discs have them
    x.a0_control = x.tracks.front().control;
    x.a1_control = x.a2_control = x.tracks.back().control;
  }
  d.validate();
  MemorySectorSource source(d, 0, std::move(b.main));
  for (const auto& p : write_cue(source, out, single ? CueStyle::Single : CueStyle::Redump, true))
    std::cout << p.string() << "\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "dw-make-disc: " << e.what() << "\n";
    return 3;
  }
}

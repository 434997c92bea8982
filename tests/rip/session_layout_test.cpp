// Sessions without the full TOC: a two-session disc in the virtual `cheap` drive (READ TOC format 2
// refused) is laid out from format 0, format 1 and Q. The gap between the sessions is made longer
// than the Orange Book's on purpose, so the lead-out cannot come from the TOC answers alone.
#include "rip/session_layout.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <stdexcept>

#include "disc/sector_source.hpp"
#include "disc/subchannel_synth.hpp"
#include "scsi/drive.hpp"
#include "scsi/virtual/pressed_media.hpp"
#include "scsi/virtual/virtual_drive.hpp"
#include "scsi/virtual/virtual_transport.hpp"
#include "support/test_discs.hpp"

using namespace dw;

namespace {

// Audio sectors of a counting pattern and the disc's own subchannel, made on demand (the disc
// spans 20,000 sectors).
class PatternSource final : public SectorSource {
 public:
  explicit PatternSource(Disc d) : disc_(std::move(d)), synth_(disc_) {}
  [[nodiscard]] const Disc& disc() const override { return disc_; }
  [[nodiscard]] Lba begin() const override { return 0; }
  [[nodiscard]] Lba end() const override { return disc_.leadout(); }
  [[nodiscard]] SubchannelOrigin subchannel_origin() const override { return SubchannelOrigin::Synthesized; }
  void read(Lba first, uint32_t count, std::span<uint8_t> main, std::span<uint8_t> sub,
            std::span<SectorState> states) override {
    check_run(first, count, main, sub, states);
    for (size_t i = 0; i < main.size() && i < size_t{count} * 2352; ++i)
      main[i] = static_cast<uint8_t>(i * 7 + static_cast<size_t>(first));
    for (uint32_t i = 0; i < count && !sub.empty(); ++i) {
      const auto out = sub.subspan(size_t{i} * kSubchannelSize).first<kSubchannelSize>();
      try {
        synth_.synthesize(first + static_cast<Lba>(i), out);
      } catch (const std::out_of_range&) {  // between the lead-out and the next lead-in: nothing
        std::fill(out.begin(), out.end(), uint8_t{0});
      }
    }
    for (uint32_t i = 0; i < states.size() && i < count; ++i) states[i] = {};
  }

 private:
  Disc disc_;
  SubchannelSynthesizer synth_;
};

Session session(uint8_t number, std::vector<Track> tracks, Lba leadout) {
  Session s;
  s.number = number;
  s.tracks = std::move(tracks);
  s.leadout = leadout;
  return s;
}

Track audio(uint8_t number, std::initializer_list<std::pair<uint8_t, Lba>> indices) {
  return test::track(number, TrackMode::Audio, indices);
}

// Session 1: audio tracks 1 [0, 300) and 2 [300, 700), lead-out 700. Session 2: audio track 3
// `extra` sectors later than the Orange Book gap (6750 + 4500 + 150) after it, 200 sectors.
Disc disc_with_gap(Lba extra) {
  const Lba start = 700 + 11400 + extra;
  Disc d;
  d.sessions = {session(1, {audio(1, {{1, 0}}), audio(2, {{1, 300}})}, 700),
                session(2, {audio(3, {{0, start - 150}, {1, start}})}, start + 200)};
  test::set_point_controls(d);
  return d;
}

struct Found {
  Disc disc;
  std::vector<std::string> log;
};

// A virtual drive of personality `p` with `disc` pressed in it, probed, its TOC read.
struct Rig {
  std::shared_ptr<vdrive::VirtualDrive> vd;
  vdrive::VirtualTransport transport;
  scsi::Drive drive;
  scsi::DiscResponses responses;
  Disc disc;
  Rig(vdrive::Personality p, Disc pressed)
      : vd(std::make_shared<vdrive::VirtualDrive>(std::move(p), vdrive::TimingMode::Instant)),
        transport((vd->insert(std::make_shared<vdrive::PressedMedia>(std::make_shared<PatternSource>(pressed))), vd),
                  "virtual:test"),
        drive(transport) {
    EXPECT_TRUE(drive.probe().ok());
    EXPECT_TRUE(drive.wait_ready().ok());
    auto read = drive.read_disc(nullptr, &responses);
    if (!read) throw std::runtime_error("no TOC");
    disc = *read;
  }
};

Found lay_out(Lba extra) {
  Rig r(*vdrive::find_personality("cheap"), disc_with_gap(extra));
  EXPECT_TRUE(r.responses.full_toc.empty());  // the cheap drive refuses format 2
  EXPECT_EQ(r.responses.session_info.size(), 12u);
  Found f{r.disc, {}};
  f.log = rip::leadouts_from_q(r.drive, f.disc);
  return f;
}

}  // namespace

TEST(SessionLayout, FormatOneSplitsTheTracksAtTheLastSessionsFirstTrack) {
  const Found f = lay_out(0);
  ASSERT_EQ(f.disc.sessions.size(), 2u);
  EXPECT_EQ(f.disc.sessions[0].tracks.size(), 2u);
  ASSERT_EQ(f.disc.sessions[1].tracks.size(), 1u);
  EXPECT_EQ(f.disc.sessions[1].number, 2);
  EXPECT_EQ(f.disc.sessions[1].tracks[0].number, 3);
  EXPECT_EQ(f.disc.sessions[1].leadout, 700 + 11400 + 200);
  EXPECT_EQ(f.disc.sessions[0].leadout, 700);
  ASSERT_EQ(f.log.size(), 1u);
  EXPECT_EQ(f.log[0], "session 1: lead-out at LBA 700 from Q (a lead-out frame at the estimate LBA 700)");
}

TEST(SessionLayout, ALongerGapIsFoundFromQ) {
  // 40 sectors more: the estimate (track 3 - 11400) lands 40 sectors into the lead-out, whose Q
  // counts from 700. 8000 more: it lies past the lead-out's 6750 sectors, where nothing reads, and
  // the search from track 2 finds where its Q stops.
  const std::pair<Lba, const char*> cases[] = {
      {40, "session 1: lead-out at LBA 700 from Q (a lead-out frame at the estimate LBA 740)"},
      {8000, "session 1: lead-out at LBA 700 from Q (track 02 ends there; the Orange Book gap said LBA 8700)"}};
  for (const auto& [extra, line] : cases) {
    const Found f = lay_out(extra);
    ASSERT_EQ(f.disc.sessions.size(), 2u);
    EXPECT_EQ(f.disc.sessions[0].leadout, 700);
    EXPECT_EQ(f.log, std::vector<std::string>{line});
  }
}

namespace {

// Three sessions. Session 1: audio tracks 1 [0, 8000) and 2 [8000, 9000), lead-out 9000. Session
// 2 after the first gap (6750 + 4500 + 150): track 3 at 20400 (index 0 at 20250) and track 4 at
// 30000, lead-out 31000. Session 3 after a later gap (2250 + 4500 + 150): track 5 at 37900 (index
// 0 at 37750), lead-out 38500. Tracks 2 and 4 start more than 6900 sectors after the track before
// them, so Q is read before them too (and names a track).
Disc three_session_disc() {
  Disc d;
  d.sessions = {session(1, {audio(1, {{1, 0}}), audio(2, {{1, 8000}})}, 9000),
                session(2, {audio(3, {{0, 20250}, {1, 20400}}), audio(4, {{1, 30000}})}, 31000),
                session(3, {audio(5, {{0, 37750}, {1, 37900}})}, 38500)};
  test::set_point_controls(d);
  return d;
}

struct Laid {
  Disc disc;
  std::vector<rip::SessionNote> notes;
  std::vector<std::string> leadouts;
};

// What the dumper does with the drive's answers: the full TOC when it gives one, else format 0
// and 1, the sessions in between from track information or Q, then the lead-outs from Q.
Laid lay_out_three(vdrive::Personality p) {
  Rig r(std::move(p), three_session_disc());
  Laid l{r.disc, {}, {}};
  if (!r.responses.full_toc.empty()) return l;
  const scsi::SessionInfo si = scsi::parse_session_info(r.responses.session_info, false);
  l.notes = rip::find_sessions(r.drive, l.disc, si).notes;
  l.leadouts = rip::leadouts_from_q(r.drive, l.disc);
  return l;
}

vdrive::Personality cheap(bool track_info) {
  vdrive::Personality p = *vdrive::find_personality("cheap");
  p.cd_track_info = track_info;
  return p;
}

// Sessions, each track's session, starts and pregaps, and the lead-outs, against the disc's own.
void expect_three_sessions(const Disc& got) {
  const Disc want = three_session_disc();
  ASSERT_EQ(got.sessions.size(), 3u);
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(got.sessions[i].number, want.sessions[i].number);
    EXPECT_EQ(got.sessions[i].leadout, want.sessions[i].leadout) << "session " << i + 1;
    ASSERT_EQ(got.sessions[i].tracks.size(), want.sessions[i].tracks.size()) << "session " << i + 1;
    for (size_t k = 0; k < want.sessions[i].tracks.size(); ++k) {
      EXPECT_EQ(got.sessions[i].tracks[k].number, want.sessions[i].tracks[k].number);
      EXPECT_EQ(got.sessions[i].tracks[k].start(), want.sessions[i].tracks[k].start());
    }
    // A later session's first track: its pregap is the 150 sectors before index 1.
    EXPECT_EQ(got.q_pregap_start(got.sessions[i].tracks.front().number),
              want.q_pregap_start(want.sessions[i].tracks.front().number));
  }
}

std::vector<std::string> note_texts(const std::vector<rip::SessionNote>& notes, bool warnings) {
  std::vector<std::string> out;
  for (const auto& n : notes)
    if (n.warning == warnings) out.push_back(n.text);
  return out;
}

}  // namespace

TEST(SessionLayout, ThreeSessionsFromTheFullToc) {
  expect_three_sessions(lay_out_three(*vdrive::find_personality("generic")).disc);
}

TEST(SessionLayout, ThreeSessionsFromTrackInformationWithoutTheFullToc) {
  const Laid l = lay_out_three(cheap(true));
  expect_three_sessions(l.disc);
  EXPECT_EQ(note_texts(l.notes, true), std::vector<std::string>{});  // Q agrees with the drive
  EXPECT_EQ(note_texts(l.notes, false),
            (std::vector<std::string>{
                "session 2 opens with track 03 at LBA 20400 (READ TRACK INFORMATION)",
                "session 3 opens with track 05 at LBA 37900 (READ TOC format 1 and READ TRACK INFORMATION)"}));
  EXPECT_EQ(l.leadouts, (std::vector<std::string>{
                            "session 1: lead-out at LBA 9000 from Q (a lead-out frame at the estimate LBA 9000)",
                            "session 2: lead-out at LBA 31000 from Q (a lead-out frame at the estimate LBA 31000)"}));
}

TEST(SessionLayout, ThreeSessionsFromQWhenTheDriveRefusesTrackInformation) {
  // Q before track 3 at 20400 - 4651 = 15749, session 1's last lead-out sector (9000 + 6750 - 1);
  // before track 5 at 37900 - 4651 = 33249, session 2's (31000 + 2250 - 1).
  const Laid l = lay_out_three(cheap(false));
  expect_three_sessions(l.disc);
  EXPECT_EQ(note_texts(l.notes, true), std::vector<std::string>{});
  EXPECT_EQ(
      note_texts(l.notes, false),
      (std::vector<std::string>{"READ TRACK INFORMATION of track 01: CHECK CONDITION 05/24/00 invalid field in CDB",
                                "READ TRACK INFORMATION gave no session numbers: Q decides",
                                "session 2 opens with track 03 at LBA 20400 (Q at LBA 15749 is a lead-out frame)",
                                "session 3 opens with track 05 at LBA 37900 (READ TOC format 1)"}));
}

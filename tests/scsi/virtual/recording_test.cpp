// Burning onto the virtual drive's blank media: the cue sheet and the WRITE sequence checked like
// a strict drive, and the finalised disc read back as the image it was burned from. The cue
// sheets are written out by hand from reference/mmc.md "Cue sheet".
#include <gtest/gtest.h>

#include <thread>

#include "cd_recording_fixture.hpp"
#include "disc/cdtext.hpp"
#include "disc/error.hpp"
#include "disc/full_toc.hpp"
#include "disc/subchannel.hpp"
#include "disc/subchannel_synth.hpp"
#include "disc/subq.hpp"
#include "scsi/virtual/faults.hpp"
#include "scsi/virtual/recordable_media.hpp"

using namespace dw;
using namespace dw::test;

TEST(Recording, BlankMediaAtipAndDiscInformation) {
  auto d = blank_drive(RecordableMedia::Kind::CdRw);
  auto atip = send(*d, {0x43, 0, 4, 0, 0, 0, 0, 0, 28, 0}, 28);
  // Lead-in 97:26:66 (LBA -11634), last possible lead-out 79:59:74 (LBA 359849), CD-RW bit.
  const std::vector<uint8_t> expected{0x00, 0x1A, 0x00, 0x00, 0x50, 0x40, 0xC0, 0x00, 97, 26, 66, 0, 79, 59,
                                      74,   0,    0,    0,    0,    0,    0,    0,    0,  0,  0,  0, 0,  0};
  EXPECT_EQ(atip.data, expected);
  auto di = send(*d, {0x51, 0, 0, 0, 0, 0, 0, 0, 34, 0}, 34);
  EXPECT_EQ(di.data[2], 0x10);  // erasable, empty disc, empty session
  EXPECT_EQ(std::vector<uint8_t>(di.data.begin() + 16, di.data.begin() + 24),
            (std::vector<uint8_t>{0, 97, 26, 66, 0, 79, 59, 74}));
  auto cfg = send(*d, {0x46, 0, 0, 0, 0, 0, 0, 0, 8, 0}, 8);
  EXPECT_EQ((cfg.data[6] << 8 | cfg.data[7]), 0x000A);
  EXPECT_EQ(send(*d, {0x43, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0}, 0xFFFF).code(), "05/24/00");  // no TOC yet
  EXPECT_EQ(send(*d, read_cd_cdb(0, 0, 1, 0xF8, 0), 2352).code(), "05/21/00");
}

TEST(Recording, SaoBurnReadsBackAsTheImage) {
  auto d = burn_mixed();
  ASSERT_TRUE(d->recorded());
  EXPECT_EQ(d->recorded()->disc(), mixed_disc());  // TOC, indices, MCN, ISRC, CD-Text
  const auto main = mixed_main();
  SubchannelSynthesizer synth(mixed_disc());
  for (Lba l = 0; l < 600; l += 25) {
    auto a = send(*d, read_cd_cdb(0, l, 25, 0xF8, 0x01), 25 * 2448);
    ASSERT_EQ(a.code(), "GOOD");
    for (Lba i = 0; i < 25; ++i) {
      const uint8_t* got = a.data.data() + size_t(i) * 2448;
      const auto e = l + i < 300
                         ? std::vector<uint8_t>(main.begin() + (l + i) * 2352, main.begin() + (l + i + 1) * 2352)
                         : expected_audio(main, l + i, 6);
      ASSERT_TRUE(std::equal(e.begin(), e.end(), got)) << "LBA " << l + i;
      std::array<uint8_t, 96> sub{};
      synth.synthesize(l + i, sub);
      ASSERT_TRUE(std::equal(sub.begin(), sub.end(), got + 2352)) << "LBA " << l + i;
    }
  }
  auto toc = send(*d, {0x43, 0, 2, 0, 0, 0, 0, 0xFF, 0xFF, 0}, 0xFFFF);
  EXPECT_EQ(toc.data, build_full_toc(mixed_disc()));
  auto di = send(*d, {0x51, 0, 0, 0, 0, 0, 0, 0, 34, 0}, 34);
  EXPECT_EQ(di.data[2], 0x0E);                                               // complete
  EXPECT_EQ(code(write(*d, 0, 1, std::vector<uint8_t>(2048))), "05/2C/00");  // a CD-R is written once
}

TEST(Recording, TestWriteLeavesTheBlankBlank) {
  auto d = burn_mixed(true);
  EXPECT_FALSE(d->recorded());
  EXPECT_EQ(d->recordable()->state(), RecordableMedia::State::Blank);
  auto di = send(*d, {0x51, 0, 0, 0, 0, 0, 0, 0, 34, 0}, 34);
  EXPECT_EQ(di.data[2], 0x00);
}

TEST(Recording, RawTestWriteThenRealWriteAndTheEndOfTheMedium) {
  auto d = blank_drive(RecordableMedia::Kind::CdR, 1000);
  ASSERT_EQ(code(mode_select(*d, page05(3, 3, true))), "GOOD");
  const Lba first = RecordableMedia::kDefaultLeadIn;
  EXPECT_EQ(code(write(*d, first, 2, std::vector<uint8_t>(2 * 2448))), "GOOD");
  EXPECT_EQ(code(out(*d, {0x35, 0, 0, 0, 0, 0, 0, 0, 0, 0}, {})), "GOOD");  // simulation ends
  ASSERT_EQ(code(mode_select(*d, page05(3, 3))), "GOOD");
  EXPECT_EQ(code(write(*d, first, 2, std::vector<uint8_t>(2 * 2448))), "GOOD");  // starts over
  // Nothing can be written past the last possible lead-out (capacity + 6750).
  auto e = blank_drive(RecordableMedia::Kind::CdR, 10);
  ASSERT_EQ(code(mode_select(*e, page05(3, 3))), "GOOD");
  Lba l = first;
  for (; l + 20 <= 10 + 6750; l += 20) ASSERT_EQ(code(write(*e, l, 20, std::vector<uint8_t>(20 * 2448))), "GOOD");
  EXPECT_EQ(code(write(*e, l, 20, std::vector<uint8_t>(20 * 2448))), "05/21/00");
}

TEST(Recording, StrictCueSheetChecks) {
  auto refused = [](std::vector<uint8_t> sheet, const char* why) {
    auto d = blank_drive(RecordableMedia::Kind::CdR, 1000);
    mode_select(*d, page05(2, 0));
    EXPECT_EQ(code(cue_sheet(*d, sheet)), "05/26/00") << why;
    EXPECT_NE(d->last_refusal().find(why), std::string::npos) << d->last_refusal();
  };
  auto sheet = kMixedCueSheet;
  sheet.pop_back();
  refused(sheet, "not a multiple of 8");
  sheet = kMixedCueSheet;
  sheet[8 * 4 + 3] = 0x17;  // track 1 index 1: data form 17 does not exist
  refused(sheet, "data form 0x17");
  sheet = kMixedCueSheet;
  sheet[8 * 8 + 6] = 0x05;  // track 2 index 1 before its index 0
  refused(sheet, "does not increase");
  sheet = kMixedCueSheet;
  sheet[8 * 9 + 6] = 0x30;  // lead-out at 00:48:00 = LBA 3450, beyond 1000 sectors
  refused(sheet, "beyond the medium's capacity");
  sheet.assign(kMixedCueSheet.begin(), kMixedCueSheet.end() - 8);
  refused(sheet, "no lead-out");
  sheet = kMixedCueSheet;
  sheet[8 * 3 + 6] = 0x01;  // track 1 starts at 00:01:00
  refused(sheet, "must start at 00:00:00");
  // A cue sheet while page 05 says TAO: command sequence error.
  auto d = blank_drive();
  EXPECT_EQ(code(cue_sheet(*d, kMixedCueSheet)), "05/2C/00");
}

TEST(Recording, WriteSequenceChecks) {
  auto d = blank_drive();
  mode_select(*d, page05(2, 0));
  EXPECT_EQ(code(write(*d, 0, 1, std::vector<uint8_t>(2048))), "05/2C/00");  // before the cue sheet
  ASSERT_EQ(code(cue_sheet(*d, kMixedCueSheet)), "GOOD");
  EXPECT_EQ(code(write(*d, 0, 1, std::vector<uint8_t>(2048))), "05/21/02");  // the lead-in comes first
  EXPECT_EQ(code(write(*d, RecordableMedia::kDefaultLeadIn, 1, std::vector<uint8_t>(2048))), "05/24/00");  // 96
  EXPECT_EQ(code(out(*d, {0x35, 0, 0, 0, 0, 0, 0, 0, 0, 0}, {})), "GOOD");  // nothing written yet: still blank
  EXPECT_EQ(code(write(*d, RecordableMedia::kDefaultLeadIn, 1, std::vector<uint8_t>(96))), "GOOD");
  EXPECT_EQ(code(out(*d, {0x35, 0, 0, 0, 0, 0, 0, 0, 0, 0}, {})), "05/2C/00");  // incomplete
  // Mode page 05 validation: RAW with a SAO block type, test write on a drive that has none.
  EXPECT_EQ(code(mode_select(*d, page05(3, 0))), "05/26/00");
  EXPECT_EQ(code(mode_select(*d, page05(3, 4))), "05/26/00");  // RAW takes block types 1, 2, 3 only
  EXPECT_EQ(code(mode_select(*d, page05(2, 7))), "05/26/00");
}

// A recorder whose personality lacks RAW block type 3 refuses it (05/26/00) and takes the others;
// a block type 1 WRITE carries 2352 + 16 bytes per block (reference/mmc.md "Mode page 05").
TEST(Recording, RawBlockTypesOfThePersonality) {
  vdrive::Personality p = *vdrive::find_personality("generic");
  EXPECT_EQ(p.raw_block_types, 0b1110);
  p.raw_block_types = 0b0110;
  vdrive::VirtualDrive d(p, vdrive::TimingMode::Instant);
  d.insert_blank(std::make_shared<RecordableMedia>(RecordableMedia::Kind::CdR, RecordableMedia::kDefaultCapacity));
  send(d, {0, 0, 0, 0, 0, 0}, 0);
  EXPECT_EQ(code(mode_select(d, page05(3, 3))), "05/26/00");
  EXPECT_EQ(code(mode_select(d, page05(3, 2))), "GOOD");
  EXPECT_EQ(code(mode_select(d, page05(3, 1))), "GOOD");
  const Lba leadin = RecordableMedia::kDefaultLeadIn;
  EXPECT_EQ(code(write(d, leadin, 2, std::vector<uint8_t>(2 * 2448))), "05/24/00");  // not 2368 a block
  EXPECT_EQ(code(write(d, leadin, 2, std::vector<uint8_t>(2 * 2368))), "GOOD");
}

TEST(Recording, UnderrunWithoutBufeFailsTheBurn) {
  auto d = blank_drive(RecordableMedia::Kind::CdR, 1000);
  mode_select(*d, page05(2, 0, false, false));
  const std::vector<uint8_t> audio{0x01, 0x00, 0x00, 0x01, 0, 0, 0, 0,  //
                                   0x01, 0x01, 0x00, 0x01, 0, 0, 0, 0,  //
                                   0x01, 0x01, 0x01, 0x00, 0, 0, 2, 0,  //
                                   0x01, 0xAA, 0x01, 0x00, 0, 0, 4, 0};
  ASSERT_EQ(code(cue_sheet(*d, audio)), "GOOD") << d->last_refusal();
  EXPECT_EQ(code(write(*d, 0, 10, std::vector<uint8_t>(10 * 2352))), "GOOD");
  // 2 MiB at 48x lasts about 0.25 s; the host pauses for 0.4 s.
  std::this_thread::sleep_for(std::chrono::milliseconds(400));
  EXPECT_EQ(code(write(*d, 10, 10, std::vector<uint8_t>(10 * 2352))), "03/0C/09");
  EXPECT_EQ(code(out(*d, {0x35, 0, 0, 0, 0, 0, 0, 0, 0, 0}, {})), "03/0C/09");
  EXPECT_FALSE(d->recorded());
}

TEST(Recording, CdRwBlankThenBurnAgain) {
  auto d = blank_drive(RecordableMedia::Kind::CdRw, 1000);
  const std::vector<uint8_t> audio{0x01, 0x00, 0x00, 0x01, 0, 0, 0, 0,  //
                                   0x01, 0x01, 0x00, 0x01, 0, 0, 0, 0,  //
                                   0x01, 0x01, 0x01, 0x00, 0, 0, 2, 0,  //
                                   0x01, 0xAA, 0x01, 0x00, 0, 0, 2, 10};
  for (int round = 0; round < 2; ++round) {
    mode_select(*d, page05(2, 0));
    ASSERT_EQ(code(cue_sheet(*d, audio)), "GOOD") << d->last_refusal();
    std::vector<uint8_t> data(10 * 2352, uint8_t(0x30 + round));
    ASSERT_EQ(code(write(*d, 0, 10, data)), "GOOD");
    ASSERT_EQ(code(out(*d, {0x35, 0, 0, 0, 0, 0, 0, 0, 0, 0}, {})), "GOOD");
    ASSERT_TRUE(d->recorded());
    std::vector<uint8_t> got(2352);
    d->recorded()->read(5, 1, got, {}, {});
    EXPECT_EQ(got[100], uint8_t(0x30 + round));
    EXPECT_EQ(send(*d, {0xA1, 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 0).code(), "GOOD");  // minimal blank
    EXPECT_FALSE(d->recorded());
  }
  // A CD-R cannot be blanked.
  EXPECT_EQ(send(*blank_drive(), {0xA1, 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 0).code(), "05/30/05");
}

TEST(Recording, RawBurnKeepsTheHostsSubchannel) {
  auto d = blank_drive();
  ASSERT_EQ(code(mode_select(*d, page05(3, 3))), "GOOD");
  // The surface of the mixed disc from the lead-in start through the lead-out, data scrambled,
  // with synthesised P-W - and one deliberately odd Q frame at LBA 460 (index 7, CRC kept valid).
  // The lead-in is written from the ATIP's start, earlier than a pressed disc's.
  Disc disc = mixed_disc();
  disc.sessions[0].leadin_start = RecordableMedia::kDefaultLeadIn;
  auto source = std::make_shared<MemorySectorSource>(disc, 0, mixed_main());
  vdrive::PressedMedia surface(source);
  SubchannelSynthesizer synth(disc);
  const Lba first = RecordableMedia::kDefaultLeadIn, last = 600 + 6750;
  QFrame odd = synth.q_at(460);
  odd[2] = 0x07;
  const uint16_t crc = q_crc(odd);
  odd[10] = uint8_t(crc >> 8);
  odd[11] = uint8_t(crc);
  for (Lba l = first; l < last; l += 26) {
    const uint32_t n = static_cast<uint32_t>(std::min<Lba>(26, last - l));
    std::vector<uint8_t> main(n * 2352), sub(n * 96), block(n * 2448);
    surface.read_sector(l, n, main, {});
    synth.synthesize_run(l, n, sub);
    for (uint32_t i = 0; i < n; ++i) {
      const Lba x = l + Lba(i);
      if (surface.is_data(x)) scramble(std::span(main).subspan(i * 2352, 2352));
      if (x == 460) {
        std::span<uint8_t, 96> s(sub.data() + i * 96, 96);
        for (size_t k = 0; k < 96; ++k) s[k] &= uint8_t(~0x40);
        insert_channel(s, Channel::Q, odd);
      }
      std::copy_n(main.begin() + i * 2352, 2352, block.begin() + i * 2448);
      std::copy_n(sub.begin() + i * 96, 96, block.begin() + i * 2448 + 2352);
    }
    ASSERT_EQ(code(write(*d, l, n, block)), "GOOD") << l;
  }
  ASSERT_EQ(code(out(*d, {0x35, 0, 0, 0, 0, 0, 0, 0, 0, 0}, {})), "GOOD") << d->last_refusal();
  Disc expected = mixed_disc();
  expected.cdtext = {};  // RAW carries CD-Text only in the lead-in R-W, which the model does not decode yet
  EXPECT_EQ(d->recorded()->disc().sessions, expected.sessions);
  EXPECT_EQ(d->recorded()->disc().mcn, expected.mcn);
  auto q = send(*d, read_cd_cdb(0, 460, 1, 0x00, 0x02), 16);
  EXPECT_TRUE(std::equal(odd.begin(), odd.end(), q.data.begin()));
  auto data = send(*d, read_cd_cdb(2, 100, 1, 0xF8, 0), 2352);
  const auto main = mixed_main();
  EXPECT_TRUE(std::equal(data.data.begin(), data.data.end(), main.begin() + 100 * 2352));
}

// READ TRACK INFORMATION on blank media (MMC Track Information Block): the invisible track 1 of
// session 1, Blank bit and data mode Fh in byte 6, NWA_V in byte 7, next writable address 0, free
// blocks and track size up to the last possible lead-out (LBA 359849); asked by track number 1 or
// FFh (cdrdao), by LBA, or by session 1. Once writing has started it is no longer blank.
TEST(Recording, BlankMediaInvisibleTrackInformation) {
  auto d = blank_drive();
  std::vector<uint8_t> expected(48, 0);
  expected[1] = 46;
  expected[2] = 1;
  expected[3] = 1;
  expected[6] = 0x4F;
  expected[7] = 0x01;
  for (size_t at : {16u, 24u}) {
    expected[at + 1] = 0x05;  // 359849 = 0x057DA9
    expected[at + 2] = 0x7D;
    expected[at + 3] = 0xA9;
  }
  EXPECT_EQ(send(*d, {0x52, 1, 0, 0, 0, 0xFF, 0, 0, 48, 0}, 48).data, expected);
  EXPECT_EQ(send(*d, {0x52, 1, 0, 0, 0, 1, 0, 0, 48, 0}, 48).data, expected);
  EXPECT_EQ(send(*d, {0x52, 0, 0, 0, 0, 0, 0, 0, 48, 0}, 48).data, expected);
  EXPECT_EQ(send(*d, {0x52, 2, 0, 0, 0, 1, 0, 0, 48, 0}, 48).data, expected);
  EXPECT_EQ(send(*d, {0x52, 1, 0, 0, 0, 2, 0, 0, 48, 0}, 48).code(), "05/24/00");  // no track 2
  EXPECT_EQ(send(*d, {0x52, 0, 0, 0x05, 0x7D, 0xA9, 0, 0, 48, 0}, 48).code(), "05/24/00");
  // cdrdao reads only the first 16 bytes.
  EXPECT_EQ(send(*d, {0x52, 1, 0, 0, 0, 0xFF, 0, 0, 16, 0}, 16).data,
            std::vector<uint8_t>(expected.begin(), expected.begin() + 16));
  EXPECT_EQ(code(mode_select(*d, page05(2, 0))), "GOOD");
  EXPECT_EQ(code(cue_sheet(*d, kMixedCueSheet)), "GOOD") << d->last_refusal();
  const auto rw = leadin_rw(mixed_disc().cdtext, 10);
  EXPECT_EQ(code(write(*d, RecordableMedia::kDefaultLeadIn, 10, rw)), "GOOD");
  auto writing = send(*d, {0x52, 1, 0, 0, 0, 0xFF, 0, 0, 48, 0}, 48).data;
  EXPECT_EQ(writing[6], 0x0F);  // no longer blank
  EXPECT_EQ(writing[7], 0x00);  // no next writable address while the session is written
}

// SEND OPC INFORMATION (54h): DoOpc on blank media succeeds; a pressed disc cannot be written.
TEST(Recording, SendOpcInformation) {
  auto d = blank_drive();
  EXPECT_EQ(code(out(*d, {0x54, 0x01, 0, 0, 0, 0, 0, 0, 0, 0}, {})), "GOOD");
  EXPECT_EQ(code(out(*d, {0x54, 0x00, 0, 0, 0, 0, 0, 0, 8, 0}, std::vector<uint8_t>(8, 0))), "GOOD");
  vdrive::VirtualDrive rom(*vdrive::find_personality("generic"), vdrive::TimingMode::Instant);
  rom.insert(std::make_shared<vdrive::PressedMedia>(mixed_source()));
  send(rom, {0, 0, 0, 0, 0, 0}, 0);
  EXPECT_EQ(code(out(rom, {0x54, 0x01, 0, 0, 0, 0, 0, 0, 0, 0}, {})), "05/30/05");
}

// Track-at-once (mode page 05 write type 1): each track starts at the invisible track's next
// writable address; SYNCHRONIZE CACHE closes it and the next starts 150 blocks later, after the
// pregap the drive records (index 0: silence for audio, zero Mode 1 sectors for data, as the
// data form of its generated blocks says); CLOSE SESSION (5Bh function 2) fixes the disc.
TEST(Recording, TaoTracksWithDriveGeneratedPregaps) {
  auto be32 = [](const std::vector<uint8_t>& b, size_t at) {
    return uint32_t(b[at]) << 24 | uint32_t(b[at + 1]) << 16 | uint32_t(b[at + 2]) << 8 | b[at + 3];
  };
  auto d = blank_drive();
  auto track_info = [&] { return send(*d, {0x52, 1, 0, 0, 0, 0xFF, 0, 0, 48, 0}, 48).data; };
  EXPECT_EQ(code(mode_select(*d, page05(1, 0))), "GOOD");  // TAO, raw audio blocks
  std::vector<uint8_t> audio(100 * 2352);
  for (size_t i = 0; i < audio.size(); ++i) audio[i] = uint8_t(i * 7 + (i >> 9));
  EXPECT_EQ(code(write(*d, 0, 100, audio)), "GOOD") << d->last_refusal();
  auto open = track_info();
  EXPECT_EQ(open[2], 1);
  EXPECT_EQ(open[6], 0x0F);  // written: not blank
  EXPECT_EQ(open[7], 0x01);
  EXPECT_EQ(be32(open, 12), 100u);  // writing continues here
  EXPECT_EQ(code(out(*d, {0x35, 0, 0, 0, 0, 0, 0, 0, 0, 0}, {})), "GOOD");
  auto next = track_info();
  EXPECT_EQ(next[2], 2);
  EXPECT_EQ(next[6], 0x4F);
  EXPECT_EQ(next[7], 0x01);
  EXPECT_EQ(be32(next, 8), 250u);  // track start: 100 + the 150-block pregap
  EXPECT_EQ(be32(next, 12), 250u);
  EXPECT_EQ(be32(next, 16), uint32_t(RecordableMedia::kDefaultCapacity - 250));
  auto data_page = page05(1, 8);  // TAO, Mode 1 user data
  data_page[8 + 3] = 0x04;        // track mode: data
  EXPECT_EQ(code(mode_select(*d, data_page)), "GOOD");
  std::vector<uint8_t> user(50 * 2048);
  for (size_t i = 0; i < user.size(); ++i) user[i] = uint8_t(i * 3 + 1);
  EXPECT_EQ(code(write(*d, 100, 50, user)), "05/21/02");  // not the next writable address
  EXPECT_EQ(code(write(*d, 250, 50, user)), "GOOD") << d->last_refusal();
  EXPECT_EQ(code(out(*d, {0x35, 0, 0, 0, 0, 0, 0, 0, 0, 0}, {})), "GOOD");
  EXPECT_FALSE(d->recorded());
  EXPECT_EQ(code(out(*d, {0x5B, 0, 2, 0, 0, 0, 0, 0, 0, 0}, {})), "GOOD") << d->last_refusal();
  ASSERT_TRUE(d->recorded());
  Disc expected;
  Session s;
  s.tracks.push_back(track(1, TrackMode::Audio, {{1, 0}}));
  s.tracks.push_back(track(2, TrackMode::Mode1, {{0, 100}, {1, 250}}));
  s.tracks[1].control.bits = 0x04;
  s.leadout = 300;
  expected.sessions = {s};
  set_point_controls(expected);
  EXPECT_EQ(d->recorded()->disc(), expected);
  send(*d, {0, 0, 0, 0, 0, 0}, 0);
  auto a = send(*d, read_cd_cdb(5, 0, 1, 0xF8, 0), 2352).data;
  EXPECT_TRUE(std::equal(a.begin(), a.end(), audio.begin() + 5 * 2352));
  EXPECT_EQ(send(*d, {0x28, 0, 0, 0, 0, 251, 0, 0, 1, 0}, 2048).data,
            std::vector<uint8_t>(user.begin() + 2048, user.begin() + 4096));
  EXPECT_EQ(send(*d, {0x28, 0, 0, 0, 0, 150, 0, 0, 1, 0}, 2048).data, std::vector<uint8_t>(2048, 0));  // pregap
  EXPECT_EQ(code(out(*d, {0x5B, 0, 2, 0, 0, 0, 0, 0, 0, 0}, {})), "05/2C/00");                         // complete
}

// Multisession SAO: a session written with mode page 05's multisession field 11b leaves the disc
// appendable - disc status 01 with an empty last session, the next session's lead-in and track
// in READ DISC/TRACK INFORMATION, a B0 pointer in the full TOC - and the next session's cue sheet
// must start where the drive starts it: the lead-out (LBA 300) + 6750 + a 4500-block lead-in =
// LBA 11550, its index 1 (the next writable address) 150 blocks later.
TEST(Recording, SaoSessionLeftOpenThenASecondSession) {
  auto d = blank_drive();
  auto page = page05(2, 0);
  page[8 + 3] = 0xC0;  // multisession 11b: open the next session
  EXPECT_EQ(code(mode_select(*d, page)), "GOOD");
  const std::vector<uint8_t> one{
      0x01, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00,  // lead-in
      0x01, 0x01, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00,  // track 1 pregap, silence from the drive
      0x01, 0x01, 0x01, 0x00, 0x00, 0x00, 0x02, 0x00,  // track 1 index 1, 00:02:00
      0x01, 0xAA, 0x01, 0x00, 0x00, 0x00, 0x06, 0x00,  // lead-out, LBA 300 = 00:06:00
  };
  EXPECT_EQ(code(cue_sheet(*d, one)), "GOOD") << d->last_refusal();
  std::vector<uint8_t> audio(300 * 2352);
  for (size_t i = 0; i < audio.size(); ++i) audio[i] = static_cast<uint8_t>((i * 2654435761u) >> 13);
  for (Lba l = 0; l < 300; l += 25)
    EXPECT_EQ(code(write(*d, l, 25, std::vector<uint8_t>(audio.begin() + l * 2352, audio.begin() + (l + 25) * 2352))),
              "GOOD");
  EXPECT_EQ(code(out(*d, {0x35, 0, 0, 0, 0, 0, 0, 0, 0, 0}, {})), "GOOD") << d->last_refusal();
  EXPECT_EQ(d->recordable()->state(), RecordableMedia::State::Appendable);

  auto di = send(*d, {0x51, 0, 0, 0, 0, 0, 0, 0, 34, 0}, 34).data;
  EXPECT_EQ(di[2], 0x01);  // incomplete disc, empty last session
  EXPECT_EQ(di[3], 1);     // first track
  EXPECT_EQ(di[4], 2);     // sessions, the empty one counted
  EXPECT_EQ(di[5], 2);     // first and last track of the last session: the next track
  EXPECT_EQ(di[6], 2);
  // The next lead-in at LBA 7050 = 01:34:00 + 02:00 = 01:36:00; the last possible lead-out 79:59:74.
  EXPECT_EQ(std::vector<uint8_t>(di.begin() + 16, di.begin() + 24), (std::vector<uint8_t>{0, 1, 36, 0, 0, 79, 59, 74}));
  // The next writable address follows page 05's write type: SAO (set), the end of the new
  // lead-in, where the host starts the session; TAO, the first track's index 1.
  auto ti = send(*d, {0x52, 1, 0, 0, 0, 0xFF, 0, 0, 48, 0}, 48).data;
  EXPECT_EQ(ti[2], 2);  // track 2
  EXPECT_EQ(ti[3], 2);  // session 2
  EXPECT_EQ(ti[6], 0x4F);
  EXPECT_EQ(ti[7], 0x01);  // NWA valid
  EXPECT_EQ((std::vector<uint8_t>(ti.begin() + 8, ti.begin() + 16)),
            (std::vector<uint8_t>{0, 0, 0x2D, 0x1E, 0, 0, 0x2D, 0x1E}));  // start and NWA 11550
  EXPECT_EQ(code(mode_select(*d, page05(1, 0))), "GOOD");                 // TAO
  ti = send(*d, {0x52, 1, 0, 0, 0, 0xFF, 0, 0, 48, 0}, 48).data;
  EXPECT_EQ((std::vector<uint8_t>(ti.begin() + 8, ti.begin() + 16)),
            (std::vector<uint8_t>{0, 0, 0x2D, 0xB4, 0, 0, 0x2D, 0xB4}));   // 11700 = lead-out 300 + 11400
  EXPECT_EQ(send(*d, {0x52, 1, 0, 0, 0, 1, 0, 0, 48, 0}, 48).data[2], 1);  // track 1 is recorded
  // Session 1 reads back, with B0 in its lead-in: next program area 11550 (02:36:00).
  auto full = send(*d, {0x43, 0, 2, 0, 0, 0, 0, 0xFF, 0xFF, 0}, 0xFFFF);
  ASSERT_EQ(full.code(), "GOOD");
  bool b0 = false;
  for (size_t at = 4; at + 11 <= full.data.size(); at += 11)
    if (full.data[at + 3] == 0xB0) {
      b0 = true;
      EXPECT_EQ(full.data[at + 1], 0x50);  // ADR 5
      EXPECT_EQ((std::vector<uint8_t>(full.data.begin() + long(at) + 4, full.data.begin() + long(at) + 11)),
                (std::vector<uint8_t>{2, 36, 0, 1, 79, 59, 74}));
    }
  EXPECT_TRUE(b0);

  // Session 2 from 00:00:00 is refused; from 02:36:00 it is taken.
  page[8 + 3] = 0x04;  // close the disc after it; CONTROL 4 (data)
  EXPECT_EQ(code(mode_select(*d, page)), "GOOD");
  const std::vector<uint8_t> wrong{
      0x41, 0x00, 0x00, 0x14, 0x00, 0x00, 0x00, 0x00, 0x41, 0x02, 0x00, 0x14, 0x00, 0x00, 0x00, 0x00,
      0x41, 0x02, 0x01, 0x10, 0x00, 0x00, 0x02, 0x00, 0x41, 0xAA, 0x01, 0x10, 0x00, 0x00, 0x02, 0x32,
  };
  EXPECT_EQ(code(cue_sheet(*d, wrong)), "05/26/00");
  EXPECT_NE(d->last_refusal().find("the first track must start at 02:36:00 (LBA 11550)"), std::string::npos)
      << d->last_refusal();
  const std::vector<uint8_t> two{
      0x41, 0x00, 0x00, 0x14, 0x00, 0x02, 0x24, 0x00,  // lead-in entry at the session's start, 02:36:00
      0x41, 0x02, 0x00, 0x14, 0x00, 0x02, 0x24, 0x00,  // track 2 pregap, generated
      0x41, 0x02, 0x01, 0x10, 0x00, 0x02, 0x26, 0x00,  // track 2 index 1, LBA 11700 = 02:38:00
      0x41, 0xAA, 0x01, 0x10, 0x00, 0x02, 0x26, 0x32,  // lead-out, LBA 11750 = 02:38:50
  };
  EXPECT_EQ(code(cue_sheet(*d, two)), "GOOD") << d->last_refusal();
  EXPECT_EQ(code(write(*d, 0, 1, std::vector<uint8_t>(2048))), "05/21/02");  // not the next writable address
  std::vector<uint8_t> user(50 * 2048);
  for (size_t i = 0; i < user.size(); ++i) user[i] = static_cast<uint8_t>(i / 7);
  EXPECT_EQ(code(write(*d, 11700, 50, user)), "GOOD") << d->last_refusal();
  EXPECT_EQ(code(out(*d, {0x35, 0, 0, 0, 0, 0, 0, 0, 0, 0}, {})), "GOOD") << d->last_refusal();
  EXPECT_EQ(d->recordable()->state(), RecordableMedia::State::Complete);
  EXPECT_EQ(send(*d, {0x51, 0, 0, 0, 0, 0, 0, 0, 34, 0}, 34).data[2], 0x0E);  // complete
  ASSERT_TRUE(d->recorded());
  const Disc& disc = d->recorded()->disc();
  ASSERT_EQ(disc.sessions.size(), 2u);
  EXPECT_EQ(disc.sessions[0].leadout, 300);
  EXPECT_EQ(disc.sessions[1].tracks.front().start(), 11700);
  EXPECT_EQ(disc.sessions[1].leadout, 11750);
  EXPECT_FALSE(disc.sessions[1].next_program_area);
  auto data = send(*d, {0x28, 0, 0, 0, 0x2D, 0xB4, 0, 0, 50, 0}, 50 * 2048);  // READ(10) of track 2
  ASSERT_EQ(data.code(), "GOOD");
  EXPECT_EQ(data.data, user);
  std::vector<uint8_t> back(300 * 2352);
  d->recorded()->read(0, 300, back, {}, {});
  EXPECT_EQ(back, audio);
}

// Recording faults from a fault plan (docs/virtual-drive.md "Faults"): a disc that cannot be
// calibrated (03/73/03 for OPC and every real WRITE, a test write passes), a write error that
// spoils the disc (03/0C/00 from then on, SYNCHRONIZE CACHE too), a picky drive refusing the first
// cue sheet (05/26/00), and the parser's bounds.
TEST(Recording, FaultPlanRecordingFaults) {
  const auto faulty = [](const char* json) {
    auto d = std::make_unique<vdrive::VirtualDrive>(*vdrive::find_personality("generic"), vdrive::TimingMode::Instant,
                                                    vdrive::parse_faults(json, "f.json"));
    d->insert_blank(std::make_shared<RecordableMedia>(RecordableMedia::Kind::CdR));
    send(*d, {0, 0, 0, 0, 0, 0}, 0);
    return d;
  };
  const std::vector<uint8_t> rw(96, 0);
  auto opc = faulty(R"({"faults":[{"type":"power_calibration"}]})");
  EXPECT_EQ(code(mode_select(*opc, page05(2, 0, true))), "GOOD");
  EXPECT_EQ(code(out(*opc, {0x54, 0x01, 0, 0, 0, 0, 0, 0, 0, 0}, {})), "03/73/03");
  EXPECT_EQ(code(out(*opc, {0x54, 0x00, 0, 0, 0, 0, 0, 0, 0, 0}, {})), "GOOD");  // no DoOpc: nothing run
  EXPECT_EQ(code(cue_sheet(*opc, kMixedCueSheet)), "GOOD");
  EXPECT_EQ(code(write(*opc, RecordableMedia::kDefaultLeadIn, 1, rw)), "GOOD");  // test write
  EXPECT_EQ(code(mode_select(*opc, page05(2, 0))), "GOOD");
  EXPECT_EQ(code(write(*opc, RecordableMedia::kDefaultLeadIn + 1, 1, rw)), "03/73/03");
  EXPECT_EQ(opc->recordable()->state(), RecordableMedia::State::Blank);

  auto werr = faulty(R"({"faults":[{"type":"write_error","lba":5}]})");
  EXPECT_EQ(code(mode_select(*werr, page05(2, 0))), "GOOD");
  EXPECT_EQ(code(cue_sheet(*werr, kMixedCueSheet)), "GOOD");
  const Lba leadin = RecordableMedia::kDefaultLeadIn;
  EXPECT_EQ(code(write(*werr, leadin, static_cast<uint32_t>(-150 - leadin),
                       std::vector<uint8_t>(size_t(-150 - leadin) * 96))),
            "GOOD");
  EXPECT_EQ(code(write(*werr, 0, 4, std::vector<uint8_t>(4 * 2048))), "GOOD");
  EXPECT_EQ(code(write(*werr, 4, 2, std::vector<uint8_t>(2 * 2048))), "03/0C/00");  // reaches LBA 5
  EXPECT_EQ(code(write(*werr, 4, 1, std::vector<uint8_t>(2048))), "03/0C/00");
  EXPECT_EQ(code(out(*werr, {0x35, 0, 0, 0, 0, 0, 0, 0, 0, 0}, {})), "03/0C/00");
  EXPECT_FALSE(werr->recorded());

  auto picky = faulty(R"({"faults":[{"type":"refuse_cue_sheet"}]})");
  EXPECT_EQ(code(mode_select(*picky, page05(2, 0))), "GOOD");
  EXPECT_EQ(code(cue_sheet(*picky, kMixedCueSheet)), "05/26/00");
  EXPECT_NE(picky->last_refusal().find("refuse_cue_sheet"), std::string::npos);
  EXPECT_EQ(code(cue_sheet(*picky, kMixedCueSheet)), "GOOD");

  try {
    (void)vdrive::parse_faults(R"({"faults":[{"type":"underrun"}]})", "f.json");
    ADD_FAILURE() << "an underrun without an LBA was accepted";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("faults[0]: \"lba\" is missing"), std::string::npos) << e.what();
  }
  try {
    (void)vdrive::parse_faults(R"({"faults":[{"type":"refuse_cue_sheet","times":0}]})", "f.json");
    ADD_FAILURE() << "times 0 was accepted";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("\"times\" is 0, outside 1..1000"), std::string::npos) << e.what();
  }
}

// RAW, two sessions: session 1 written from the ATIP's lead-in start with page 05's multi-session
// field 11b leaves the disc open; READ DISC INFORMATION gives session 2's lead-in at session 1's
// lead-out + 6750; session 2's RAW blocks are taken there only (05/21/02 elsewhere); a session 2
// lead-in whose Q carries no TOC is a session fixation error (03/72/00) that keeps session 1 as it
// was; written with its TOC, the disc has both sessions with the host's B0 and subchannel.
TEST(Recording, RawSessionLeftOpenThenASecondSession) {
  Disc disc;
  Session s1, s2;
  s1.tracks.push_back(track(1, TrackMode::Audio, {{1, 0}}));
  s1.leadout = 100;
  s2.number = 2;
  s2.tracks.push_back(track(2, TrackMode::Audio, {{1, 100 + 6750 + 4500 + 150}}));  // 11500
  s2.leadout = 11550;
  disc.sessions = {s1, s2};
  set_point_controls(disc);
  disc.sessions[0].leadin_start = RecordableMedia::kDefaultLeadIn;
  disc.sessions[0].next_program_area = NextProgramArea{Msf{2, 34, 0}, 1, Msf{79, 59, 74}};  // 11350, capacity
  const SubchannelSynthesizer synth(disc);
  // RAW blocks of silence with the synthesised P-W, from `first` to `end`; `no_toc`: the lead-in's
  // Q (before LBA `program`) left empty.
  const auto write_raw = [&](vdrive::VirtualDrive& d, Lba first, Lba end, Lba program, bool no_toc) {
    for (Lba l = first; l < end; l += 26) {
      const auto n = static_cast<uint32_t>(std::min<Lba>(26, end - l));
      std::vector<uint8_t> sub(n * 96), block(n * 2448, 0);
      synth.synthesize_run(l, n, sub);
      for (uint32_t i = 0; i < n; ++i)
        if (!(no_toc && l + Lba(i) < program)) std::copy_n(sub.begin() + i * 96, 96, block.begin() + i * 2448 + 2352);
      const auto r = write(d, l, n, block);
      if (r.status) return code(r) + " at LBA " + std::to_string(l);
    }
    return std::string("GOOD");
  };
  const auto session1 = [&] {
    auto d = blank_drive();
    auto page = page05(3, 3);
    page[8 + 3] = 0xC0;  // multi-session 11b: open for the next session
    EXPECT_EQ(code(mode_select(*d, page)), "GOOD");
    EXPECT_EQ(write_raw(*d, RecordableMedia::kDefaultLeadIn, 100 + 6750, -150, false), "GOOD");
    EXPECT_EQ(code(out(*d, {0x35, 0, 0, 0, 0, 0, 0, 0, 0, 0}, {})), "GOOD") << d->last_refusal();
    EXPECT_EQ(d->recordable()->state(), RecordableMedia::State::Appendable);
    const auto info = send(*d, {0x51, 0, 0, 0, 0, 0, 0, 0, 34, 0}, 34);
    EXPECT_EQ(info.data[2] & 0x1F, 0x01);  // incomplete disc, empty last session
    EXPECT_EQ((info.data[17] * 60 + info.data[18]) * 75 + info.data[19] - 150, 6850);  // 01:33:25
    EXPECT_EQ(code(mode_select(*d, page05(3, 3))), "GOOD");                            // session 2 closes the disc
    return d;
  };
  auto d = session1();
  std::vector<uint8_t> one(2448, 0);
  EXPECT_EQ(code(write(*d, 6851, 1, one)), "05/21/02");
  EXPECT_EQ(code(write(*d, 6849, 1, one)), "05/21/02");
  EXPECT_EQ(write_raw(*d, 6850, 11550 + 2250, 11350, true), "GOOD");
  EXPECT_EQ(code(out(*d, {0x35, 0, 0, 0, 0, 0, 0, 0, 0, 0}, {})), "03/72/00");
  EXPECT_NE(d->last_refusal().find("lead-in of session 2 written in RAW mode carries no complete TOC"),
            std::string::npos)
      << d->last_refusal();
  EXPECT_EQ(d->recorded()->disc().sessions.size(), 1u);

  d = session1();
  EXPECT_EQ(write_raw(*d, 6850, 11550 + 2250, 11350, false), "GOOD");
  EXPECT_EQ(code(out(*d, {0x35, 0, 0, 0, 0, 0, 0, 0, 0, 0}, {})), "GOOD") << d->last_refusal();
  EXPECT_EQ(d->recordable()->state(), RecordableMedia::State::Complete);
  const Disc& got = d->recorded()->disc();
  ASSERT_EQ(got.sessions.size(), 2u);
  EXPECT_EQ(got.sessions[0].tracks, disc.sessions[0].tracks);
  EXPECT_EQ(got.sessions[1].tracks, disc.sessions[1].tracks);
  EXPECT_EQ(got.sessions[1].leadout, 11550);
  EXPECT_EQ(got.sessions[0].next_program_area, disc.sessions[0].next_program_area);
  EXPECT_FALSE(got.sessions[1].next_program_area);
  std::vector<uint8_t> sub(96), want(96);
  d->recorded()->read(11400, 1, {}, sub, {});
  synth.synthesize(11400, std::span<uint8_t, 96>(want.data(), 96));
  EXPECT_EQ(sub, want);
}

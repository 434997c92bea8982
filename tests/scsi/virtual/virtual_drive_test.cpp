// The virtual drive answered byte for byte against layouts from reference/mmc.md.
#include "scsi/virtual/virtual_drive.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "disc/cdtext.hpp"
#include "disc/full_toc.hpp"
#include "disc/subchannel.hpp"
#include "disc/subchannel_synth.hpp"
#include "disc/subq.hpp"
#include "vdrive_fixture.hpp"

using namespace dw;
using namespace dw::test;
using vdrive::VirtualDrive;

namespace {

const std::vector<uint8_t> kTur{0, 0, 0, 0, 0, 0};

std::vector<uint8_t> read_toc(uint8_t format, bool msf, uint8_t number = 0) {
  return {0x43, uint8_t(msf ? 2 : 0), format, 0, 0, 0, number, 0xFF, 0xFF, 0};
}

}  // namespace

TEST(VirtualDrive, UnitAttentionOnceAfterInsertThenReady) {
  VirtualDrive d(*vdrive::find_personality("generic"), vdrive::TimingMode::Instant);
  EXPECT_EQ(send(d, kTur, 0).code(), "02/3A/01");  // no medium, tray closed
  d.insert(std::make_shared<vdrive::PressedMedia>(mixed_source()));
  // INQUIRY does not consume the unit attention; TEST UNIT READY reports it once.
  EXPECT_EQ(send(d, {0x12, 0, 0, 0, 36, 0}, 36).code(), "GOOD");
  EXPECT_EQ(send(d, kTur, 0).code(), "06/28/00");
  EXPECT_EQ(send(d, kTur, 0).code(), "GOOD");
  // REQUEST SENSE returns the last sense once.
  EXPECT_EQ(send(d, {0x03, 0, 0, 0, 18, 0}, 18).data.size(), 18u);
}

// Fixed sense (reference/mmc.md "Sense data"): 70h, key in byte 2, additional length 0Ah in
// byte 7, ASC 12, ASCQ 13.
TEST(VirtualDrive, RequestSenseReportsTheCommandBeforeAndPendingUnitAttention) {
  auto d = ready_drive();
  const std::vector<uint8_t> request_sense{0x03, 0, 0, 0, 18, 0};
  auto fixed = [](uint8_t key, uint8_t asc) {
    return std::vector<uint8_t>{0x70, 0, key, 0, 0, 0, 0, 0x0A, 0, 0, 0, 0, asc, 0, 0, 0, 0, 0};
  };
  EXPECT_EQ(send(*d, read_cd_cdb(6, 450, 1, 0xF8, 0), 2352).code(), "05/24/00");
  EXPECT_EQ(send(*d, request_sense, 18).data, fixed(0x05, 0x24));
  EXPECT_EQ(send(*d, request_sense, 18).data, fixed(0x00, 0x00));  // read once
  // A GOOD command after the CHECK CONDITION replaces its sense: NO SENSE.
  EXPECT_EQ(send(*d, read_cd_cdb(6, 450, 1, 0xF8, 0), 2352).code(), "05/24/00");
  EXPECT_EQ(send(*d, kTur, 0).code(), "GOOD");
  EXPECT_EQ(send(*d, request_sense, 18).data, fixed(0x00, 0x00));
  // A pending unit attention is what REQUEST SENSE reports, and that clears it.
  d->insert(std::make_shared<vdrive::PressedMedia>(mixed_source()));
  EXPECT_EQ(send(*d, request_sense, 18).data, fixed(0x06, 0x28));
  EXPECT_EQ(send(*d, kTur, 0).code(), "GOOD");
  EXPECT_EQ(send(*d, request_sense, 18).data, fixed(0x00, 0x00));
}

TEST(VirtualDrive, InquiryStandardAndSerial) {
  auto d = ready_drive("plextor");
  auto a = send(*d, {0x12, 0, 0, 0, 36, 0}, 36);
  ASSERT_EQ(a.data.size(), 36u);
  EXPECT_EQ(a.data[0], 0x05);  // peripheral type 5: CD/DVD
  EXPECT_EQ(a.data[1], 0x80);  // removable
  EXPECT_EQ(std::string(a.data.begin() + 8, a.data.begin() + 16), "PLEXTOR ");
  EXPECT_EQ(std::string(a.data.begin() + 16, a.data.begin() + 32), "DVDR   PX-760A  ");
  EXPECT_EQ(std::string(a.data.begin() + 32, a.data.begin() + 36), "1.07");
  auto s = send(*d, {0x12, 1, 0x80, 0, 64, 0}, 64);
  ASSERT_GE(s.data.size(), 4u);
  EXPECT_EQ(s.data[1], 0x80);
  EXPECT_EQ(std::string(s.data.begin() + 4, s.data.end()), "DW0000000002");
  EXPECT_EQ(send(*d, {0x12, 0, 0x80, 0, 64, 0}, 64).code(), "05/24/00");  // page without EVPD
}

TEST(VirtualDrive, ReadTocFormat0LbaAndMsf) {
  auto d = ready_drive();
  auto a = send(*d, read_toc(0, false), 0xFFFF);
  // 3 descriptors (tracks 1, 2, lead-out) of 8 bytes after the 4-byte header: length 26.
  const std::vector<uint8_t> lba{0x00, 0x1A, 0x01, 0x02,                           //
                                 0x00, 0x14, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00,   // track 1 data at 0
                                 0x00, 0x10, 0x02, 0x00, 0x00, 0x00, 0x01, 0xC2,   // track 2 audio at 450
                                 0x00, 0x10, 0xAA, 0x00, 0x00, 0x00, 0x02, 0x58};  // lead-out 600
  EXPECT_EQ(a.data, lba);
  auto m = send(*d, read_toc(0, true), 0xFFFF);
  // MSF = LBA + 150: 00:02:00, 00:08:00 (600 frames), 00:10:00 (750 frames).
  const std::vector<uint8_t> msf{0x00, 0x1A, 0x01, 0x02,                          //
                                 0x00, 0x14, 0x01, 0x00, 0x00, 0x00, 0x02, 0x00,  //
                                 0x00, 0x10, 0x02, 0x00, 0x00, 0x00, 0x08, 0x00,  //
                                 0x00, 0x10, 0xAA, 0x00, 0x00, 0x00, 0x0A, 0x00};
  EXPECT_EQ(m.data, msf);
  // From track 2 on; a track past the last is refused.
  EXPECT_EQ(send(*d, read_toc(0, false, 2), 0xFFFF).data.size(), 4u + 16u);
  EXPECT_EQ(send(*d, read_toc(0, false, 3), 0xFFFF).code(), "05/24/00");
  // The allocation length cuts the answer; the length field still tells the whole.
  auto cut = send(*d, {0x43, 0, 0, 0, 0, 0, 0, 0, 4, 0}, 0xFFFF);
  EXPECT_EQ(cut.data, (std::vector<uint8_t>{0x00, 0x1A, 0x01, 0x02}));
}

TEST(VirtualDrive, ReadTocFormat1And2And5) {
  auto d = ready_drive();
  auto s = send(*d, read_toc(1, false), 0xFFFF);
  EXPECT_EQ(s.data, (std::vector<uint8_t>{0x00, 0x0A, 0x01, 0x01, 0x00, 0x14, 0x01, 0x00, 0, 0, 0, 0}));
  auto full = send(*d, read_toc(2, false), 0xFFFF);
  EXPECT_EQ(full.data, build_full_toc(mixed_disc()));
  EXPECT_EQ(parse_full_toc(full.data, "drive").sessions[0].leadout, 600);
  auto text = send(*d, read_toc(5, false), 0xFFFF);
  const auto packs = cdtext_bytes(build_cdtext_packs(mixed_disc().cdtext));
  ASSERT_EQ(text.data.size(), 4 + packs.size());
  EXPECT_EQ(std::vector<uint8_t>(text.data.begin() + 4, text.data.end()), packs);
  EXPECT_EQ((text.data[0] << 8 | text.data[1]), int(packs.size() + 2));
  EXPECT_EQ(parse_cdtext(text.data, "drive"), mixed_disc().cdtext);
  // PMA and ATIP exist on recordable media only; a drive without CD-Text reading refuses 5.
  EXPECT_EQ(send(*d, read_toc(3, false), 0xFFFF).code(), "05/24/00");
  EXPECT_EQ(send(*d, read_toc(4, false), 0xFFFF).code(), "05/24/00");
  EXPECT_EQ(send(*ready_drive("cheap"), read_toc(5, false), 0xFFFF).code(), "05/24/00");
}

TEST(VirtualDrive, AudioControlPage0E) {
  // MMC CD Audio Control page: IMMED, output port 0 = channel 0 and port 1 = channel 1 at full
  // volume, ports 2 and 3 muted; the volumes are changeable and MODE SELECT(10) sets them.
  auto d = ready_drive();
  const std::vector<uint8_t> page{0x0E, 0x0E, 0x04, 0, 0, 0, 0, 0, 0x01, 0xFF, 0x02, 0xFF, 0x00, 0x00, 0x00, 0x00};
  auto cur = send(*d, {0x5A, 0, 0x0E, 0, 0, 0, 0, 0, 24, 0}, 24);
  ASSERT_EQ(cur.data.size(), 24u);
  EXPECT_EQ(std::vector<uint8_t>(cur.data.begin() + 8, cur.data.end()), page);
  auto chg = send(*d, {0x5A, 0, 0x4E, 0, 0, 0, 0, 0, 24, 0}, 24);
  ASSERT_EQ(chg.data.size(), 24u);
  EXPECT_EQ(std::vector<uint8_t>(chg.data.begin() + 8, chg.data.end()),
            (std::vector<uint8_t>{0x0E, 0x0E, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0, 0xFF, 0, 0xFF, 0, 0xFF}));
  std::vector<uint8_t> sel(8, 0);
  sel.insert(sel.end(), page.begin(), page.end());
  sel[8 + 9] = 0x80;
  sel[8 + 11] = 0x40;
  const std::vector<uint8_t> select{0x55, 0x10, 0, 0, 0, 0, 0, 0, 24, 0};
  EXPECT_EQ(d->execute(select, sel, true).status, 0);
  cur = send(*d, {0x5A, 0, 0x0E, 0, 0, 0, 0, 0, 24, 0}, 24);
  EXPECT_EQ(cur.data[8 + 9], 0x80);
  EXPECT_EQ(cur.data[8 + 11], 0x40);
}

TEST(VirtualDrive, ReadTocFormatInTheControlByte) {
  // SFF-8020i's format field (byte 9 bits 7-6) when byte 2 says 0, as Linux's sr_cd_check sends
  // it: 01 is the session info, 10 the full TOC.
  auto d = ready_drive();
  auto s = send(*d, {0x43, 0, 0, 0, 0, 0, 0, 0, 12, 0x40}, 0xFFFF);
  EXPECT_EQ(s.data, (std::vector<uint8_t>{0x00, 0x0A, 0x01, 0x01, 0x00, 0x14, 0x01, 0x00, 0, 0, 0, 0}));
  EXPECT_EQ(send(*d, {0x43, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0x80}, 0xFFFF).data, build_full_toc(mixed_disc()));
  // Byte 2 wins when it names a format.
  EXPECT_EQ(send(*d, {0x43, 0, 1, 0, 0, 0, 0, 0xFF, 0xFF, 0x80}, 0xFFFF).data, s.data);
}

TEST(VirtualDrive, ReadCdEverySectorAsTheImageHasIt) {
  auto d = ready_drive();
  const auto main = mixed_main();
  SubchannelSynthesizer synth(mixed_disc());
  for (Lba lba = 0; lba < 600; lba += 25) {
    auto a = send(*d, read_cd_cdb(0, lba, 25, 0xF8, 0x01), 25 * 2448);
    ASSERT_EQ(a.code(), "GOOD");
    ASSERT_EQ(a.data.size(), 25u * 2448);
    for (Lba i = 0; i < 25; ++i) {
      const Lba l = lba + i;
      const uint8_t* got = a.data.data() + size_t(i) * 2448;
      if (l < 300) {  // data: found by its header, returned descrambled and unshifted
        ASSERT_TRUE(std::equal(got, got + 2352, main.begin() + l * 2352)) << "LBA " << l;
      } else {  // audio: the surface stream, 6 samples early (the generic drive's offset)
        const auto e = expected_audio(main, l, 6);
        ASSERT_TRUE(std::equal(got, got + 2352, e.begin())) << "LBA " << l;
      }
      std::array<uint8_t, 96> sub{};
      synth.synthesize(l, sub);
      ASSERT_TRUE(std::equal(got + 2352, got + 2448, sub.begin())) << "LBA " << l;
    }
  }
  // The first audio sector starts with 24 bytes of the last data sector, scrambled.
  auto first_audio = send(*d, read_cd_cdb(1, 300, 1, 0xF8, 0), 2352);
  const auto& table = scramble_table();
  for (size_t k = 0; k < 24; ++k)
    EXPECT_EQ(first_audio.data[k], uint8_t(main[299 * 2352 + 2328 + k] ^ table[2328 + k]));
}

TEST(VirtualDrive, ReadCdFieldSelectionsAndFormattedQ) {
  auto d = ready_drive();
  const auto main = mixed_main();
  auto user = send(*d, read_cd_cdb(2, 16, 1, 0x10, 0), 4096);
  ASSERT_EQ(user.data.size(), 2048u);
  EXPECT_TRUE(std::equal(user.data.begin(), user.data.end(), main.begin() + 16 * 2352 + 16));
  // Headers + user data + EDC/ECC: 4 + 2048 + 288.
  auto most = send(*d, read_cd_cdb(2, 16, 1, 0x78, 0), 4096);
  ASSERT_EQ(most.data.size(), 2340u);
  EXPECT_TRUE(std::equal(most.data.begin(), most.data.end(), main.begin() + 16 * 2352 + 12));
  // Formatted Q: the 12 Q bytes (CRC included) then 4 zero bytes.
  auto q = send(*d, read_cd_cdb(0, 460, 1, 0x00, 0x02), 16);
  ASSERT_EQ(q.data.size(), 16u);
  SubchannelSynthesizer synth(mixed_disc());
  const QFrame expected = synth.q_at(460);
  EXPECT_TRUE(std::equal(expected.begin(), expected.end(), q.data.begin()));
  EXPECT_EQ(q.data[12] | q.data[13] | q.data[14] | q.data[15], 0);
}

TEST(VirtualDrive, ReadCdOfAudioTakesMainByTheUserDataBitAlone) {
  // CD-DA has no sync, header or EDC/ECC: byte 9 bit 4 (user data) alone gives 2352 bytes, and
  // without it an audio sector sends no main bytes, whatever the other byte 9 bits say.
  auto d = ready_drive();
  SubchannelSynthesizer synth(mixed_disc());
  auto q_of = [&](Lba l) {
    const QFrame f = synth.q_at(l);
    std::vector<uint8_t> q(f.begin(), f.end());
    q.resize(16, 0);  // formatted Q: 12 bytes, then 4 zero bytes
    return q;
  };
  auto header_only = send(*d, read_cd_cdb(1, 460, 1, 0x20, 0x02), 2352 + 16);
  EXPECT_EQ(header_only.code(), "GOOD");
  EXPECT_EQ(header_only.data, q_of(460));
  auto sync_only = send(*d, read_cd_cdb(1, 460, 1, 0x80, 0x00), 2352);
  EXPECT_EQ(sync_only.code(), "GOOD");
  EXPECT_EQ(sync_only.data.size(), 0u);
  // Ten sectors of header-only + Q: 160 bytes, each sector's Q in turn.
  auto run = send(*d, read_cd_cdb(1, 460, 10, 0xE8, 0x02), 160);
  ASSERT_EQ(run.data.size(), 160u);
  for (Lba i = 0; i < 10; ++i)
    EXPECT_EQ(std::vector<uint8_t>(run.data.begin() + i * 16, run.data.begin() + i * 16 + 16), q_of(460 + i)) << i;
  // Type 0 across the data/audio boundary, header only: the Mode 1 headers of 298 and 299 (BCD
  // MSF of LBA + 150 = 448 and 449: 00:05:73 and 00:05:74, mode 1), nothing for 300 and 301.
  auto across = send(*d, read_cd_cdb(0, 298, 4, 0x20, 0x00), 4 * 2352);
  EXPECT_EQ(across.data, (std::vector<uint8_t>{0x00, 0x05, 0x73, 0x01, 0x00, 0x05, 0x74, 0x01}));
}

TEST(VirtualDrive, SectorTypeMismatchesFailAsOnRealDrives) {
  auto d = ready_drive();
  EXPECT_EQ(send(*d, read_cd_cdb(2, 450, 1, 0xF8, 0), 2352).code(), "05/64/00");        // Mode 1 on audio
  EXPECT_EQ(send(*d, read_cd_cdb(4, 16, 1, 0xF8, 0), 2352).code(), "05/64/00");         // Form 1 on Mode 1
  EXPECT_EQ(send(*d, read_cd_cdb(2, 290, 20, 0xF8, 0), 20 * 2352).code(), "05/64/00");  // runs into audio
  EXPECT_EQ(send(*d, read_cd_cdb(2, 16, 1, 0xF8, 0), 2352).code(), "GOOD");
  // CD-DA on a data sector: scrambled bytes on a drive that allows it, 05/64/00 on one that does not.
  auto scrambled = send(*d, read_cd_cdb(1, 100, 1, 0xF8, 0), 2352);
  EXPECT_EQ(scrambled.data, expected_audio(mixed_main(), 100, 6));
  EXPECT_EQ(send(*ready_drive("cheap"), read_cd_cdb(1, 100, 1, 0xF8, 0), 2352).code(), "05/64/00");
  // C2 from a drive without C2 pointers, R-W mode 4 from one without it, the reserved subchannel
  // selections 011b and 101b-111b, an impossible type.
  EXPECT_EQ(send(*ready_drive("cheap"), read_cd_cdb(0, 450, 1, 0xFA, 0), 2646).code(), "05/24/00");
  EXPECT_EQ(send(*ready_drive("cheap"), read_cd_cdb(0, 450, 1, 0xF8, 0x04), 2448).code(), "05/24/00");
  for (uint8_t sub : {uint8_t{3}, uint8_t{5}, uint8_t{6}, uint8_t{7}})
    EXPECT_EQ(send(*d, read_cd_cdb(0, 450, 1, 0xF8, sub), 2448).code(), "05/24/00") << int(sub);
  EXPECT_EQ(send(*d, read_cd_cdb(6, 450, 1, 0xF8, 0), 2352).code(), "05/24/00");
}

TEST(VirtualDrive, RangeLimitsFollowThePersonality) {
  auto generic = ready_drive();
  EXPECT_EQ(send(*generic, read_cd_cdb(0, 600, 1, 0xF8, 0), 2352).code(), "05/21/00");
  EXPECT_EQ(send(*generic, read_cd_cdb(0, -1, 1, 0xF8, 0), 2352).code(), "05/21/00");
  auto plextor = ready_drive("plextor");
  auto leadout = send(*plextor, read_cd_cdb(1, 650, 1, 0x00, 0x02), 16);
  ASSERT_EQ(leadout.code(), "GOOD");
  EXPECT_EQ(leadout.data[1], 0xAA);  // Q track AA: the lead-out
  EXPECT_EQ(send(*plextor, read_cd_cdb(0, 700, 1, 0xF8, 0), 2352).code(), "05/21/00");
  EXPECT_EQ(send(*plextor, read_cd_cdb(2, -76, 1, 0x10, 0), 2048).code(), "05/21/00");
  auto pregap = send(*plextor, read_cd_cdb(2, -75, 1, 0x10, 0), 2048);
  EXPECT_EQ(pregap.code(), "GOOD");
  EXPECT_EQ(std::count(pregap.data.begin(), pregap.data.end(), 0), 2048);
}

TEST(VirtualDrive, SectorOrderOfTheReply) {
  vdrive::FaultPlan faults;
  faults.c2.push_back({{460, 1}, 5});
  auto lg = ready_drive("lg", faults);
  auto a = send(*lg, read_cd_cdb(1, 460, 1, 0xFA, 0x01), 2352 + 96 + 294);
  ASSERT_EQ(a.data.size(), 2352u + 96 + 294);
  SubchannelSynthesizer synth(mixed_disc());
  std::array<uint8_t, 96> sub{};
  synth.synthesize(460, sub);
  EXPECT_TRUE(std::equal(sub.begin(), sub.end(), a.data.begin() + 2352));  // sub before C2
  EXPECT_GT(std::count_if(a.data.begin() + 2448, a.data.end(), [](uint8_t b) { return b != 0; }), 0);
}

TEST(VirtualDrive, ReadUserData) {
  auto d = ready_drive();
  const auto main = mixed_main();
  auto a = send(*d, {0x28, 0, 0, 0, 0, 20, 0, 0, 2, 0}, 4096);
  ASSERT_EQ(a.code(), "GOOD");
  ASSERT_EQ(a.data.size(), 4096u);
  EXPECT_TRUE(std::equal(a.data.begin(), a.data.begin() + 2048, main.begin() + 20 * 2352 + 16));
  EXPECT_TRUE(std::equal(a.data.begin() + 2048, a.data.end(), main.begin() + 21 * 2352 + 16));
  EXPECT_EQ(send(*d, {0x28, 0, 0, 0, 0x01, 0xC2, 0, 0, 1, 0}, 2048).code(), "05/64/00");  // audio
  EXPECT_EQ(send(*d, {0x25, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 8).data,
            (std::vector<uint8_t>{0, 0, 0x02, 0x57, 0, 0, 0x08, 0}));  // READ CAPACITY: 599, 2048
}

TEST(VirtualDrive, DiscAndTrackInformationAndSubchannel) {
  auto d = ready_drive();
  auto di = send(*d, {0x51, 0, 0, 0, 0, 0, 0, 0, 34, 0}, 34);
  ASSERT_EQ(di.data.size(), 34u);
  EXPECT_EQ(di.data[2], 0x0E);  // complete disc, complete last session
  EXPECT_EQ(di.data[3], 1);
  EXPECT_EQ(di.data[4], 1);
  EXPECT_EQ(di.data[6], 2);
  auto ti = send(*d, {0x52, 1, 0, 0, 0, 2, 0, 0, 48, 0}, 48);
  ASSERT_EQ(ti.data.size(), 48u);
  EXPECT_EQ(ti.data[2], 2);
  EXPECT_EQ((ti.data[8] << 24 | ti.data[9] << 16 | ti.data[10] << 8 | ti.data[11]), 450);
  EXPECT_EQ((ti.data[24] << 24 | ti.data[25] << 16 | ti.data[26] << 8 | ti.data[27]), 150);
  auto mcn = send(*d, {0x42, 0, 0x40, 0x02, 0, 0, 0, 0, 24, 0}, 24);
  ASSERT_EQ(mcn.data.size(), 24u);
  EXPECT_EQ(mcn.data[8], 0x80);
  EXPECT_EQ(std::string(mcn.data.begin() + 9, mcn.data.begin() + 22), "0123456789012");
  auto isrc = send(*d, {0x42, 0, 0x40, 0x03, 0, 0, 2, 0, 24, 0}, 24);
  EXPECT_EQ(std::string(isrc.data.begin() + 9, isrc.data.begin() + 21), "USDW12600002");
}

TEST(VirtualDrive, GetConfigurationProfilesAndFeatures) {
  auto d = ready_drive();
  auto a = send(*d, {0x46, 0, 0, 0, 0, 0, 0, 0x10, 0, 0}, 4096);
  ASSERT_GE(a.data.size(), 8u);
  EXPECT_EQ((a.data[6] << 8 | a.data[7]), 0x0008);  // CD-ROM
  const uint32_t len = uint32_t(a.data[0]) << 24 | uint32_t(a.data[1]) << 16 | uint32_t(a.data[2]) << 8 | a.data[3];
  EXPECT_EQ(len + 4, a.data.size());
  // Walk the features: 001E CD Read must say C2 and CD-Text.
  bool found = false;
  for (size_t at = 8; at + 4 <= a.data.size(); at += 4 + a.data[at + 3])
    if ((a.data[at] << 8 | a.data[at + 1]) == 0x001E) {
      found = true;
      EXPECT_EQ(a.data[at + 4] & 0x03, 0x03);
    }
  EXPECT_TRUE(found);
}

TEST(VirtualDrive, UnsupportedCommandsAndShortCdbs) {
  auto d = ready_drive();
  EXPECT_EQ(send(*d, {0xD8, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0}, 2352).code(), "05/20/00");  // not a Plextor
  EXPECT_EQ(send(*d, {0xFF, 0, 0, 0, 0, 0}, 0).code(), "05/20/00");
  EXPECT_EQ(send(*d, {0xBE, 0, 0}, 0).code(), "05/24/00");
}

TEST(VirtualDrive, MediaTekCacheReachesTheLeadOut) {
  auto d = ready_drive("asus");
  EXPECT_EQ(send(*d, read_cd_cdb(1, 680, 1, 0xF8, 0), 2352).code(), "05/21/00");  // past READ CD's reach
  // The last sectors READ CD gives; the drive reads ahead into the lead-out.
  ASSERT_EQ(send(*d, read_cd_cdb(1, 670, 5, 0xF8, 0), 5 * 2352).code(), "GOOD");
  // The cache as an MTK3 drive has it (redumper drive/mediatek.ixx): 3 MiB read, a ring of 1070
  // entries of 0xB00 bytes in it, sector L in entry L mod 1070.
  constexpr size_t kEntry = 0xB00, kRing = 1070, kBytes = 3 * 1024 * 1024;
  auto cache = send(*d, {0xF1, 0x06, 0, 0, 0, 0, 0, 0x30, 0x00, 0x00}, kBytes);
  ASSERT_EQ(cache.code(), "GOOD");
  ASSERT_EQ(cache.data.size(), kBytes);
  EXPECT_TRUE(std::all_of(cache.data.begin() + kRing * kEntry, cache.data.end(), [](uint8_t b) { return b == 0; }));
  // 64 KiB from an offset is the same bytes; an offset past the cache is refused.
  auto part = send(*d, {0xF1, 0x06, 0, 0x1D, 0x00, 0x00, 0, 0x01, 0x00, 0x00}, 0x10000);
  ASSERT_EQ(part.code(), "GOOD");
  EXPECT_TRUE(std::equal(part.data.begin(), part.data.end(), cache.data.begin() + 0x1D0000));
  EXPECT_EQ(send(*d, {0xF1, 0x06, 0, 0x30, 0x00, 0x01, 0, 0, 0x10, 0}, 0x1000).code(), "05/24/00");
  SubchannelSynthesizer synth(mixed_disc());
  const auto main = mixed_main();
  for (size_t i = 0; i < 23; ++i) {  // LBA 670 + i: all lead-out, Q track AA
    const Lba l = 670 + static_cast<Lba>(i);
    const uint8_t* e = cache.data.data() + (static_cast<size_t>(l) % kRing) * kEntry;
    const QFrame q = synth.q_at(l);
    EXPECT_TRUE(std::equal(q.begin(), q.end(), e + 0x990)) << l;
    EXPECT_EQ(e[0x990 + 1], 0xAA);
    const auto expected = expected_audio(main, l, 6);
    EXPECT_TRUE(std::equal(expected.begin(), expected.end(), e)) << l;
  }
  EXPECT_EQ(send(*ready_drive("generic"), {0xF1, 0x06, 0, 0, 0, 0, 0, 0, 0x10, 0}, 0x1000).code(), "05/20/00");
}

TEST(VirtualDrive, WorkIsBoundedByTheHostsBuffer) {
  // A CDB asking for 500 sectors into a one-sector buffer: the drive answers what fits (the
  // rest would be cut anyway) instead of producing all 500.
  auto d = ready_drive();
  auto a = send(*d, read_cd_cdb(1, 0, 500, 0xF8, 0), 2352);
  EXPECT_EQ(a.code(), "GOOD");
  EXPECT_EQ(a.data, expected_audio(mixed_main(), 0, 6));
  auto u = send(*d, {0xA8, 0, 0, 0, 0, 0, 0x00, 0x00, 0x01, 0x00, 0, 0}, 2048);  // READ(12) of 256 sectors
  EXPECT_EQ(u.code(), "GOOD");
  EXPECT_EQ(u.data.size(), 2048u);
}

TEST(VirtualDrive, TrackInformationNamesEachTracksSession) {
  // two_session_disc: tracks 1 and 2 in session 1, track 3 (LBA 11600) in session 2. The session
  // number is byte 3 (low) and byte 33 (high, MMC-3), the track number bytes 2 and 32.
  const Disc disc = two_session_disc(TrackMode::Mode1);
  auto source = std::make_shared<MemorySectorSource>(disc, 0, std::vector<uint8_t>(size_t{11630} * 2352, 0));
  for (const bool answers : {true, false}) {
    vdrive::Personality p = *vdrive::find_personality("cheap");
    p.cd_track_info = answers;
    VirtualDrive d(p, vdrive::TimingMode::Instant);
    d.insert(std::make_shared<vdrive::PressedMedia>(source));
    send(d, kTur, 0);
    for (const uint8_t track : {uint8_t{1}, uint8_t{2}, uint8_t{3}}) {
      auto ti = send(d, {0x52, 1, 0, 0, 0, track, 0, 0, 48, 0}, 48);
      if (!answers) {
        EXPECT_EQ(ti.code(), "05/24/00");  // refused on the pressed disc
        continue;
      }
      ASSERT_EQ(ti.data.size(), 48u);
      EXPECT_EQ(ti.data[2], track);
      EXPECT_EQ(ti.data[32], 0);
      EXPECT_EQ(ti.data[3], track == 3 ? 2 : 1);
      EXPECT_EQ(ti.data[33], 0);
    }
    // By session number (address type 2): the session's first track.
    auto s2 = send(d, {0x52, 2, 0, 0, 0, 2, 0, 0, 48, 0}, 48);
    if (answers) {
      ASSERT_EQ(s2.data.size(), 48u);
      EXPECT_EQ(s2.data[2], 3);
      EXPECT_EQ((s2.data[8] << 24 | s2.data[9] << 16 | s2.data[10] << 8 | s2.data[11]), 11600);
    }
  }
}

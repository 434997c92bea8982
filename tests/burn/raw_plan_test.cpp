// The RAW stream: 2448-byte blocks from the ATIP lead-in start through the lead-out. Lead-in Q
// frames are checked against bytes written out by hand from reference/cd-physical.md "Subchannel"
// (ADR 1 lead-in: 00, POINT, running MSF BCD, 0, PMSF BCD; each point in 3 frames, tracks then A0
// A1 A2; CRC-16 0x1021 inverted, big-endian), the main channel against the image (data sectors
// scrambled, reference "Scrambler"), and an image's own subchannel must pass through untouched.
#include "burn/raw_plan.hpp"

#include <gtest/gtest.h>

#include <array>
#include <optional>
#include <stdexcept>

#include "burn/recorder.hpp"
#include "burn_discs.hpp"
#include "disc/scrambler.hpp"
#include "disc/sector.hpp"
#include "disc/subchannel.hpp"
#include "scsi/virtual/virtual_drive.hpp"
#include "scsi/virtual/virtual_transport.hpp"

using namespace dw;
using namespace dw::burn;
using namespace dw::test;

namespace {

constexpr Lba kLeadIn = -11634;  // 97:26:66, the virtual blank's ATIP lead-in start

std::vector<uint8_t> block(RawStream& s, Lba lba) {
  std::vector<uint8_t> out(kRawBlockSize);
  s.read(lba, 1, out);
  return out;
}

std::array<uint8_t, 12> q_of(const std::vector<uint8_t>& blk) {
  std::span<const uint8_t, 96> sub(blk.data() + 2352, 96);
  return extract_channel(sub, Channel::Q);
}

bool p_all(const std::vector<uint8_t>& blk, bool on) {
  for (size_t k = 2352; k < kRawBlockSize; ++k)
    if (bool(blk[k] & 0x80) != on) return false;
  return true;
}

using Q = std::array<uint8_t, 12>;

// A virtual recorder of the personality with a blank CD-R of 10,000 sectors, probed.
vdrive::Personality personality_with(const char* name, std::optional<uint8_t> raw_block_types) {
  vdrive::Personality p = *vdrive::find_personality(name);
  if (raw_block_types) p.raw_block_types = *raw_block_types;
  return p;
}

struct BlankRecorder {
  explicit BlankRecorder(const char* personality, std::optional<uint8_t> raw_block_types = std::nullopt)
      : vd(std::make_shared<vdrive::VirtualDrive>(personality_with(personality, raw_block_types),
                                                  vdrive::TimingMode::Instant)),
        transport(vd, "virtual:blank"),
        drive(transport) {
    vd->insert_blank(std::make_shared<vdrive::RecordableMedia>(vdrive::RecordableMedia::Kind::CdR, 10000));
    probed = drive.probe().ok();
  }
  std::shared_ptr<vdrive::VirtualDrive> vd;
  vdrive::VirtualTransport transport;
  scsi::Drive drive;
  bool probed = false;
};

}  // namespace

TEST(RawPlan, LeadInCarriesTheTocInQ) {
  MemorySectorSource src(audio_disc(), 0, audio_pattern(1575));
  const BurnPlan plan = make_sao_plan(src);
  RawStream s(plan, src, kLeadIn);
  EXPECT_EQ(s.first(), -11634);
  EXPECT_EQ(s.end(), 1575 + 6750);  // the first lead-out: 6750 blocks
  EXPECT_EQ(s.blocks(), 11634 + 1575 + 6750);
  EXPECT_FALSE(s.own_subchannel());
  // Points 01 02 03 A0 A1 A2, 3 frames each, from the lead-in start; running time = own MSF.
  // Track 1: CONTROL 1 (pre-emphasis), starts 00:02:00.
  EXPECT_EQ(q_of(block(s, -11634)), (Q{0x11, 0x00, 0x01, 0x97, 0x26, 0x66, 0x00, 0x00, 0x02, 0x00, 0xCC, 0xEB}));
  const Q second = q_of(block(s, -11633));  // the same point, one frame on: 97:26:67
  EXPECT_TRUE(std::equal(second.begin(), second.begin() + 10,
                         std::array<uint8_t, 10>{0x11, 0x00, 0x01, 0x97, 0x26, 0x67, 0x00, 0x00, 0x02, 0x00}.begin()));
  EXPECT_TRUE(q_crc_ok(second));
  // Track 2: CONTROL 2 (copy permitted), starts LBA 750 = 00:12:00.
  EXPECT_EQ(q_of(block(s, -11631)), (Q{0x21, 0x00, 0x02, 0x97, 0x26, 0x69, 0x00, 0x00, 0x12, 0x00, 0xCF, 0x8F}));
  // A0: first track 01, disc type 00 (CD-DA), CONTROL of track 1.
  EXPECT_EQ(q_of(block(s, -11625)), (Q{0x11, 0x00, 0xA0, 0x97, 0x27, 0x00, 0x00, 0x01, 0x00, 0x00, 0xCD, 0x7A}));
  // A2: the lead-out at LBA 1575 = 00:23:00, CONTROL of the last track (0).
  EXPECT_EQ(q_of(block(s, -11619)), (Q{0x01, 0x00, 0xA2, 0x97, 0x27, 0x06, 0x00, 0x00, 0x23, 0x00, 0x7F, 0x4A}));
  // 18 frames later the cycle starts again with track 1.
  EXPECT_EQ(q_of(block(s, -11616)), (Q{0x11, 0x00, 0x01, 0x97, 0x27, 0x09, 0x00, 0x00, 0x02, 0x00, 0xF5, 0x6E}));
  // The last lead-in frame, 99:59:74: (11483 / 3) % 6 = 5, A2.
  EXPECT_EQ(q_of(block(s, -151)), (Q{0x01, 0x00, 0xA2, 0x99, 0x59, 0x74, 0x00, 0x00, 0x23, 0x00, 0xD1, 0xF8}));
  // Lead-in: P off, main channel silence, R-W the CD-Text exactly as SAO sends it.
  const auto b = block(s, -11000);
  EXPECT_TRUE(p_all(b, false));
  EXPECT_TRUE(std::all_of(b.begin(), b.begin() + 2352, [](uint8_t v) { return v == 0; }));
  std::vector<uint8_t> rw(96);
  cdtext_leadin_blocks(plan.cdtext, kLeadIn, -11000, 1, rw);
  for (size_t k = 0; k < 96; ++k) EXPECT_EQ(b[2352 + k] & 0x3F, rw[k]) << k;
}

TEST(RawPlan, ProgramAreaAndLeadOutFromTheDisc) {
  MemorySectorSource src(audio_disc(), 0, audio_pattern(1575));
  RawStream s(make_sao_plan(src), src, kLeadIn);
  const auto main = audio_pattern(1575);
  // LBA 0: the image's bytes; Q track 01 index 01, relative 00:00:00, absolute 00:02:00; P off.
  auto b = block(s, 0);
  EXPECT_TRUE(std::equal(b.begin(), b.begin() + 2352, main.begin()));
  EXPECT_EQ(q_of(b), (Q{0x11, 0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x00, 0xCE, 0xBE}));
  EXPECT_TRUE(p_all(b, false));
  // LBA 600: track 2's pregap (index 00), relative counting down 00:01:74, absolute 00:10:00; P on.
  b = block(s, 600);
  EXPECT_EQ(q_of(b), (Q{0x21, 0x02, 0x00, 0x00, 0x01, 0x74, 0x00, 0x00, 0x10, 0x00, 0xBD, 0x83}));
  EXPECT_TRUE(p_all(b, true));
  // LBA -150: track 1's pregap, which the image does not hold: silence.
  b = block(s, -150);
  EXPECT_TRUE(std::all_of(b.begin(), b.begin() + 2352, [](uint8_t v) { return v == 0; }));
  EXPECT_EQ(q_of(b)[2], 0x00);
  // LBA 1575: the lead-out, track AA index 01, relative 00:00:00, absolute 00:23:00.
  b = block(s, 1575);
  EXPECT_EQ(q_of(b), (Q{0x01, 0xAA, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x23, 0x00, 0x73, 0x0A}));
  EXPECT_TRUE(std::all_of(b.begin(), b.begin() + 2352, [](uint8_t v) { return v == 0; }));
  // Runs across areas equal block-by-block reads.
  std::vector<uint8_t> run(5 * kRawBlockSize);
  s.read(-152, 5, run);
  for (Lba l = -152; l < -147; ++l) {
    const auto one = block(s, l);
    EXPECT_TRUE(std::equal(one.begin(), one.end(), run.begin() + (l + 152) * long(kRawBlockSize))) << l;
  }
  EXPECT_THROW(s.read(kLeadIn - 1, 1, run), std::out_of_range);
  EXPECT_THROW(s.read(1575 + 6750, 1, run), std::out_of_range);
}

TEST(RawPlan, TheImagesOwnSubchannelPassesThroughUntouched) {
  // The image's own P-W: synthesised, then unusual frames placed in it - a Q with a bad CRC, an
  // MCN frame where no writer puts one, odd R-W bytes.
  const Disc disc = audio_disc();
  std::vector<uint8_t> sub(1575 * 96);
  SubchannelSynthesizer(disc).synthesize_run(0, 1575, sub);
  sub[100 * 96 + 5] ^= 0x40;  // a Q bit flipped: CRC now wrong
  QFrame mcn = encode_q(QCatalog{Control{}, disc.mcn, Bcd::of(33)});
  for (size_t k = 0; k < 96; ++k) sub[333 * 96 + k] &= 0xBF;  // Q cleared, then the MCN frame
  insert_channel(std::span<uint8_t, 96>(sub.data() + 333 * 96, 96), Channel::Q, mcn);
  for (size_t k = 0; k < 96; ++k) sub[500 * 96 + k] = static_cast<uint8_t>((sub[500 * 96 + k] & 0xC0) | (k & 0x3F));
  MemorySectorSource src(disc, 0, audio_pattern(1575), sub);
  RawStream s(make_sao_plan(src), src, kLeadIn);
  EXPECT_TRUE(s.own_subchannel());
  std::vector<uint8_t> all(1575 * kRawBlockSize);
  s.read(0, 1575, all);
  for (Lba l = 0; l < 1575; ++l)
    ASSERT_TRUE(
        std::equal(sub.begin() + l * 96, sub.begin() + (l + 1) * 96, all.begin() + l * long(kRawBlockSize) + 2352))
        << l;
  EXPECT_FALSE(q_crc_ok(q_of(block(s, 100))));
  EXPECT_EQ(q_of(block(s, 333)), mcn);  // ADR 2 where (LBA + 150) % 100 is 83
  // Outside the image (track 1's pregap) and in the lead-in the subchannel is made from the TOC.
  EXPECT_EQ(q_of(block(s, -11634))[2], 0x01);
  EXPECT_TRUE(q_crc_ok(q_of(block(s, -1))));
}

TEST(RawPlan, DataSectorsAreScrambledAsOnTheSurface) {
  MemorySectorSource src(mixed_disc(), 0, mixed_main());
  RawStream s(make_sao_plan(src), src, kLeadIn);
  const auto main = mixed_main();
  // LBA 10: the image's Mode 1 sector XOR the scrambler table (01 80 00 60 ... from byte 12).
  auto b = block(s, 10);
  EXPECT_TRUE(std::equal(b.begin(), b.begin() + 12, main.begin() + 10 * 2352));  // sync is not scrambled
  EXPECT_EQ(b[12], main[10 * 2352 + 12] ^ 0x01);
  EXPECT_EQ(b[13], main[10 * 2352 + 13] ^ 0x80);
  EXPECT_EQ(b[14], main[10 * 2352 + 14] ^ 0x00);
  EXPECT_EQ(b[15], main[10 * 2352 + 15] ^ 0x60);
  std::vector<uint8_t> back(b.begin(), b.begin() + 2352);
  scramble(back);
  EXPECT_TRUE(std::equal(back.begin(), back.end(), main.begin() + 10 * 2352));
  // LBA 300: track 2's pregap is audio: sent as it is.
  b = block(s, 300);
  EXPECT_TRUE(std::equal(b.begin(), b.begin() + 2352, main.begin() + 300 * 2352));
  // LBA -150 (not in the image) and the lead-in: empty Mode 1 sectors of their own address.
  for (Lba l : {Lba{-150}, kLeadIn}) {
    b = block(s, l);
    std::vector<uint8_t> sec(b.begin(), b.begin() + 2352);
    scramble(sec);
    const SectorHeader h = read_header(std::span<const uint8_t, 2352>(sec.data(), 2352));
    EXPECT_EQ(h.mode, 1);
    EXPECT_EQ(bcd_msf_to_lba(h.address), l);
    EXPECT_TRUE(verify_sector(std::span<const uint8_t, 2352>(sec.data(), 2352), l).faults == SectorFaults{}) << l;
  }
  EXPECT_EQ(b[12] ^ 0x01, 0x97);  // 97:26:66
}

TEST(RawPlan, RecorderBurnsRawOntoTheVirtualBlank) {
  const Disc disc = audio_disc();
  std::vector<uint8_t> sub(1575 * 96);
  SubchannelSynthesizer(disc).synthesize_run(0, 1575, sub);
  sub[100 * 96 + 20] ^= 0x40;  // a bad Q CRC
  MemorySectorSource src(disc, 0, audio_pattern(1575), sub);
  BlankRecorder rec_bench("generic");
  ASSERT_TRUE(rec_bench.probed);
  auto& vd = rec_bench.vd;
  scsi::Drive& drive = rec_bench.drive;
  std::vector<std::string> log;
  Recorder rec(drive, [&](LogLevel, const std::string& l) { log.push_back(l); });
  RecorderOptions opt;
  opt.raw = true;
  const BurnResult res = rec.burn(make_sao_plan(src), src, opt);
  EXPECT_TRUE(res.raw);
  EXPECT_TRUE(res.own_subchannel);
  EXPECT_EQ(res.block_type, 3);
  EXPECT_EQ(res.blocks_written, uint64_t(11634 + 1575 + 6750));
  ASSERT_TRUE(res.recorded);
  EXPECT_EQ(res.recorded->cdtext, disc.cdtext);
  ASSERT_TRUE(vd->recorded());
  std::vector<uint8_t> got_main(1575 * 2352), got_sub(1575 * 96);
  vd->recorded()->read(0, 1575, got_main, got_sub, {});
  EXPECT_EQ(got_main, audio_pattern(1575));
  EXPECT_EQ(got_sub, sub);
  EXPECT_TRUE(std::none_of(log.begin(), log.end(), [](const std::string& l) { return l.find("CUE SHEET") != l.npos; }));
}

TEST(RawPlan, ADriveWithoutRawIsRefused) {
  MemorySectorSource src(audio_disc(), 0, audio_pattern(1575));
  BlankRecorder rec_bench("cheap");
  ASSERT_TRUE(rec_bench.probed);
  auto& vd = rec_bench.vd;
  scsi::Drive& drive = rec_bench.drive;
  RecorderOptions opt;
  opt.raw = true;
  try {
    Recorder(drive, {}).burn(make_sao_plan(src), src, opt);
    FAIL() << "burned RAW on a drive without raw writing";
  } catch (const BurnError& e) {
    EXPECT_EQ(e.kind(), BurnError::Kind::Drive);
    EXPECT_NE(std::string(e.what()).find("cannot write RAW"), std::string::npos);
  }
  EXPECT_FALSE(vd->recorded());
}

TEST(RawPlan, MixedDiscBurnsRawWithItsAudioPregapUnscrambled) {
  // Track 2's pregap (LBA 300-449, audio after the Mode 1 track) is sent as it is; the drive must
  // place it in track 2 (by its Q) and keep it as audio: the recording equals the image.
  MemorySectorSource src(mixed_disc(), 0, mixed_main());
  BlankRecorder rec_bench("generic");
  ASSERT_TRUE(rec_bench.probed);
  auto& vd = rec_bench.vd;
  scsi::Drive& drive = rec_bench.drive;
  RecorderOptions opt;
  opt.raw = true;
  const BurnResult res = Recorder(drive, {}).burn(make_sao_plan(src), src, opt);
  EXPECT_FALSE(res.own_subchannel);
  ASSERT_TRUE(vd->recorded());
  std::vector<uint8_t> got(900 * 2352);
  vd->recorded()->read(0, 900, got, {}, {});
  EXPECT_EQ(got, mixed_main());
  const Track* t2 = vd->recorded()->disc().find_track(2);
  ASSERT_TRUE(t2);
  ASSERT_TRUE(t2->index(0));
  EXPECT_EQ(*t2->index(0), 300);
}

// Block types 2 and 1 (reference/mmc.md "Mode page 05"; the forms in disc/subchannel.hpp).
TEST(RawPlan, BlockTypesTwoAndOneCarryTheSameBlocks) {
  MemorySectorSource src(audio_disc(), 0, audio_pattern(1575));
  const BurnPlan plan = make_sao_plan(src);
  RawStream s(plan, src, kLeadIn);
  EXPECT_EQ(raw_block_size(3), 2448u);
  EXPECT_EQ(raw_block_size(2), 2448u);
  EXPECT_EQ(raw_block_size(1), 2368u);
  EXPECT_THROW((void)raw_block_size(0), std::invalid_argument);
  // Type 1: the first lead-in block's Q (the golden frame of LeadInCarriesTheTocInQ), three zero
  // bytes and P off; in track 1's pregap (LBA -1) P is on: byte 15 = 80.
  std::vector<uint8_t> pq(2368);
  s.read(-11634, 1, pq, 1);
  EXPECT_EQ(std::vector<uint8_t>(pq.begin() + 2352, pq.end()),
            (std::vector<uint8_t>{0x11, 0x00, 0x01, 0x97, 0x26, 0x66, 0x00, 0x00, 0x02, 0x00, 0xCC, 0xEB, 0, 0, 0, 0}));
  s.read(-1, 1, pq, 1);
  EXPECT_EQ(pq[2352 + 15], 0x80);
  EXPECT_EQ(pq[2352 + 12] | pq[2352 + 13] | pq[2352 + 14], 0);
  EXPECT_TRUE(std::equal(pq.begin(), pq.begin() + 2352, block(s, -1).begin()));
  // Type 2 in the lead-in: P and Q bits as in type 3; as R-W the packs whose interleave (done by
  // the recorder) gives the lead-in's R-W: packed symbol j of a pack is the on-disc symbol
  // kOffsets[j] symbols after the pack's start - the de-interleave table CD+G extractors publish
  // (disc/rw_interleave.hpp) - reaching into the two blocks after it.
  constexpr std::array<size_t, 24> kOffsets{0,   66,  125, 191, 100, 50, 150, 175, 8,   33,  58,  83,
                                            108, 133, 158, 183, 16,  41, 25,  91,  116, 141, 166, 75};
  std::vector<uint8_t> packed(2448);
  s.read(-11000, 1, packed, 2);
  const auto raw = block(s, -11000);
  EXPECT_TRUE(std::equal(packed.begin(), packed.begin() + 2352, raw.begin()));
  std::vector<uint8_t> rw(3 * 96);
  cdtext_leadin_blocks(plan.cdtext, kLeadIn, -11000, 3, rw);
  for (size_t pack = 0; pack < 96; pack += 24)
    for (size_t k = 0; k < 24; ++k) {
      EXPECT_EQ(packed[2352 + pack + k] & 0x3F, rw[pack + kOffsets[k]]) << pack + k;
      EXPECT_EQ(packed[2352 + pack + k] & 0xC0, raw[2352 + pack + k] & 0xC0) << pack + k;
    }
  // A run of blocks gives each block the packs it gives alone (the two blocks after a run's last
  // one are read for it).
  std::vector<uint8_t> run(5 * 2448), one(2448);
  s.read(-11002, 5, run, 2);
  for (Lba l = -11002; l < -10997; ++l) {
    s.read(l, 1, one, 2);
    EXPECT_TRUE(std::equal(one.begin(), one.end(), run.begin() + (l + 11002) * 2448)) << l;
  }
}

TEST(RawPlan, RwContentSaysWhatBlockTypeOneWouldLose) {
  MemorySectorSource with_text(audio_disc(), 0, audio_pattern(1575));
  EXPECT_NE(RawStream(make_sao_plan(with_text), with_text, kLeadIn).rw_content().value_or("").find("CD-Text"),
            std::string::npos);
  Disc plain = audio_disc();
  plain.cdtext = {};
  MemorySectorSource synth(plain, 0, audio_pattern(1575));
  EXPECT_EQ(RawStream(make_sao_plan(synth), synth, kLeadIn).rw_content(), std::nullopt);
  std::vector<uint8_t> sub(1575 * 96);
  SubchannelSynthesizer(plain).synthesize_run(0, 1575, sub);
  MemorySectorSource own(plain, 0, audio_pattern(1575), sub);
  EXPECT_EQ(RawStream(make_sao_plan(own), own, kLeadIn).rw_content(), std::nullopt);
  sub[1234 * 96 + 7] |= 0x01;  // one W bit: CD+G, say
  MemorySectorSource graphics(plain, 0, audio_pattern(1575), sub);
  EXPECT_EQ(RawStream(make_sao_plan(graphics), graphics, kLeadIn).rw_content(),
            "the image's own subchannel has R-W data (CD+G or CD-Text) from LBA 1234");
}

namespace {
// Burns `src` RAW onto the bench's blank; returns the result.
BurnResult burn_raw_on(MemorySectorSource& src, BlankRecorder& bench, std::vector<std::string>& log) {
  RecorderOptions opt;
  opt.raw = true;
  Recorder rec(bench.drive, [&](LogLevel, const std::string& l) { log.push_back(l); });
  return rec.burn(make_sao_plan(src), src, opt);
}
}  // namespace

TEST(RawPlan, ARecorderRefusingBlockTypeThreeGetsPackedPwAndTheSameDisc) {
  const Disc disc = audio_disc();
  std::vector<uint8_t> sub(1575 * 96);
  SubchannelSynthesizer(disc).synthesize_run(0, 1575, sub);
  sub[100 * 96 + 20] ^= 0x40;  // a bad Q CRC
  for (size_t k = 0; k < 96; ++k) sub[500 * 96 + k] = static_cast<uint8_t>((sub[500 * 96 + k] & 0xC0) | (k & 0x3F));
  MemorySectorSource src(disc, 0, audio_pattern(1575), sub);
  BlankRecorder bench("generic", 0b0110);  // types 1 and 2
  ASSERT_TRUE(bench.probed);
  std::vector<std::string> log;
  const BurnResult res = burn_raw_on(src, bench, log);
  EXPECT_EQ(res.block_type, 2);
  EXPECT_NE(res.block_type_reason.find("refused block type 3"), std::string::npos) << res.block_type_reason;
  ASSERT_TRUE(res.recorded);
  EXPECT_EQ(res.recorded->cdtext, disc.cdtext);  // the lead-in's R-W came through
  std::vector<uint8_t> got_main(1575 * 2352), got_sub(1575 * 96);
  bench.vd->recorded()->read(0, 1575, got_main, got_sub, {});
  EXPECT_EQ(got_main, audio_pattern(1575));
  EXPECT_EQ(got_sub, sub);
}

TEST(RawPlan, BlockTypeOneOnlyWhenRwCarriesNothing) {
  {  // CD-Text in the lead-in: refused with the reason, nothing written
    MemorySectorSource src(audio_disc(), 0, audio_pattern(1575));
    BlankRecorder bench("generic", 0b0010);
    ASSERT_TRUE(bench.probed);
    std::vector<std::string> log;
    try {
      burn_raw_on(src, bench, log);
      FAIL() << "burned CD-Text with block type 1";
    } catch (const BurnError& e) {
      EXPECT_EQ(e.kind(), BurnError::Kind::Drive);
      EXPECT_NE(std::string(e.what()).find("the lead-in carries the image's CD-Text in R-W"), std::string::npos)
          << e.what();
    }
    EXPECT_FALSE(bench.vd->recorded());
  }
  {  // no R-W: type 1, and the disc's main channel and subchannel (P whole-sector, Q, no R-W) as planned
    Disc plain = audio_disc();
    plain.cdtext = {};
    std::vector<uint8_t> sub(1575 * 96);
    SubchannelSynthesizer(plain).synthesize_run(0, 1575, sub);
    MemorySectorSource src(plain, 0, audio_pattern(1575), sub);
    BlankRecorder bench("generic", 0b0010);
    ASSERT_TRUE(bench.probed);
    std::vector<std::string> log;
    const BurnResult res = burn_raw_on(src, bench, log);
    EXPECT_EQ(res.block_type, 1);
    EXPECT_EQ(res.blocks_written, uint64_t(11634 + 1575 + 6750));
    std::vector<uint8_t> got_main(1575 * 2352), got_sub(1575 * 96);
    bench.vd->recorded()->read(0, 1575, got_main, got_sub, {});
    EXPECT_EQ(got_main, audio_pattern(1575));
    EXPECT_EQ(got_sub, sub);
  }
}

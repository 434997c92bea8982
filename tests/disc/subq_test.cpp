// Q frames: CRC from reference/cd-physical.md (CRC-16/GSM, check value 0xCE3C) and real lead-in
// frames written by wodim; ADR 2/3 layouts hand-derived from the reference's byte tables.
#include "disc/subq.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string_view>

#include "disc/crc16.hpp"
#include "disc/error.hpp"

namespace dw {
namespace {

QFrame frame(std::initializer_list<uint8_t> bytes) {
  QFrame f{};
  std::copy(bytes.begin(), bytes.end(), f.begin());
  return f;
}

TEST(SubQ, CrcCheckValue) {
  std::string_view s = "123456789";
  EXPECT_EQ(crc16_gsm({reinterpret_cast<const uint8_t*>(s.data()), s.size()}), 0xCE3C);
}

TEST(SubQ, WodimLeadInFrames) {
  const QFrame a0 = frame({0x01, 0x00, 0xA0, 0x98, 0x06, 0x12, 0x00, 0x01, 0x00, 0x00, 0xE3, 0x74});
  const QFrame t1 = frame({0x01, 0x00, 0x01, 0x98, 0x06, 0x20, 0x00, 0x00, 0x02, 0x00, 0x3B, 0x71});
  EXPECT_TRUE(q_crc_ok(a0));
  EXPECT_TRUE(q_crc_ok(t1));
  auto d = decode_q(a0);
  ASSERT_TRUE(std::holds_alternative<QLeadIn>(d.content));
  const auto& q = std::get<QLeadIn>(d.content);
  EXPECT_EQ(q.point, 0xA0);
  EXPECT_EQ(q.pmsf.m.value(), 1);  // first track 1
  EXPECT_EQ(bcd_msf_to_lba(q.running), -8688);
  EXPECT_EQ(encode_q(d.content), a0);
  EXPECT_EQ(encode_q(QLeadIn{
                Control{}, 1, 0x01, {Bcd::of(98), Bcd::of(6), Bcd::of(20)}, 0, {Bcd::of(0), Bcd::of(2), Bcd::of(0)}}),
            t1);
  QFrame bad = t1;
  bad[5] ^= 0x01;
  EXPECT_FALSE(decode_q(bad).crc_ok);
}

TEST(SubQ, PositionFrame) {
  // Track 1 index 1 at LBA 0: rel 00:00:00, abs 00:02:00; audio, ADR 1.
  QFrame f = encode_q(QPosition{Control{}, Bcd::of(1), Bcd::of(1), {}, 0, *lba_to_bcd_msf(0)});
  EXPECT_EQ(std::vector<uint8_t>(f.begin(), f.begin() + 10),
            (std::vector<uint8_t>{0x01, 0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x00}));
  EXPECT_TRUE(q_crc_ok(f));
  auto d = decode_q(f);
  ASSERT_TRUE(std::holds_alternative<QPosition>(d.content));
  EXPECT_EQ(std::get<QPosition>(d.content).absolute.s.byte(), 0x02);
  // Data track control 4 sits in the high nibble of byte 0 (Q order, not the full TOC's).
  f = encode_q(QPosition{Control{Control::kData}, Bcd::raw(0xAA), Bcd::of(1), {}, 0, *lba_to_bcd_msf(0)});
  EXPECT_EQ(f[0], 0x41);
  EXPECT_EQ(f[1], 0xAA);
}

TEST(SubQ, CatalogLayout) {
  // MCN 0000012101954 (isofs-m1.cue CATALOG): 12 digits packed in bytes 1-6, the 13th in the high
  // nibble of byte 7, byte 8 zero, byte 9 the absolute frame.
  QFrame f = encode_q(QCatalog{Control{Control::kData}, "0000012101954", Bcd::of(73)});
  EXPECT_EQ(std::vector<uint8_t>(f.begin(), f.begin() + 10),
            (std::vector<uint8_t>{0x42, 0x00, 0x00, 0x01, 0x21, 0x01, 0x95, 0x40, 0x00, 0x73}));
  auto d = decode_q(f);
  ASSERT_TRUE(std::holds_alternative<QCatalog>(d.content));
  EXPECT_EQ(std::get<QCatalog>(d.content).mcn, "0000012101954");
  EXPECT_THROW(encode_q(QCatalog{Control{}, "12345", Bcd::of(0)}), ModelError);
  EXPECT_THROW(encode_q(QCatalog{Control{}, "000001210195A", Bcd::of(0)}), ModelError);
}

TEST(SubQ, IsrcLayout) {
  // ISRC XYBLG1101234 (libcdio cdtext.right): X=0x28 Y=0x29 B=0x12 L=0x1C G=0x17 as 6-bit codes
  // packed MSB first: 101000 101001 010010 011100 010111 00 -> A2 94 9C 5C; digits 11 01 23, 4.
  QFrame f = encode_q(QIsrc{Control{}, "XYBLG1101234", Bcd::of(5)});
  EXPECT_EQ(std::vector<uint8_t>(f.begin(), f.begin() + 10),
            (std::vector<uint8_t>{0x03, 0xA2, 0x94, 0x9C, 0x5C, 0x11, 0x01, 0x23, 0x40, 0x05}));
  auto d = decode_q(f);
  ASSERT_TRUE(std::holds_alternative<QIsrc>(d.content));
  EXPECT_EQ(std::get<QIsrc>(d.content).isrc, "XYBLG1101234");
  EXPECT_THROW(encode_q(QIsrc{Control{}, "xybLG1101234", Bcd::of(0)}), ModelError);
  EXPECT_THROW(encode_q(QIsrc{Control{}, "XYBLG11012", Bcd::of(0)}), ModelError);
  EXPECT_THROW(encode_q(QIsrc{Control{}, "XYBLGA101234", Bcd::of(0)}), ModelError);
}

TEST(SubQ, UndecodableFieldsAreKeptRaw) {
  // ADR 2 with a hex digit, ADR 3 with a character code 0x3F, ADR 7: kept as QOther.
  for (QFrame f : {frame({0x02, 0x0A}), frame({0x03, 0xFC}), frame({0x07, 0x12, 0x34})}) {
    auto d = decode_q(f);
    ASSERT_TRUE(std::holds_alternative<QOther>(d.content));
    QFrame back = encode_q(d.content);
    EXPECT_TRUE(std::equal(f.begin(), f.begin() + 10, back.begin()));
  }
}

// Property: decode(encode(x)) == x for thousands of random values of every kind.
TEST(SubQ, RoundTripEveryAdrKind) {
  std::mt19937 rng(99);
  auto rbcd = [&](int max) { return Bcd::of(static_cast<int>(rng() % (max + 1))); };
  auto rmsf = [&] { return BcdMsf{rbcd(99), rbcd(59), rbcd(74)}; };
  auto rctl = [&] { return Control{static_cast<uint8_t>(rng() & 0xF)}; };
  const char* alnum = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  for (int i = 0; i < 5000; ++i) {
    std::vector<QContent> values;
    values.push_back(QPosition{rctl(), Bcd::of(1 + static_cast<int>(rng() % 99)), rbcd(99), rmsf(), 0, rmsf()});
    values.push_back(QPosition{rctl(), Bcd::raw(0xAA), Bcd::of(1), rmsf(), 0, rmsf()});
    values.push_back(
        QLeadIn{rctl(), static_cast<uint8_t>(rng() % 2 ? 1 : 5),
                static_cast<uint8_t>(rng() % 2 ? Bcd::of(1 + static_cast<int>(rng() % 99)).byte() : 0xA0 + rng() % 3),
                rmsf(), static_cast<uint8_t>(rng()), rmsf()});
    std::string mcn, isrc;
    for (int k = 0; k < 13; ++k) mcn += static_cast<char>('0' + rng() % 10);
    for (int k = 0; k < 5; ++k) isrc += alnum[rng() % 36];
    for (int k = 0; k < 7; ++k) isrc += static_cast<char>('0' + rng() % 10);
    values.push_back(QCatalog{rctl(), mcn, rbcd(74)});
    values.push_back(QIsrc{rctl(), isrc, rbcd(74)});
    QOther other;
    for (auto& b : other.bytes) b = static_cast<uint8_t>(rng());
    static constexpr uint8_t kOtherAdrs[] = {0, 4, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};
    other.bytes[0] = static_cast<uint8_t>((other.bytes[0] & 0xF0) | kOtherAdrs[rng() % 12]);
    values.push_back(other);
    for (const auto& v : values) {
      const QFrame f = encode_q(v);
      const QDecoded d = decode_q(f);
      ASSERT_TRUE(d.crc_ok);
      ASSERT_EQ(d.content, v) << "kind " << v.index() << " iteration " << i;
    }
  }
}

}  // namespace
}  // namespace dw

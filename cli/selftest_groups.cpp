// Golden vectors for `discwright selftest`. Each value comes from ../shared/reference or from
// bytes of corpus files written by other tools, never from discwright's own output.
#include <fmt/format.h>

#include "checksum/disc_ids.hpp"
#include "checksum/multihash.hpp"
#include "cli/selftest.hpp"
#include "disc/cdtext.hpp"
#include "disc/crc16.hpp"
#include "disc/edc.hpp"
#include "disc/full_toc.hpp"
#include "disc/msf.hpp"
#include "disc/scrambler.hpp"
#include "disc/sector.hpp"
#include "disc/subchannel.hpp"
#include "disc/subchannel_synth.hpp"
#include "disc/subq.hpp"

namespace dw::cli {

namespace {
template <typename A, typename B>
void expect_eq(std::vector<std::string>& failures, const char* what, const A& got, const B& want) {
  if (!(got == want)) failures.push_back(fmt::format("{}: got {}, want {}", what, got, want));
}

void msf_group(std::vector<std::string>& f) {
  expect_eq(f, "LBA 0 -> MSF", lba_to_msf(0)->str(), "00:02:00");
  expect_eq(f, "LBA -150 -> MSF", lba_to_msf(-150)->str(), "00:00:00");
  expect_eq(f, "LBA -151 -> MSF", lba_to_msf(-151)->str(), "99:59:74");
  expect_eq(f, "LBA -45150 -> MSF", lba_to_msf(-45150)->str(), "90:00:00");
  expect_eq(f, "MSF 99:59:74 -> LBA", *msf_to_lba({99, 59, 74}), -151);
  expect_eq(f, "MSF 90:00:00 -> LBA", *msf_to_lba({90, 0, 0}), -45150);
  expect_eq(f, "MSF 89:59:74 -> LBA", *msf_to_lba({89, 59, 74}), 404849);
  expect_eq(f, "overburn MSF 95:00:00 -> LBA", *msf_to_lba({95, 0, 0}, MsfRule::Overburn), 427350);
  expect_eq(f, "BCD of 59", int(Bcd::of(59).byte()), 0x59);
}
std::span<const uint8_t> ascii(std::string_view s) { return {reinterpret_cast<const uint8_t*>(s.data()), s.size()}; }

void subq_group(std::vector<std::string>& f) {
  expect_eq(f, "CRC-16/GSM(\"123456789\")", crc16_gsm(ascii("123456789")), 0xCE3C);
  // Real lead-in frames written by wodim (reference/cd-physical.md).
  const QFrame a0{0x01, 0x00, 0xA0, 0x98, 0x06, 0x12, 0x00, 0x01, 0x00, 0x00, 0xE3, 0x74};
  const QFrame t1{0x01, 0x00, 0x01, 0x98, 0x06, 0x20, 0x00, 0x00, 0x02, 0x00, 0x3B, 0x71};
  expect_eq(f, "wodim A0 frame CRC", q_crc_ok(a0), true);
  expect_eq(f, "wodim track 1 frame CRC", q_crc_ok(t1), true);
  expect_eq(f, "wodim A0 frame re-encoded", encode_q(decode_q(a0).content) == a0, true);
  expect_eq(f, "wodim track 1 frame re-encoded", encode_q(decode_q(t1).content) == t1, true);
}

void subchannel_group(std::vector<std::string>& f) {
  // Linear P = FF.. gives interleaved 80 80 ...; Q byte 0 MSB lands in interleaved byte 0 bit 6.
  std::array<uint8_t, kSubchannelSize> lin{}, raw{};
  std::fill(lin.begin(), lin.begin() + 12, uint8_t{0xFF});
  lin[12] = 0x80;
  interleave_subchannel(lin, raw);
  expect_eq(f, "interleaved byte 0", int(raw[0]), 0xC0);
  expect_eq(f, "interleaved byte 95", int(raw[95]), 0x80);
  std::array<uint8_t, kSubchannelSize> back{};
  deinterleave_subchannel(raw, back);
  expect_eq(f, "de-interleave inverts", back == lin, true);
  // A one-track disc: Q at LBA 0 is 01 01 01 00 00 00 00 00 02 00 (track 1, index 1, abs 00:02:00).
  Disc d;
  Session s;
  Track t;
  t.indices = {{1, 0}};
  s.tracks = {t};
  s.leadout = 1000;
  d.sessions = {s};
  const QFrame q = SubchannelSynthesizer(d).q_at(0);
  const QFrame want =
      encode_q(QPosition{Control{}, Bcd::of(1), Bcd::of(1), {}, 0, {Bcd::of(0), Bcd::of(2), Bcd::of(0)}});
  expect_eq(f, "synthesised Q at LBA 0", q == want && q[8] == 0x02 && q[1] == 0x01, true);
}
void full_toc_group(std::vector<std::string>& f) {
  // A0/A1/A2 and three audio tracks, bytes from the descriptor table of the reference.
  const std::vector<uint8_t> toc = {0x00, 0x44, 0x01, 0x01, 0x01, 0x10, 0x00, 0xA0, 0,    0,    0,    0,    0x01, 0x00,
                                    0x00, 0x01, 0x10, 0x00, 0xA1, 0,    0,    0,    0,    0x03, 0x00, 0x00, 0x01, 0x10,
                                    0x00, 0xA2, 0,    0,    0,    0,    0x0A, 0x02, 0x00, 0x01, 0x10, 0x00, 0x01, 0,
                                    0,    0,    0,    0x00, 0x02, 0x00, 0x01, 0x10, 0x00, 0x02, 0,    0,    0,    0,
                                    0x03, 0x16, 0x00, 0x01, 0x10, 0x00, 0x03, 0,    0,    0,    0,    0x06, 0x2A, 0x00};
  const Disc d = parse_full_toc(toc, "selftest");
  expect_eq(f, "tracks", d.track_count(), 3u);
  expect_eq(f, "track 2 start LBA (03:22:00)", d.find_track(2)->start(), 15000);
  expect_eq(f, "lead-out LBA (10:02:00)", d.leadout(), 45000);
  expect_eq(f, "rebuilt bytes equal", build_full_toc(d) == toc, true);
}
void edc_group(std::vector<std::string>& f) {
  expect_eq(f, "EDC(\"123456789\")", edc_compute(ascii("123456789")), 0x6EC2EDC4u);
  const auto& t = scramble_table();
  const std::vector<uint8_t> want = {0x01, 0x80, 0x00, 0x60, 0x00, 0x28, 0x00, 0x1E, 0x80, 0x08, 0x60, 0x06};
  expect_eq(f, "scrambler table from byte 12", std::vector<uint8_t>(t.begin() + 12, t.begin() + 24) == want, true);
}

void sector_group(std::vector<std::string>& f) {
  // libcdio's isofs-m1.bin (genisoimage + cdrdao) sectors 0 and 15 are Mode 1 with zero user
  // data; CRC-32 of the raw 2352 bytes as zlib computes them over the corpus file.
  const std::vector<uint8_t> zeros(2048, 0);
  std::array<uint8_t, 2352> s{};
  encode_sector(SectorKind::Mode1, 0, zeros, s);
  expect_eq(f, "Mode 1 sector LBA 0 (EDC+ECC) CRC-32", hash_bytes(s).crc32_hex(), "d12ad343");
  encode_sector(SectorKind::Mode1, 15, zeros, s);
  expect_eq(f, "Mode 1 sector LBA 15 (EDC+ECC) CRC-32", hash_bytes(s).crc32_hex(), "646b8171");
  expect_eq(f, "verify clean sector", verify_sector(s, 15).faults.describe(), "ok");
  s[2100] ^= 0x40;
  expect_eq(f, "verify flipped P byte", verify_sector(s, 15).faults.describe(), "ECC P");
  s[2100] ^= 0x40;
  scramble(s);
  expect_eq(f, "classify scrambled", std::string(to_string(classify_sector(s))), "scrambled data");
}

void cdtext_group(std::vector<std::string>& f) {
  // First pack of libcdio's cdtext.cdt: 80 00 00 00 "Joyful Night" with CRC F0 F7.
  CdTextPack p{0x80, 0x00, 0x00, 0x00, 'J', 'o', 'y', 'f', 'u', 'l', ' ', 'N', 'i', 'g', 'h', 't'};
  cdtext_set_crc(p);
  expect_eq(f, "pack CRC", int(p[16]) << 8 | p[17], 0xF0F7);
  CdText t;
  t.blocks.push_back(CdTextBlock{});
  t.blocks[0].text[{0x80, 0}] = "Joyful Nights";
  t.blocks[0].text[{0x80, 1}] = "Song of Joy";
  expect_eq(f, "build then parse", parse_cdtext(cdtext_bytes(build_cdtext_packs(t)), "selftest") == t, true);
}

void checksum_group(std::vector<std::string>& f) {
  const Hashes h = hash_bytes(ascii("123456789"));
  expect_eq(f, "CRC-32", h.crc32_hex(), "cbf43926");
  expect_eq(f, "MD5", h.md5_hex(), "25f9e794323b453885f5181f1b624d0b");
  expect_eq(f, "SHA-1", h.sha1_hex(), "f7c3bc1d808e04732adf679965ccc34ca7ae3441");
  // Ladyhawke, from the corpus README (whipper's vectors).
  Disc d;
  Session s1, s2;
  const Lba starts[] = {0, 15537, 31691, 50866, 66466, 81202, 99409, 115920, 133093, 149847, 161560, 177682};
  for (int i = 0; i < 12; ++i) {
    Track t;
    t.number = static_cast<uint8_t>(i + 1);
    t.indices = {{1, starts[i]}};
    s1.tracks.push_back(t);
  }
  s1.leadout = 195706;
  Track data;
  data.number = 13;
  data.mode = TrackMode::Mode2Xa;
  data.control.bits = Control::kData;
  data.indices = {{0, 206956}, {1, 207106}};
  s2.number = 2;
  s2.tracks = {data};
  s2.leadout = 210385;
  d.sessions = {s1, s2};
  expect_eq(f, "AccurateRip path", accuraterip_ids(d).path(), "a/5/d/dBAR-012-0013bd5a-00b8d489-c60af50d.bin");
  expect_eq(f, "MusicBrainz id", musicbrainz_id(d), "KnpGsLhvH.lPrNc1PBL21lb9Bg4-");
}
}  // namespace

std::vector<SelftestGroup> selftest_groups() {
  return {
      {"msf", "LBA/MSF/BCD with the lead-in rule and overburn", msf_group},
      {"subq", "Q CRC-16 check value and wodim's lead-in frames", subq_group},
      {"subchannel", "P-W interleaving and Q synthesis from a TOC", subchannel_group},
      {"full-toc", "full TOC descriptors to a disc and back, byte-exact", full_toc_group},
      {"edc", "EDC check value and scrambler table", edc_group},
      {"sector", "Mode 1 encode (EDC, ECC) equal to corpus sectors; verify; classify", sector_group},
      {"cdtext", "CD-Text pack CRC and build/parse", cdtext_group},
      {"checksums", "CRC-32/MD5/SHA-1 check values; AccurateRip and MusicBrainz disc ids", checksum_group},
  };
}

}  // namespace dw::cli

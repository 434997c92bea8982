// The MediaTek cache (F1) dump: entries of 0xB00 bytes, main at 0, raw P-W at 0x930, C2 at 0x9A4
// (redumper drive/mediatek.ixx). The caches here are built entry by entry: each entry's main
// channel is filled with a byte naming it, its Q is an ADR-1 position frame (encode_q, CRC
// included) at a chosen absolute address, placed in the raw P-W with insert_channel.
#include "scsi/mediatek_cache.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <vector>

#include "disc/subchannel.hpp"
#include "disc/subq.hpp"

namespace dw::scsi {
namespace {

constexpr size_t kEntry = 0xB00;

// Entry `i` of `cache`: main bytes = tag, C2 bytes = c2, Q at `lba` (nullopt: a Q with a bad CRC).
void put_entry(std::vector<uint8_t>& cache, size_t i, std::optional<Lba> lba, uint8_t tag, uint8_t c2 = 0) {
  uint8_t* e = cache.data() + i * kEntry;
  std::fill(e, e + 2352, tag);
  std::fill(e + 0x9A4, e + 0x9A4 + 294, c2);
  QPosition p;
  p.control = Control{};
  p.track = Bcd::raw(0xAA);
  p.index = Bcd::of(1);
  p.absolute = *lba_to_bcd_msf(lba.value_or(0));
  QFrame q = encode_q(p);
  if (!lba) q[11] ^= 0xFF;
  std::array<uint8_t, kSubchannelSize> raw{};
  insert_channel(raw, Channel::Q, q);
  std::copy(raw.begin(), raw.end(), e + 0x930);
}

// A ring of `n` entries holding LBAs from `lba` from entry `start` on (wrapping), tags 1, 2, ...
std::vector<uint8_t> ring(size_t n, size_t start, Lba lba) {
  std::vector<uint8_t> cache(n * kEntry, 0);
  for (size_t k = 0; k < n; ++k)
    put_entry(cache, (start + k) % n, lba + static_cast<Lba>(k), static_cast<uint8_t>(k + 1));
  return cache;
}

TEST(MediatekCache, RunFromTheEntryWhoseQGivesTheAddressWrappingRoundTheRing) {
  const auto cache = ring(10, 7, 1000);  // LBA 1000 in entry 7, 1003 in entry 0, 1009 in entry 6
  const CacheRun run = extract_cache_run(cache, 0, 1002, 5);
  ASSERT_EQ(run.count, 5u);
  EXPECT_EQ(run.first, 1002);
  ASSERT_EQ(run.main.size(), 5u * 2352);
  ASSERT_EQ(run.sub.size(), 5u * 96);
  ASSERT_EQ(run.c2.size(), 5u * 294);
  for (uint32_t k = 0; k < 5; ++k) EXPECT_EQ(run.main[k * 2352], 3 + k) << k;  // tags of LBAs 1002..1006
  EXPECT_EQ(run.main[2352 - 1], 3);
  // The sub bytes are the entry's raw P-W: its Q gives LBA 1002 + k.
  for (uint32_t k = 0; k < 5; ++k) {
    const auto q = extract_channel(std::span<const uint8_t, 96>(run.sub.data() + k * 96, 96), Channel::Q);
    const auto d = decode_q(q);
    ASSERT_TRUE(d.crc_ok);
    EXPECT_EQ(bcd_msf_to_lba(std::get<QPosition>(d.content).absolute), 1002 + static_cast<Lba>(k));
  }
  // No more than the ring holds, whatever is asked.
  EXPECT_EQ(extract_cache_run(cache, 0, 1000, 100).count, 10u);
  EXPECT_EQ(extract_cache_run(cache, 0, 1009, 100).count, 1u + 0u) << "LBA 1009 is followed by 1000 (older data)";
}

TEST(MediatekCache, StopsWhereQJumpsAndTrimsAnUnconfirmedTail) {
  std::vector<uint8_t> cache(8 * kEntry, 0);
  put_entry(cache, 0, 500, 1);
  put_entry(cache, 1, 501, 2);
  put_entry(cache, 2, std::nullopt, 3);  // damaged Q between good ones: kept
  put_entry(cache, 3, 503, 4, 0x10);     // C2 bits passed on
  put_entry(cache, 4, std::nullopt, 5);  // damaged, and nothing good after it in the run: dropped
  put_entry(cache, 5, 900, 6);           // a jump: the run ends before it
  put_entry(cache, 6, 506, 7);
  put_entry(cache, 7, 507, 8);
  const CacheRun run = extract_cache_run(cache, 0, 500, 8);
  ASSERT_EQ(run.count, 4u);
  EXPECT_EQ(run.main[2 * 2352], 3);
  EXPECT_EQ(run.c2[3 * 294], 0x10);
  EXPECT_EQ(run.c2[2 * 294], 0x00);
  EXPECT_EQ(run.main.size(), 4u * 2352);
  // A run of damaged Q only after the first: just the first.
  std::vector<uint8_t> lone(3 * kEntry, 0);
  put_entry(lone, 0, 10, 1);
  put_entry(lone, 1, std::nullopt, 2);
  put_entry(lone, 2, std::nullopt, 3);
  EXPECT_EQ(extract_cache_run(lone, 0, 10, 3).count, 1u);
}

// The drive's ring is fewer entries than the bytes F1 reads (redumper: MTK3 reads 3 MiB, whose
// 1117 whole entries hold a ring of 1070): the ring wraps at its own size, and what follows it
// in the dump is not looked at.
TEST(MediatekCache, TheRingWrapsAtTheDrivesEntryCount) {
  std::vector<uint8_t> cache(9 * kEntry, 0);
  for (size_t k = 0; k < 6; ++k) put_entry(cache, (4 + k) % 6, 300 + static_cast<Lba>(k), static_cast<uint8_t>(k + 1));
  put_entry(cache, 6, 306, 0x77);  // past the ring: stale bytes that only look like the next sector
  put_entry(cache, 7, 307, 0x78);
  const CacheRun run = extract_cache_run(cache, 6, 303, 10);
  ASSERT_EQ(run.count, 3u);  // 303 (entry 1), 304 (2), 305 (3); entry 4 is 300 again: the end
  EXPECT_EQ(run.main[0], 4);
  EXPECT_EQ(run.main[2 * 2352], 6);
  // Looking for 306 finds nothing: it is only in the bytes after the ring.
  EXPECT_EQ(extract_cache_run(cache, 6, 306, 10).count, 0u);
  // Without the drive's figure every whole entry counts, and the stale ones join the run.
  EXPECT_EQ(extract_cache_run(cache, 0, 306, 10).count, 2u);
}

TEST(MediatekCache, ADamagedQAtTheStartIsPlacedByTheGoodOnesAroundIt) {
  auto cache = ring(10, 7, 1000);        // LBA 1000 in entry 7 ... 1002 in entry 9, 1003 in entry 0
  put_entry(cache, 9, std::nullopt, 3);  // 1002's Q damaged
  const CacheRun run = extract_cache_run(cache, 0, 1002, 4);
  ASSERT_EQ(run.count, 4u);  // placed between 1001 (entry 8) and 1003 (entry 0, across the wrap)
  EXPECT_EQ(run.main[0], 3);
  EXPECT_EQ(run.main[3 * 2352], 6);
  // Good Qs around it that disagree with the entries between them place nothing.
  auto odd = ring(10, 0, 500);
  put_entry(odd, 3, std::nullopt, 4);  // 503 damaged
  put_entry(odd, 4, 505, 5);           // 504's place says 505: 502 and 505 are 3 apart over 2 entries
  EXPECT_EQ(extract_cache_run(odd, 0, 503, 4).count, 0u);
  // A start nothing confirms: the run is empty and says why.
  std::vector<uint8_t> blind(4 * kEntry, 0);
  put_entry(blind, 0, 20, 1);
  put_entry(blind, 1, std::nullopt, 2);
  put_entry(blind, 2, std::nullopt, 3);
  put_entry(blind, 3, 23, 4);
  const CacheRun r = extract_cache_run(blind, 0, 21, 1);
  EXPECT_EQ(r.count, 0u);
  EXPECT_EQ(r.why, "no good Q frame confirms the cache entries from LBA 21 on");
  EXPECT_EQ(extract_cache_run(blind, 0, 21, 3).count, 3u);  // 21, 22 on trust, 23 confirms them
}

TEST(MediatekCache, NothingFoundSaysWhy) {
  const auto cache = ring(4, 0, 200);
  const CacheRun run = extract_cache_run(cache, 0, 150, 10);
  EXPECT_EQ(run.count, 0u);
  EXPECT_TRUE(run.main.empty());
  EXPECT_EQ(run.why, "no entry of the 4 in the cache has Q at LBA 150, nor do good Q frames around it place it");
  EXPECT_EQ(extract_cache_run({}, 0, 0, 10).why,
            "no entry of the 0 in the cache has Q at LBA 0, nor do good Q frames around it place it");
  EXPECT_EQ(extract_cache_run(cache, 0, 200, 0).count, 0u);
  // A trailing partial entry is not looked at: 3 whole entries and 100 bytes of the fourth.
  const std::vector<uint8_t> cut(cache.begin(), cache.begin() + 3 * kEntry + 100);
  EXPECT_EQ(extract_cache_run(cut, 0, 203, 10).count, 0u);
  EXPECT_EQ(extract_cache_run(cut, 0, 200, 10).count, 3u);
}

}  // namespace
}  // namespace dw::scsi

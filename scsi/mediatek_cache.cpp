#include "scsi/mediatek_cache.hpp"

#include <fmt/format.h>

#include <optional>
#include <variant>

#include "disc/subchannel.hpp"
#include "disc/subq.hpp"
#include "scsi/mmc_read_cd.hpp"

namespace dw::scsi {

namespace {

constexpr size_t kMain = 2352, kSub = 96, kC2 = 294;

std::span<const uint8_t> entry(std::span<const uint8_t> cache, size_t i) {
  return cache.subspan(i * mediatek::kEntrySize, mediatek::kEntrySize);
}

// The absolute address a good ADR-1 Q of the program area or lead-out gives; nullopt for a
// damaged Q, another ADR, or a lead-in point.
std::optional<Lba> q_address(std::span<const uint8_t> e) {
  const auto q = extract_channel(e.subspan<mediatek::kSubchannelOffset, kSub>(), Channel::Q);
  const QDecoded d = decode_q(q);
  if (!d.crc_ok) return std::nullopt;
  const auto* pos = std::get_if<QPosition>(&d.content);
  if (!pos) return std::nullopt;
  return bcd_msf_to_lba(pos->absolute);
}

// The ring index holding `from`: the entry whose Q says so, else the one the nearest good Qs
// before and after it agree on; `entries` when neither.
size_t find_start(std::span<const uint8_t> cache, size_t entries, Lba from) {
  size_t before = entries, after = entries;
  Lba before_lba = 0, after_lba = 0;
  for (size_t i = 0; i < entries; ++i) {
    const auto at = q_address(entry(cache, i));
    if (!at) continue;
    if (*at == from) return i;
    if (*at < from && (before == entries || *at > before_lba)) before = i, before_lba = *at;
    if (*at > from && (after == entries || *at < after_lba)) after = i, after_lba = *at;
  }
  if (before == entries || after == entries) return entries;
  const size_t span = after >= before ? after - before : after + entries - before;
  if (static_cast<int64_t>(span) != int64_t{after_lba} - before_lba) return entries;
  return (before + static_cast<size_t>(from - before_lba)) % entries;
}

}  // namespace

CacheRun extract_cache_run(std::span<const uint8_t> cache, size_t entries, Lba from, uint32_t max) {
  CacheRun run;
  run.first = from;
  const size_t whole = cache.size() / mediatek::kEntrySize;
  if (entries == 0 || entries > whole) entries = whole;
  const size_t start = find_start(cache, entries, from);
  if (start == entries) {
    run.why = fmt::format("no entry of the {} in the cache has Q at LBA {}, nor do good Q frames around it place it",
                          entries, from);
    return run;
  }
  uint32_t trusted = 0;  // entries up to the last good Q
  for (uint32_t k = 0; k < max && k < entries; ++k) {
    const auto e = entry(cache, (start + k) % entries);
    const auto at = q_address(e);
    if (at && *at != from + static_cast<Lba>(k)) break;
    run.main.insert(run.main.end(), e.begin(), e.begin() + kMain);
    run.sub.insert(run.sub.end(), e.begin() + mediatek::kSubchannelOffset,
                   e.begin() + mediatek::kSubchannelOffset + kSub);
    run.c2.insert(run.c2.end(), e.begin() + mediatek::kC2Offset, e.begin() + mediatek::kC2Offset + kC2);
    ++run.count;
    if (at) trusted = run.count;
  }
  run.count = trusted;
  if (trusted == 0) run.why = fmt::format("no good Q frame confirms the cache entries from LBA {} on", from);
  run.main.resize(size_t{trusted} * kMain);
  run.sub.resize(size_t{trusted} * kSub);
  run.c2.resize(size_t{trusted} * kC2);
  return run;
}

}  // namespace dw::scsi

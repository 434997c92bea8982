#include "formats/extent_source.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <future>

#include "disc/error.hpp"
#include "disc/rw_interleave.hpp"
#include "disc/scrambler.hpp"
#include "formats/sector_copy.hpp"

namespace dw {

uint32_t stored_size(Storage storage) {
  switch (storage) {
    case Storage::Raw:
    case Storage::RawSwapped: return 2352;
    case Storage::Mode1User:
    case Storage::Form1User: return 2048;
    case Storage::Form2User: return 2324;
    case Storage::Mode2NoSync: return 2336;
    case Storage::Generated: return 0;
  }
  return 0;
}

std::string PartialSector::describe() const {
  return fmt::format("{} {} {} bytes: it ends with {} bytes that do not fill a {}-byte sector", file,
                     wave_data ? "has WAVE data of" : "is", size, left_over, sector_size);
}

std::vector<PartialSector> partial_sectors(const SectorSource& source) {
  const auto* extents = dynamic_cast<const ExtentSectorSource*>(&source);
  return extents ? extents->partial_sectors() : std::vector<PartialSector>{};
}

namespace {

constexpr uint32_t kChunkSectors = 512;
constexpr Subheader kForm1Subheader{0, 0, layout::kSubmodeData, 0};
constexpr Subheader kForm2Subheader{0, 0, layout::kSubmodeForm2, 0};

using SectorSpan = std::span<uint8_t, layout::kSector>;

// One stored sector to 2352 bytes; returns the provenance bits it adds.
uint8_t expand(const Extent& e, Lba lba, const uint8_t* src, SectorSpan out) {
  switch (e.storage) {
    case Storage::Raw:
      std::memcpy(out.data(), src, layout::kSector);
      if (e.scrambled) scramble(out);
      return 0;
    case Storage::RawSwapped:
      for (size_t i = 0; i < layout::kSector; i += 2) {
        out[i] = src[i + 1];
        out[i + 1] = src[i];
      }
      return 0;
    case Storage::Mode1User:
      encode_sector(SectorKind::Mode1, lba, {src, layout::kForm1User}, out);
      return SectorState::kMainSynthesized;
    case Storage::Form1User:
      encode_sector(SectorKind::Mode2Form1, lba, {src, layout::kForm1User}, out, kForm1Subheader);
      return SectorState::kMainSynthesized;
    case Storage::Form2User:
      encode_sector(SectorKind::Mode2Form2, lba, {src, layout::kForm2User}, out, kForm2Subheader);
      return SectorState::kMainSynthesized;
    case Storage::Mode2NoSync:
      write_sync(out);
      write_header(out, lba, 2);
      std::memcpy(out.data() + 16, src, layout::kMode2);
      return SectorState::kHeaderSynthesized;  // EDC/ECC are the source's own: still worth checking
    case Storage::Generated: empty_sector(e.gap_kind, lba, out); return SectorState::kGapGenerated;
  }
  return 0;
}

// `out` receives one sector's raw P-W from `src` stored in `layout`; for RwRaw, `out` already
// holds the synthesised P and Q, and only R-W (bits 5..0) are taken from `src`. (RwPacked needs
// its neighbours: ExtentSectorSource::interleave_packed_rw.)
void copy_sub(SubLayout layout, const uint8_t* src, uint8_t* out) {
  if (layout == SubLayout::RwRaw) {
    for (size_t j = 0; j < kSubchannelSize; ++j) out[j] = static_cast<uint8_t>((out[j] & 0xC0) | (src[j] & 0x3F));
  } else if (layout == SubLayout::Interleaved) {
    std::memcpy(out, src, kSubchannelSize);
  } else {
    interleave_subchannel(std::span<const uint8_t, kSubchannelSize>(src, kSubchannelSize),
                          std::span<uint8_t, kSubchannelSize>(out, kSubchannelSize));
  }
}

}  // namespace

ExtentSectorSource::ExtentSectorSource(Disc disc, Lba begin, Lba end, std::vector<Extent> extents,
                                       std::optional<SubFile> sub_file)
    : disc_(std::move(disc)), begin_(begin), end_(end), extents_(std::move(extents)), sub_file_(std::move(sub_file)) {
  if (end_ < begin_) throw ModelError(fmt::format("image range {}..{} is reversed", begin_, end_));
  Lba at = begin_;
  bool all_embedded = true;
  for (const Extent& e : extents_) {
    if (e.first < at || e.first + static_cast<int64_t>(e.count) > end_)
      throw ModelError(
          fmt::format("extent at LBA {} (+{}) overlaps another or leaves {}..{}", e.first, e.count, begin_, end_));
    if (e.storage != Storage::Generated && (!e.file || e.stride < stored_size(e.storage) + (e.embedded_sub ? 96u : 0u)))
      throw ModelError(fmt::format("extent at LBA {} has no file or a stride too small for its form", e.first));
    const bool rw_only = e.embedded_sub == SubLayout::RwRaw || e.embedded_sub == SubLayout::RwPacked;
    if (e.first != at || !e.embedded_sub || rw_only) all_embedded = false;
    rw_from_file_ |= rw_only;
    packed_rw_ |= e.embedded_sub == SubLayout::RwPacked;
    at = e.first + static_cast<Lba>(e.count);
  }
  if (at != end_) all_embedded = false;
  bool sub_file_covers = false;
  if (sub_file_ && sub_file_->file && sub_file_->first <= begin_)
    sub_file_covers = sub_file_->file->size() >= static_cast<uint64_t>(end_ - sub_file_->first) * kSubchannelSize;
  if (!sub_file_covers) sub_file_.reset();
  // DVD and BD sectors have no subchannel and no CD header: they carry their 2048 user bytes at
  // the Mode 1 data offset, nothing else (readers of such media only use the user data).
  cd_ = disc_.media == MediaKind::Cd;
  if (cd_ && !all_embedded && !sub_file_covers) synth_ = std::make_unique<SubchannelSynthesizer>(disc_);
}

void ExtentSectorSource::read(Lba first, uint32_t count, std::span<uint8_t> main, std::span<uint8_t> sub,
                              std::span<SectorState> states) {
  check_run(first, count, main, sub, states);
  // Synthesised P-W first: extents holding R-W only (RwRaw) put theirs beside its P and Q.
  if (cd_ && synth_ && !sub.empty()) synth_->synthesize_run(first, count, sub);
  uint32_t done = 0;
  while (done < count) {
    const Lba lba = first + static_cast<Lba>(done);
    auto it =
        std::upper_bound(extents_.begin(), extents_.end(), lba, [](Lba l, const Extent& e) { return l < e.first; });
    uint32_t n;
    const auto part = [&](std::span<uint8_t> s, size_t unit) {
      return s.empty() ? s : s.subspan(done * unit, n * unit);
    };
    const auto part_states = [&]() { return states.empty() ? states : states.subspan(done, n); };
    if (it != extents_.begin() && lba < std::prev(it)->first + static_cast<Lba>(std::prev(it)->count)) {
      const Extent& e = *std::prev(it);
      n = std::min<uint32_t>(count - done, static_cast<uint32_t>(e.first + static_cast<Lba>(e.count) - lba));
      read_extent(e, lba, n, part(main, layout::kSector), part(sub, kSubchannelSize), part_states());
    } else {  // not stored anywhere: silence
      const Lba next = it == extents_.end() ? end_ : it->first;
      n = std::min<uint32_t>(count - done, static_cast<uint32_t>(next - lba));
      auto m = part(main, layout::kSector);
      std::fill(m.begin(), m.end(), uint8_t{0});
      for (auto& s : part_states()) s = SectorState{SectorQuality::Good, SectorState::kGapGenerated, 0};
    }
    done += n;
  }
  if (cd_ && synth_ && packed_rw_ && !sub.empty()) interleave_packed_rw(first, count, sub);
  if (sub.empty() && states.empty()) return;
  if (!cd_) {
    std::fill(sub.begin(), sub.end(), uint8_t{0});
  } else if (synth_) {
    for (auto& s : states) s.provenance |= SectorState::kSubSynthesized;
  } else if (sub_file_ && !sub.empty()) {
    const uint64_t at = static_cast<uint64_t>(first - sub_file_->first) * kSubchannelSize;
    if (sub_file_->layout == SubLayout::Interleaved) {
      sub_file_->file->read_at(at, sub.first(size_t{count} * kSubchannelSize));
    } else {
      buffer_.resize(size_t{count} * kSubchannelSize);
      sub_file_->file->read_at(at, buffer_);
      for (uint32_t i = 0; i < count; ++i)
        copy_sub(SubLayout::Linear, buffer_.data() + size_t{i} * kSubchannelSize,
                 sub.data() + size_t{i} * kSubchannelSize);
    }
  }
}

void ExtentSectorSource::interleave_packed_rw(Lba first, uint32_t count, std::span<uint8_t> sub) {
  // The packs of [first - 2, first + count) (zero outside RwPacked extents), and which of those
  // sectors are in an RwPacked (1) or RwRaw (2) extent.
  const Lba from = first - 2;
  const Lba to = first + static_cast<Lba>(count);
  const size_t n = size_t{count} + 2;
  rw_buffer_.assign(n * kSubchannelSize, 0);
  std::vector<uint8_t> kind(n, 0);
  for (const Extent& e : extents_) {
    if (!e.embedded_sub || *e.embedded_sub == SubLayout::Interleaved || *e.embedded_sub == SubLayout::Linear) continue;
    const Lba lo = std::max(from, e.first), hi = std::min(to, e.first + static_cast<Lba>(e.count));
    for (Lba l = lo; l < hi; ++l) {
      const auto i = static_cast<size_t>(l - from);
      kind[i] = *e.embedded_sub == SubLayout::RwPacked ? 1 : 2;
      if (kind[i] == 1)
        e.file->read_at(e.offset + static_cast<uint64_t>(l - e.first) * e.stride + stored_size(e.storage),
                        std::span<uint8_t>(rw_buffer_.data() + i * kSubchannelSize, kSubchannelSize));
    }
  }
  std::array<uint8_t, kSubchannelSize> rw{};
  for (size_t i = 0; i < count; ++i) {
    // Sector first + i: its window is buffer sectors i .. i + 2.
    if (kind[i + 2] == 2 || (kind[i] != 1 && kind[i + 1] != 1 && kind[i + 2] != 1)) continue;
    interleave_rw(std::span<const uint8_t, kRwWindowSize>(rw_buffer_.data() + i * kSubchannelSize, kRwWindowSize), rw);
    uint8_t* out = sub.data() + i * kSubchannelSize;
    for (size_t j = 0; j < kSubchannelSize; ++j) out[j] = static_cast<uint8_t>((out[j] & 0xC0) | rw[j]);
  }
}

std::optional<StoredRun> ExtentSectorSource::stored_run(Lba first, uint32_t count) const {
  auto it =
      std::upper_bound(extents_.begin(), extents_.end(), first, [](Lba l, const Extent& e) { return l < e.first; });
  if (it == extents_.begin() || !cd_) return std::nullopt;
  const Extent& e = *std::prev(it);
  if (e.storage != Storage::Raw || e.scrambled || e.stride != layout::kSector || e.embedded_sub ||
      static_cast<int64_t>(first) + count > static_cast<int64_t>(e.first) + e.count)
    return std::nullopt;
  return StoredRun{e.file, e.offset + static_cast<uint64_t>(first - e.first) * layout::kSector,
                   static_cast<uint32_t>(e.first + static_cast<Lba>(e.count) - first)};
}

void ExtentSectorSource::read_extent(const Extent& e, Lba first, uint32_t count, std::span<uint8_t> main,
                                     std::span<uint8_t> sub, std::span<SectorState> states) {
  const bool want_sub = !sub.empty() && e.embedded_sub && e.embedded_sub != SubLayout::RwPacked &&
                        (!synth_ || *e.embedded_sub == SubLayout::RwRaw);
  if (main.empty() && !want_sub) {
    for (auto& s : states)
      s = SectorState{SectorQuality::Good, e.storage == Storage::Generated ? SectorState::kGapGenerated : uint8_t{0},
                      0};
    if (e.storage == Storage::Mode1User || e.storage == Storage::Form1User || e.storage == Storage::Form2User)
      for (auto& s : states) s.provenance |= SectorState::kMainSynthesized;
    if (e.storage == Storage::Mode2NoSync)
      for (auto& s : states) s.provenance |= SectorState::kHeaderSynthesized;
    return;
  }
  // Plain raw sectors, back to back: straight into the caller's buffer, without a copy.
  if (e.storage == Storage::Raw && !e.scrambled && e.stride == layout::kSector && !e.embedded_sub && cd_ &&
      !main.empty()) {
    e.file->read_at(e.offset + static_cast<uint64_t>(first - e.first) * e.stride,
                    main.first(size_t{count} * layout::kSector));
    for (auto& s : states) s = SectorState{SectorQuality::Good, 0, 0};
    return;
  }
  std::array<uint8_t, layout::kSector> scratch{};
  const uint32_t need = stored_size(e.storage) + (e.embedded_sub ? 96u : 0u);
  for (uint32_t done = 0; done < count;) {
    const uint32_t n = std::min(count - done, kChunkSectors);
    const Lba lba0 = first + static_cast<Lba>(done);
    // Stored bytes are read (pread, not a mapping: a file truncated while it is read then gives
    // an InputError rather than SIGBUS).
    const uint8_t* stored = nullptr;
    if (e.storage != Storage::Generated) {
      const uint64_t at = e.offset + static_cast<uint64_t>(lba0 - e.first) * e.stride;
      buffer_.resize(size_t{n - 1} * e.stride + need);
      e.file->read_at(at, buffer_);
      stored = buffer_.data();
    }
    const auto expand_range = [&](uint32_t from, uint32_t to, SectorSpan scratch_out) {
      for (uint32_t i = from; i < to; ++i) {
        const Lba lba = lba0 + static_cast<Lba>(i);
        const uint8_t* src = stored + size_t{i} * e.stride;
        const size_t k = done + i;
        SectorSpan out = main.empty() ? scratch_out : SectorSpan(main.data() + k * layout::kSector, layout::kSector);
        uint8_t provenance = 0;
        if (cd_) {
          provenance = expand(e, lba, src, out);
        } else {
          std::fill(out.begin(), out.end(), uint8_t{0});
          if (e.storage != Storage::Generated) std::memcpy(out.data() + layout::kMode1Data, src, layout::kForm1User);
        }
        if (!states.empty()) states[k] = SectorState{SectorQuality::Good, provenance, 0};
        if (want_sub) copy_sub(*e.embedded_sub, src + stored_size(e.storage), sub.data() + k * kSubchannelSize);
      }
    };
    // Building sectors from user data (EDC and ECC) is the costly case: two threads share it.
    const bool encodes = e.storage == Storage::Mode1User || e.storage == Storage::Form1User ||
                         e.storage == Storage::Form2User || e.storage == Storage::Generated;
    if (encodes && cd_ && n >= 128 && !main.empty()) {
      std::array<uint8_t, layout::kSector> scratch2{};
      auto half = std::async(std::launch::async, expand_range, 0u, n / 2, SectorSpan(scratch2));
      expand_range(n / 2, n, SectorSpan(scratch));
      half.get();
    } else {
      expand_range(0, n, SectorSpan(scratch));
    }
    done += n;
  }
}

}  // namespace dw

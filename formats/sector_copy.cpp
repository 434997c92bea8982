#include "formats/sector_copy.hpp"

#include <algorithm>
#include <array>

namespace dw {

void empty_sector(SectorKind kind, Lba lba, std::span<uint8_t, 2352> out) {
  std::fill(out.begin(), out.end(), uint8_t{0});
  if (kind == SectorKind::Audio) return;
  static const std::array<uint8_t, 2352> zeros{};
  const Subheader sh{0, 0, kind == SectorKind::Mode2Form2 ? layout::kSubmodeForm2 : layout::kSubmodeData, 0};
  encode_sector(kind, lba, std::span(zeros).first(user_size(kind)), out, sh);
}

std::optional<StoredRun> stored_main(const SectorSource& source, Lba first, uint32_t count) {
  const auto* extents = dynamic_cast<const ExtentSectorSource*>(&source);
  if (!extents || first < source.begin() || static_cast<int64_t>(first) + count > source.end()) return std::nullopt;
  auto run = extents->stored_run(first, count);
  if (run) run->count = std::min<uint32_t>(run->count, static_cast<uint32_t>(source.end() - first));
  return run;
}

SectorKind gap_kind(TrackMode mode) {
  switch (mode) {
    case TrackMode::Audio: return SectorKind::Audio;
    case TrackMode::Mode0: return SectorKind::Mode0;
    case TrackMode::Mode1: return SectorKind::Mode1;
    case TrackMode::Mode2Formless: return SectorKind::Mode2Formless;
    case TrackMode::Mode2Xa:
    case TrackMode::CdI: return SectorKind::Mode2Form2;
  }
  return SectorKind::Audio;
}

void read_padded(SectorSource& source, Lba first, uint32_t count, std::span<uint8_t> main, std::span<uint8_t> sub,
                 const SubchannelSynthesizer* synth, SectorKind fill, std::span<SectorState> states) {
  const Lba end = first + static_cast<Lba>(count);
  // The part the source holds, [in_first, in_end), kept inside [first, end): empty at `end` for a
  // range wholly before the source, at `first` for one wholly after it.
  const Lba in_first = std::clamp(std::clamp(first, source.begin(), source.end()), first, end);
  const Lba in_end = std::clamp(std::clamp(end, source.begin(), source.end()), in_first, end);
  const auto part = [&](std::span<uint8_t> s, size_t unit, Lba a, Lba b) {
    return s.empty() ? s : s.subspan(static_cast<size_t>(a - first) * unit, static_cast<size_t>(b - a) * unit);
  };
  const auto outside = [&](Lba a, Lba b) {
    if (a >= b) return;
    auto m = part(main, 2352, a, b);
    std::fill(m.begin(), m.end(), uint8_t{0});
    if (fill != SectorKind::Audio && !m.empty())
      for (Lba l = a; l < b; ++l)
        empty_sector(fill, l, std::span<uint8_t, 2352>(m.data() + static_cast<size_t>(l - a) * 2352, 2352));
    if (!sub.empty() && synth) synth->synthesize_run(a, static_cast<uint32_t>(b - a), part(sub, 96, a, b));
    if (!states.empty())
      std::fill_n(states.begin() + (a - first), b - a, SectorState{SectorQuality::Good, SectorState::kGapGenerated, 0});
  };
  outside(first, in_first);
  if (in_first < in_end)
    source.read(in_first, static_cast<uint32_t>(in_end - in_first), part(main, 2352, in_first, in_end),
                part(sub, 96, in_first, in_end),
                states.empty() ? states : states.subspan(static_cast<size_t>(in_first - first), in_end - in_first));
  outside(in_end, end);
}

}  // namespace dw

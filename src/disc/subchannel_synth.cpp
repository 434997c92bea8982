#include "disc/subchannel_synth.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

#include "disc/error.hpp"

namespace dw {

namespace {
constexpr int kRepeatsPerPoint = 3;
constexpr int kPacksPerSector = 4;
constexpr int kMcnPhase = 99, kIsrcPhase = 49, kAdrCadence = 100;

BcdMsf bcd_msf_or_zero(Lba lba) {
  auto v = lba_to_bcd_msf(lba);
  return v ? *v : BcdMsf{};
}

BcdMsf bcd_frames(int32_t frames) {
  auto msf = Msf::from_frames(frames);
  auto bcd = msf ? to_bcd(*msf) : std::nullopt;
  return bcd ? *bcd : BcdMsf{};
}

std::optional<BcdMsf> bcd_of(const Msf& msf) { return to_bcd(msf); }
}  // namespace

SubchannelSynthesizer::SubchannelSynthesizer(const Disc& disc) : mcn_(disc.mcn) {
  disc.validate();
  for (size_t si = 0; si < disc.sessions.size(); ++si) {
    const Session& s = disc.sessions[si];
    const auto sidx = static_cast<uint8_t>(si);
    const Track& first = s.tracks.front();
    const Track& last = s.tracks.back();
    const Lba leadin = disc.leadin_start(s);
    const Lba program = disc.q_pregap_start(first.number);
    segments_.push_back({leadin, Position::Area::LeadIn, sidx, 0, 0, first.control, leadin, 0});

    for (const Track& t : s.tracks) {
      const Lba i1 = t.start();
      uint8_t isrc = 0;
      if (!t.isrc.empty()) {
        isrcs_.push_back(t.isrc);
        isrc = static_cast<uint8_t>(isrcs_.size() - 1);
      }
      // Index 0 from where Q starts it when that is before the track's first index (the implicit
      // 150-sector pregap; session 1's from LBA -150 even when its index 0 is written at LBA 0).
      if (&t == &first && program < t.pregap_start())
        segments_.push_back({program, Position::Area::Program, sidx, t.number, 0, t.control, i1, isrc});
      for (const Index& i : t.indices)
        segments_.push_back({i.lba, Position::Area::Program, sidx, t.number, i.number, t.control, i1, isrc});
    }
    segments_.push_back({s.leadout, Position::Area::LeadOut, sidx, kLeadOutTrack, 1, last.control, s.leadout, 0});
    const Lba leadout_end = disc.leadout_end(s);
    segments_.push_back({leadout_end, Position::Area::Beyond, sidx, 0, 0, {}, leadout_end, 0});

    SessionCycle cycle{leadin, {}};
    for (const Track& t : s.tracks) {
      auto p = lba_to_bcd_msf(t.start());
      if (!p) throw ModelError(fmt::format("track {} start LBA {} has no BCD MSF", t.number, t.start()));
      cycle.points.push_back({t.control, 1, Bcd::of(t.number).byte(), {}, 0, *p});
    }
    cycle.points.push_back(
        {first.control, 1, 0xA0, {}, 0, {Bcd::of(first.number), Bcd::raw(static_cast<uint8_t>(s.type)), Bcd::of(0)}});
    cycle.points.push_back({last.control, 1, 0xA1, {}, 0, {Bcd::of(last.number), Bcd::of(0), Bcd::of(0)}});
    auto lo = lba_to_bcd_msf(s.leadout);
    if (!lo) throw ModelError(fmt::format("session {} lead-out LBA {} has no BCD MSF", s.number, s.leadout));
    cycle.points.push_back({last.control, 1, 0xA2, {}, 0, *lo});
    if (s.next_program_area) {
      auto next = bcd_of(s.next_program_area->next_start), max = bcd_of(s.next_program_area->max_leadout);
      if (next && max) cycle.points.push_back({Control{}, 5, 0xB0, *next, s.next_program_area->mode5_pointers, *max});
    }
    if (s.recording_info) {
      const auto& c0 = *s.recording_info;
      auto start = bcd_of(c0.first_leadin);
      if (start)
        cycle.points.push_back(
            {Control{}, 5, 0xC0, {Bcd::raw(c0.optimum_power), Bcd::raw(c0.special), Bcd::raw(c0.frame)}, 0, *start});
    }
    cycles_.push_back(std::move(cycle));
  }
  // Gaps between a lead-out's end and the next lead-in stay Area::Beyond; a lead-in that starts
  // before the previous lead-out ended wins (segments are kept sorted by start).
  std::stable_sort(segments_.begin(), segments_.end(),
                   [](const Segment& a, const Segment& b) { return a.start < b.start; });
  begin_ = segments_.front().start;
  end_ = segments_.back().start;
  if (!disc.cdtext.empty()) cdtext_packs_ = build_cdtext_packs(disc.cdtext);
}

const SubchannelSynthesizer::Segment& SubchannelSynthesizer::segment_at(Lba lba) const {
  if (lba < begin_ || lba >= end_)
    throw std::out_of_range(fmt::format("LBA {} is outside the disc ({}..{})", lba, begin_, end_ - 1));
  auto it =
      std::upper_bound(segments_.begin(), segments_.end(), lba, [](Lba v, const Segment& s) { return v < s.start; });
  const Segment& seg = *std::prev(it);
  if (seg.area == Position::Area::Beyond) throw std::out_of_range(fmt::format("LBA {} lies between two sessions", lba));
  return seg;
}

QFrame SubchannelSynthesizer::q_for(const Segment& seg, Lba lba) const {
  switch (seg.area) {
    case Position::Area::LeadIn: {
      const SessionCycle& cycle = cycles_[seg.session];
      const auto k = static_cast<size_t>((lba - cycle.leadin_start) / kRepeatsPerPoint) % cycle.points.size();
      QLeadIn q = cycle.points[k];
      if (q.adr == 1) q.running = bcd_msf_or_zero(lba);
      return encode_q(q);
    }
    case Position::Area::Program: {
      const int phase = (lba + kMsfOffset) % kAdrCadence;
      const Bcd aframe = bcd_msf_or_zero(lba).f;
      if (!mcn_.empty() && phase == kMcnPhase) return encode_q(QCatalog{seg.control, mcn_, aframe});
      if (seg.index >= 1 && seg.isrc != 0 && phase == kIsrcPhase)
        return encode_q(QIsrc{seg.control, isrcs_[seg.isrc], aframe});
      const int32_t relative = seg.index == 0 ? seg.anchor - lba - 1 : lba - seg.anchor;
      return encode_q(QPosition{seg.control, Bcd::of(seg.track), Bcd::of(seg.index), bcd_frames(relative), 0,
                                bcd_msf_or_zero(lba)});
    }
    case Position::Area::LeadOut:
      return encode_q(QPosition{seg.control, Bcd::raw(kLeadOutTrack), Bcd::of(1), bcd_frames(lba - seg.anchor), 0,
                                bcd_msf_or_zero(lba)});
    case Position::Area::Beyond: break;
  }
  throw std::out_of_range(fmt::format("LBA {} is not on the disc", lba));
}

bool SubchannelSynthesizer::p_for(const Segment& seg, Lba lba) const {
  switch (seg.area) {
    case Position::Area::Program: return seg.index == 0;
    case Position::Area::LeadOut: return ((lba - seg.anchor) * 4 / kFramesPerSecond) % 2 == 0;
    default: return false;
  }
}

QFrame SubchannelSynthesizer::q_at(Lba lba) const {
  const Segment& seg = segment_at(lba);
  return q_for(seg, lba);
}

bool SubchannelSynthesizer::p_at(Lba lba) const { return p_for(segment_at(lba), lba); }

void SubchannelSynthesizer::cdtext_rw(Lba lba, std::span<uint8_t, kSubchannelSize> out) const {
  // Each 18-byte pack is 144 bits = 24 six-bit symbols, MSB first, one symbol per byte in R-W
  // (bits 5..0 of the interleaved byte); 4 packs fill a sector's 96 bytes.
  const auto n = cdtext_packs_.size();
  const auto first = static_cast<size_t>(lba - cycles_[0].leadin_start) * kPacksPerSector;
  for (int p = 0; p < kPacksPerSector; ++p) {
    const CdTextPack& pack = cdtext_packs_[(first + static_cast<size_t>(p)) % n];
    for (int s = 0; s < 24; ++s) {
      const int bit = 6 * s;
      const unsigned two = static_cast<unsigned>(pack[bit / 8]) << 8 | (bit / 8 + 1 < 18 ? pack[bit / 8 + 1] : 0);
      out[static_cast<size_t>(24 * p + s)] |= static_cast<uint8_t>((two >> (10 - bit % 8)) & 0x3F);
    }
  }
}

void SubchannelSynthesizer::synthesize(Lba lba, std::span<uint8_t, kSubchannelSize> out) const {
  const Segment& seg = segment_at(lba);
  std::fill(out.begin(), out.end(), uint8_t{0});
  const QFrame q = q_for(seg, lba);
  insert_channel(out, Channel::Q, q);
  if (p_for(seg, lba))
    for (auto& b : out) b |= 0x80;
  if (seg.area == Position::Area::LeadIn && seg.session == 0 && !cdtext_packs_.empty()) cdtext_rw(lba, out);
}

void SubchannelSynthesizer::synthesize_run(Lba first, uint32_t count, std::span<uint8_t> out) const {
  if (out.size() < static_cast<size_t>(count) * kSubchannelSize)
    throw std::invalid_argument("synthesize_run: output buffer too small");
  for (uint32_t i = 0; i < count; ++i)
    synthesize(first + static_cast<Lba>(i), out.subspan(i * kSubchannelSize).first<kSubchannelSize>());
}

}  // namespace dw

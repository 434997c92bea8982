#include "burn/raw_plan.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <stdexcept>

#include "disc/rw_interleave.hpp"
#include "disc/scrambler.hpp"
#include "disc/sector.hpp"
#include "disc/subchannel.hpp"

namespace dw::burn {

namespace {

constexpr std::array<uint8_t, 2336> kZeros{};

// The disc the lead-ins describe: the plan's, with the image's own pointers (B0, C0, others: those
// of the disc it was read from) replaced by this disc's, and the lead-in starts the recorder has.
Disc raw_disc(const BurnPlan& plan, Lba leadin_start, const std::optional<RawMedium>& medium) {
  Disc d = plan.disc;
  const size_t n = d.sessions.size();
  if (n > 1 && !medium)
    throw PlanError("RAW burning of a multisession disc needs the ATIP's lead-in start and capacity (B0, C0)");
  if (leadin_start >= plan.program_start)
    throw PlanError(fmt::format("the lead-in start LBA {} is not before session {}'s first pregap (LBA {})",
                                leadin_start, plan.session, plan.program_start));
  for (Session& s : d.sessions) {
    s.leadin_start.reset();
    s.next_program_area.reset();
    s.recording_info.reset();
    s.other_descriptors.clear();
  }
  if (n > 1) {
    const auto msf = [](Lba lba, const char* what) {
      const auto m = lba_to_msf(lba);
      if (!m) throw PlanError(fmt::format("the {} (LBA {}) has no MSF", what, lba));
      return *m;
    };
    d.sessions.front().leadin_start = medium->first_leadin;
    for (size_t i = 0; i + 1 < n; ++i)
      d.sessions[i].next_program_area =
          NextProgramArea{msf(d.q_pregap_start(d.sessions[i + 1].tracks.front().number), "next session's start"),
                          static_cast<uint8_t>(i == 0 ? 2 : 1), msf(medium->last_leadout, "last possible lead-out")};
    const auto& si = medium->special_info;
    d.sessions.front().recording_info = RecordingInfo{si[0], si[1], si[2], msf(medium->first_leadin, "lead-in start")};
  }
  d.sessions.at(plan.session - 1u).leadin_start = leadin_start;
  return d;
}

}  // namespace

size_t raw_block_size(uint8_t block_type) {
  switch (block_type) {
    case kRawBlockType:
    case kRawPackedBlockType: return kRawBlockSize;
    case kRawPqBlockType: return kRawSectorSize + kPqSize;
    default: throw std::invalid_argument(fmt::format("RAW data block type {} is not 1, 2 or 3", block_type));
  }
}

RawStream::RawStream(const BurnPlan& plan, SectorSource& source, Lba leadin_start,
                     const std::optional<RawMedium>& medium)
    : disc_(raw_disc(plan, leadin_start, medium)), source_(source), synth_(disc_) {
  session_ = plan.session - 1u;
  const Session& s = disc_.sessions[session_];
  const bool multi = disc_.sessions.size() > 1;
  const bool pointers = std::any_of(plan.disc.sessions.begin(), plan.disc.sessions.end(), [](const Session& x) {
    return x.next_program_area || x.recording_info || !x.other_descriptors.empty();
  });
  if (pointers)
    notes_.push_back(multi ? "the lead-ins carry this disc's B0 and C0 pointers (from the ATIP and the image's "
                             "session starts), not those the image holds"
                           : "the lead-in carries the TOC's tracks, A0, A1 and A2 only: the image's B0/C0 (and other) "
                             "pointers belong to an open or multisession disc");
  first_ = leadin_start;
  program_ = plan.program_start;
  leadout_ = s.leadout;
  end_ = disc_.leadout_end(s);
  own_sub_ = source.subchannel_origin() == SubchannelOrigin::Source;
  std::string pointer_text;
  if (s.next_program_area) pointer_text += ", B0";
  if (s.recording_info) pointer_text += ", C0";
  notes_.push_back(fmt::format(
      "RAW{}: {} lead-in blocks from LBA {} with the TOC{} in Q{}, {} program blocks from LBA {}, {} lead-out blocks "
      "from LBA {}; program area P-W {}",
      multi ? fmt::format(" session {}", s.number) : "", program_ - first_, first_, pointer_text,
      session_ == 0 && !disc_.cdtext.empty() ? " and CD-Text in R-W" : "", int64_t{leadout_} - program_, program_,
      end_ - leadout_, leadout_,
      own_sub_ ? "from the image (its own subchannel)" : "synthesised from the TOC (the image has none)"));
}

const Track* RawStream::track_at(Lba lba) const {
  const Session& s = disc_.sessions[session_];
  if (lba < program_) return &s.tracks.front();
  if (lba >= leadout_) return &s.tracks.back();
  const Position p = disc_.locate(lba);
  const Track* t = disc_.find_track(p.track);
  return t ? t : &s.tracks.front();
}

void RawStream::empty_sector(Lba lba, const Track& track, std::span<uint8_t, kRawSectorSize> out) const {
  switch (track.mode) {
    case TrackMode::Audio: std::fill(out.begin(), out.end(), uint8_t{0}); return;
    case TrackMode::Mode1: encode_sector(SectorKind::Mode1, lba, std::span(kZeros).first(2048), out); return;
    case TrackMode::Mode2Formless: encode_sector(SectorKind::Mode2Formless, lba, kZeros, out); return;
    case TrackMode::Mode2Xa:
    case TrackMode::CdI:
      encode_sector(SectorKind::Mode2Form2, lba, std::span(kZeros).first(2324), out, Subheader{0, 0, 0x20, 0});
      return;
    case TrackMode::Mode0: encode_sector(SectorKind::Mode0, lba, {}, out); return;
  }
}

std::optional<std::string> RawStream::rw_content() {
  if (!disc_.cdtext.empty()) return "the lead-in carries the image's CD-Text in R-W";
  if (!own_sub_) return std::nullopt;  // synthesised P-W: R-W is zero outside the lead-in
  constexpr uint32_t kChunk = 1024;
  std::vector<uint8_t> sub(size_t{kChunk} * kSubchannelSize);
  for (Lba l = source_.begin(); l < source_.end();) {
    const auto n = static_cast<uint32_t>(std::min<int64_t>(kChunk, int64_t{source_.end()} - l));
    auto part = std::span(sub).first(size_t{n} * kSubchannelSize);
    source_.read(l, n, {}, part, {});
    for (size_t i = 0; i < part.size(); ++i)
      if (part[i] & 0x3F)
        return fmt::format("the image's own subchannel has R-W data (CD+G or CD-Text) from LBA {}",
                           l + static_cast<Lba>(i / kSubchannelSize));
    l += static_cast<Lba>(n);
  }
  return std::nullopt;
}

bool RawStream::image_sub(Lba lba, const SectorState& state) const {
  return own_sub_ && lba >= program_ &&
         !(state.provenance & (SectorState::kGapGenerated | SectorState::kSubSynthesized));
}

void RawStream::subchannel_at(Lba lba, std::span<uint8_t, kSubchannelSize> out) {
  std::fill(out.begin(), out.end(), uint8_t{0});
  if (lba < first_ || lba >= end_) return;
  if (own_sub_ && lba >= std::max(source_.begin(), program_) && lba < std::min(source_.end(), end_)) {
    std::array<uint8_t, kRawSectorSize> main{};
    std::array<SectorState, 1> state{};
    source_.read(lba, 1, main, out, state);
    if (image_sub(lba, state[0])) return;
  }
  synth_.synthesize(lba, out);
}

void RawStream::read(Lba lba, uint32_t count, std::span<uint8_t> out, uint8_t block_type) {
  if (lba < first_ || int64_t{lba} + count > end_)
    throw std::out_of_range(fmt::format("RAW blocks {}+{} are outside {}..{}", lba, count, first_, end_ - 1));
  const size_t block_size = raw_block_size(block_type);
  if (out.size() < size_t{count} * block_size) throw std::invalid_argument("RawStream::read: buffer too small");
  // Packed P-W needs the R-W of the two blocks after the last one too.
  const uint32_t ahead = block_type == kRawPackedBlockType ? 2 : 0;
  main_.assign(size_t{count} * kRawSectorSize, 0);
  sub_.assign(size_t{count + ahead} * kSubchannelSize, 0);
  const Lba stop = lba + static_cast<Lba>(count);
  // The image's main channel (and subchannel of its own) where it holds them: the program area,
  // and a lead-out or a later session's lead-in that it stores (between sessions); but never a
  // gap it makes up.
  const Lba a = std::max({lba, source_.begin(), first_});
  const Lba b = std::min({stop, source_.end(), end_});
  states_.assign(count, SectorState{});
  if (a < b) {
    const auto at = static_cast<size_t>(a - lba);
    const auto n = static_cast<uint32_t>(b - a);
    source_.read(a, n, std::span(main_).subspan(at * kRawSectorSize, n * kRawSectorSize),
                 own_sub_ ? std::span(sub_).subspan(at * kSubchannelSize, n * kSubchannelSize) : std::span<uint8_t>{},
                 std::span(states_).subspan(at, n));
  }
  const auto sub_of = [&](uint32_t i) {
    return std::span(sub_).subspan(size_t{i} * kSubchannelSize).first<kSubchannelSize>();
  };
  for (uint32_t i = 0; i < count; ++i) {
    const Lba l = lba + static_cast<Lba>(i);
    const bool held = l >= a && l < b && !(states_[i].provenance & SectorState::kGapGenerated);
    auto main = std::span(main_).subspan(size_t{i} * kRawSectorSize).first<kRawSectorSize>();
    const Track& t = *track_at(l);
    if (!held) empty_sector(l, t, main);
    if (t.is_data()) scramble(main);  // the surface holds data sectors scrambled
    // The lead-in's Q is always this disc's TOC (with its B0/C0): never the image's.
    if (!held || !image_sub(l, states_[i])) synth_.synthesize(l, sub_of(i));
  }
  for (uint32_t k = 0; k < ahead; ++k) subchannel_at(stop + static_cast<Lba>(k), sub_of(count + k));
  for (uint32_t i = 0; i < count; ++i) {
    const auto main = std::span(main_).subspan(size_t{i} * kRawSectorSize, kRawSectorSize);
    const auto sub = sub_of(i);
    uint8_t* block = out.data() + size_t{i} * block_size;
    std::copy(main.begin(), main.end(), block);
    const std::span<uint8_t, kSubchannelSize> tail(block + kRawSectorSize, kSubchannelSize);
    if (block_type == kRawBlockType) {
      std::copy(sub.begin(), sub.end(), tail.begin());
    } else if (block_type == kRawPackedBlockType) {
      deinterleave_rw(std::span(sub_).subspan(size_t{i} * kSubchannelSize).first<kRwWindowSize>(), tail);
      for (size_t j = 0; j < kSubchannelSize; ++j) tail[j] = static_cast<uint8_t>((sub[j] & 0xC0) | (tail[j] & 0x3F));
    } else {
      pq16_from_raw(sub, std::span<uint8_t, kPqSize>(block + kRawSectorSize, kPqSize));
    }
  }
}

}  // namespace dw::burn

#include "formats/image_verify.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

#include "disc/sector.hpp"
#include "disc/subchannel.hpp"
#include "disc/subq.hpp"

namespace dw {

namespace {

constexpr uint32_t kChunk = 256;

std::optional<SectorKind> expected_kind(TrackMode mode) {
  switch (mode) {
    case TrackMode::Mode0: return SectorKind::Mode0;
    case TrackMode::Mode1: return SectorKind::Mode1;
    case TrackMode::Mode2Formless: return SectorKind::Mode2Formless;
    default: return std::nullopt;  // XA and CD-i: the form comes from each sector's subheader
  }
}

class Verifier {
 public:
  Verifier(SectorSource& source, VerifyReport& report) : src_(source), r_(report), disc_(source.disc()) {}

  void run(const std::function<void(uint64_t, uint64_t)>& progress) {
    const Lba begin = src_.begin(), end = src_.end();
    const uint64_t total = static_cast<uint64_t>(end - begin);
    std::vector<uint8_t> main(size_t{kChunk} * 2352), sub(size_t{kChunk} * 96);
    std::vector<SectorState> states(kChunk);
    const bool check_sub = src_.subchannel_origin() == SubchannelOrigin::Source && disc_.media == MediaKind::Cd;
    uint64_t next_report = 0;
    for (Lba at = begin; at < end;) {
      const auto n = static_cast<uint32_t>(std::min<Lba>(kChunk, end - at));
      src_.read(at, n, std::span(main).first(size_t{n} * 2352),
                check_sub ? std::span(sub).first(size_t{n} * 96) : std::span<uint8_t>(), std::span(states).first(n));
      for (uint32_t i = 0; i < n; ++i)
        sector(at + static_cast<Lba>(i), main.data() + size_t{i} * 2352,
               check_sub ? sub.data() + size_t{i} * 96 : nullptr, states[i]);
      at += static_cast<Lba>(n);
      r_.sectors += n;
      if (progress && r_.sectors >= next_report) {
        progress(r_.sectors, total);
        next_report = r_.sectors + total / 100 + 1;
      }
    }
    close_track();
    if (progress) progress(total, total);
  }

 private:
  void problem(Lba lba, uint8_t track, std::string what) {
    ++r_.problem_count;
    if (r_.problems.size() < VerifyReport::kMaxListed) r_.problems.push_back({lba, track, std::move(what)});
  }

  // Track hashing follows redump's files: a track's file runs from its pregap start to the
  // next track's pregap start (or its session's lead-out), clipped to the image.
  void close_track() {
    if (!hashing_) return;
    current_.hashes = hasher_.finish();
    r_.tracks.push_back(current_);
    hashing_ = false;
  }

  void sector(Lba lba, const uint8_t* data, const uint8_t* sub, const SectorState& state) {
    const auto tracks = disc_.tracks();
    if (hashing_ && lba >= current_end_) close_track();
    if (!hashing_ && next_track_ < tracks.size() &&
        lba == std::max(tracks[next_track_]->pregap_start(), src_.begin())) {
      const Track* t = tracks[next_track_++];
      current_ = TrackDigest{t->number, lba, 0, {}};
      current_end_ = std::min(disc_.track_end(t->number), src_.end());
      hashing_ = true;
    }
    if (hashing_) {
      hasher_.update({data, 2352});
      ++current_.sectors;
    }
    const Position pos = disc_.locate(lba);
    if (pos.area != Position::Area::Program) return;
    const Track* t = disc_.find_track(pos.track);
    if (!t) return;
    const std::span<const uint8_t, 2352> s(data, 2352);
    if (sub) {
      ++r_.subchannel_checked;
      std::array<uint8_t, 96> raw{};
      std::copy(sub, sub + 96, raw.begin());
      const auto q = extract_channel(raw, Channel::Q);
      if (!q_crc_ok(q)) problem(lba, t->number, "subchannel Q CRC");
    }
    if (!t->is_data()) {
      ++r_.audio;
      // An audio track whose sectors are data sectors of this very address: the TOC is wrong.
      if (lba == t->start() && has_sync(s) && verify_sector(s, lba).faults.ok())
        problem(lba, t->number, "the TOC says audio, but the sector is a valid data sector");
      return;
    }
    if (state.provenance & (SectorState::kMainSynthesized | SectorState::kGapGenerated)) {
      ++r_.data_generated;
      return;
    }
    ++r_.data_checked;
    const auto kind = expected_kind(t->mode);
    const SectorCheck c = verify_sector(s, lba, kind);
    if (!c.faults.ok()) {
      problem(lba, t->number, fmt::format("{} sector: {}", to_string(c.kind), c.faults.describe()));
      return;
    }
    if (!kind && c.kind != SectorKind::Mode2Form1 && c.kind != SectorKind::Mode2Form2)
      problem(lba, t->number, fmt::format("{} sector in a {} track", to_string(c.kind), to_string(t->mode)));
  }

  SectorSource& src_;
  VerifyReport& r_;
  const Disc& disc_;
  MultiHasher hasher_;
  TrackDigest current_;
  Lba current_end_ = 0;
  bool hashing_ = false;
  size_t next_track_ = 0;
};

}  // namespace

VerifyReport verify_image(SectorSource& source, const std::function<void(uint64_t, uint64_t)>& progress) {
  VerifyReport report;
  Verifier(source, report).run(progress);
  return report;
}

}  // namespace dw

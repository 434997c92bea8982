#include "formats/image_verify.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include "disc/sector.hpp"
#include "disc/subchannel.hpp"
#include "disc/subq.hpp"

namespace dw {

namespace {

// Sectors per read, and chunks in flight between the two threads of a pass: enough that a
// stall of either thread (a slow read, the machine busy) is absorbed by the ring, small enough
// that a chunk is still in the shared cache when the second thread reaches it.
constexpr uint32_t kChunk = 256;
constexpr size_t kRing = 8;

struct Chunk {
  std::vector<uint8_t> main = std::vector<uint8_t>(size_t{kChunk} * 2352),
                       sub = std::vector<uint8_t>(size_t{kChunk} * 96);
  std::vector<SectorState> states = std::vector<SectorState>(kChunk);
  Lba at = 0;
  uint32_t n = 0;
};

std::optional<SectorKind> expected_kind(TrackMode mode) {
  switch (mode) {
    case TrackMode::Mode0: return SectorKind::Mode0;
    case TrackMode::Mode1: return SectorKind::Mode1;
    case TrackMode::Mode2Formless: return SectorKind::Mode2Formless;
    default: return std::nullopt;  // XA and CD-i: the form comes from each sector's subheader
  }
}

// What the checks of a run of sectors found; runs are merged in LBA order.
struct Findings {
  uint64_t data_checked = 0, data_generated = 0, audio = 0, subchannel_checked = 0;
  std::vector<VerifyProblem> problems;
};

// Where a track's redump-style file lies: from its pregap start to the next track's (or its
// session's lead-out), clipped to the image.
struct HashRegion {
  uint8_t track;
  Lba first, end;
};

class Verifier {
 public:
  Verifier(SectorSource& source, VerifyReport& report) : src_(source), r_(report), disc_(source.disc()) {
    for (const Track* t : disc_.tracks()) {
      const Lba first = std::max(t->pregap_start(), src_.begin()),
                end = std::min(disc_.track_end(t->number), src_.end());
      if (first < end) regions_.push_back({t->number, first, end});
    }
    hashers_.resize(regions_.size());
    for (auto& h : hashers_) h = std::make_unique<MultiHasher>();
  }

  // Two threads and a ring of chunks: this one reads each chunk, computes CRC-32 and SHA-1 of it,
  // checks its sectors and hands it to `observe`; a helper computes MD5 (the slowest hash, and
  // one that cannot be split) of the chunks already read, as far as kRing - 1 chunks behind. The
  // two halves are about equal work, so neither waits for the other chunk by chunk: the pass
  // takes as long as the longer half, not the sum of each chunk's longer half.
  void run(const std::function<void(uint64_t, uint64_t)>& progress,
           const std::function<void(Lba, std::span<const uint8_t>)>& observe) {
    const Lba begin = src_.begin(), end = src_.end();
    const uint64_t total = begin < end ? static_cast<uint64_t>(end - begin) : 0;
    const uint64_t chunks = (total + kChunk - 1) / kChunk;
    const bool check_sub = src_.subchannel_origin() == SubchannelOrigin::Source && disc_.media == MediaKind::Cd;
    std::vector<Chunk> ring(kRing);
    std::mutex mu;
    std::condition_variable cv;
    uint64_t read_count = 0, md5_count = 0;  // chunks read (ready for MD5) / done with MD5
    bool stop = false;
    std::thread md5([&] {
      for (uint64_t k = 0; k < chunks; ++k) {
        {
          std::unique_lock lock(mu);
          cv.wait(lock, [&] { return stop || read_count > k; });
          if (stop) return;
        }
        const Chunk& c = ring[k % kRing];
        hash_runs(c.at, c.n, c.main, true);
        {
          const std::lock_guard lock(mu);
          md5_count = k + 1;
        }
        cv.notify_all();
      }
    });
    uint64_t next_report = 0;
    try {
      for (uint64_t k = 0; k < chunks; ++k) {
        Chunk& c = ring[k % kRing];
        {
          std::unique_lock lock(mu);
          cv.wait(lock, [&] { return md5_count + kRing > k; });  // the helper is done with this slot
        }
        c.at = begin + static_cast<Lba>(k * kChunk);
        c.n = static_cast<uint32_t>(std::min<Lba>(kChunk, end - c.at));
        src_.read(c.at, c.n, std::span(c.main).first(size_t{c.n} * 2352),
                  check_sub ? std::span(c.sub).first(size_t{c.n} * 96) : std::span<uint8_t>(),
                  std::span(c.states).first(c.n));
        {
          const std::lock_guard lock(mu);
          read_count = k + 1;
        }
        cv.notify_all();
        hash_runs(c.at, c.n, c.main, false);
        Findings f;
        for (uint32_t i = 0; i < c.n; ++i)
          check(c.at + static_cast<Lba>(i), c.main.data() + size_t{i} * 2352,
                check_sub ? c.sub.data() + size_t{i} * 96 : nullptr, c.states[i], f);
        if (observe) observe(c.at, std::span<const uint8_t>(c.main).first(size_t{c.n} * 2352));
        merge(f);
        r_.sectors += c.n;
        if (progress && r_.sectors >= next_report) {
          progress(r_.sectors, total);
          next_report = r_.sectors + total / 100 + 1;
        }
      }
    } catch (...) {
      {
        const std::lock_guard lock(mu);
        stop = true;
      }
      cv.notify_all();
      md5.join();
      throw;
    }
    md5.join();
    for (size_t k = 0; k < regions_.size(); ++k)
      r_.tracks.push_back({regions_[k].track, regions_[k].first,
                           static_cast<uint32_t>(regions_[k].end - regions_[k].first), hashers_[k]->finish()});
    if (progress) progress(total, total);
  }

 private:
  // Feeds the sectors of [at, at + n) that lie in track files to their tracks' hashers: the MD5
  // half or the CRC-32 + SHA-1 half (the two run on different threads, on separate state).
  void hash_runs(Lba at, uint32_t n, const std::vector<uint8_t>& main, bool md5) const {
    const Lba end = at + static_cast<Lba>(n);
    for (size_t k = 0; k < regions_.size(); ++k) {
      const Lba a = std::max(at, regions_[k].first), b = std::min(end, regions_[k].end);
      if (a >= b) continue;
      const std::span<const uint8_t> bytes(main.data() + static_cast<size_t>(a - at) * 2352,
                                           static_cast<size_t>(b - a) * 2352);
      if (md5)
        hashers_[k]->update_md5(bytes);
      else
        hashers_[k]->update_crc_sha1(bytes);
    }
  }

  void merge(Findings& f) {
    r_.data_checked += f.data_checked;
    r_.data_generated += f.data_generated;
    r_.audio += f.audio;
    r_.subchannel_checked += f.subchannel_checked;
    for (auto& p : f.problems) {
      ++r_.problem_count;
      if (r_.problems.size() < VerifyReport::kMaxListed) r_.problems.push_back(std::move(p));
    }
  }

  void check(Lba lba, const uint8_t* data, const uint8_t* sub, const SectorState& state, Findings& f) const {
    const Position pos = disc_.locate(lba);
    if (pos.area != Position::Area::Program) return;
    const Track* t = disc_.find_track(pos.track);
    if (!t) return;
    const std::span<const uint8_t, 2352> s(data, 2352);
    // Q made from the TOC (images that store only R-W) has nothing to check.
    if (sub && !(state.provenance & SectorState::kSubSynthesized)) {
      ++f.subchannel_checked;
      std::array<uint8_t, 96> raw{};
      std::copy(sub, sub + 96, raw.begin());
      if (!q_crc_ok(extract_channel(raw, Channel::Q))) f.problems.push_back({lba, t->number, "subchannel Q CRC"});
    }
    if (!t->is_data()) {
      ++f.audio;
      // An audio track whose sectors are data sectors of this very address: the TOC is wrong.
      if (lba == t->start() && has_sync(s) && verify_sector(s, lba).faults.ok())
        f.problems.push_back({lba, t->number, "the TOC says audio, but the sector is a valid data sector"});
      return;
    }
    if (state.provenance & (SectorState::kMainSynthesized | SectorState::kGapGenerated)) {
      ++f.data_generated;
      return;
    }
    ++f.data_checked;
    const auto kind = expected_kind(t->mode);
    const SectorCheck c = verify_sector(s, lba, kind);
    if (!c.faults.ok()) {
      f.problems.push_back({lba, t->number, fmt::format("{} sector: {}", to_string(c.kind), c.faults.describe())});
      return;
    }
    if (!kind && c.kind != SectorKind::Mode2Form1 && c.kind != SectorKind::Mode2Form2)
      f.problems.push_back(
          {lba, t->number, fmt::format("{} sector in a {} track", to_string(c.kind), to_string(t->mode))});
  }

  SectorSource& src_;
  VerifyReport& r_;
  const Disc& disc_;
  std::vector<HashRegion> regions_;
  std::vector<std::unique_ptr<MultiHasher>> hashers_;
};

}  // namespace

VerifyReport verify_image(SectorSource& source, const std::function<void(uint64_t, uint64_t)>& progress,
                          const std::function<void(Lba, std::span<const uint8_t>)>& observe) {
  VerifyReport report;
  report.partial = partial_sectors(source);
  report.problem_count = report.partial.size();
  Verifier(source, report).run(progress, observe);
  return report;
}

}  // namespace dw

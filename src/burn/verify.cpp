#include "burn/verify.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>

#include "burn/recorder.hpp"

namespace dw::burn {

namespace {

constexpr int64_t kSamples = 588;  // stereo samples per sector
constexpr uint32_t kChunk = 26;    // sectors per READ CD (fits 64 KiB)
constexpr Lba kOffsetWindowSectors = 3;

struct Span {
  Lba begin, end;  // [begin, end) in the plan's LBAs
};

// Bytes of `count` samples from sample `first` of the source, zeros where it has no sector.
void source_samples(SectorSource& src, int64_t first, int64_t count, std::vector<uint8_t>& out,
                    std::vector<uint8_t>& scratch) {
  out.assign(static_cast<size_t>(count) * 4, 0);
  const Lba s0 = static_cast<Lba>(floor_div(first, kSamples));
  const Lba s1 = static_cast<Lba>(floor_div(first + count + kSamples - 1, kSamples));
  const Lba a = std::max(s0, src.begin()), b = std::min(s1, src.end());
  if (a >= b) return;
  scratch.resize(size_t(b - a) * kRawSectorSize);
  src.read(a, static_cast<uint32_t>(b - a), scratch, {}, {});
  const int64_t have_first = int64_t{a} * kSamples, have_end = int64_t{b} * kSamples;
  const int64_t from = std::max(first, have_first), to = std::min(first + count, have_end);
  if (from < to)
    std::memcpy(out.data() + (from - first) * 4, scratch.data() + (from - have_first) * 4, size_t(to - from) * 4);
}

bool silent(std::span<const uint8_t> b) {
  return std::all_of(b.begin(), b.end(), [](uint8_t x) { return x == 0; });
}

}  // namespace

VerifyResult verify_burn(scsi::Drive& drive, SectorSource& source, const BurnPlan& plan, const VerifyOptions& opt,
                         const Log& log) {
  return verify_burn(drive, source, std::span<const BurnPlan>(&plan, 1), opt, log);
}

VerifyResult verify_burn(scsi::Drive& drive, SectorSource& source, std::span<const BurnPlan> plans,
                         const VerifyOptions& opt, const Log& log_in) {
  const Log log = log_in ? log_in : [](LogLevel, const std::string&) {};
  VerifyResult res;
  // Each track's blocks as the cue sheet laid them out: from its first entry to the next track's.
  std::vector<Span> audio, data;
  for (const BurnPlan& plan : plans)
    for (const Track& t : plan.recorded_session().tracks) {
      Lba begin = t.start();
      for (const auto& e : plan.entries)
        if (e.tno == t.number) {
          begin = e.lba;
          break;
        }
      const Lba end = plan.disc.track_end(t.number);
      if (t.is_data()) {
        data.push_back({t.start(), end});  // the pregap's blocks are the drive's own sectors
      } else if (!audio.empty() && audio.back().end == begin) {
        audio.back().end = end;
      } else {
        audio.push_back({begin, end});
      }
    }
  uint64_t total = 0;
  for (const auto& s : data) total += static_cast<uint64_t>(s.end - std::max<Lba>(0, s.begin));
  for (const auto& s : audio) total += static_cast<uint64_t>(s.end - std::max<Lba>(0, s.begin));
  uint64_t done = 0;
  const auto bad = [&](Lba l) {
    if (res.first_bad.size() < 20) res.first_bad.push_back(l);
  };

  std::vector<uint8_t> got(kChunk * kRawSectorSize), want(kChunk * kRawSectorSize), scratch;
  scsi::ReadCdRequest any{scsi::SectorType::Any, scsi::ReadCdSelection::raw()};
  for (const Span& s : data) {
    for (Lba l = std::max<Lba>(0, s.begin); l < s.end;) {
      const uint32_t n = std::min<uint32_t>(kChunk, static_cast<uint32_t>(s.end - l));
      const auto r = drive.read_cd(l, n, any, std::span(got).first(n * kRawSectorSize), {}, {});
      if (!r.ok()) {
        log(LogLevel::Warn, fmt::format("verify: READ CD of LBA {}-{}: {}", l, l + Lba(n) - 1, r.describe()));
        res.unreadable += n;
        bad(l);
      } else {
        std::fill(want.begin(), want.end(), uint8_t{0});
        const Lba a = std::max(l, source.begin()), b = std::min(l + Lba(n), source.end());
        if (a < b)
          source.read(a, static_cast<uint32_t>(b - a), std::span(want).subspan(size_t(a - l) * kRawSectorSize), {}, {});
        for (uint32_t i = 0; i < n; ++i)
          if (std::memcmp(got.data() + i * kRawSectorSize, want.data() + i * kRawSectorSize, kRawSectorSize) != 0) {
            ++res.data_mismatches;
            bad(l + Lba(i));
            log(LogLevel::Detail, fmt::format("verify: data sector {} differs from the image", l + Lba(i)));
          }
      }
      res.data_sectors += n;
      l += Lba(n);
      done += n;
      if (opt.progress) opt.progress(done, total);
    }
  }
  if (audio.empty()) {
    log(LogLevel::Info,
        fmt::format("verify: {} data sectors compared, {} differ", res.data_sectors, res.data_mismatches));
    return res;
  }

  // The combined offset: a stretch of sound, searched for within the window.
  const int max = opt.max_offset_samples;
  const Lba margin = static_cast<Lba>((max + kSamples - 1) / kSamples);
  scsi::ReadCdRequest cdda{scsi::SectorType::CdDa, scsi::ReadCdSelection::raw()};
  std::vector<uint8_t> probe(kOffsetWindowSectors * kRawSectorSize), ref;
  for (const Span& s : audio) {
    if (res.audio_offset) break;
    for (Lba l = std::max<Lba>(s.begin + margin, 0); l + kOffsetWindowSectors + margin <= s.end;
         l += kOffsetWindowSectors) {
      source_samples(source, int64_t{l} * kSamples, kOffsetWindowSectors * kSamples, ref, scratch);
      if (silent(ref)) continue;
      if (!drive.read_cd(l, kOffsetWindowSectors, cdda, probe, {}, {}).ok()) continue;
      source_samples(source, int64_t{l} * kSamples - max, kOffsetWindowSectors * kSamples + 2 * max, ref, scratch);
      std::vector<int> found;
      for (int k = 0; k <= 2 * max; ++k) {
        const int shift = (k % 2 ? 1 : -1) * ((k + 1) / 2);  // 0, +1, -1, +2, -2 ...
        if (std::abs(shift) > max) continue;
        if (std::memcmp(probe.data(), ref.data() + (shift + max) * 4, probe.size()) == 0) found.push_back(shift);
      }
      if (found.empty()) continue;
      res.audio_offset = found.front();
      log(LogLevel::Info,
          fmt::format("verify: combined write+read offset {:+} samples (measured at LBA {}{})", found.front(), l,
                      found.size() > 1 ? fmt::format("; {} shifts matched, the smallest taken", found.size()) : ""));
      break;
    }
  }
  if (!res.audio_offset)
    throw BurnError(BurnError::Kind::Mismatch,
                    fmt::format("verify: the disc's audio matches the image at no offset within {} samples", max));
  const int shift = *res.audio_offset;
  const int jitter = std::max(0, opt.max_jitter_samples);
  std::vector<uint8_t> expect;
  // Compares the chunk read at `l` with the source at shift `at`: the sectors that differ.
  const auto differing = [&](Lba l, uint32_t n, int at, int64_t lo, int64_t hi, bool count_edges) {
    std::vector<Lba> out;
    const int64_t first = int64_t{l} * kSamples + at;
    const int64_t base = int64_t{l} * kSamples + shift - jitter;  // where `expect` starts
    for (uint32_t i = 0; i < n; ++i) {
      // Samples whose source position leaves this run of audio are not compared.
      const int64_t a = std::max<int64_t>(first + i * kSamples, lo),
                    b = std::min<int64_t>(first + (i + 1) * kSamples, hi);
      if (count_edges) res.edge_samples += static_cast<uint64_t>(kSamples - std::max<int64_t>(0, b - a));
      if (a >= b) continue;
      if (std::memcmp(got.data() + (a - first) * 4, expect.data() + (a - base) * 4, size_t(b - a) * 4) != 0)
        out.push_back(l + Lba(i));
    }
    return out;
  };
  for (const Span& s : audio) {
    const int64_t lo = int64_t{s.begin} * kSamples, hi = int64_t{s.end} * kSamples;
    for (Lba l = std::max<Lba>(0, s.begin); l < s.end;) {
      const uint32_t n = std::min<uint32_t>(kChunk, static_cast<uint32_t>(s.end - l));
      const auto r = drive.read_cd(l, n, cdda, std::span(got).first(n * kRawSectorSize), {}, {});
      if (!r.ok()) {
        log(LogLevel::Warn, fmt::format("verify: READ CD of LBA {}-{}: {}", l, l + Lba(n) - 1, r.describe()));
        res.unreadable += n;
        bad(l);
      } else {
        source_samples(source, int64_t{l} * kSamples + shift - jitter, int64_t{n} * kSamples + 2 * jitter, expect,
                       scratch);
        std::vector<Lba> diff = differing(l, n, shift, lo, hi, true);
        // A drive that is not "accurate stream" starts a read a few samples off: the whole read
        // must then match at one nearby shift.
        for (int k = 1; !diff.empty() && k <= 2 * jitter; ++k) {
          const int at = shift + ((k % 2) ? (k + 1) / 2 : -(k / 2));
          if (differing(l, n, at, lo, hi, false).empty()) {
            diff.clear();
            ++res.jittered_reads;
            log(LogLevel::Detail,
                fmt::format("verify: the read of LBA {}-{} matches at {:+} samples (jitter)", l, l + Lba(n) - 1, at));
          }
        }
        for (Lba x : diff) {
          ++res.audio_mismatches;
          bad(x);
          log(LogLevel::Detail, fmt::format("verify: audio sector {} differs from the image", x));
        }
      }
      res.audio_sectors += n;
      l += Lba(n);
      done += n;
      if (opt.progress) opt.progress(done, total);
    }
  }
  std::sort(res.first_bad.begin(), res.first_bad.end());
  log(LogLevel::Info, fmt::format("verify: {} data sectors compared, {} differ; {} audio sectors compared at {:+} "
                                  "samples, {} differ; {} unreadable; {} samples at the edges not compared; {} read(s) "
                                  "matched at a jittered shift",
                                  res.data_sectors, res.data_mismatches, res.audio_sectors, shift, res.audio_mismatches,
                                  res.unreadable, res.edge_samples, res.jittered_reads));
  return res;
}

}  // namespace dw::burn

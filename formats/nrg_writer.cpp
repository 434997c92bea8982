#include "formats/nrg_writer.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <mutex>

#include "disc/cdtext.hpp"
#include "disc/sector.hpp"
#include "disc/subchannel_synth.hpp"
#include "formats/conversion.hpp"
#include "formats/output_file.hpp"
#include "formats/sector_copy.hpp"
#include "formats/worker_thread.hpp"
#include "formats/write_behind.hpp"

namespace dw {

namespace {

struct Chain {
  std::vector<uint8_t> bytes;
  void be(uint64_t v, int n) {
    for (int i = n - 1; i >= 0; --i) bytes.push_back(static_cast<uint8_t>(v >> (8 * i)));
  }
  void chunk(const char* id, const std::vector<uint8_t>& body) {
    bytes.insert(bytes.end(), id, id + 4);
    be(body.size(), 4);
    bytes.insert(bytes.end(), body.begin(), body.end());
  }
};

uint8_t bcd(int v) { return static_cast<uint8_t>((v / 10) << 4 | (v % 10)); }

uint8_t mode_code(TrackMode m, bool sub) {
  if (m == TrackMode::Audio) return sub ? 0x10 : 0x07;
  if (m == TrackMode::Mode1 || m == TrackMode::Mode0) return sub ? 0x0F : 0x05;
  return sub ? 0x11 : 0x06;
}

// Sectors per chunk: a chunk (2.4 MB raw) stays in the cache of the core that reads, checks
// and writes it.
constexpr uint32_t kChunk = 1024;

// True when sector `s` at `lba` can be rebuilt from its 2048 user bytes: the reader made it from
// them (`built`), or it is a valid Mode 1 / Mode 2 Form 1 sector at its address (sync, header,
// subheader, EDC, ECC all as the encoder writes them).
bool cookable(std::span<const uint8_t, 2352> s, bool built, Lba lba, SectorKind kind) {
  if (built) return true;
  if (!verify_sector(s, lba, kind).faults.ok()) return false;
  // Form 1 sectors rebuilt from user data get subheader 00 00 08 00: others would change.
  return kind != SectorKind::Mode2Form1 || (s[16] == 0 && s[17] == 0 && s[18] == 0x08 && s[19] == 0);
}

// Writes sectors [begin, end) of track `t` cooked (their user data) from byte `offset` of
// `out`, checking that each one rebuilds exactly (cookable); false at the first that does not,
// and what was written is then to be overwritten. Two threads (this one and `helper`) each take
// the next chunk, read it (with pread where a file stores it as it is, else through the source,
// one thread at a time), check it and write it at its place (pwritev): a chunk stays in one
// core's cache from read to write, and the threads meet only at the file's lock. `report`
// (called on this thread) gets how many sectors are done.
bool write_cooked(SectorSource& source, const Track& t, Lba begin, Lba end, OutputFile& out, uint64_t offset,
                  WorkerThread& helper, const std::function<void(uint64_t)>& report) {
  const SectorKind kind = t.mode == TrackMode::Mode1 ? SectorKind::Mode1 : SectorKind::Mode2Form1;
  const size_t user_at = t.mode == TrackMode::Mode1 ? 16 : 24;
  const auto chunks = static_cast<uint32_t>((end - begin + Lba{kChunk} - 1) / Lba{kChunk});
  std::atomic<uint32_t> next{0};
  std::atomic<uint64_t> done{0};
  std::atomic<bool> stop{false}, failed{false};
  std::mutex source_lock;  // a SectorSource reads for one thread at a time
  const auto work = [&](bool reporter) {
    std::vector<uint8_t> main(size_t{kChunk} * 2352);
    std::vector<SectorState> states(kChunk);
    try {
      for (uint32_t c = 0; !stop && (c = next++) < chunks;) {
        const Lba at = begin + static_cast<Lba>(c * kChunk);
        const auto n = static_cast<uint32_t>(std::min<Lba>(kChunk, end - at));
        const auto m = std::span(main).first(size_t{n} * 2352);
        const std::optional<StoredRun> file = stored_main(source, at, n);
        const bool from_file = file && file->count >= n;
        if (from_file) {
          file->file->read_at(file->offset, m);
        } else {
          const std::lock_guard lock(source_lock);
          read_padded(source, at, n, m, {}, nullptr, gap_kind(t.mode), std::span(states).first(n));
        }
        for (uint32_t i = 0; i < n; ++i) {
          const Lba lba = at + static_cast<Lba>(i);
          const std::span<const uint8_t, 2352> sector(main.data() + size_t{i} * 2352, 2352);
          const bool built = !from_file && (states[i].provenance & SectorState::kMainSynthesized);
          if (lba >= t.start() && lba >= source.begin() && lba < source.end() && !cookable(sector, built, lba, kind)) {
            failed = stop = true;
            return;
          }
        }
        out.write_pieces_at(offset + uint64_t{c} * kChunk * 2048, main.data() + user_at, n, 2352, 2048);
        done += n;
        if (reporter) report(done);
      }
    } catch (...) {
      stop = true;  // the other thread ends at its next chunk
      throw;
    }
  };
  helper.run_beside([&] { work(false); }, [&] { work(true); });
  return !failed;
}

}  // namespace

void write_nrg(SectorSource& source, const std::filesystem::path& path, bool force,
               const std::function<void(uint64_t, uint64_t)>& progress) {
  const Disc& disc = source.disc();
  disc.validate();
  const bool sub = subchannel_beyond_toc(source) > 0;
  const uint32_t raw_size = sub ? 2448 : 2352;
  OutputFile out(path, force);
  Chain chain;
  uint64_t offset = 0, total = 0, done = 0;
  for (const Session& s : disc.sessions)
    total += static_cast<uint64_t>(s.leadout - disc.q_pregap_start(s.tracks.front().number));
  // Two sets of buffers: one is being written (WriteBehind) while the other is filled.
  std::vector<uint8_t> mains[2], packs[2];
  for (int k = 0; k < 2; ++k) {
    mains[k].resize(kChunk * 2352);
    if (sub) packs[k].resize(kChunk * 2448);
  }
  std::vector<uint8_t> raw(kChunk * 96);
  WriteBehind behind(out);
  WorkerThread helper;  // the second thread of write_cooked
  int turn = 0;
  SubchannelSynthesizer synth(disc);
  for (const Session& s : disc.sessions) {
    std::vector<uint8_t> cues, dao;
    Chain c, d;
    const Track& first = s.tracks.front();
    const auto cue = [&](Control control, int track, int index, Lba lba) {
      c.bytes.push_back(static_cast<uint8_t>(control.bits << 4 | 1));
      c.bytes.push_back(track == kLeadOutTrack ? 0xAA : bcd(track));
      c.bytes.push_back(bcd(index));
      c.bytes.push_back(0);
      c.be(static_cast<uint32_t>(lba), 4);
    };
    cue(first.control, 0, 0, disc.q_pregap_start(first.number));
    std::string upc = disc.mcn;
    upc.resize(14, '\0');
    d.be(22 + 42 * s.tracks.size(), 4);
    for (char ch : upc) d.bytes.push_back(static_cast<uint8_t>(ch));
    d.be(static_cast<uint16_t>(static_cast<uint8_t>(s.type)) << 8 | 1, 2);
    d.bytes.push_back(first.number);
    d.bytes.push_back(s.tracks.back().number);
    for (const Track& t : s.tracks) {
      const Lba begin = &t == &first ? disc.q_pregap_start(t.number) : t.pregap_start();
      const Lba end = disc.track_end(t.number);
      // A data track whose sectors can all be rebuilt from their user data is stored cooked
      // (2048 bytes): nothing is lost, and nrg2iso, libcdio and MAME read that best. It is
      // written cooked while its sectors are checked; at the first one that cannot be rebuilt,
      // the track is written again, raw, over what was written.
      const bool try_cooked = !sub && (t.mode == TrackMode::Mode1 || t.mode == TrackMode::Mode2Xa) && s.number == 1 &&
                              disc.sessions.size() == 1 &&
                              std::max(t.start(), source.begin()) < std::min(end, source.end());
      // Raw sectors of the track; LBAs the source does not hold (the first pregap) are silence.
      const auto write_raw = [&] {
        for (Lba at = begin; at < end;) {
          auto n = static_cast<uint32_t>(std::min<Lba>(kChunk, end - at));
          std::vector<uint8_t>& main = mains[turn];
          std::vector<uint8_t>& packed = packs[turn];
          turn ^= 1;
          const auto m = std::span(main).first(size_t{n} * 2352);
          const auto r = std::span(raw).first(size_t{n} * 96);
          // Raw sectors the source stores as they are: copied by the kernel, like cp, as far as
          // they go.
          const std::optional<StoredRun> stored = sub ? std::nullopt : stored_main(source, at, 1);
          if (stored) {
            n = static_cast<uint32_t>(std::min<Lba>(stored->count, end - at));
            behind.wait();
            out.copy_from(*stored->file, stored->offset, uint64_t{n} * 2352);
            at += static_cast<Lba>(n);
            done += n;
            if (progress) progress(done, total);
            continue;
          }
          read_padded(source, at, n, m, sub ? r : std::span<uint8_t>(), &synth, gap_kind(t.mode));
          if (sub) {
            for (uint32_t i = 0; i < n; ++i) {
              std::copy_n(main.begin() + i * 2352, 2352, packed.begin() + i * 2448);
              std::copy_n(raw.begin() + i * 96, 96, packed.begin() + i * 2448 + 2352);
            }
            behind.write(std::span(packed).first(size_t{n} * 2448));
          } else {
            behind.write(m);
          }
          at += static_cast<Lba>(n);
          done += n;
          if (progress) progress(done, total);
        }
      };
      bool cooked = false;
      if (try_cooked) {
        behind.wait();
        out.seek(offset);  // flushes: the cooked track is written at offsets, from two threads
        const uint64_t done_before = done;
        cooked = write_cooked(source, t, begin, end, out, offset, helper, [&](uint64_t n) {
          if (progress) progress(done_before + n, total);
        });
        out.seek(offset + (cooked ? static_cast<uint64_t>(end - begin) * 2048 : 0));
        if (cooked) done += static_cast<uint64_t>(end - begin);
      }
      if (!cooked) write_raw();
      const uint32_t size = cooked ? 2048 : raw_size;
      // Index 0 where the disc has one; else where the stored sectors begin (the first track's
      // 150-sector pregap from LBA -150, as the file holds it: file offset = (LBA + 150) * size).
      cue(t.control, t.number, 0, t.index(0).value_or(begin));
      for (const Index& x : t.indices)
        if (x.number >= 1) cue(t.control, t.number, x.number, x.lba);
      std::string isrc = t.isrc;
      isrc.resize(12, '\0');
      for (char ch : isrc) d.bytes.push_back(static_cast<uint8_t>(ch));
      d.be(size, 2);
      d.bytes.push_back(cooked ? (t.mode == TrackMode::Mode1 ? 0x00 : 0x02) : mode_code(t.mode, sub));
      d.bytes.push_back(0);
      d.be(1, 2);
      d.be(offset, 8);
      d.be(offset + static_cast<uint64_t>(t.start() - begin) * size, 8);
      offset += static_cast<uint64_t>(end - begin) * size;
      d.be(offset, 8);
    }
    cue(s.tracks.back().control, kLeadOutTrack, 1, s.leadout);
    chain.chunk("CUEX", c.bytes);
    chain.chunk("DAOX", d.bytes);
    Chain sinf;
    sinf.be(s.tracks.size(), 4);
    chain.chunk("SINF", sinf.bytes);
  }
  if (!disc.cdtext.empty()) chain.chunk("CDTX", cdtext_bytes(build_cdtext_packs(disc.cdtext)));
  Chain mtyp;
  mtyp.be(1, 4);  // CD
  chain.chunk("MTYP", mtyp.bytes);
  chain.chunk("END!", {});
  for (char ch : {'N', 'E', 'R', '5'}) chain.bytes.push_back(static_cast<uint8_t>(ch));
  chain.be(offset, 8);
  behind.wait();
  out.write(chain.bytes);
  out.commit();
}

}  // namespace dw

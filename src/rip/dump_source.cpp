#include "rip/dump_source.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <optional>
#include <stdexcept>

#include "disc/error.hpp"
#include "disc/scrambler.hpp"
#include "disc/sector.hpp"
#include "disc/subchannel.hpp"
#include "disc/subchannel_synth.hpp"
#include "rip/dumper.hpp"
#include "rip/offset_detect.hpp"
#include "scsi/mmc_toc.hpp"

namespace dw::rip {
namespace {

int64_t floor_div(int64_t a, int64_t b) { return a >= 0 ? a / b : -((-a + b - 1) / b); }

int severity(DumpQuality q) {
  switch (q) {
    case DumpQuality::Good: return 0;
    case DumpQuality::C2Error: return 2;
    case DumpQuality::Unread: return 1;
    case DumpQuality::Unreadable: return 3;
  }
  return 3;
}

SectorQuality to_quality(DumpQuality q) {
  switch (q) {
    case DumpQuality::Good: return SectorQuality::Good;
    case DumpQuality::C2Error: return SectorQuality::C2Error;
    case DumpQuality::Unread: return SectorQuality::Unread;
    case DumpQuality::Unreadable: return SectorQuality::Unreadable;
  }
  return SectorQuality::Unreadable;
}

// The main channel of sectors [first, first + count) as a stream shifted by `shift` samples
// (the sector at LBA x starts at drive byte x * 2352 + shift * 4), with the state of the drive
// sectors each one was cut from. Bytes outside the dump read as zeros.
struct ShiftedRun {
  std::vector<uint8_t> buf;  ///< the drive sectors the run is cut from (reused between calls)
  size_t start = 0;          ///< where the first shifted sector begins in `buf`
  std::vector<DumpState> states;
  std::vector<uint8_t> outside;        ///< 1 when some of the sector's bytes lie outside the dump
  std::vector<uint32_t> tail_missing;  ///< bytes at the sector's end that lie past the dump
  [[nodiscard]] const uint8_t* sector(uint32_t i) const { return buf.data() + start + size_t{i} * kMainSize; }
};

void shifted_run(ShiftedRun& out, const Dump& dump, Lba first, uint32_t count, int32_t shift,
                 const std::vector<std::pair<Lba, Lba>>& readable, const Disc& disc) {
  out.states.resize(count);
  out.outside.assign(count, 0);
  out.tail_missing.assign(count, 0);
  const int64_t off = int64_t{shift} * 4;
  const int64_t rel0 = (int64_t{first} - dump.first()) * static_cast<int64_t>(kMainSize) + off;
  const Lba a = dump.first() + static_cast<Lba>(floor_div(rel0, kMainSize));
  const Lba b = dump.first() +
                static_cast<Lba>(floor_div(rel0 + int64_t{count} * static_cast<int64_t>(kMainSize) - 1, kMainSize)) + 1;
  std::vector<uint8_t>& buf = out.buf;
  buf.resize(static_cast<size_t>(b - a) * kMainSize);
  // The part of [a, b) the dump holds (empty, la == lb, when the run lies wholly outside it).
  const Lba la = std::min(std::max(a, dump.first()), b), lb = std::max(la, std::min(b, dump.end()));
  std::fill(buf.begin(), buf.begin() + static_cast<ptrdiff_t>(static_cast<size_t>(la - a) * kMainSize), uint8_t{0});
  std::fill(buf.begin() + static_cast<ptrdiff_t>(static_cast<size_t>(lb - a) * kMainSize), buf.end(), uint8_t{0});
  if (la < lb)
    dump.load(la, static_cast<uint32_t>(lb - la),
              {buf.data() + static_cast<size_t>(la - a) * kMainSize, static_cast<size_t>(lb - la) * kMainSize}, {});
  const int64_t start = rel0 - (int64_t{a} - dump.first()) * static_cast<int64_t>(kMainSize);
  out.start = static_cast<size_t>(start);
  for (uint32_t i = 0; i < count; ++i) {
    const int64_t s = start + int64_t{i} * static_cast<int64_t>(kMainSize);
    const Lba d0 = a + static_cast<Lba>(s / static_cast<int64_t>(kMainSize));
    const Lba d1 = a + static_cast<Lba>((s + static_cast<int64_t>(kMainSize) - 1) / static_cast<int64_t>(kMainSize));
    DumpState worst{DumpQuality::Good, 0, 0};
    for (Lba d = d0; d <= d1; ++d) {
      // Sectors the drive cannot reach (before the first readable LBA, between sessions, past
      // the lead-out) hold nothing: their bytes are zero-filled, not damage.
      const bool inside =
          d >= dump.first() && d < dump.end() &&
          std::any_of(readable.begin(), readable.end(), [&](const auto& r) { return d >= r.first && d < r.second; });
      if (!inside || (dump.state(d).quality != DumpQuality::Good && disc.locate(d).area == Position::Area::LeadOut)) {
        out.outside[i] = 1;
        if (d == d1 && d1 != d0)
          out.tail_missing[i] = static_cast<uint32_t>(s + static_cast<int64_t>(kMainSize) -
                                                      (int64_t{d1} - a) * static_cast<int64_t>(kMainSize));
        continue;
      }
      const DumpState& st = dump.state(d);
      if (severity(st.quality) > severity(worst.quality)) worst.quality = st.quality;
      worst.reads = std::max(worst.reads, st.reads);
      worst.flags |= st.flags;
    }
    out.states[i] = worst;
  }
}

class DumpSource final : public SectorSource {
 public:
  DumpSource(const Dump& dump, Disc disc, int32_t shift)
      : dump_(dump),
        disc_(std::move(disc)),
        shift_(shift),
        ranges_(readable_ranges(disc_, dump.first(), 0)),
        reachable_(readable_ranges(disc_, dump.first(), dump.manifest().lead_out_overread)) {
    make_synth();
  }

  void set_shift(int32_t shift) { shift_ = shift; }
  void set_disc(Disc disc) {
    disc_ = std::move(disc);
    ranges_ = readable_ranges(disc_, dump_.first(), 0);
    reachable_ = readable_ranges(disc_, dump_.first(), dump_.manifest().lead_out_overread);
    make_synth();
  }
  [[nodiscard]] const Disc& disc() const override { return disc_; }
  // Before LBA 0 only where track 1 is audio (hidden audio in its pregap becomes a track 0 file);
  // a data track's pregap holds empty data sectors, which redump does not keep.
  [[nodiscard]] Lba begin() const override {
    const Track* t = disc_.find_track(disc_.first_track());
    return t && t->is_data() ? std::max<Lba>(0, dump_.first()) : dump_.first();
  }
  [[nodiscard]] Lba end() const override { return disc_.leadout(); }
  [[nodiscard]] SubchannelOrigin subchannel_origin() const override { return SubchannelOrigin::Source; }

  void read(Lba first, uint32_t count, std::span<uint8_t> main, std::span<uint8_t> sub,
            std::span<SectorState> states) override {
    check_run(first, count, main, sub, states);
    if (count == 0) return;
    shifted_run(run_, dump_, first, count, shift_, reachable_, disc_);
    const ShiftedRun& run = run_;
    // Sectors read as data sit at their own LBA, unshifted: loaded only when the run has some.
    bool any_as_data = false;
    for (uint32_t i = 0; i < count && !any_as_data; ++i)
      any_as_data = lba_in_dump(first + static_cast<Lba>(i)) &&
                    (dump_.state(first + static_cast<Lba>(i)).flags & DumpState::kReadAsData);
    if (any_as_data) {
      own_.assign(size_t{count} * kMainSize, 0);
      load_in_dump(first, count, own_, {});
    }
    const std::vector<uint8_t>& own = own_;
    for (uint32_t i = 0; i < count; ++i) {
      const Lba lba = first + static_cast<Lba>(i);
      SectorState st;
      uint8_t* out = main.empty() ? nullptr : main.data() + size_t{i} * kMainSize;
      if (!readable(lba)) {
        if (out) std::memset(out, 0, kMainSize);
        st = {SectorQuality::Good, SectorState::kGapGenerated, 0};
      } else if (!lba_in_dump(lba)) {
        // A dump whose range stops short of the disc (cut, or edited): the sector was never read.
        if (out) placeholder({out, kMainSize}, lba, track_at(lba));
        st = {SectorQuality::Unread, 0, 0};
      } else {
        const DumpState& mine = dump_.state(lba);
        const bool as_data = mine.flags & DumpState::kReadAsData;
        const DumpState used = as_data ? mine : run.states[i];
        st = {to_quality(used.quality), 0, used.reads};
        if (out) {
          std::memcpy(out, as_data ? own.data() + size_t{i} * kMainSize : run.sector(i), kMainSize);
          const Track* t = track_at(lba);
          const bool data = t && t->is_data();
          if (used.quality == DumpQuality::Unreadable || used.quality == DumpQuality::Unread) {
            placeholder({out, kMainSize}, lba, t);
          } else if (data && !as_data && run.outside[i] && edge_copy(lba, {out, kMainSize})) {
            // The shifted stream reaches outside what the drive could read: the data-type copy
            // of this sector (header-aligned, complete) stands in for it.
          } else if (data && !as_data) {
            std::span<uint8_t> s(out, kMainSize);
            if (!accepted(descramble_checked(s, lba)))
              std::memcpy(out, run.sector(i), kMainSize);
            else if (run.tail_missing[i] && regenerate_tail(s, lba, run.tail_missing[i]))
              st.provenance |= SectorState::kMainSynthesized;
          }
        }
      }
      if (!states.empty()) states[i] = st;
    }
    if (!sub.empty()) {
      std::fill(sub.begin(), sub.begin() + static_cast<ptrdiff_t>(size_t{count} * kSubSize), uint8_t{0});
      load_in_dump(first, count, {}, sub);
      // Where no drive reads (between sessions: the lead-out and lead-in around a session gap),
      // the main channel is a generated gap; its subchannel, never read, is synthesised from the
      // disc too - what the disc carries there, as for an image's gaps - not left as zeros, which
      // are no Q at all. Sectors the drive did read there (a lead-in read with D8) keep theirs.
      for (uint32_t i = 0; i < count && synth_; ++i) {
        const Lba lba = first + static_cast<Lba>(i);
        if (readable(lba) || (lba_in_dump(lba) && dump_.state(lba).quality != DumpQuality::Unread)) continue;
        if (lba < synth_->begin() || lba >= synth_->end()) continue;
        try {
          synth_->synthesize(lba, std::span<uint8_t, kSubSize>(sub.data() + size_t{i} * kSubSize, kSubSize));
        } catch (const std::out_of_range&) {
          continue;  // a gap no session covers: nothing to say
        }
        if (!states.empty()) states[i].provenance |= SectorState::kSubSynthesized;
      }
    }
  }

 private:
  // The disc's subchannel for the gaps no drive reads; none when the disc is not (yet) valid.
  void make_synth() {
    synth_.reset();
    try {
      synth_.emplace(disc_);
    } catch (const ModelError&) {
    }
  }
  [[nodiscard]] bool lba_in_dump(Lba lba) const { return lba >= dump_.first() && lba < dump_.end(); }
  // The part of [first, first + count) the dump holds, into `main` / `sub` at its place in the run
  // (the rest left as the caller filled it: a run may reach past the dump's range).
  void load_in_dump(Lba first, uint32_t count, std::span<uint8_t> main, std::span<uint8_t> sub) const {
    const Lba la = std::max(first, dump_.first()), lb = std::min(first + static_cast<Lba>(count), dump_.end());
    if (la >= lb) return;
    const auto skip = static_cast<size_t>(la - first), n = static_cast<size_t>(lb - la);
    dump_.load(la, static_cast<uint32_t>(n), main.empty() ? main : main.subspan(skip * kMainSize, n * kMainSize),
               sub.empty() ? sub : sub.subspan(skip * kSubSize, n * kSubSize));
  }
  [[nodiscard]] bool readable(Lba lba) const {
    return std::any_of(ranges_.begin(), ranges_.end(), [&](const auto& r) { return lba >= r.first && lba < r.second; });
  }
  [[nodiscard]] const Track* track_at(Lba lba) const {
    const Position p = disc_.locate(lba);
    return p.area == Position::Area::Program ? disc_.find_track(p.track) : nullptr;
  }
  // A data-type copy of `lba` kept beside the dump (Dumper::read_data_edges), when it checks out.
  bool edge_copy(Lba lba, std::span<uint8_t> out) const {
    const auto copy = dump_.response(fmt::format("data-{}", lba));
    if (!copy || copy->size() != kMainSize || !has_sync(*copy)) return false;
    const SectorHeader h = read_header(std::span<const uint8_t, layout::kSector>(copy->data(), layout::kSector));
    if (bcd_msf_to_lba(h.address) != lba) return false;
    std::copy(copy->begin(), copy->end(), out.begin());
    return true;
  }

  // The drive could not read past the end of the disc, so the last data sector lacks its last
  // bytes. When they all fall inside its EDC/ECC, those are recomputed from the intact header
  // and user data (exact, not guessed); otherwise the sector stays as it is and fails verify.
  static bool regenerate_tail(std::span<uint8_t> s, Lba lba, uint32_t missing) {
    std::span<uint8_t, layout::kSector> sector(s.data(), layout::kSector);
    const uint8_t mode = s[15];
    std::array<uint8_t, layout::kSector> rebuilt{};
    std::span<uint8_t, layout::kSector> out(rebuilt);
    if (mode == 1 && missing <= 288) {
      encode_sector(SectorKind::Mode1, lba, s.subspan(16, 2048), out);
    } else if (mode == 2) {
      const Subheader sh = read_subheaders(sector)[0];
      if (sh.form2() && missing <= 4)
        encode_sector(SectorKind::Mode2Form2, lba, s.subspan(24, 2324), out, sh);
      else if (!sh.form2() && missing <= 280)
        encode_sector(SectorKind::Mode2Form1, lba, s.subspan(24, 2048), out, sh);
      else
        return false;
    } else {
      return false;
    }
    std::copy(rebuilt.begin(), rebuilt.end(), s.begin());
    return true;
  }

  // Unreadable: regenerated and marked (reference: sync + header + 0x55 fill for data, silence
  // for audio), never silently passed off as read.
  static void placeholder(std::span<uint8_t> out, Lba lba, const Track* t) {
    std::fill(out.begin(), out.end(), uint8_t{0});
    if (!t || !t->is_data()) return;
    std::span<uint8_t, layout::kSector> s(out.data(), layout::kSector);
    std::fill(out.begin() + 16, out.end(), uint8_t{0x55});
    write_sync(s);
    write_header(s, lba, t->mode == TrackMode::Mode1 ? 1 : 2);
  }

  const Dump& dump_;
  Disc disc_;
  int32_t shift_;
  std::vector<std::pair<Lba, Lba>> ranges_, reachable_;
  std::optional<SubchannelSynthesizer> synth_;
  ShiftedRun run_;            // scratch, reused: no allocation (and page faults) per read
  std::vector<uint8_t> own_;  // scratch for sectors read as data
};

// Data track modes from the first sector's header at index 1 (the TOC says only "data").
void set_modes(Disc& disc, SectorSource& src) {
  std::vector<uint8_t> sector(kMainSize);
  for (Session& s : disc.sessions)
    for (Track& t : s.tracks) {
      if (!t.is_data() || t.start() < src.begin() || t.start() >= src.end()) continue;
      src.read(t.start(), 1, sector, {}, {});
      if (!has_sync(sector)) continue;
      const uint8_t mode = sector[15];
      if (mode == 1)
        t.mode = TrackMode::Mode1;
      else if (mode == 2)
        t.mode = s.type == DiscType::CdI       ? TrackMode::CdI
                 : s.type == DiscType::CdRomXa ? TrackMode::Mode2Xa
                                               : TrackMode::Mode2Formless;
    }
}

// main.bin mapped read-only: the offset searches touch only the pages near pregaps and edges.
// The file is written sector by sector and is short when the last sectors were never read: the
// mapping stops at its end (a page past it would be SIGBUS), and the searches see a shorter stream.
class MappedMain {
 public:
  explicit MappedMain(const Dump& dump) : bytes_(static_cast<size_t>(dump.end() - dump.first()) * kMainSize) {
    const std::string path = (dump.dir() / "main.bin").string();
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return;
    struct stat st {};
    bytes_ =
        ::fstat(fd, &st) == 0 ? std::min<size_t>(bytes_, static_cast<size_t>(st.st_size)) / kMainSize * kMainSize : 0;
    if (bytes_ > 0) {
      void* map = ::mmap(nullptr, bytes_, PROT_READ, MAP_PRIVATE, fd, 0);
      if (map != MAP_FAILED) map_ = map;
    }
    ::close(fd);
  }
  MappedMain(const MappedMain&) = delete;
  MappedMain& operator=(const MappedMain&) = delete;
  ~MappedMain() {
    if (map_) ::munmap(map_, bytes_);
  }
  [[nodiscard]] bool ok() const { return map_ != nullptr; }
  [[nodiscard]] std::span<const uint8_t> bytes() const { return {static_cast<const uint8_t*>(map_), bytes_}; }

 private:
  size_t bytes_;
  void* map_ = nullptr;
};

// The perfect audio offset: applied when exactly one shift makes every dumped pregap exact
// digital silence (level 0), as redumper does; a shift found only at a higher level is reported.
bool perfect_offset(const Dump& dump, const Disc& disc, const MappedMain& main, SplitLayout& layout) {
  std::vector<std::pair<Lba, Lba>> ranges;
  for (const Track* t : disc.tracks()) {
    const Lba begin = t->pregap_start(), end = t->start();
    if (end > begin && begin >= dump.first()) ranges.emplace_back(begin, end);
  }
  if (ranges.empty()) {
    layout.perfect_offset_note = "none: no pregap in the dumped range to search with";
    return false;
  }
  PerfectOffsetReport report;
  const auto shift = perfect_audio_offset(main.bytes(), dump.first(), ranges, 150 * 588, &report);
  if (!shift) {
    layout.perfect_offset_note = "none: " + report.why;
    return false;
  }
  layout.perfect_write_offset = *shift - dump.manifest().read_offset;
  if (report.silence_level != 0) {
    layout.perfect_offset_note = fmt::format(
        "write offset {:+} makes all {} pregap(s) silent at silence level {}; not applied (only exact digital "
        "silence, level 0, is)",
        *layout.perfect_write_offset, ranges.size(), report.silence_level);
    return false;
  }
  layout.perfect_offset_note = fmt::format("write offset {:+} makes all {} pregap(s) digital silence (level 0)",
                                           *layout.perfect_write_offset, ranges.size());
  layout.write_offset = *layout.perfect_write_offset;
  layout.write_offset_source =
      fmt::format("perfect audio offset: the one shift that makes all {} pregap(s) digital silence", ranges.size());
  return true;
}

// Sample index (read-offset corrected, from LBA 0) of the first non-zero sample in the dump's
// good audio sectors, scanning from the front, or one past the last, scanning from the back.
// With `stop_at_bad`, a sector that is not a good audio read ends the scan before any sound: its
// first sample is returned instead (what it holds is not known).
std::optional<int64_t> nonzero_edge(const Dump& dump, const MappedMain& main, bool from_front,
                                    bool stop_at_bad = false) {
  const auto sector = [&](Lba l) {
    return main.bytes().subspan(static_cast<size_t>(l - dump.first()) * kMainSize, kMainSize);
  };
  for (Lba i = 0; i < dump.end() - dump.first(); ++i) {
    const Lba l = from_front ? dump.first() + i : dump.end() - 1 - i;
    const DumpState& st = dump.state(l);
    if (st.quality != DumpQuality::Good || (st.flags & DumpState::kReadAsData)) {
      if (stop_at_bad) return int64_t{l} * 588 - dump.manifest().read_offset;
      continue;
    }
    const auto [b, e] = nonzero_sample_range(sector(l));
    if (b == e) continue;
    return int64_t{l} * 588 + static_cast<int64_t>(from_front ? b : e) - dump.manifest().read_offset;
  }
  return std::nullopt;
}

// Discs known by a signature in their audio (redumper's order: Atari Jaguar CD, VideoNow,
// VideoNow Color), searched in the read-offset-corrected window [from, to) (LBAs) of main.bin;
// the window stops at the first sector that is not a good audio read (the signature must be in
// what the disc really holds). `expected` is the LBA the signature's data starts at on a disc
// with no write offset. An offset beyond 150 sectors either way (what the perfect audio offset
// search allows) is not applied: it is noted, and the next method decides.
bool signature_offset(const Dump& dump, const MappedMain& main, const AudioSignature& sig, Lba from, Lba to,
                      Lba expected, SplitLayout& layout) {
  constexpr int64_t kSector = 2352, kMaxShift = 150 * 588;
  const int64_t ro = dump.manifest().read_offset;
  // The window in stream bytes (corrected sample x is stream sample x + ro), then cut at the
  // first drive sector in it that is not a good audio read.
  const int64_t begin_byte = int64_t{from} * kSector + ro * 4;
  int64_t end_byte = int64_t{to} * kSector + ro * 4;
  const Lba first_drive = std::max<Lba>(dump.first(), static_cast<Lba>(floor_div(begin_byte, kSector)));
  const Lba end_drive = std::min<Lba>(dump.end(), static_cast<Lba>(ceil_div(end_byte, kSector)));
  for (Lba l = first_drive; l < end_drive; ++l) {
    const DumpState& st = dump.state(l);
    if (st.quality != DumpQuality::Good || (st.flags & DumpState::kReadAsData)) {
      end_byte = std::min(end_byte, int64_t{l} * kSector);
      break;
    }
  }
  const auto at = find_signature(main.bytes(), dump.first(), begin_byte, end_byte, sig);
  if (!at) return false;
  const int64_t offset = *at - ro - int64_t{expected} * 588;
  const bool text = std::all_of(sig.bytes.begin(), sig.bytes.end(), [](uint8_t c) { return c >= 0x20 && c < 0x7F; });
  const std::string bytes = text ? fmt::format("\"{}\"", std::string(sig.bytes.begin(), sig.bytes.end()))
                                 : fmt::format("{:02x}", fmt::join(sig.bytes, " "));
  const std::string found =
      fmt::format("{} disc: its signature {} ({} byte(s) into the data) found {:+} sample(s) from LBA {}", sig.disc,
                  bytes, sig.bytes_before, offset, expected);
  if (offset < -kMaxShift || offset > kMaxShift) {
    layout.notes.push_back(found + ": more than 150 sectors away, not applied");
    return false;
  }
  layout.write_offset = static_cast<int32_t>(offset);
  layout.write_offset_source = found;
  return true;
}

bool known_signature_offset(const Dump& dump, const Disc& disc, const MappedMain& main, SplitLayout& layout) {
  if (disc.sessions.size() == 2 && !disc.sessions[1].tracks.empty() && !disc.sessions[1].tracks.front().is_data()) {
    const Lba index1 = disc.sessions[1].tracks.front().start();
    if (signature_offset(dump, main, kAtariJaguar, index1 - 1, index1 + 1, index1, layout)) return true;
  }
  if (disc.sessions.size() != 1) return false;
  // From the sector of the first sound - or of the first sector not read well, when that comes
  // first: a signature in a sector that could not be read must not be skipped for a later one.
  const auto start = nonzero_edge(dump, main, true, true);
  if (!start) return false;
  const auto from = static_cast<Lba>(floor_div(*start, 588));
  const Lba to = disc.track_end(disc.first_track());
  for (const AudioSignature* sig : {&kVideoNow, &kVideoNowColor})
    if (signature_offset(dump, main, *sig, from, to, 0, layout)) return true;
  return false;
}

// The write offset of an audio-only disc (redumper's order after a user-forced one): a known
// disc's signature; the perfect audio offset at silence level 0; else non-zero samples shifted out of the lead-in or
// lead-out; else 0. Discs with a data track take it from the track's sync and header instead.
void audio_write_offset(const Dump& dump, const Disc& disc, SplitLayout& layout) {
  for (const Track* t : disc.tracks())
    if (t->is_data()) return;
  const MappedMain main(dump);
  if (!main.ok()) {
    layout.perfect_offset_note = "main.bin could not be mapped for the perfect offset search";
    return;
  }
  if (known_signature_offset(dump, disc, main, layout)) return;
  if (perfect_offset(dump, disc, main, layout)) return;
  const auto first = nonzero_edge(dump, main, true), end = nonzero_edge(dump, main, false);
  const int64_t toc_first = int64_t{disc.q_pregap_start(disc.first_track())} * 588;
  const EdgeShift edge =
      shift_out_of_edges(first.value_or(0), end.value_or(0), toc_first, int64_t{disc.leadout()} * 588);
  if (edge.offset) {
    layout.write_offset = *edge.offset;
    layout.write_offset_source = "no perfect audio offset; " + edge.how;
  } else {
    layout.write_offset_source = "no perfect audio offset; " + edge.how + "; 0 (fallback)";
  }
}

}  // namespace

Disc disc_from_responses(const Dump& dump) {
  Disc disc;
  if (auto full = dump.response("fulltoc"); full && !full->empty()) {
    disc = scsi::parse_toc_full(*full, FullTocEncoding::Auto);
  } else if (auto toc = dump.response("toc"); toc && !toc->empty()) {
    // No full TOC: format 1 says where the last session starts, the manifest where each earlier
    // one ended (found from Q when the dump was made).
    std::optional<scsi::SessionInfo> sessions;
    if (auto info = dump.response("sessioninfo"); info && !info->empty())
      sessions = scsi::parse_session_info(*info, false);
    const auto& first_tracks = dump.manifest().session_first_tracks;
    disc = scsi::disc_from_toc(scsi::parse_toc(*toc, false), first_tracks.empty() && sessions ? &*sessions : nullptr);
    // Three or more sessions: the tracks that open them, as the rip found them.
    if (!first_tracks.empty()) scsi::split_sessions(disc, first_tracks, (dump.dir() / "dump.json").string());
    const auto& leadouts = dump.manifest().session_leadouts;
    for (size_t i = 0; i < leadouts.size() && i + 1 < disc.sessions.size(); ++i) disc.sessions[i].leadout = leadouts[i];
  } else {
    throw InputError((dump.dir() / "toc.bin").string(), "the dump holds no TOC answer (toc.bin or fulltoc.bin)");
  }
  if (auto text = dump.response("cdtext"); text && text->size() > 4) disc.cdtext = scsi::parse_toc_cdtext(*text);
  return disc;
}

std::unique_ptr<SectorSource> open_dump_source(const Dump& dump, const SplitOptions& options, SplitLayout& layout) {
  Disc disc = disc_from_responses(dump);
  // The lead-in's TOC is checked against the full TOC; its CD-Text stands in when READ TOC gave none.
  if (CdText text = read_dump_leadin(dump, disc, layout.leadin); disc.cdtext.empty() && !text.empty()) {
    disc.cdtext = std::move(text);
    layout.leadin.cdtext_used = true;
  }
  layout.session_leadins = read_session_leadins(dump, disc);
  const DumpManifest& m = dump.manifest();
  layout.read_offset = m.read_offset;
  // Write offset: the user's, else measured on the first data track read as audio.
  layout.write_offset = 0;
  if (options.write_offset) {
    layout.write_offset = *options.write_offset;
    layout.write_offset_source = "--write-offset";
  } else {
    layout.write_offset_source = "audio only";
    for (const Track* t : disc.tracks()) {
      if (!t->is_data()) continue;
      if (!m.data_as_audio) {
        layout.write_offset_source = "unknown: the drive read the data track as data; 0 assumed";
        break;
      }
      const Lba length = disc.track_end(t->number) - t->start();
      if (length <= 0) break;  // a TOC that does not make sense; validate() says so below
      const auto n = static_cast<uint32_t>(std::min<Lba>(16, length));
      ShiftedRun run;
      shifted_run(run, dump, t->start(), n, m.read_offset, readable_ranges(disc, dump.first(), m.lead_out_overread),
                  disc);
      std::string why;
      if (auto w = data_write_offset({run.sector(0), size_t{n} * kMainSize}, t->start(), &why)) {
        layout.write_offset = *w;
        layout.write_offset_source = fmt::format("track {:02} sync and header at LBA {}", t->number, t->start());
      } else {
        layout.write_offset_source = fmt::format("not found on track {:02} ({}); 0 assumed", t->number, why);
      }
      break;
    }
  }
  auto src = std::make_unique<DumpSource>(dump, disc, m.read_offset + layout.write_offset);
  set_modes(disc, *src);
  // Indices, MCN and ISRCs from Q (repaired in memory only; the dump keeps Q as read).
  // Only Q is needed: taken out of sub.bin a run at a time (12 bytes a sector held, not 96).
  std::vector<QFrame> q(static_cast<size_t>(dump.end() - dump.first()));
  {
    constexpr uint32_t kRun = 4096;
    std::vector<uint8_t> sub(size_t{kRun} * kSubSize);
    for (Lba at = dump.first(); at < dump.end(); at += static_cast<Lba>(kRun)) {
      const auto n = static_cast<uint32_t>(std::min<Lba>(kRun, dump.end() - at));
      dump.load(at, n, {}, std::span(sub).first(size_t{n} * kSubSize));
      for (uint32_t i = 0; i < n; ++i)
        q[static_cast<size_t>(at - dump.first()) + i] = extract_channel(
            std::span<const uint8_t, kSubchannelSize>(sub.data() + size_t{i} * kSubSize, kSubchannelSize), Channel::Q);
    }
  }
  // Where the TOC says the program area starts (before Q adds track 1's index 0).
  const Lba toc_begin = disc.sessions.front().tracks.front().pregap_start();
  apply_q_layout_frames(disc, dump.first(), q, layout.q);
  if (!options.write_offset) audio_write_offset(dump, disc, layout);
  const int32_t shift = m.read_offset + layout.write_offset;
  // Samples the drive could not give: the shifted stream reaches outside the dumped range.
  const int64_t need_begin = int64_t{std::max(m.first, toc_begin)} * 588 + shift;
  const int64_t need_end = int64_t{disc.leadout()} * 588 + shift;
  layout.zero_filled_samples = static_cast<uint64_t>(std::max<int64_t>(0, int64_t{m.first} * 588 - need_begin) +
                                                     std::max<int64_t>(0, need_end - int64_t{m.end} * 588));
  disc.validate();
  src->set_shift(shift);
  src->set_disc(std::move(disc));
  return src;
}

}  // namespace dw::rip

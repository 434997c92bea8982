#include "rip/dumper.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <map>

#include "disc/error.hpp"
#include "disc/subchannel.hpp"
#include "disc/subq.hpp"
#include "rip/session_layout.hpp"
#include "rip/stream_align.hpp"
#include "scsi/device_error.hpp"
#include "scsi/mediatek_cache.hpp"
#include "scsi/mmc_cdb.hpp"
#include "scsi/mmc_toc.hpp"
#include "scsi/sense.hpp"

namespace dw::rip {
namespace {

using scsi::CommandResult;
using scsi::SenseClass;

std::string utc_now() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// A read this far away evicts everything a drive caches near the sector (caches hold at most a
// few thousand sectors' worth), at the cost of a short seek rather than a full stroke.
constexpr Lba kCacheDefeatDistance = 2000;
// Jitter: a read is anchored on at most this many sectors before it (more only over silence)
// and may be found shifted by up to one sector either way.
constexpr Lba kMaxAnchor = 16;
// When that anchor is silence and the read does not align unambiguously, the anchor reaches
// back over silence to the last sound, up to this many sectors (8 s).
constexpr Lba kMaxSilentAnchor = 600;
// Reads at the end of a range (no sector after them to read) that started early, tried again.
constexpr int kEdgeAttempts = 8;
constexpr int32_t kMaxJitter = 588;
// Placing a read that has nothing before it to align with: independent reads of the same sectors
// are measured against it within this many samples, at least kMinPlacementReads of them (the
// first included) and at most kMaxPlacementReads, before the middle of their band is trusted.
constexpr int32_t kMaxPlacementShift = 64;
constexpr size_t kMinPlacementReads = 24;
constexpr int kMaxPlacementReads = 96;

// A sector of digital silence (or any constant sample): no anchor for jitter, every shift fits it.
bool flat(std::span<const uint8_t> sector) {
  for (size_t i = 4; i < sector.size(); ++i)
    if (sector[i] != sector[i - 4]) return false;
  return true;
}

bool any_c2(std::span<const uint8_t> c2) {
  return std::any_of(c2.begin(), c2.end(), [](uint8_t b) { return b != 0; });
}

SenseClass sense_class(const CommandResult& r) {
  if (r.transport != scsi::TransportError::None) return SenseClass::None;
  return scsi::classify(r.sense);
}

// 05/64/00: the drive will not read this sector with this sector type (data as audio).
bool illegal_mode(const CommandResult& r) {
  return r.transport == scsi::TransportError::None && r.sense.key == 5 && r.sense.asc == 0x64;
}

// Whether a sector's Q (raw P-W as read) is a good position frame of an audio track: the pregap
// of an audio track after a data track, which READ TOC counts to the data track.
bool q_says_audio(std::span<const uint8_t> raw_sub) {
  if (raw_sub.size() < kSubSize) return false;
  const auto q =
      extract_channel(std::span<const uint8_t, kSubchannelSize>(raw_sub.data(), kSubchannelSize), Channel::Q);
  const QDecoded d = decode_q(q);
  const auto* pos = std::get_if<QPosition>(&d.content);
  return d.crc_ok && pos && !pos->control.data();
}

}  // namespace

std::vector<std::pair<Lba, Lba>> readable_ranges(const Disc& disc, Lba first_lba, int32_t overread) {
  std::vector<std::pair<Lba, Lba>> out;
  for (const Session& s : disc.sessions) {
    if (s.tracks.empty()) continue;
    Lba begin = disc.q_pregap_start(s.tracks.front().number);
    if (&s == &disc.sessions.front()) begin = std::min(first_lba, s.tracks.front().pregap_start());
    const Lba end = s.leadout + overread;
    if (!out.empty() && begin <= out.back().second)
      out.back().second = std::max(out.back().second, end);
    else
      out.emplace_back(begin, end);
  }
  return out;
}

struct Dumper::Read {
  CommandResult result;
  std::vector<uint8_t> main, c2, sub;
  bool unchecked = false;   ///< jitter: no anchor, or a silent one that fits several shifts
  bool gap = false;         ///< jitter: no anchor because the sector before is not good
  bool misaligned = false;  ///< jitter: the read does not repeat its anchor at any shift
};

Dumper::Dumper(scsi::Drive& drive, RipLog& log, DumpOptions options)
    : drive_(drive), log_(log), opt_(std::move(options)) {}

void Dumper::probe_drive() {
  const std::string name = drive_.transport().name();
  const CommandResult p = drive_.probe();
  if (!p.ok()) throw scsi::DeviceError(name, "the drive does not answer INQUIRY: " + p.describe());
  const CommandResult ready = drive_.wait_ready();
  if (!ready.ok()) throw scsi::DeviceError(name, "no readable disc: " + ready.describe());
  const auto& id = drive_.identity();
  log_.info(fmt::format("drive: {} {} {} (serial {})", id.vendor, id.product, id.revision,
                        id.serial.empty() ? "none" : id.serial));
  const auto& q = drive_.quirks();
  if (q.known)
    log_.info(
        fmt::format("quirks table: read offset {:+}, C2 shift {} bytes, first LBA {}, {} sectors past the "
                    "lead-out (source: {})",
                    q.read_offset, q.c2_shift, q.first_lba, q.lead_out_sectors, q.source));
  else
    log_.warn("drive not in the quirks table: read offset unknown, no lead-in or lead-out reads assumed");
  jitter_ = !drive_.capabilities().accurate_stream;
  log_.info(jitter_ ? "CD-DA stream: not accurate (mode page 2A): audio reads overlap the sectors before them and "
                      "are realigned when a read starts early or late"
                    : "CD-DA stream: accurate (mode page 2A)");
  if (opt_.speed > 0) {
    const CommandResult s = drive_.set_speed(opt_.speed);
    log_.info(fmt::format("SET CD SPEED {}x: {}", opt_.speed, s.describe()));
  }
  CommandResult r;
  auto disc = drive_.read_disc(&r, &responses_);
  if (!disc) throw scsi::DeviceError(name, "cannot read the TOC: " + r.describe());
  if (disc->media != MediaKind::Cd) throw scsi::DeviceError(name, "DVD and BD dumps are not implemented yet");
  disc_ = std::move(*disc);
  if (responses_.full_toc.empty() && !responses_.session_info.empty()) {
    const scsi::SessionInfo si = scsi::parse_session_info(responses_.session_info, false);
    log_.info(
        fmt::format("no full TOC: sessions {}..{} from READ TOC format 0 and format 1 (the last session "
                    "starts with track {:02})",
                    si.first_session, si.last_session, si.first_track_last_session.track));
    if (si.last_session - si.first_session > 1) {
      // Three or more: where the ones in between start comes from track information or Q.
      const SessionDecision d = find_sessions(drive_, disc_, si);
      for (const SessionNote& n : d.notes) n.warning ? log_.warn(n.text) : log_.info(n.text);
      session_first_tracks_ = d.first_tracks;
    }
    for (const std::string& line : leadouts_from_q(drive_, disc_)) log_.info(line);
  }
  cross_check_toc();
}

// READ TOC format 0 beside the full TOC: each track's start and the lead-out must agree (they
// come from the same lead-in, but drives and firmware have been known to disagree).
void Dumper::cross_check_toc() {
  if (responses_.toc.empty()) {
    std::vector<uint8_t> buf(0xFFFE);
    const CommandResult r =
        drive_.send(scsi::cdb::read_toc(scsi::cdb::TocFormat::Toc, false, 0, 0xFFFE), scsi::Direction::FromDevice, buf);
    if (!r.ok()) {
      log_.info("READ TOC format 0: " + r.describe() + " (only the full TOC is kept)");
      return;
    }
    buf.resize(buf.size() - std::min<size_t>(r.residual, buf.size()));
    responses_.toc = std::move(buf);
  }
  try {
    const scsi::Toc toc = scsi::parse_toc(responses_.toc, false);
    int differences = 0;
    for (const scsi::TocEntry& e : toc.entries) {
      if (e.track == kLeadOutTrack) {
        const Lba last = disc_.sessions.back().leadout;
        if (e.lba != last && e.lba != disc_.sessions.front().leadout) {
          ++differences;
          log_.warn(fmt::format("TOC lead-out at LBA {}, the full TOC says {}", e.lba, last));
        }
        continue;
      }
      const Track* t = disc_.find_track(e.track);
      if (!t || t->start() != e.lba) {
        ++differences;
        log_.warn(fmt::format("TOC track {:02} at LBA {}, the full TOC says {}", e.track, e.lba,
                              t ? std::to_string(t->start()) : "nothing"));
      }
    }
    if (!differences)
      log_.info(fmt::format("TOC (format 0) and the disc as read agree: {} track(s)", toc.entries.size() - 1));
  } catch (const InputError& e) {
    log_.warn(std::string("READ TOC format 0 answer does not parse: ") + e.what());
  }
}

Dump Dumper::start(const std::filesystem::path& dir, const std::string& device) {
  probe_drive();
  const auto& id = drive_.identity();
  const auto& caps = drive_.capabilities();
  const auto& q = drive_.quirks();
  DumpManifest m;
  m.device = device;
  m.vendor = id.vendor;
  m.product = id.product;
  m.revision = id.revision;
  m.serial = id.serial;
  if (opt_.read_offset) {
    m.read_offset = *opt_.read_offset;
    m.offset_source = "--read-offset";
  } else if (q.offset_known) {
    m.read_offset = q.read_offset;
    m.offset_source = fmt::format("quirks table ({})", q.source);
  } else {
    m.read_offset = 0;
    m.offset_source = "unknown drive: 0 assumed (give --read-offset)";
  }
  c2_ = caps.c2 && q.sector_order != scsi::SectorOrder::MainSub;
  m.c2 = c2_;
  m.data_as_audio = true;
  m.lead_out_overread = q.lead_out_sectors;
  const Lba first_lba = std::max<Lba>(q.first_lba, -150);
  const auto ranges = readable_ranges(disc_, first_lba, q.lead_out_sectors);
  m.first = ranges.front().first;
  m.end = ranges.back().second;
  m.leadout = disc_.leadout();
  if (responses_.full_toc.empty())
    for (size_t i = 0; i + 1 < disc_.sessions.size(); ++i) m.session_leadouts.push_back(disc_.sessions[i].leadout);
  m.session_first_tracks = session_first_tracks_;
  m.created = m.updated = utc_now();
  Dump dump = Dump::create(dir, std::move(m));
  if (!responses_.toc.empty()) dump.save_response("toc", responses_.toc);
  if (!responses_.full_toc.empty()) dump.save_response("fulltoc", responses_.full_toc);
  if (!responses_.cdtext.empty()) dump.save_response("cdtext", responses_.cdtext);
  if (!responses_.session_info.empty()) dump.save_response("sessioninfo", responses_.session_info);
  const DumpManifest& mm = dump.manifest();
  log_.info(fmt::format("read offset {:+} samples ({})", mm.read_offset, mm.offset_source));
  log_.info(fmt::format("C2 pointers: {}; subchannel: raw P-W", c2_ ? "yes" : "not available"));
  for (const auto& [b, e] : ranges) log_.info(fmt::format("readable range: LBA {} to {}", b, e - 1));
  return dump;
}

// The disc in the drive is the dump's when every TOC answer both have is the same byte for byte
// (a drive without the full TOC still answers format 0, so at least that one is compared).
void Dumper::check_disc(const Dump& dump) const {
  int compared = 0;
  std::vector<std::string> differ;
  for (const auto& [name, now] :
       {std::pair<const char*, const std::vector<uint8_t>*>{"toc", &responses_.toc},
        std::pair<const char*, const std::vector<uint8_t>*>{"fulltoc", &responses_.full_toc}}) {
    const auto saved = dump.response(name);
    if (!saved || saved->empty() || now->empty()) continue;
    ++compared;
    if (*saved != *now)
      differ.push_back(
          fmt::format("{}.bin ({} bytes) and the drive's answer ({} bytes) differ", name, saved->size(), now->size()));
  }
  if (compared == 0)
    throw DumpMismatch(
        fmt::format("cannot tell whether the disc in {} is the one the dump in {} was made from: the "
                    "dump and the drive have no TOC answer in common",
                    drive_.transport().name(), dump.dir().string()));
  if (!differ.empty())
    throw DumpMismatch(fmt::format("the disc in {} is not the one the dump in {} was made from: its TOC differs ({})",
                                   drive_.transport().name(), dump.dir().string(), fmt::join(differ, "; ")));
}

// "quirks table (redumper drive.ixx ...)" -> "quirks table": the refusal names where the offset
// came from, the log has the whole row already.
static std::string short_source(const std::string& source) { return source.substr(0, source.find(" (")); }

// main.bin holds the sectors as the dump's drive returned them, shifted by that drive's read
// offset: another drive's reads line up with them only when its read offset is the same.
void Dumper::check_drive(const Dump& dump) const {
  const DumpManifest& m = dump.manifest();
  const auto& id = drive_.identity();
  const auto& q = drive_.quirks();
  const std::string dumped_by = fmt::format("{} {} {}", m.vendor, m.product, m.revision);
  const std::string here = fmt::format("{} {} {}", id.vendor, id.product, id.revision);
  const bool same_model = id.vendor == m.vendor && id.product == m.product && id.revision == m.revision;
  std::optional<int32_t> offset;
  std::string source;
  if (opt_.read_offset) {
    offset = opt_.read_offset;
    source = "--read-offset";
  } else if (q.offset_known) {
    offset = q.read_offset;
    source = "quirks table";
  }
  if (opt_.read_offset && *opt_.read_offset != m.read_offset)
    throw DumpMismatch(fmt::format(
        "--read-offset {:+} differs from the read offset the dump was read with ({:+} samples, {}): its main.bin "
        "is in that drive's coordinates; to split it with another offset, use split",
        *opt_.read_offset, m.read_offset, short_source(m.offset_source)));
  if (same_model) return;
  if (!offset)
    throw DumpMismatch(
        fmt::format("the read offset of {} is unknown (not in the quirks table) and the dump was read by {} with "
                    "{:+} samples: the dump's main.bin is in that drive's coordinates, so another drive can add to it "
                    "only with the same read offset; give --read-offset {:+} if this drive's offset is that",
                    here, dumped_by, m.read_offset, m.read_offset));
  if (*offset != m.read_offset)
    throw DumpMismatch(fmt::format(
        "{} reads with an offset of {:+} samples ({}), the dump was read by {} with {:+} samples ({}): the dump's "
        "main.bin is in that drive's coordinates (sectors as it returned them, not offset-corrected), so this "
        "drive's sectors would not line up with them; use a drive whose read offset is {:+}",
        here, *offset, source, dumped_by, m.read_offset, short_source(m.offset_source), m.read_offset));
}

Dump Dumper::reopen(const std::filesystem::path& dir, const char* purpose) {
  Dump dump = Dump::open(dir);
  probe_drive();
  check_disc(dump);
  check_drive(dump);
  // C2 as this drive gives it (the same as the dump's on the drive that made it).
  c2_ = drive_.capabilities().c2 && drive_.quirks().sector_order != scsi::SectorOrder::MainSub;
  data_as_audio_ = dump.manifest().data_as_audio;
  const auto& id = drive_.identity();
  log_.info(fmt::format("{} the dump in {} on {} {} {} (serial {}); the disc's TOC answers match the dump's", purpose,
                        dir.string(), id.vendor, id.product, id.revision, id.serial.empty() ? "none" : id.serial));
  return dump;
}

Dump Dumper::resume(const std::filesystem::path& dir) {
  Dump dump = reopen(dir, "resuming");
  const auto& id = drive_.identity();
  dump.manifest().notes.push_back(fmt::format("{} resumed on {} {} {} (serial {})", utc_now(), id.vendor, id.product,
                                              id.revision, id.serial.empty() ? "none" : id.serial));
  dump.save_manifest();
  return dump;
}

Dump Dumper::open_for_refine(const std::filesystem::path& dir) { return reopen(dir, "refining"); }

bool Dumper::in_data_track(Lba lba) const {
  for (const auto& [b, e] : audio_by_q_)
    if (lba >= b && lba < e) return false;
  const Position p = disc_.locate(lba);
  if (p.area == Position::Area::Program) {
    const Track* t = disc_.find_track(p.track);
    return t && t->is_data();
  }
  if (p.area == Position::Area::LeadOut)
    for (const Session& ss : disc_.sessions)
      if (ss.number == p.session) return !ss.tracks.empty() && ss.tracks.back().is_data();
  return false;
}

// A sector the TOC puts in a data track whose Q says audio: the pregap (index 0) of the audio
// track after it, which READ TOC cannot show. From it to where the TOC's next track starts, the
// sectors are read as audio - on a drive that reads data only as data they would otherwise come
// back as data-type reads, unshifted by the read offset and never aligned for jitter.
bool Dumper::audio_by_q(Lba lba, std::span<const uint8_t> raw_sub) {
  if (!in_data_track(lba) || !q_says_audio(raw_sub)) return false;
  const Position p = disc_.locate(lba);
  Lba end = disc_.leadout();
  for (const Session& s : disc_.sessions)
    for (const Track& t : s.tracks)
      if (t.start() > lba) end = std::min(end, t.start());
  for (const Session& s : disc_.sessions)
    if (s.leadout > lba) end = std::min(end, s.leadout);
  audio_by_q_.emplace_back(lba, end);
  log_.info(
      fmt::format("LBA {}..{}: the TOC counts them to data track {:02}, but Q says audio (the next track's "
                  "pregap): read as audio",
                  lba, end - 1, p.track));
  return true;
}

bool Dumper::counted(Lba lba) const {
  for (const auto& [b, e] : readable_ranges(disc_, 0, 0))
    if (lba >= b && lba < e) return true;
  return false;
}

Dumper::Read Dumper::read(Lba lba, uint32_t count, bool as_data) {
  Read out;
  out.main.resize(size_t{count} * kMainSize);
  out.sub.resize(size_t{count} * kSubSize);
  if (c2_) out.c2.resize(size_t{count} * scsi::kC2Size);
  scsi::ReadCdRequest req;
  req.type = as_data ? scsi::SectorType::Any : scsi::SectorType::CdDa;
  req.selection = scsi::ReadCdSelection::raw(c2_ ? scsi::C2Mode::C2 : scsi::C2Mode::None, scsi::SubchannelMode::Raw);
  for (int attempt = 0; attempt < 4; ++attempt) {
    out.result = drive_.read_cd(lba, count, req, out.main, out.c2, out.sub);
    if (out.result.transport == scsi::TransportError::Timeout) {
      // A drive that stops answering mid-read usually answers again once the host gave up on
      // the command: retried once, then the read counts as failed (sector by sector follows).
      log_.warn(fmt::format("LBA {}..{}: the drive did not answer ({}); {}", lba, lba + static_cast<Lba>(count) - 1,
                            out.result.describe(), attempt == 0 ? "retrying" : "giving up on this read"));
      drive_.wait_ready();
      if (attempt == 0) continue;
      break;
    }
    const SenseClass c = sense_class(out.result);
    if (c == SenseClass::MediumChanged || c == SenseClass::Reset || c == SenseClass::UnitAttention ||
        c == SenseClass::BecomingReady || c == SenseClass::NotReady) {
      log_.detail(fmt::format("LBA {}: {}; waiting for the drive", lba, out.result.describe()));
      drive_.wait_ready();
      continue;
    }
    break;
  }
  return out;
}

// On a drive without an accurate stream, an audio read starts on the good sectors before `lba`
// (back over silence, up to kMaxAnchor sectors) and runs one sector past the wanted ones when
// the range allows; the wanted sectors are cut out at the shift where the read repeats what the
// dump holds (stream_align.hpp). C2 of a cut sector is that of the read sectors it comes from.
Dumper::Read Dumper::read_audio(const Dump& dump, Lba lba, uint32_t count, Lba max_anchor) {
  if (!jitter_) return read(lba, count, false);
  Lba limit = dump.end(), range_begin = dump.first();
  for (const auto& [b, e] : readable_ranges(disc_, dump.first(), dump.manifest().lead_out_overread))
    if (lba >= b && lba < e) {
      limit = std::min(e, dump.end());
      range_begin = std::max(b, dump.first());
    }
  std::vector<uint8_t> sector(kMainSize), anchor;
  Lba a = lba;
  bool silent_anchor = true;
  while (a > dump.first() && lba - a < max_anchor) {
    const DumpState& s = dump.state(a - 1);
    if (s.quality != DumpQuality::Good || (s.flags & DumpState::kReadAsData) != 0) break;
    dump.load(a - 1, 1, sector, {});
    anchor.insert(anchor.begin(), sector.begin(), sector.end());
    --a;
    if (!flat(sector)) {
      silent_anchor = false;
      break;
    }
  }
  const auto before = static_cast<uint32_t>(lba - a);
  uint32_t margin = lba + static_cast<Lba>(count) < limit ? 1 : 0;
  Read r;
  StreamAlignment al;
  for (int attempt = 1;; ++attempt) {
    r = read(a, before + count + margin, false);
    const auto failed_at = r.result.sense.information;
    if (!r.result.ok() && margin && failed_at && *failed_at == static_cast<uint32_t>(lba + static_cast<Lba>(count))) {
      margin = 0;  // the sector after the wanted ones is the bad one: read without it
      r = read(a, before + count, false);
    }
    if (!r.result.ok()) {  // callers store a failed read's buffers as placeholders: `count` sectors
      r.main.resize(size_t{count} * kMainSize);
      r.sub.resize(size_t{count} * kSubSize);
      if (!r.c2.empty()) r.c2.resize(size_t{count} * scsi::kC2Size);
      return r;
    }
    if (before == 0) break;
    al = align_stream(r.main, anchor, size_t{count} * kMainSize, kMaxJitter);
    // Without a margin (the end of what the drive reads), a read that started early lacks its
    // last samples: read again after a seek away (the cache would give the same start).
    if (al.kind != StreamAlignment::Kind::None || margin != 0 || attempt >= kEdgeAttempts) break;
    defeat_cache(lba);
  }
  int32_t shift = 0;
  uint32_t before_cut = before;
  if (before == 0) {
    r.unchecked = true;
    r.gap = lba > range_begin && dump.state(lba - 1).quality != DumpQuality::Good &&
            (dump.state(lba - 1).flags & DumpState::kReadAsData) == 0;
    ++jitter_unanchored_;
  } else {
    if (al.kind == StreamAlignment::Kind::None) {
      r.misaligned = true;
      ++jitter_misaligned_;
    } else if (al.kind == StreamAlignment::Kind::Ambiguous) {
      // Silence before, sound in the wanted sectors: reach back to the last sound, if any.
      if (silent_anchor && max_anchor < kMaxSilentAnchor && a > range_begin)
        return read_audio(dump, lba, count, kMaxSilentAnchor);
      // Silence back to where the range starts is like the start of the range: nothing to align
      // with. A longer silence leaves the position unchecked: flagged like a run after a gap.
      r.unchecked = true;
      r.gap = silent_anchor && a > range_begin;
      ++jitter_ambiguous_;
    }
    shift = r.unchecked ? 0 : al.shift;
    if (shift != 0) {
      ++jitter_shifted_;
      log_.detail(fmt::format("LBA {}..{}: the read started {} sample(s) {} (jitter), realigned", lba,
                              lba + static_cast<Lba>(count) - 1, std::abs(shift), shift > 0 ? "late" : "early"));
    }
  }
  // Nothing before the read to align with, and sound in it: where it starts is found from
  // independent reads (place()).
  if (r.unchecked && !r.misaligned) {
    const size_t wanted_at = size_t{before} * kMainSize;
    const std::span<const uint8_t> wanted(r.main.data() + wanted_at, r.main.size() - wanted_at);
    if (!flat(wanted.first(size_t{count} * kMainSize))) {
      auto placed = place(wanted, lba, count, static_cast<uint32_t>(wanted.size() / kMainSize) - count);
      if (placed) {
        if (placed->result.ok() && !placed->main.empty()) {
          r = std::move(*placed);
          before_cut = 0;
        }
        r.unchecked = false;
        r.gap = false;
        shift = 0;
      } else {
        r.gap = true;  // reported as a run jitter may have shifted
      }
    }
  }
  Read out;
  out.result = r.result;
  out.unchecked = r.unchecked;
  out.misaligned = r.misaligned;
  out.gap = r.gap;
  const size_t start = size_t{before_cut} * kMainSize;
  const auto cut = r.misaligned ? std::span<const uint8_t>(r.main).subspan(start, size_t{count} * kMainSize)
                                : cut_aligned(r.main, start, size_t{count} * kMainSize, shift);
  out.main.assign(cut.begin(), cut.end());
  out.sub.assign(r.sub.begin() + static_cast<ptrdiff_t>(size_t{before_cut} * kSubSize),
                 r.sub.begin() + static_cast<ptrdiff_t>(size_t{before_cut + count} * kSubSize));
  if (!r.c2.empty()) {
    out.c2.assign(size_t{count} * scsi::kC2Size, 0);
    const size_t read_sectors = r.main.size() / kMainSize;
    for (uint32_t i = 0; i < count; ++i) {
      const size_t from = static_cast<size_t>(cut.data() - r.main.data()) + size_t{i} * kMainSize;
      for (size_t k = from / kMainSize; k <= (from + kMainSize - 1) / kMainSize && k < read_sectors; ++k)
        for (size_t b = 0; b < scsi::kC2Size; ++b) out.c2[size_t{i} * scsi::kC2Size + b] |= r.c2[k * scsi::kC2Size + b];
    }
  }
  return out;
}

// A read with nothing before it to align with, whose wanted sectors hold sound (`first`: its
// bytes from `lba` on, `count` wanted sectors and `margin` more): the same sectors are read again
// after seeks away (alternately from after and from before, so the drive approaches them afresh
// each time), and each read's shift against `first` is measured on the sound. The shifts form
// the band the drive's start jitters in; its middle is the true start (stream_align.hpp,
// jitter_center), and a read found there is the one kept: an empty main when that is `first`
// itself (shift 0), another read otherwise. Nothing when the band is not established within
// kMaxPlacementReads reads (or the reads fail): the caller flags the read as unanchored.
std::optional<Dumper::Read> Dumper::place(std::span<const uint8_t> first, Lba lba, uint32_t count, uint32_t margin) {
  std::vector<int32_t> positions{0};
  std::map<int32_t, Read> by_position;
  const size_t min_overlap = first.size() - size_t{4} * kMaxPlacementShift;
  int failed = 0, unmatched = 0;
  for (int attempt = 1; attempt <= kMaxPlacementReads; ++attempt) {
    defeat_cache(lba, attempt % 2 == 0);
    Read p = read(lba, count + margin, false);
    if (!p.result.ok()) {
      handle_stop(p.result, lba);
      if (++failed > 4) break;
      continue;
    }
    const auto shifts = repeating_shifts(p.main, first, kMaxPlacementShift, min_overlap);
    if (shifts.size() != 1) {
      ++unmatched;
      continue;
    }
    positions.push_back(shifts.front());
    by_position.try_emplace(shifts.front(), std::move(p));
    const auto center = jitter_center(positions, kMinPlacementReads);
    if (!center || (*center != 0 && !by_position.contains(*center))) continue;
    const auto [lo, hi] = std::minmax_element(positions.begin(), positions.end());
    ++jitter_placed_;
    log_.detail(fmt::format(
        "LBA {}..{}: nothing before it to align with; {} independent read(s) start within {:+}..{:+} sample(s) of "
        "the first, whose middle is {:+}: the read there is kept{}",
        lba, lba + static_cast<Lba>(count) - 1, positions.size(), *lo, *hi, *center,
        *center == 0 ? " (the first)" : ""));
    if (*center == 0) return Read{};
    Read kept = std::move(by_position.at(*center));
    return kept;
  }
  ++jitter_unplaced_;
  const auto [lo, hi] = std::minmax_element(positions.begin(), positions.end());
  log_.warn(fmt::format(
      "LBA {}..{}: nothing before it to align with, and {} read(s) ({} failed, {} not matching the first at one "
      "shift) start within {:+}..{:+} sample(s) of the first without a clear middle: its place is not verified",
      lba, lba + static_cast<Lba>(count) - 1, positions.size() + failed + unmatched, failed, unmatched, *lo, *hi));
  return std::nullopt;
}

// A read far away replaces what the drive holds near `lba` (cache and read-ahead), so the next
// read of `lba` comes from the disc. `from_before`: the far read lies before `lba` where it can.
void Dumper::defeat_cache(Lba lba, bool from_before) {
  const Lba leadout = disc_.leadout();
  // On a disc too short for that distance either way, the farther end of it.
  const Lba far = from_before && lba >= kCacheDefeatDistance ? lba - kCacheDefeatDistance
                  : lba + kCacheDefeatDistance < leadout     ? lba + kCacheDefeatDistance
                  : lba >= kCacheDefeatDistance              ? lba - kCacheDefeatDistance
                  : leadout - 1 - lba > lba                  ? leadout - 1
                                                             : Lba{0};
  (void)read(far, 1, !data_as_audio_ && in_data_track(far));
}

void Dumper::handle_stop(const CommandResult& r, Lba lba) {
  if (sense_class(r) == SenseClass::NoMedium)
    throw RipStopped(
        fmt::format("the disc was removed (LBA {}: {}); put it back and run the same command with "
                    "--resume",
                    lba, r.describe()));
  if (r.transport == scsi::TransportError::NoDevice)
    throw RipStopped(
        fmt::format("the drive went away at LBA {} ({}); reconnect it and run again with --resume", lba, r.describe()));
}

void Dumper::read_chunk(Dump& dump, Lba lba, uint32_t count) {
  const bool all_data = !data_as_audio_ && in_data_track(lba) && in_data_track(lba + static_cast<Lba>(count) - 1);
  const bool mixed = !data_as_audio_ && !all_data && (in_data_track(lba) || in_data_track(lba + count - 1));
  if (!mixed) {
    Read r = all_data ? read(lba, count, true) : read_audio(dump, lba, count);
    if (r.result.ok() && all_data)
      for (uint32_t i = 0; i < count; ++i)
        if (audio_by_q(lba + static_cast<Lba>(i), {r.sub.data() + size_t{i} * kSubSize, kSubSize})) {
          // The rest is an audio track's pregap: the data sectors before it are kept, the rest is
          // read again as audio (anchored on a jittery drive).
          if (i > 0) {
            r.main.resize(size_t{i} * kMainSize);
            r.sub.resize(size_t{i} * kSubSize);
            std::vector<DumpState> states(i);
            for (uint32_t k = 0; k < i; ++k)
              states[k] = {DumpQuality::Good, DumpState::kReadAsData,
                           static_cast<uint16_t>(dump.state(lba + static_cast<Lba>(k)).reads + 1)};
            dump.store(lba, i, r.main, r.sub, states);
          }
          read_chunk(dump, lba + static_cast<Lba>(i), count - i);
          return;
        }
    if (r.result.ok()) {
      if (r.misaligned)
        log_.detail(
            fmt::format("LBA {}..{}: the read does not repeat the sectors before it at any shift; "
                        "left for refine",
                        lba, lba + static_cast<Lba>(count) - 1));
      std::vector<DumpState> states(count);
      for (uint32_t i = 0; i < count; ++i) {
        const auto prev = dump.state(lba + static_cast<Lba>(i));
        const bool c2 = r.misaligned || (c2_ && any_c2({r.c2.data() + size_t{i} * scsi::kC2Size, scsi::kC2Size}));
        states[i] = {c2 ? DumpQuality::C2Error : DumpQuality::Good,
                     static_cast<uint8_t>(all_data          ? DumpState::kReadAsData
                                          : i == 0 && r.gap ? DumpState::kUnanchored
                                                            : 0),
                     static_cast<uint16_t>(prev.reads + 1)};
      }
      dump.store(lba, count, r.main, r.sub, states);
      return;
    }
    handle_stop(r.result, lba);
    if (illegal_mode(r.result) && data_as_audio_ && in_data_track(lba)) {
      data_as_audio_ = false;
      dump.manifest().data_as_audio = false;
      dump.manifest().notes.push_back(
          "the drive refuses audio-type reads of data sectors (05/64/00): data tracks were read as data "
          "(descrambled by the drive), so the disc's write offset cannot be measured from them");
      dump.save_manifest();
      log_.warn(
          fmt::format("LBA {}: the drive will not read data sectors as audio ({}); data tracks are read as "
                      "data from here on",
                      lba, r.result.describe()));
    } else {
      log_.detail(fmt::format("LBA {}..{}: {}; reading sector by sector", lba, lba + count - 1, r.result.describe()));
    }
  }
  for (uint32_t i = 0; i < count; ++i)
    if (dump.state(lba + static_cast<Lba>(i)).quality == DumpQuality::Unread) read_single(dump, lba + i);
}

void Dumper::read_single(Dump& dump, Lba lba) {
  bool as_data = !data_as_audio_ && in_data_track(lba);
  Read r = as_data ? read(lba, 1, true) : read_audio(dump, lba, 1);
  if (as_data && r.result.ok() && audio_by_q(lba, r.sub)) {
    as_data = false;
    r = read_audio(dump, lba, 1);
  }
  DumpState st = dump.state(lba);
  ++st.reads;
  if (r.result.ok()) {
    st.quality = r.misaligned || (c2_ && any_c2(r.c2)) ? DumpQuality::C2Error : DumpQuality::Good;
    st.flags = as_data ? DumpState::kReadAsData : r.gap ? DumpState::kUnanchored : 0;
    dump.store(lba, 1, r.main, r.sub, {&st, 1});
    return;
  }
  handle_stop(r.result, lba);
  st.quality = DumpQuality::Unreadable;
  std::fill(r.main.begin(), r.main.end(), uint8_t{0});
  std::fill(r.sub.begin(), r.sub.end(), uint8_t{0});
  dump.store(lba, 1, r.main, r.sub, {&st, 1});
  if (counted(lba)) log_.warn(fmt::format("LBA {}: unreadable ({})", lba, r.result.describe()));
}

// READ CD stopped past a lead-out on a MediaTek drive (a stock firmware does): its read-ahead
// after a read of the last sector before the lead-out has the lead-out in the drive's cache, which
// the vendor F1 command reads (redumper reads these drives' lead-outs the same way, every
// session's, retrying until the cache has them). The cache's size and ring are the quirks row's.
// The last kCacheDiscard sectors found are not kept: the drive may still have been filling them
// (redumper drops a couple for the same reason).
void Dumper::read_leadout_cache(Dump& dump, Lba leadout, Lba end, Lba refused) {
  if (!leadout_cache_tried_.insert(leadout).second) return;
  constexpr size_t kUnknownCacheBytes = size_t{8} << 20;  // the largest MediaTek cache known (redumper)
  constexpr uint32_t kCacheDiscard = 2;
  constexpr int kCacheAttempts = 32;  // redumper's --mediatek-leadout-retries default
  const scsi::DriveQuirks& q = drive_.quirks();
  const size_t bytes = q.cache_bytes ? q.cache_bytes : kUnknownCacheBytes;
  const auto want = static_cast<uint32_t>(end - leadout);
  const uint32_t need = want + 1 + kCacheDiscard;
  scsi::CacheRun best;
  scsi::CommandResult result;
  size_t cache_size = 0;
  int attempts = 0;
  // Again while the cache gives fewer sectors than wanted, until two reads in a row give the
  // same number (the drive's read-ahead goes no further) or kCacheAttempts reads.
  uint32_t previous = UINT32_MAX;
  while (attempts < kCacheAttempts && best.count < need) {
    ++attempts;
    // The read that makes the drive read ahead into the lead-out; its data is not kept.
    const Lba last = leadout - 1;
    if (const Read r = read(last, 1, !data_as_audio_ && in_data_track(last)); !r.result.ok())
      log_.detail(
          fmt::format("lead-out {}: the read of LBA {} before the cache read: {}", leadout, last, r.result.describe()));
    const std::vector<uint8_t> cache = drive_.read_mediatek_cache(bytes, &result);
    if (cache.empty()) {
      log_.warn(fmt::format("lead-out {}: READ CD refuses LBA {} and the drive refuses its cache read (F1): {}",
                            leadout, refused, result.describe()));
      return;
    }
    cache_size = cache.size();
    scsi::CacheRun run = scsi::extract_cache_run(cache, q.cache_entries, last, need);
    const uint32_t found = run.count;
    if (found > best.count || attempts == 1) best = std::move(run);
    if (found > 0 && found == previous) break;
    previous = found;
  }
  const uint32_t past = best.count > 1 + kCacheDiscard ? std::min(want, best.count - 1 - kCacheDiscard) : 0;
  if (past == 0) {
    log_.warn(fmt::format(
        "lead-out {}: READ CD refuses LBA {}; the drive's cache ({} KiB, {} read(s)) holds no "
        "lead-out sector after LBA {}{}",
        leadout, refused, cache_size / 1024, attempts, leadout - 1, best.why.empty() ? "" : ": " + best.why));
    return;
  }
  uint32_t stored = 0;
  for (uint32_t k = 0; k < past; ++k) {
    const Lba l = leadout + static_cast<Lba>(k);
    DumpState st = dump.state(l);
    if (st.quality == DumpQuality::Good) continue;
    const size_t i = size_t{k} + 1;
    const auto c2 = std::span(best.c2).subspan(i * scsi::kC2Size, scsi::kC2Size);
    st.quality = c2_ && any_c2(c2) ? DumpQuality::C2Error : DumpQuality::Good;
    st.flags = 0;
    ++st.reads;
    dump.store(l, 1, std::span(best.main).subspan(i * kMainSize, kMainSize),
               std::span(best.sub).subspan(i * kSubSize, kSubSize), {&st, 1});
    ++stored;
  }
  const std::string text = fmt::format(
      "lead-out LBA {} to {} ({} sector(s)) read through the MediaTek cache (F1, {} read(s)): READ CD "
      "refuses LBA {}",
      leadout, leadout + static_cast<Lba>(past) - 1, stored, attempts, refused);
  log_.info(text);
  dump.manifest().notes.push_back(text);
}

void Dumper::log_jitter(const char* pass) {
  if (!jitter_) return;
  log_.info(
      fmt::format("{}: jitter: {} read(s) realigned, {} not matching what was before them, {} not checkable "
                  "(no good sector before them), {} against silence only; {} placed by independent reads, {} "
                  "not",
                  pass, jitter_shifted_, jitter_misaligned_, jitter_unanchored_, jitter_ambiguous_, jitter_placed_,
                  jitter_unplaced_));
  jitter_shifted_ = jitter_misaligned_ = jitter_unanchored_ = jitter_ambiguous_ = jitter_placed_ = jitter_unplaced_ = 0;
}

void Dumper::report(RipProgress::Phase phase, Lba lba, uint64_t done, uint64_t total, const Dump& dump) {
  if (!opt_.progress) return;
  // At most every 0.5% (and at the end): counting the states walks the whole dump.
  const uint64_t step = total / 200 + 1;
  if (done / step == last_report_ / step && done != total && done > last_report_) return;
  last_report_ = done;
  const DumpTally t = tally(dump, disc_);
  const Position p = disc_.locate(lba);
  opt_.progress(
      {phase, lba, done, total, t.c2, t.unreadable, p.area == Position::Area::Program ? p.track : uint8_t{0}});
}

DumpTally Dumper::read_pass(Dump& dump) {
  uint64_t total = 0, done = 0;
  for (const DumpState& s : dump.states())
    if (s.quality == DumpQuality::Unread) ++total;
  const int32_t overread = dump.manifest().lead_out_overread;
  for (const auto& [b, e] : readable_ranges(disc_, dump.first(), overread)) {
    // Each range ends with its session's lead-out and the sectors read past it.
    const Lba overread_start = overread > 0 ? e - overread : e;
    for (Lba lba = std::max(b, dump.first()); lba < std::min(e, dump.end());) {
      if (opt_.cancelled && opt_.cancelled())
        throw RipStopped(fmt::format("cancelled at LBA {}; run the same command with --resume to continue", lba));
      // A run of unread sectors, at most a chunk: sectors already read are not read again (a
      // re-read would replace them with a read that may sit elsewhere on a jittery drive).
      const Lba stop = std::min(e, dump.end());
      if (dump.state(lba).quality != DumpQuality::Unread) {
        ++lba;
        continue;
      }
      // A run ends at the lead-out: what lies past it is read sector by sector below.
      const Lba run_end = lba < overread_start ? std::min(stop, overread_start) : stop;
      uint32_t count = 1;
      while (count < opt_.chunk && lba + static_cast<Lba>(count) < run_end &&
             dump.state(lba + static_cast<Lba>(count)).quality == DumpQuality::Unread)
        ++count;
      if (lba >= overread_start) {
        // Past the lead-out: sector by sector, a refusal just ends the overread - on a MediaTek
        // drive, after the lead-out sectors its cache holds have been taken from there.
        for (uint32_t i = 0; i < count; ++i) {
          const Lba l = lba + static_cast<Lba>(i);
          if (dump.state(l).quality != DumpQuality::Unread) continue;
          read_single(dump, l);
          if (dump.state(l).quality == DumpQuality::Unreadable &&
              drive_.quirks().lead_in == scsi::LeadInAccess::MediatekF1)
            read_leadout_cache(dump, overread_start, stop, l);
        }
      } else {
        read_chunk(dump, lba, count);
      }
      done += count;
      report(RipProgress::Phase::Read, lba + static_cast<Lba>(count) - 1, done, total, dump);
      lba += static_cast<Lba>(count);
    }
  }
  log_jitter("first pass");
  dump.manifest().updated = utc_now();
  dump.save_manifest();
  dump.sync();
  return tally(dump, disc_);
}

void Dumper::verify_pass(Dump& dump) {
  if (c2_) return;
  const auto pending = [&](Lba l) {
    const DumpState& st = dump.state(l);
    return st.quality == DumpQuality::Good && (st.flags & DumpState::kReadAsData) == 0 && st.reads < 2 && counted(l);
  };
  uint64_t total = 0, done = 0;
  for (Lba l = dump.first(); l < dump.end(); ++l) total += pending(l) ? 1 : 0;
  if (total == 0) return;
  log_.info(
      fmt::format("verify: no C2 pointers, so {} sector(s) read once are read a second time and compared", total));
  // Results are stored after the pass: until then every first read stays an anchor for the
  // second reads of the sectors after it (jitter), whatever its own second read showed.
  std::vector<std::pair<Lba, bool>> results;
  std::vector<uint8_t> held;
  for (const auto& [b, e] : readable_ranges(disc_, dump.first(), 0)) {
    const Lba stop = std::min(e, dump.end());
    for (Lba lba = std::max(b, dump.first()); lba < stop;) {
      if (opt_.cancelled && opt_.cancelled())
        throw RipStopped(fmt::format("cancelled during verify at LBA {}; run again with --resume", lba));
      if (!pending(lba)) {
        ++lba;
        continue;
      }
      uint32_t count = 1;
      while (count < opt_.chunk && lba + static_cast<Lba>(count) < stop && pending(lba + static_cast<Lba>(count)))
        ++count;
      Read r = read_audio(dump, lba, count);
      if (!r.result.ok()) handle_stop(r.result, lba);
      held.resize(size_t{count} * kMainSize);
      dump.load(lba, count, held, {});
      // Nothing before to align with (the start of a range): the second read must repeat the
      // first at some shift, as a whole.
      const bool whole = r.result.ok() && r.unchecked && !r.misaligned &&
                         repeats_at_some_shift(r.main, held, kMaxJitter, held.size() - kMainSize);
      for (uint32_t i = 0; i < count; ++i) {
        const auto at = static_cast<ptrdiff_t>(size_t{i} * kMainSize);
        const bool same = whole || (r.result.ok() && !r.misaligned && !r.unchecked &&
                                    std::equal(held.begin() + at, held.begin() + at + kMainSize, r.main.begin() + at));
        results.emplace_back(lba + static_cast<Lba>(i), same);
        if (!same)
          log_.detail(fmt::format(
              "verify LBA {}: {}", lba + static_cast<Lba>(i),
              r.result.ok() ? "the second read differs" : "the second read failed: " + r.result.describe()));
      }
      done += count;
      report(RipProgress::Phase::Verify, lba + static_cast<Lba>(count) - 1, done, total, dump);
      lba += static_cast<Lba>(count);
    }
  }
  uint64_t differ = 0;
  for (const auto& [l, same] : results) {
    DumpState st = dump.state(l);
    ++st.reads;
    if (!same) {
      st.quality = DumpQuality::C2Error;
      ++differ;
    }
    dump.store_states(l, {&st, 1});
  }
  log_jitter("verify");
  log_.info(fmt::format("verify: {} sector(s) read twice, {} differ (left for refine)", done, differ));
  dump.sync();
}

void Dumper::read_data_edges(Dump& dump) {
  // Sectors whose shifted stream can reach past an edge: the read offset plus a write offset of
  // up to +-2 sectors (pressings rarely exceed that), in whole sectors.
  const int32_t span = (std::abs(dump.manifest().read_offset) + 587) / 588 + 2;
  for (const Session& s : disc_.sessions) {
    if (s.tracks.empty()) continue;
    std::vector<Lba> lbas;
    const Track& first = s.tracks.front();
    const Track& last = s.tracks.back();
    const Lba begin = std::max(disc_.q_pregap_start(first.number), dump.first());
    if (first.is_data())
      for (Lba l = begin; l < begin + span; ++l) lbas.push_back(l);
    if (last.is_data())
      for (Lba l = s.leadout - span; l < s.leadout; ++l) lbas.push_back(l);
    for (const Lba l : lbas) {
      const std::string name = fmt::format("data-{}", l);
      if (dump.response(name)) continue;
      Read r = read(l, 1, true);
      if (!r.result.ok()) {
        handle_stop(r.result, l);
        log_.detail(fmt::format("LBA {}: data-type read for the edge copy failed: {}", l, r.result.describe()));
        continue;
      }
      dump.save_response(name, r.main);
    }
  }
}

// `n` sectors from `first` read with D8 (main channel and raw P-W), 24 a command, sector by
// sector where a run fails, into `out` (2448 bytes a sector: main then sub); sectors the drive
// will not give stay zeros. Returns how many those are.
uint32_t Dumper::read_d8(Lba first, uint32_t n, std::span<uint8_t> out) {
  constexpr uint32_t kRun = 24;
  std::vector<uint8_t> main(size_t{kRun} * kMainSize), sub(size_t{kRun} * kSubSize);
  uint32_t failed = 0;
  const auto keep = [&](uint32_t at, uint32_t count) {
    for (uint32_t i = 0; i < count; ++i) {
      uint8_t* o = out.data() + size_t{at + i} * kLeadInSectorSize;
      std::copy_n(main.data() + size_t{i} * kMainSize, kMainSize, o);
      std::copy_n(sub.data() + size_t{i} * kSubSize, kSubSize, o + kMainSize);
    }
  };
  for (uint32_t at = 0; at < n;) {
    if (opt_.cancelled && opt_.cancelled())
      throw RipStopped(fmt::format("cancelled at lead-in LBA {}; run the same command with --resume to continue",
                                   first + static_cast<Lba>(at)));
    const uint32_t count = std::min(kRun, n - at);
    const Lba lba = first + static_cast<Lba>(at);
    CommandResult r = drive_.read_cdda(lba, count, main, sub);
    if (r.ok()) {
      keep(at, count);
    } else {
      handle_stop(r, lba);
      for (uint32_t i = 0; i < count; ++i) {
        r = drive_.read_cdda(lba + static_cast<Lba>(i), 1, main, sub);
        if (r.ok()) {
          keep(at + i, 1);
        } else {
          handle_stop(r, lba + static_cast<Lba>(i));
          ++failed;
          log_.detail(fmt::format("lead-in LBA {}: {}", lba + static_cast<Lba>(i), r.describe()));
        }
      }
    }
    at += count;
  }
  return failed;
}

void Dumper::read_leadin(Dump& dump) {
  if (drive_.quirks().lead_in != scsi::LeadInAccess::PlextorD8) return;
  if (disc_.sessions.empty() || disc_.sessions.front().tracks.empty()) return;
  const auto done = [&](bool failed, const std::string& what) {
    dump.manifest().notes.push_back(what);
    dump.save_manifest();
    if (failed)
      log_.warn(what);
    else
      log_.info(what);
  };
  // Session 1's lead-in ends where the disc's time starts (00:00:00, LBA -150), whatever the TOC
  // says of track 1 (its index 1 can lie later: hidden track one audio).
  const Session& s1 = disc_.sessions.front();
  const Lba first = s1.leadin_start ? *s1.leadin_start : Lba{-150} - kLeadInSectors;
  const Lba end = dump.first();
  if (!dump.manifest().leadin_first && first < end) {
    const auto n = static_cast<uint32_t>(end - first);
    std::vector<uint8_t> out(size_t{n} * kLeadInSectorSize, 0);
    const uint32_t failed = read_d8(first, n, out);
    dump.save_response("leadin", out);
    DumpManifest& m = dump.manifest();
    m.leadin_first = first;
    m.leadin_sectors = n;
    done(failed, fmt::format("lead-in LBA {} to {} ({} sectors) read with READ CDDA (D8) into leadin.bin{}", first,
                             end - 1, n, failed ? fmt::format(", {} sector(s) unreadable (zero-filled)", failed) : ""));
  }
  // Later sessions' lead-ins lie inside the dumped range, between the sessions: read into
  // main.bin and sub.bin at their own LBAs, as redumper keeps them (no pass reads them otherwise).
  for (size_t i = 1; i < disc_.sessions.size(); ++i) {
    const Session& s = disc_.sessions[i];
    if (s.tracks.empty()) continue;
    const Lba b = std::max(disc_.leadin_start(s), dump.first());
    const Lba e = std::min(disc_.q_pregap_start(s.tracks.front().number), dump.end());
    if (b >= e || dump.state(b).quality != DumpQuality::Unread) continue;
    const auto n = static_cast<uint32_t>(e - b);
    std::vector<uint8_t> out(size_t{n} * kLeadInSectorSize, 0);
    const uint32_t failed = read_d8(b, n, out);
    std::vector<uint8_t> main(size_t{n} * kMainSize), sub(size_t{n} * kSubSize);
    std::vector<DumpState> states(n);
    for (uint32_t k = 0; k < n; ++k) {
      const uint8_t* o = out.data() + size_t{k} * kLeadInSectorSize;
      std::copy_n(o, kMainSize, main.data() + size_t{k} * kMainSize);
      std::copy_n(o + kMainSize, kSubSize, sub.data() + size_t{k} * kSubSize);
      const bool zero = std::all_of(o, o + kLeadInSectorSize, [](uint8_t x) { return x == 0; });
      // A sector the drive would not give stays unread: the split synthesises its subchannel.
      states[k] = {zero ? DumpQuality::Unread : DumpQuality::Good, 0, static_cast<uint16_t>(zero ? 0 : 1)};
    }
    dump.store(b, n, main, sub, states);
    done(failed, fmt::format("session {} lead-in LBA {} to {} ({} sectors) read with READ CDDA (D8) into main.bin and "
                             "sub.bin{}",
                             s.number, b, e - 1, n, failed ? fmt::format(", {} sector(s) unreadable", failed) : ""));
  }
}

void Dumper::refine_pass(Dump& dump) {
  std::vector<Lba> todo;
  for (Lba lba = dump.first(); lba < dump.end(); ++lba) {
    const DumpQuality q = dump.state(lba).quality;
    if ((q == DumpQuality::C2Error || q == DumpQuality::Unreadable) && counted(lba)) todo.push_back(lba);
  }
  if (todo.empty()) return;
  const auto& id = drive_.identity();
  const std::string drive_name = fmt::format("{} {} {}", id.vendor, id.product, id.revision);
  log_.info(fmt::format("refine: {} sector(s) to re-read, up to {} time(s) each, on {}", todo.size(), opt_.retries,
                        drive_name));
  std::vector<Lba> recovered;
  uint64_t done = 0;
  for (const Lba lba : todo) {
    if (opt_.cancelled && opt_.cancelled())
      throw RipStopped(fmt::format("cancelled during refine at LBA {}; run again with --resume", lba));
    DumpState st = dump.state(lba);
    std::vector<uint8_t> last_c2_main;
    if (!c2_ && st.quality == DumpQuality::C2Error) {  // verify found two reads that differ:
      last_c2_main.resize(kMainSize);                  // a re-read must agree with one of them
      dump.load(lba, 1, last_c2_main, {});
    }
    bool accepted = false;
    std::string outcome;
    for (int attempt = 1; attempt <= opt_.retries && !accepted; ++attempt) {
      defeat_cache(lba);
      const bool as_data = !data_as_audio_ && in_data_track(lba);
      Read r = as_data ? read(lba, 1, true) : read_audio(dump, lba, 1);
      ++st.reads;
      if (!r.result.ok()) {
        handle_stop(r.result, lba);
        outcome = r.result.describe();
        log_.detail(fmt::format("refine LBA {} read {}: {}", lba, st.reads, outcome));
        continue;
      }
      st.flags = as_data ? DumpState::kReadAsData : r.gap ? DumpState::kUnanchored : 0;
      if (r.misaligned) {
        outcome = "the read does not repeat the sector before it at any shift (jitter or damage)";
        log_.detail(fmt::format("refine LBA {} read {}: {}", lba, st.reads, outcome));
        continue;
      }
      // A read that could not be checked for jitter counts like one with C2 errors: only two
      // identical reads accept it.
      // Without C2 pointers nothing shows damage in a single read: only agreement accepts.
      const bool c2 = (c2_ && any_c2(r.c2)) || r.unchecked || (!c2_ && !as_data);
      if (!c2 || (!last_c2_main.empty() && last_c2_main == r.main)) {
        st.quality = DumpQuality::Good;
        dump.store(lba, 1, r.main, r.sub, {&st, 1});
        accepted = true;
        recovered.push_back(lba);
        log_.info(fmt::format("refine LBA {}: good after {} read(s) ({})", lba, st.reads,
                              c2        ? "two reads agree"
                              : as_data ? "read as data: the drive's EDC/ECC check passed"
                              : jitter_ ? "read without C2 errors, aligned with the sector before"
                                        : "read without C2 errors"));
        break;
      }
      outcome = c2_ && any_c2(r.c2) ? "C2 errors"
                : r.unchecked       ? "not checkable for jitter, no second read agreed"
                                    : "no C2 pointers, and no two reads agree yet";
      log_.detail(fmt::format("refine LBA {} read {}: {}", lba, st.reads, outcome));
      last_c2_main = r.main;
      if (st.quality == DumpQuality::Unreadable) {
        st.quality = DumpQuality::C2Error;  // damaged bytes beat no bytes
        dump.store(lba, 1, r.main, r.sub, {&st, 1});
      }
    }
    if (!accepted) {
      dump.store_states(lba, {&st, 1});
      log_.warn(fmt::format("refine LBA {}: still {} after {} read(s) ({})", lba,
                            st.quality == DumpQuality::C2Error ? "C2-damaged" : "unreadable", st.reads, outcome));
    }
    report(RipProgress::Phase::Refine, lba, ++done, todo.size(), dump);
  }
  if (!recovered.empty())
    log_.info(
        fmt::format("refine: recovered {} sector(s) (drive LBAs): {}", recovered.size(), fmt::join(recovered, ", ")));
  log_.info(fmt::format("refine: {} of {} sector(s) still not good", todo.size() - recovered.size(), todo.size()));
  dump.manifest().notes.push_back(
      fmt::format("{} refine on {} (serial {}), up to {} read(s): {} sector(s) re-read, {} "
                  "recovered, {} still not good",
                  utc_now(), drive_name, id.serial.empty() ? "none" : id.serial, opt_.retries, todo.size(),
                  recovered.size(), todo.size() - recovered.size()));
  dump.save_manifest();
  log_jitter("refine");
}

DumpTally Dumper::refine(Dump& dump) {
  refine_pass(dump);
  // Runs read after a bad sector: now that the sectors before them may be good, align them
  // (each round can leave new bad sectors, hence a few rounds).
  for (int round = 0; round < 3 && restitch(dump); ++round) {
    read_pass(dump);
    refine_pass(dump);
  }
  dump.manifest().updated = utc_now();
  dump.save_manifest();
  dump.sync();
  return tally(dump, disc_);
}

// Each run that starts with a kUnanchored sector whose sector before is good now: an anchored
// read of its first sectors either repeats what the dump holds (the run was in place: the flag
// goes) or not (the run is set unread, to be read again anchored). Returns true when any run
// was set unread.
bool Dumper::restitch(Dump& dump) {
  bool reread = false;
  for (Lba s = dump.first() + 1; s < dump.end(); ++s) {
    DumpState st = dump.state(s);
    if ((st.flags & DumpState::kUnanchored) == 0 || dump.state(s - 1).quality != DumpQuality::Good) continue;
    Lba e = s + 1;
    while (e < dump.end() && dump.state(e).quality == DumpQuality::Good &&
           (dump.state(e).flags & (DumpState::kUnanchored | DumpState::kReadAsData)) == 0)
      ++e;
    const auto n = static_cast<uint32_t>(std::min<Lba>(e - s, kMaxAnchor));
    Read r = read_audio(dump, s, n);
    if (!r.result.ok() || r.misaligned || r.unchecked) {
      handle_stop(r.result, s);
      log_.detail(fmt::format("LBA {}: cannot align the run after the bad sectors yet", s));
      continue;
    }
    std::vector<uint8_t> held(size_t{n} * kMainSize);
    dump.load(s, n, held, {});
    if (held == r.main) {
      st.flags &= static_cast<uint8_t>(~DumpState::kUnanchored);
      dump.store_states(s, {&st, 1});
      log_.info(fmt::format("LBA {}..{}: aligned with the sectors before it (it was read in place)", s, e - 1));
      continue;
    }
    log_.info(
        fmt::format("LBA {}..{}: read off its place after the bad sectors (jitter); reading it again "
                    "aligned with the sectors before it",
                    s, e - 1));
    std::vector<DumpState> states(static_cast<size_t>(e - s));
    for (Lba l = s; l < e; ++l) states[static_cast<size_t>(l - s)] = {DumpQuality::Unread, 0, dump.state(l).reads};
    dump.store_states(s, states);
    reread = true;
  }
  return reread;
}

DumpTally Dumper::tally(const Dump& dump, const Disc& disc) {
  DumpTally t;
  for (const auto& [b, e] : readable_ranges(disc, 0, 0))
    for (Lba lba = std::max(b, dump.first()); lba < std::min(e, dump.end()); ++lba) switch (dump.state(lba).quality) {
        case DumpQuality::Good: ++t.good; break;
        case DumpQuality::C2Error: ++t.c2; break;
        case DumpQuality::Unreadable: ++t.unreadable; break;
        case DumpQuality::Unread: ++t.unread; break;
      }
  for (const auto& [b, e] : readable_ranges(disc, 0, 0))
    for (Lba lba = std::max(b, dump.first()); lba < std::min(e, dump.end()); ++lba)
      if (dump.state(lba).flags & DumpState::kUnanchored) ++t.unaligned;
  // A dump made by this program covers LBA 0 to the last lead-out; one cut short (or edited) does
  // not: what it lacks from LBA 0 on was never read. (Before LBA 0 a drive reads only so far.)
  for (const auto& [b, e] : readable_ranges(disc, 0, 0)) {
    const int64_t lo = std::max<int64_t>(b, 0), hi = e;
    const int64_t inside =
        std::max<int64_t>(0, std::min<int64_t>(hi, dump.end()) - std::max<int64_t>(lo, dump.first()));
    if (hi > lo) t.unread += static_cast<uint64_t>(hi - lo - inside);
  }
  return t;
}

}  // namespace dw::rip

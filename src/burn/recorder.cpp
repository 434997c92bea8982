#include "burn/recorder.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <chrono>
#include <thread>

#include "burn/raw_plan.hpp"
#include "scsi/mmc_cdb.hpp"
#include "scsi/mmc_misc.hpp"
#include "scsi/mmc_mode.hpp"

namespace dw::burn {

namespace {

using scsi::CommandResult;
using scsi::Direction;
using scsi::SenseClass;

// One WRITE carries up to 1 MiB: as much as the transport takes (64 KiB on most; Linux SG_IO
// often 512 KiB or more) and never more than half the drive's buffer. Each command costs the
// drive some time that larger WRITEs spread over more blocks (docs/performance.md "Burning").
constexpr size_t kMaxWriteBytes = 1024 * 1024;
constexpr int kBufferEveryWrites = 8;  // READ BUFFER CAPACITY once per this many WRITEs

std::string hex(std::span<const uint8_t> b) {
  std::string s;
  for (size_t i = 0; i < b.size(); ++i) s += fmt::format("{}{:02X}", i ? " " : "", b[i]);
  return s;
}

// The outcome of a command for the log: status, sense in words and the sense bytes.
std::string outcome(const CommandResult& r) {
  std::string s = r.describe();
  if (!r.sense_bytes.empty()) s += " [sense " + hex(r.sense_bytes) + "]";
  return s;
}

SenseClass class_of(const CommandResult& r) { return scsi::classify(r.sense); }

bool refused_parameters(const CommandResult& r) {
  return r.transport == scsi::TransportError::None && class_of(r) == SenseClass::InvalidParameter;
}

const char* mode_class(TrackMode m) {
  switch (m) {
    case TrackMode::Audio: return "audio";
    case TrackMode::Mode1: return "Mode 1";
    case TrackMode::Mode0: return "Mode 0";
    default: return "Mode 2";
  }
}

const char* status_text(scsi::DiscStatus s) {
  switch (s) {
    case scsi::DiscStatus::Empty: return "blank";
    case scsi::DiscStatus::Incomplete: return "written, not finalised";
    case scsi::DiscStatus::Complete: return "written and finalised";
    default: return "in an unknown state";
  }
}

}  // namespace

std::vector<std::string> compare_with_plan(const BurnPlan& plan, const Disc& recorded) {
  std::vector<std::string> diff;
  const Disc& want = plan.disc;
  if (recorded.sessions.size() != want.sessions.size()) {
    diff.push_back(
        fmt::format("the disc has {} session(s), the plan {}", recorded.sessions.size(), want.sessions.size()));
    return diff;
  }
  const Session& s = recorded.sessions.at(plan.session - 1u);
  const Session& w = plan.recorded_session();
  if (s.tracks.size() != w.tracks.size())
    diff.push_back(fmt::format("the disc has {} tracks, the plan {}", s.tracks.size(), w.tracks.size()));
  for (size_t i = 0; i < std::min(s.tracks.size(), w.tracks.size()); ++i) {
    const Track& a = s.tracks[i];
    const Track& b = w.tracks[i];
    if (a.number != b.number) diff.push_back(fmt::format("track {} is numbered {}", b.number, a.number));
    if (a.start() != b.start())
      diff.push_back(fmt::format("track {} starts at LBA {}, planned {}", b.number, a.start(), b.start()));
    if (a.control.bits != b.control.bits)
      diff.push_back(fmt::format("track {} has CONTROL {:X}, planned {:X}", b.number, a.control.bits, b.control.bits));
    if (std::string(mode_class(a.mode)) != mode_class(b.mode))
      diff.push_back(fmt::format("track {} is {}, planned {}", b.number, mode_class(a.mode), mode_class(b.mode)));
    if (a.isrc != b.isrc) diff.push_back(fmt::format("track {} has ISRC '{}', planned '{}'", b.number, a.isrc, b.isrc));
  }
  if (s.leadout != w.leadout)
    diff.push_back(fmt::format("{}the lead-out is at LBA {}, planned {}",
                               want.sessions.size() > 1 ? fmt::format("session {}: ", plan.session) : "", s.leadout,
                               w.leadout));
  if (recorded.mcn != want.mcn) diff.push_back(fmt::format("the MCN is '{}', planned '{}'", recorded.mcn, want.mcn));
  if (recorded.cdtext != want.cdtext)
    diff.push_back(recorded.cdtext.empty() ? "the disc has no CD-Text, planned some"
                                           : "the CD-Text differs from the plan's");
  return diff;
}

Recorder::Recorder(scsi::Drive& drive, Log log) : drive_(drive), log_(std::move(log)) {
  if (!log_) log_ = [](LogLevel, const std::string&) {};
}

CommandResult Recorder::send(const std::vector<uint8_t>& cdb, Direction dir, std::span<uint8_t> data) {
  return drive_.send(cdb, dir, data);
}

void Recorder::check_media(const BurnPlan& plan, const RecorderOptions& opt, BurnResult& res) {
  const CommandResult ready = drive_.wait_ready();
  if (!ready.ok()) {
    log_(LogLevel::Detail, "TEST UNIT READY: " + outcome(ready));
    if (class_of(ready) == SenseClass::NoMedium)
      throw BurnError(BurnError::Kind::Media, "there is no disc in the drive");
    throw BurnError(BurnError::Kind::Drive, "the drive is not ready: " + ready.describe());
  }
  const scsi::MediaInfo media = drive_.media();
  log_(LogLevel::Info, fmt::format("medium: {} (profile {:04X})", media.profile_name, media.profile));
  if (media.profile != 0 && media.profile != 0x0009 && media.profile != 0x000A)
    throw BurnError(BurnError::Kind::Media,
                    fmt::format("the disc in the drive is a {}: disc-at-once burning needs a CD-R or CD-RW",
                                media.profile_name.empty() ? "disc of an unknown kind" : media.profile_name));
  const scsi::DriveCapabilities& caps = drive_.capabilities();
  if (!caps.profiles.empty()) {
    if (!caps.cd_write) throw BurnError(BurnError::Kind::Drive, "the drive cannot write CDs");
    if (!opt.raw && !caps.sao) throw BurnError(BurnError::Kind::Drive, "the drive cannot write disc-at-once (SAO)");
    if (opt.raw && !caps.raw)
      throw BurnError(BurnError::Kind::Drive,
                      "the drive cannot write RAW (its CD Mastering feature has no raw writing): use --mode sao");
    if (opt.simulate && !caps.test_write)
      throw BurnError(BurnError::Kind::Drive, "the drive cannot simulate a burn (it has no test write)");
  }
  CommandResult r;
  const auto info = drive_.disc_information(&r);
  if (!info) {
    log_(LogLevel::Detail, "READ DISC INFORMATION: " + outcome(r));
    throw BurnError(BurnError::Kind::Drive, "the drive does not say whether the disc is blank: " + r.describe());
  }
  if (info->status != scsi::DiscStatus::Empty)
    throw BurnError(BurnError::Kind::Media,
                    fmt::format("the disc is not blank (it is {}){}", status_text(info->status),
                                info->erasable ? ": blank it first with `discwright blank DEVICE`" : ""));
  const auto atip = drive_.atip(&r);
  std::optional<Lba> leadin, last;
  medium_ = RawMedium{};
  if (atip) {
    leadin = atip->lead_in_lba();
    last = msf_to_lba(atip->last_lead_out_start);
    medium_.special_info = atip->special_info;
  } else {
    log_(LogLevel::Detail, "READ TOC format 4 (ATIP): " + outcome(r) + "; using READ DISC INFORMATION");
  }
  if (!leadin) leadin = info->lead_in_lba();
  if (!last) last = msf_to_lba(info->last_possible_lead_out);
  if (!leadin || !last)
    throw BurnError(BurnError::Kind::Media, "the disc reports no lead-in start or capacity (ATIP): is it blank media?");
  res.leadin_start = medium_.first_leadin = *leadin;
  res.last_leadout = medium_.last_leadout = *last;
  log_(LogLevel::Info, fmt::format("ATIP: lead-in at LBA {} ({}), last possible lead-out at LBA {} ({}), {}", *leadin,
                                   msf_label(*leadin), *last, msf_label(*last), info->erasable ? "CD-RW" : "CD-R"));
  log_(LogLevel::Info,
       fmt::format("the image needs {} blocks (lead-out at LBA {}, {}); the disc holds {}", plan.program_blocks(),
                   plan.leadout, msf_label(plan.leadout), int64_t{*last} + kPregapSectors));
  if (plan.leadout > *last) {
    const int64_t over = int64_t{plan.leadout} - *last;
    if (!opt.overburn)
      throw BurnError(BurnError::Kind::Media,
                      fmt::format("the image does not fit on the disc: it needs {} sectors, the disc holds {} ({} "
                                  "sectors too many); --overburn writes past the disc's end, which many drives "
                                  "refuse and which may fail near the rim",
                                  plan.program_blocks(), int64_t{*last} + kPregapSectors, over));
    log_(LogLevel::Warn, fmt::format("overburning: {} sectors past the disc's last possible lead-out", over));
  }
}

void Recorder::set_write_parameters(const BurnPlan& plan, const RecorderOptions& opt, BurnResult& res, RawStream* raw) {
  const scsi::DriveCapabilities& caps = drive_.capabilities();
  bool bufe = opt.bufe;
  if (bufe && !caps.profiles.empty() && !caps.bufe) {
    log_(LogLevel::Warn, "the drive has no buffer-underrun protection (BURN-Free): writing without it");
    bufe = false;
  }
  // Some drives want block type 3 when CD-Text rides in the lead-in (reference: try 3 then 0).
  // RAW: block type 3 (raw data + raw P-W, the stream's own form), then 2 (packed P-W), then 1
  // (P-Q only) for recorders that refuse the others - the last only when R-W carries nothing.
  std::vector<uint8_t> block_types = opt.raw ? std::vector<uint8_t>{kRawBlockType, kRawPackedBlockType, kRawPqBlockType}
                                     : plan.cdtext.empty() ? std::vector<uint8_t>{0}
                                                           : std::vector<uint8_t>{3, 0};
  const char* type_name = opt.raw ? "RAW" : "SAO";
  std::vector<uint8_t> refused;
  std::optional<std::optional<std::string>> rw_content;  // checked once, before block type 1
  for (int attempt = 0; attempt < 2; ++attempt) {
    refused.clear();
    for (uint8_t bt : block_types) {
      if (opt.raw && bt == kRawPqBlockType) {
        if (!rw_content) rw_content = raw ? raw->rw_content() : std::nullopt;
        if (*rw_content) {
          log_(LogLevel::Warn, fmt::format("not trying RAW block type 1 (raw + P-Q, no R-W): {}", **rw_content));
          continue;
        }
      }
      scsi::WriteParametersPage page;
      page.write_type = opt.raw ? 3 : 2;  // RAW : SAO
      page.test_write = opt.simulate;
      page.bufe = bufe;
      page.data_block_type = bt;
      page.session_format = plan.session_format;
      page.track_mode = plan.recorded_session().tracks.front().control.bits;
      page.multisession = plan.last_session ? 0 : 3;  // 11b: the next session may follow
      page.audio_pause_length = 150;
      auto params = scsi::mode_select_parameters(scsi::build_write_parameters_page(page));
      const CommandResult r =
          send(scsi::cdb::mode_select10(static_cast<uint16_t>(params.size())), Direction::ToDevice, params);
      log_(LogLevel::Detail,
           fmt::format("MODE SELECT page 05 ({}, block type {}, BUFE {}, test write {}, session "
                       "format {:02X}, multisession {}): {}",
                       type_name, bt, bufe ? "on" : "off", opt.simulate ? "on" : "off", plan.session_format,
                       plan.last_session ? "00 (close)" : "11 (open next)", outcome(r)));
      if (r.ok()) {
        res.bufe = bufe;
        res.block_type = bt;
        if (opt.raw)
          res.block_type_reason =
              refused.empty() ? fmt::format("the drive accepted block type {} (raw P-W), the first tried", bt)
              : bt == kRawPackedBlockType
                  ? "the drive refused block type 3 (raw P-W): sending packed P-W (block type 2), the recorder "
                    "interleaves R-W itself"
                  : "the drive refused block types 3 and 2: sending raw + P-Q (block type 1); the image's R-W is "
                    "empty, so nothing is lost but the odd bits of P (written as whole-sector flags)";
        log_(LogLevel::Info, fmt::format("write parameters: {}, block type {}, BURN-Free {}{}", type_name, bt,
                                         bufe ? "on" : "off", opt.simulate ? ", test write (simulation)" : ""));
        if (opt.raw) log_(LogLevel::Info, "RAW block type " + std::to_string(bt) + ": " + res.block_type_reason);
        return;
      }
      // A drive that does not know a RAW block type may call the field invalid (05/24/00) instead.
      const bool refused_block =
          opt.raw && r.transport == scsi::TransportError::None && class_of(r) == SenseClass::InvalidCdbField;
      if (!refused_parameters(r) && !refused_block)
        throw BurnError(BurnError::Kind::Drive,
                        "the drive refused the write parameters (mode page 05): " + r.describe());
      refused.push_back(bt);
    }
    if (!bufe) break;
    log_(LogLevel::Warn, "the drive refused the write parameters with BURN-Free on: trying without it");
    bufe = false;
  }
  if (opt.raw && rw_content && *rw_content)
    throw BurnError(BurnError::Kind::Drive,
                    fmt::format("the drive refused RAW block types 3 (raw P-W) and 2 (packed P-W); block type 1 "
                                "(raw + P-Q) would drop the R-W subchannel, and {}: not burning. Use --mode sao "
                                "(the drive writes its own subchannel)",
                                **rw_content));
  throw BurnError(
      BurnError::Kind::Drive,
      fmt::format("the drive refused every variant of the {} write parameters (mode page 05, 05/26/00)", type_name));
}

// OPC: SEND OPC INFORMATION with DoOpc before the first block, as cdrdao does, so that a disc the
// laser cannot be set for is refused before anything is written. A drive without the command
// calibrates on its own when writing starts.
void Recorder::calibrate(BurnResult& res) {
  const CommandResult r = send(scsi::cdb::send_opc_information(true));
  log_(LogLevel::Info, "power calibration (SEND OPC INFORMATION, DoOpc): " + outcome(r));
  if (r.ok()) {
    res.opc = "done";
    return;
  }
  switch (class_of(r)) {
    case SenseClass::PowerCalibration:
      throw BurnError(BurnError::Kind::Media,
                      "power calibration failed: the drive could not set its laser power for this disc, and nothing "
                      "was written (try a lower --speed or another brand of disc)");
    case SenseClass::InvalidOpcode:
    case SenseClass::InvalidCdbField:
    case SenseClass::IllegalRequest:
      res.opc = "not supported";
      log_(LogLevel::Info, "the drive does not take SEND OPC INFORMATION: it calibrates when writing starts");
      return;
    default:
      res.opc = "failed: " + r.describe();
      log_(LogLevel::Warn,
           "power calibration did not complete (" + r.describe() + "): the drive calibrates again when writing starts");
  }
}

void Recorder::send_cue_sheet(const BurnPlan& plan, BurnResult& res) {
  std::vector<CueVariant> variants{CueVariant::Standard};
  const auto& tracks = plan.recorded_session().tracks;
  if (std::any_of(tracks.begin(), tracks.end(), [](const Track& t) { return !t.isrc.empty() && t.control.bits != 0; }))
    variants.push_back(CueVariant::IsrcWithoutCtl);
  if (!plan.cdtext.empty()) variants.push_back(CueVariant::CdTextAtLeadInStart);
  const std::vector<uint8_t> gapless = plan.tracks_without_pregap();
  if (!gapless.empty()) variants.push_back(CueVariant::PregapOfOneBlock);
  for (CueVariant v : variants) {
    std::vector<uint8_t> sheet = plan.cue_sheet(v, res.leadin_start);
    log_(LogLevel::Detail, fmt::format("cue sheet ({}), {} entries:", to_string(v), sheet.size() / 8));
    for (size_t i = 0; i < sheet.size(); i += 8)
      log_(LogLevel::Detail, "  " + hex(std::span<const uint8_t>(sheet).subspan(i, 8)));
    const CommandResult r =
        send(scsi::cdb::send_cue_sheet(static_cast<uint32_t>(sheet.size())), Direction::ToDevice, sheet);
    log_(LogLevel::Info, fmt::format("SEND CUE SHEET ({}): {}", to_string(v), outcome(r)));
    if (r.ok()) {
      res.cue_variant = v;
      if (v == CueVariant::PregapOfOneBlock)
        log_(LogLevel::Warn,
             fmt::format("the drive took the cue sheet only with a pregap of one block before track(s) {}: in Q, "
                         "the last block before each of them carries its number, index 00 (the audio and data "
                         "written are the image's)",
                         fmt::join(gapless, ", ")));
      return;
    }
    if (!refused_parameters(r))
      throw BurnError(BurnError::Kind::Drive, "the drive refused the cue sheet: " + r.describe());
  }
  throw BurnError(BurnError::Kind::Drive,
                  "the drive refused every cue sheet variant (05/26/00): nothing was written. The log lists the "
                  "cue sheets sent");
}

std::optional<double> Recorder::buffer_fill() {
  std::vector<uint8_t> reply(12);
  const CommandResult r = send(scsi::cdb::read_buffer_capacity(false, 12), Direction::FromDevice, reply);
  if (!r.ok()) return std::nullopt;
  const auto cap = scsi::parse_buffer_capacity(reply);
  if (cap.buffer_length == 0) return std::nullopt;
  return 1.0 - static_cast<double>(std::min(cap.blank_length, cap.buffer_length)) / cap.buffer_length;
}

size_t Recorder::max_write_bytes() {
  size_t bytes = std::min(kMaxWriteBytes, drive_.transport().max_transfer());
  std::vector<uint8_t> reply(12);
  const CommandResult r = send(scsi::cdb::read_buffer_capacity(false, 12), Direction::FromDevice, reply);
  if (r.ok()) {
    const auto cap = scsi::parse_buffer_capacity(reply);
    if (cap.buffer_length >= 2 * kRawBlockSize) bytes = std::min<size_t>(bytes, cap.buffer_length / 2);
  }
  log_(LogLevel::Detail,
       fmt::format("WRITEs of up to {} bytes (transport limit {})", bytes, drive_.transport().max_transfer()));
  return bytes;
}

void Recorder::fail_write(const CommandResult& r, Lba lba) {
  log_(LogLevel::Warn, fmt::format("WRITE at LBA {}: {}", lba, outcome(r)));
  if (r.transport == scsi::TransportError::Timeout)
    throw BurnError(BurnError::Kind::Failed,
                    fmt::format("the drive stopped answering while writing LBA {}: the disc is probably spoiled", lba));
  if (r.transport != scsi::TransportError::None)
    throw BurnError(BurnError::Kind::Failed,
                    fmt::format("the drive went away while writing LBA {} ({})", lba, scsi::to_string(r.transport)));
  switch (class_of(r)) {
    case SenseClass::BufferUnderrun:
      throw BurnError(BurnError::Kind::Failed,
                      fmt::format("buffer underrun at LBA {}: the drive ran out of data to write (BURN-Free was off "
                                  "or could not help); the disc is spoiled",
                                  lba));
    case SenseClass::PowerCalibration:
      throw BurnError(BurnError::Kind::Failed,
                      fmt::format("power calibration error at LBA {}: the drive could not set its laser power for "
                                  "this disc (try a lower --speed or another brand of disc)",
                                  lba));
    case SenseClass::WriteError:
      throw BurnError(
          BurnError::Kind::Failed,
          fmt::format("write error at LBA {}: the drive could not record it (a damaged or poor disc?)", lba));
    case SenseClass::NoMedium:
      throw BurnError(BurnError::Kind::Failed, fmt::format("the disc was removed during the burn (at LBA {})", lba));
    case SenseClass::MediumChanged:
      throw BurnError(BurnError::Kind::Failed,
                      fmt::format("the disc was changed or the tray opened during the burn (at LBA {})", lba));
    default:
      throw BurnError(BurnError::Kind::Failed, fmt::format("the drive refused to write LBA {}: {}", lba, r.describe()));
  }
}

void Recorder::write_one(Lba lba, uint32_t blocks, std::span<uint8_t> data, BurnResult& res) {
  // A drive whose buffer is full (or that calibrates its laser before the first block) says "long
  // write in progress" or "becoming ready": wait a little and send the same WRITE again, for up
  // to a minute.
  const auto start = std::chrono::steady_clock::now();
  for (int tries = 0;; ++tries) {
    const CommandResult r = send(scsi::cdb::write10(lba, static_cast<uint16_t>(blocks)), Direction::ToDevice, data);
    ++res.writes;
    if (r.ok()) break;
    const SenseClass c = class_of(r);
    if ((c == SenseClass::OperationInProgress || c == SenseClass::BecomingReady) &&
        std::chrono::steady_clock::now() - start < std::chrono::minutes(1)) {
      if (tries == 0) log_(LogLevel::Detail, fmt::format("WRITE at LBA {}: {}; waiting", lba, outcome(r)));
      std::this_thread::sleep_for(std::chrono::milliseconds(tries < 20 ? 2 : 20));
      continue;
    }
    fail_write(r, lba);
  }
  res.blocks_written += blocks;
}

void Recorder::write_blocks(const BurnPlan& plan, SectorSource& source, const RecorderOptions& opt, BurnResult& res) {
  const size_t max_bytes = max_write_bytes();
  std::vector<WriteRun> runs;
  if (!plan.cdtext.empty())
    runs.push_back({res.leadin_start, static_cast<uint32_t>(-kPregapSectors - res.leadin_start), form::kCdTextLeadIn, 0,
                    TrackMode::Audio});
  for (const WriteRun& r : plan.runs)
    if (r.block_size()) runs.push_back(r);
  std::vector<WriteStep> steps;
  BurnProgress prog;
  for (size_t k = 0; k < runs.size(); ++k) {
    const WriteRun& run = runs[k];
    const size_t bs = run.block_size();
    const auto per_write = static_cast<uint32_t>(std::min<size_t>(max_bytes / bs, 0xFFFF));
    for (Lba lba = run.first; lba < run.end();) {
      const uint32_t n = std::min<uint32_t>(per_write, static_cast<uint32_t>(run.end() - lba));
      steps.push_back({lba, n, size_t{n} * bs, k});
      lba += static_cast<Lba>(n);
    }
    prog.blocks_total += run.count;
  }
  std::vector<uint8_t> scratch;  // the reader thread's
  double max_fill = 0;
  const FifoStats stats = run_write_fifo(
      steps, opt.fifo_bytes,
      [&](const WriteStep& step, std::span<uint8_t> out) {
        const WriteRun& run = runs[step.tag];
        if (run.form == form::kCdTextLeadIn)
          cdtext_leadin_blocks(plan.cdtext, res.leadin_start, step.lba, step.blocks, out);
        else
          read_run_blocks(source, run, step.lba, step.blocks, out, scratch);
      },
      [&](const WriteStep& step, std::span<uint8_t> data, double fifo) {
        const WriteRun& run = runs[step.tag];
        if (step.lba == run.first) {
          if (run.form == form::kCdTextLeadIn)
            log_(LogLevel::Info,
                 fmt::format("writing the lead-in's CD-Text: {} blocks of R-W from LBA {}", run.count, run.first));
          else
            log_(LogLevel::Detail, fmt::format("track {} LBA {}-{}: data form {:02X}, {} bytes per block", run.track,
                                               run.first, run.end() - 1, run.form, run.block_size()));
        }
        prog.phase = run.form == form::kCdTextLeadIn ? BurnProgress::Phase::LeadIn : BurnProgress::Phase::Data;
        check_cancelled(opt, step.lba);
        write_one(step.lba, step.blocks, data, res);
        prog.fifo_fill = fifo;
        wrote(prog, step.lba + static_cast<Lba>(step.blocks), step.blocks, res, max_fill, opt);
      });
  report_fifo(stats, res);
  settle_buffer_report(max_fill, res);
}

void Recorder::report_fifo(const FifoStats& stats, BurnResult& res) {
  res.fifo = stats;
  log_(LogLevel::Info,
       fmt::format("host FIFO {} MiB: {} WRITEs, lowest fill {} after the first fill, the writer waited for it {} "
                   "time(s)",
                   stats.capacity >> 20, stats.steps,
                   stats.min_fill ? fmt::format("{:.0f}%", *stats.min_fill * 100) : "-", stats.empty));
}

void Recorder::check_cancelled(const RecorderOptions& opt, Lba lba) {
  if (opt.cancelled && opt.cancelled())
    throw BurnError(BurnError::Kind::Failed,
                    fmt::format("burn interrupted at LBA {}: the disc is incomplete (a CD-R is spoiled, a CD-RW "
                                "can be blanked and burned again)",
                                lba));
}

// After each WRITE: the progress, and every kBufferEveryWrites writes the drive's buffer fill
// (the lowest fill counted once the buffer had time to fill).
void Recorder::wrote(BurnProgress& prog, Lba next, uint32_t blocks, BurnResult& res, double& max_fill,
                     const RecorderOptions& opt) {
  prog.blocks_done += blocks;
  prog.lba = next;
  if (res.writes % kBufferEveryWrites == 0) {
    prog.buffer_fill = buffer_fill();
    if (prog.buffer_fill) max_fill = std::max(max_fill, *prog.buffer_fill);
    if (prog.buffer_fill && res.writes > 2 * kBufferEveryWrites)
      res.min_buffer_fill = std::min(res.min_buffer_fill.value_or(1.0), *prog.buffer_fill);
  }
  if (opt.progress) opt.progress(prog);
}

// A drive that says its buffer is empty after every write does not report its fill (or writes
// straight through): its "lowest fill" would only alarm.
void Recorder::settle_buffer_report(double max_fill, BurnResult& res) {
  if (max_fill <= 0 && res.min_buffer_fill) {
    res.min_buffer_fill.reset();
    log_(LogLevel::Info, "the drive reported its buffer empty throughout (it does not tell its fill)");
  }
}

void Recorder::write_raw(const BurnPlan& plan, RawStream& stream, const RecorderOptions& opt, BurnResult& res) {
  res.own_subchannel = stream.own_subchannel();
  for (const auto& n : stream.notes()) log_(LogLevel::Info, n);
  const size_t max_bytes = max_write_bytes();
  const size_t block_size = raw_block_size(res.block_type);
  const auto per_write = static_cast<uint32_t>(std::max<size_t>(1, max_bytes / block_size));
  std::vector<WriteStep> steps;
  for (Lba lba = stream.first(); lba < stream.end();) {
    // A WRITE never crosses the start of the program area or of the lead-out.
    Lba stop = stream.end();
    if (lba < plan.program_start)
      stop = plan.program_start;
    else if (lba < plan.leadout)
      stop = plan.leadout;
    const uint32_t n = std::min<uint32_t>(per_write, static_cast<uint32_t>(stop - lba));
    steps.push_back({lba, n, size_t{n} * block_size, 0});
    lba += static_cast<Lba>(n);
  }
  BurnProgress prog;
  prog.blocks_total = static_cast<uint64_t>(stream.blocks());
  double max_fill = 0;
  const FifoStats stats = run_write_fifo(
      steps, opt.fifo_bytes,
      [&](const WriteStep& step, std::span<uint8_t> out) { stream.read(step.lba, step.blocks, out, res.block_type); },
      [&](const WriteStep& step, std::span<uint8_t> data, double fifo) {
        if (step.lba == plan.program_start)
          log_(LogLevel::Detail,
               fmt::format("program area from LBA {}: {} blocks", step.lba, plan.leadout - plan.program_start));
        if (step.lba == plan.leadout) log_(LogLevel::Detail, fmt::format("lead-out from LBA {}", step.lba));
        prog.phase = step.lba < plan.program_start ? BurnProgress::Phase::LeadIn : BurnProgress::Phase::Data;
        check_cancelled(opt, step.lba);
        write_one(step.lba, step.blocks, data, res);
        prog.fifo_fill = fifo;
        wrote(prog, step.lba + static_cast<Lba>(step.blocks), step.blocks, res, max_fill, opt);
      });
  report_fifo(stats, res);
  settle_buffer_report(max_fill, res);
}

void Recorder::wait_until_ready(const char* what, const std::function<void(double)>& progress) {
  using clock = std::chrono::steady_clock;
  const auto start = clock::now();
  auto pause = std::chrono::milliseconds(20);
  while (true) {
    const CommandResult r = drive_.test_unit_ready();
    if (r.ok()) return;
    const SenseClass c = class_of(r);
    if (r.transport != scsi::TransportError::None || c == SenseClass::NoMedium) {
      log_(LogLevel::Warn, fmt::format("TEST UNIT READY while {}: {}", what, outcome(r)));
      throw BurnError(BurnError::Kind::Failed, fmt::format("the drive failed while {}: {}", what, r.describe()));
    }
    if (c != SenseClass::OperationInProgress && c != SenseClass::BecomingReady && c != SenseClass::NotReady &&
        c != SenseClass::UnitAttention && c != SenseClass::MediumChanged) {
      log_(LogLevel::Warn, fmt::format("TEST UNIT READY while {}: {}", what, outcome(r)));
      throw BurnError(BurnError::Kind::Failed,
                      fmt::format("the drive reported an error while {}: {}", what, r.describe()));
    }
    if (progress && r.sense.progress) progress(*r.sense.progress / 65536.0);
    if (clock::now() - start > std::chrono::minutes(30))
      throw BurnError(BurnError::Kind::Failed, fmt::format("the drive was not ready after 30 minutes of {}", what));
    std::this_thread::sleep_for(pause);
    pause = std::min(pause * 2, std::chrono::milliseconds(1000));
  }
}

void Recorder::finalise(const RecorderOptions& opt) {
  CommandResult r = send(scsi::cdb::synchronize_cache(true));
  log_(LogLevel::Info, "SYNCHRONIZE CACHE (IMMED): " + outcome(r));
  if (!r.ok() && class_of(r) == SenseClass::InvalidCdbField) {  // IMMED not allowed: wait in the command
    r = send(scsi::cdb::synchronize_cache(false));
    log_(LogLevel::Info, "SYNCHRONIZE CACHE: " + outcome(r));
  }
  if (!r.ok()) {
    switch (class_of(r)) {
      case SenseClass::BufferUnderrun:
      case SenseClass::WriteError:
      case SenseClass::PowerCalibration:
      case SenseClass::NoMedium: fail_write(r, 0);
      case SenseClass::SequenceError:
        throw BurnError(BurnError::Kind::Failed,
                        "the drive could not close the disc: it says blocks are missing (05/2C/00)");
      default: throw BurnError(BurnError::Kind::Failed, "the drive could not close the disc: " + r.describe());
    }
  }
  wait_until_ready(opt.simulate ? "ending the simulation" : "writing the lead-in and lead-out");
}

BurnResult Recorder::burn(const BurnPlan& plan, SectorSource& source, const RecorderOptions& opt) {
  return burn(std::span<const BurnPlan>(&plan, 1), source, opt);
}

// A later session starts where the drive says - in SAO its next writable address, in RAW the lead-in
// start READ DISC INFORMATION gives - and the image must have it there too (its data tracks'
// addresses are recorded in their headers and file systems). Returns where the session's first
// block goes (RAW: the lead-in start; SAO: the first pregap).
Lba Recorder::check_next_session(const BurnPlan& plan, bool raw) {
  CommandResult r;
  const auto info = drive_.disc_information(&r);
  if (!info) {
    log_(LogLevel::Warn, "READ DISC INFORMATION before session " + std::to_string(plan.session) + ": " + outcome(r));
    throw BurnError(BurnError::Kind::Failed, fmt::format("the drive does not describe the disc before session {}: {}",
                                                         plan.session, r.describe()));
  }
  if (info->status != scsi::DiscStatus::Incomplete || info->last_session_state != scsi::SessionState::Empty)
    throw BurnError(BurnError::Kind::Failed,
                    fmt::format("after session {} the disc is {}, not open for session {}: the drive did not "
                                "leave it appendable",
                                plan.session - 1, status_text(info->status), plan.session));
  if (raw) {
    // RAW: the host writes the new lead-in from where the drive puts it; the image's first pregap
    // must follow it after a lead-in of the standard length.
    const auto leadin = info->lead_in_lba();
    const Lba want = plan.program_start - kLeadInSectors;
    log_(LogLevel::Info, fmt::format("session {}: the disc is open (session {} empty), its lead-in starts at {} (READ "
                                     "DISC INFORMATION)",
                                     plan.session, info->sessions, leadin ? fmt::format("LBA {}", *leadin) : "?"));
    if (leadin != want)
      throw BurnError(BurnError::Kind::Failed,
                      fmt::format("the drive would start session {}'s lead-in at {}, but the image has its first "
                                  "pregap at LBA {}, which needs the lead-in ({} blocks) from LBA {}: the disc stays "
                                  "open with session {} complete; the rest cannot be burned as the image lays it out",
                                  plan.session, leadin ? fmt::format("LBA {}", *leadin) : "an address it does not give",
                                  plan.program_start, kLeadInSectors, want, plan.session - 1));
    return *leadin;
  }
  std::vector<uint8_t> reply(48);
  r = send(scsi::cdb::read_track_information(scsi::cdb::TrackAddress::Track, 0xFF), Direction::FromDevice, reply);
  std::optional<uint32_t> nwa;
  if (r.ok()) {
    try {
      nwa = scsi::parse_track_information(reply).next_writable;
    } catch (const std::exception& e) {
      log_(LogLevel::Warn, std::string("READ TRACK INFORMATION (invisible track): ") + e.what());
    }
  }
  log_(LogLevel::Info,
       fmt::format("session {}: the disc is open (session {} empty), next writable address {} (READ TRACK "
                   "INFORMATION: {})",
                   plan.session, info->sessions, nwa ? fmt::format("LBA {}", *nwa) : "not given", outcome(r)));
  // With SAO set, drives give the end of the new lead-in, where the host starts writing (cdrdao
  // relies on it); some give the first track's index 1, 150 blocks later, as in TAO.
  const auto at = nwa ? std::optional<Lba>(static_cast<Lba>(*nwa)) : std::nullopt;
  if (at == plan.program_start + kPregapSectors)
    log_(LogLevel::Info, "the drive gives the first track's index 1 as the next writable address (as in TAO)");
  if (at != plan.program_start && at != plan.program_start + kPregapSectors)
    throw BurnError(BurnError::Kind::Failed,
                    fmt::format("the drive would start session {} at {}, but the image has its first pregap at LBA {} "
                                "(index 1 at LBA {}): the disc stays open with session {} complete; the rest cannot "
                                "be burned as the image lays it out",
                                plan.session, at ? fmt::format("LBA {}", *at) : "an address it does not give",
                                plan.program_start, plan.program_start + kPregapSectors, plan.session - 1));
  return plan.program_start;
}

BurnResult Recorder::burn(std::span<const BurnPlan> plans, SectorSource& source, const RecorderOptions& opt) {
  if (plans.empty()) throw std::invalid_argument("Recorder::burn: no plan");
  const BurnPlan& last = plans.back();
  const scsi::DriveCapabilities& caps = drive_.capabilities();
  if (plans.size() > 1 && opt.raw && !caps.profiles.empty() && caps.raw && !caps.raw_multisession)
    throw BurnError(BurnError::Kind::Drive,
                    "the drive writes RAW but not RAW multisession (its CD Mastering feature says so): a "
                    "multisession image cannot be burned in RAW here; use --mode sao, which burns it session by "
                    "session (the drive writes P-W made from the TOC)");
  BurnResult res;
  res.simulated = opt.simulate;
  check_media(last, opt, res);
  // A simulation leaves the disc blank, so only the first session can be simulated: later ones
  // need it on the disc.
  const size_t sessions = opt.simulate ? 1 : plans.size();
  if (opt.simulate && plans.size() > 1)
    log_(LogLevel::Warn, fmt::format("simulating session 1 of {} only: a later session can only follow a session "
                                     "that is really on the disc",
                                     plans.size()));
  std::optional<RawStream> raw;
  drive_.lock(true);
  struct Unlock {
    scsi::Drive& d;
    ~Unlock() { d.lock(false); }
  } unlock{drive_};
  for (size_t k = 0; k < sessions; ++k) {
    const BurnPlan& plan = plans[k];
    if (opt.raw) {  // each session its own stream, from the lead-in start the drive gives
      const Lba leadin = k == 0 ? res.leadin_start : check_next_session(plan, true);
      try {
        raw.emplace(plan, source, leadin, plans.size() > 1 ? std::optional<RawMedium>(medium_) : std::nullopt);
      } catch (const PlanError& e) {
        throw BurnError(k == 0 ? BurnError::Kind::Media : BurnError::Kind::Failed, e.what());
      }
      set_write_parameters(plan, opt, res, &*raw);
    } else {
      set_write_parameters(plan, opt, res, nullptr);  // SAO set: the drive's NWA follows it
      if (k > 0) check_next_session(plan, false);
    }
    if (k == 0) {
      const CommandResult sp = drive_.set_speed(0, opt.speed_x);
      log_(sp.ok() ? LogLevel::Info : LogLevel::Warn,
           fmt::format("SET CD SPEED write {}: {}", opt.speed_x > 0 ? fmt::format("{}x", opt.speed_x) : "max",
                       outcome(sp)));
      if (!opt.simulate) calibrate(res);  // at the speed set; a test write has nothing to calibrate for
    }
    res.raw = opt.raw;
    if (plans.size() > 1) {
      const auto& t = plan.recorded_session().tracks;
      log_(LogLevel::Info,
           fmt::format("session {} of {}: {}, LBA {} to the lead-out at LBA {}{}", plan.session, plans.size(),
                       t.size() == 1 ? fmt::format("track {}", t.front().number)
                                     : fmt::format("tracks {}-{}", t.front().number, t.back().number),
                       plan.program_start, plan.leadout,
                       plan.last_session ? "; the disc is closed after it" : "; the disc is left open"));
    }
    if (opt.raw) {
      log_(LogLevel::Info, fmt::format("writing RAW from the lead-in start (LBA {}): no cue sheet", raw->first()));
      write_raw(plan, *raw, opt, res);
    } else {
      send_cue_sheet(plan, res);
      write_blocks(plan, source, opt, res);
    }
    log_(LogLevel::Info,
         fmt::format(
             "{} blocks sent in {} WRITE commands{}", res.blocks_written, res.writes,
             res.min_buffer_fill ? fmt::format("; lowest drive buffer fill {:.0f}%", *res.min_buffer_fill * 100) : ""));
    if (opt.progress) {
      BurnProgress p;
      p.phase = BurnProgress::Phase::Finalise;
      p.blocks_done = p.blocks_total = res.blocks_written;
      p.lba = plan.leadout;
      opt.progress(p);
    }
    finalise(opt);
  }
  if (opt.simulate) {
    CommandResult r;
    const auto info = drive_.disc_information(&r);
    if (!info || info->status != scsi::DiscStatus::Empty)
      throw BurnError(BurnError::Kind::Mismatch, "the simulation ended but the disc is no longer blank");
    log_(LogLevel::Info, "simulation complete: nothing was written, the disc is still blank");
    return res;
  }
  CommandResult r;
  auto disc = drive_.read_disc(&r);
  if (!disc) {
    log_(LogLevel::Warn, "READ TOC after the burn: " + outcome(r));
    throw BurnError(BurnError::Kind::Mismatch, "the burned disc's TOC cannot be read back: " + r.describe());
  }
  if (!drive_.capabilities().cdtext && !last.disc.cdtext.empty() && disc->cdtext.empty()) {
    log_(LogLevel::Warn, "the drive cannot read CD-Text: the lead-in's CD-Text is not checked");
    disc->cdtext = last.disc.cdtext;
  }
  std::vector<std::string> diff;
  for (const BurnPlan& plan : plans) {
    auto d = compare_with_plan(plan, *disc);
    diff.insert(diff.end(), d.begin(), d.end());
    if (!d.empty()) break;  // the disc-wide differences are said once
  }
  for (const auto& d : diff) log_(LogLevel::Warn, "read back: " + d);
  if (!diff.empty())
    throw BurnError(BurnError::Kind::Mismatch,
                    fmt::format("the burned disc does not read back as planned: {}", fmt::join(diff, "; ")));
  log_(LogLevel::Info, fmt::format("the disc's TOC{}, MCN, ISRCs and CD-Text read back as planned",
                                   plans.size() > 1 ? fmt::format(" ({} sessions)", plans.size()) : ""));
  res.recorded = std::move(*disc);
  return res;
}

void Recorder::blank(bool fast, const std::function<void(double)>& progress) {
  const CommandResult ready = drive_.wait_ready();
  if (!ready.ok()) {
    if (class_of(ready) == SenseClass::NoMedium)
      throw BurnError(BurnError::Kind::Media, "there is no disc in the drive");
    throw BurnError(BurnError::Kind::Drive, "the drive is not ready: " + ready.describe());
  }
  CommandResult r;
  const auto info = drive_.disc_information(&r);
  if (info && !info->erasable)
    throw BurnError(BurnError::Kind::Media, "the disc is not rewritable: only a CD-RW can be blanked");
  r = send(scsi::cdb::blank(fast ? scsi::cdb::BlankType::Minimal : scsi::cdb::BlankType::Full, true));
  log_(LogLevel::Info, fmt::format("BLANK ({}, IMMED): {}", fast ? "minimal" : "full", outcome(r)));
  if (!r.ok()) {
    if (class_of(r) == SenseClass::IncompatibleMedium)
      throw BurnError(BurnError::Kind::Media, "the drive cannot blank this disc (not a CD-RW?): " + r.describe());
    throw BurnError(BurnError::Kind::Drive, "the drive refused to blank the disc: " + r.describe());
  }
  wait_until_ready("blanking", progress);
  const auto after = drive_.disc_information(&r);
  if (!after || after->status != scsi::DiscStatus::Empty)
    throw BurnError(BurnError::Kind::Failed, "the drive finished blanking but the disc does not say it is blank");
  log_(LogLevel::Info, "the disc is blank");
}

}  // namespace dw::burn

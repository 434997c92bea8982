// `discwright rip DEVICE -o DIR`: drive -> dump -> images, hashes, DAT and a log; and
// `discwright split DUMP -o DIR`: the same outputs again from a kept dump.
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <functional>
#include <iostream>
#include <nlohmann/json.hpp>

#include "checksum/audio_verify.hpp"
#include "checksum/multihash.hpp"
#include "cli/audio_report.hpp"
#include "cli/commands.hpp"
#include "cli/device.hpp"
#include "cli/exit_codes.hpp"
#include "cli/image_outputs.hpp"
#include "cli/progress.hpp"
#include "cli/registry.hpp"
#include "disc/error.hpp"
#include "formats/image_verify.hpp"
#include "formats/output_file.hpp"
#include "rip/dump_source.hpp"
#include "rip/dumper.hpp"
#include "rip/dvd_dump.hpp"
#include "scsi/device_error.hpp"
#include "scsi/drive.hpp"
#include "scsi/virtual/virtual_drive.hpp"

namespace dw::cli {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::atomic<bool> g_interrupted{false};
extern "C" void on_interrupt(int) { g_interrupted = true; }

struct OutputOptions {
  std::string out_dir, name;
  std::vector<std::string> formats{"cue"};
  std::optional<int32_t> write_offset;
  bool force = false, json = false;
  bool accuraterip = false;  ///< query the AccurateRip database
  bool ctdb = false;         ///< query the CUETools database
};

struct RipOptions {
  std::string device;
  OutputOptions out;
  std::optional<int32_t> read_offset;
  int retries = 20;
  double speed = 0;
  bool resume = false;
  std::string refine;  ///< a dump folder to refine (--refine)
};

// What a format leaves out that is the usual case of a cue sheet rip: the subchannel (kept in the
// dump, and in --format ccd) and the damaged sectors (the verdict lists them). Logged, not warned
// about; the rest (a data track not in FLAC files, Form 2 sectors not in an ISO) is a warning.
// The verdict counts sectors as the drive read them; the list names the image's, where the
// offsets put them: a damaged drive sector's samples land in two image sectors unless the
// offsets are whole sectors.
constexpr const char* kImageSectorsNote =
    " (the image's LBAs; the counts above are the drive's sectors, whose damage the read offset can spread over "
    "two)";

bool usual_loss(const Loss& loss) { return loss.kind == LossKind::Subchannel || loss.kind == LossKind::DamagedSectors; }

void log_disc(rip::RipLog& log, const Disc& disc) {
  for (const Session& s : disc.sessions) {
    log.info(fmt::format("session {}: lead-out at LBA {} ({})", s.number, s.leadout, msf_label(s.leadout)));
    for (const Track& t : s.tracks) {
      std::string idx;
      for (const Index& i : t.indices) idx += fmt::format(" {:02}@{}", i.number, i.lba);
      log.info(fmt::format("  track {:02} {:<13} control {:X}{}{}", t.number, to_string(t.mode), t.control.bits, idx,
                           t.isrc.empty() ? "" : " ISRC " + t.isrc));
    }
  }
  if (!disc.mcn.empty()) log.info("MCN " + disc.mcn);
  for (const auto& b : disc.cdtext.blocks)
    for (const auto& [key, text] : b.text)
      log.info(fmt::format("CD-Text pack {:02X} track {}: {}", key.first, key.second, text));
}

// Split the dump, write every format, hash the tracks as redump files hold them, write the DAT,
// and print the verdict. Returns the exit code.
int split_and_report(const rip::Dump& dump, rip::DumpTally tally, const OutputOptions& opt, rip::RipLog& log,
                     const std::string& stem) {
  rip::SplitLayout lay;
  rip::SplitOptions so;
  so.write_offset = opt.write_offset;
  auto source = rip::open_dump_source(dump, so, lay);
  log.info(fmt::format("read offset {:+} samples ({})", lay.read_offset, dump.manifest().offset_source));
  log.info(fmt::format("write offset {:+} samples ({})", lay.write_offset, lay.write_offset_source));
  if (!lay.perfect_offset_note.empty()) log.info("perfect audio offset: " + lay.perfect_offset_note);
  if (lay.zero_filled_samples)
    log.warn(fmt::format("{} sample(s) beyond what the drive could read were zero-filled (no lead-out overread)",
                         lay.zero_filled_samples));
  log.info(fmt::format("Q: {} frames, {} with a bad CRC, {} repaired in memory", lay.q.frames, lay.q.bad_crc,
                       lay.q.repaired));
  for (const auto& n : lay.q.notes) log.warn(n);
  if (lay.leadin.present) {
    const auto& li = lay.leadin;
    log.info(
        fmt::format("lead-in: {} sector(s) from LBA {} (leadin.bin); Q: {} good frame(s), {} with a bad CRC, "
                    "{} TOC frame(s), {} point(s)",
                    li.sectors, li.first, li.q_frames, li.q_bad_crc, li.toc_frames, li.points));
    for (const auto& d : li.differences) log.warn("lead-in TOC: " + d);
    if (li.differences.empty()) log.info(fmt::format("lead-in TOC and the full TOC agree: {} point(s)", li.points));
    log.info(fmt::format("lead-in R-W: {} CD-Text pack(s) ({} with a bad CRC){}", li.cdtext_packs, li.cdtext.crc_errors,
                         li.cdtext_used ? "; the disc's CD-Text is taken from them (READ TOC gave none)" : ""));
  }
  for (const auto& li : lay.session_leadins) {
    log.info(
        fmt::format("session {} lead-in: {} sector(s) from LBA {} (main.bin, sub.bin); Q: {} good frame(s), {} "
                    "with a bad CRC, {} TOC frame(s), {} point(s)",
                    li.session, li.sectors, li.first, li.q_frames, li.q_bad_crc, li.toc_frames, li.points));
    for (const auto& d : li.differences) log.warn(fmt::format("session {} lead-in TOC: {}", li.session, d));
    if (li.differences.empty())
      log.info(fmt::format("session {} lead-in TOC and the full TOC agree: {} point(s)", li.session, li.points));
  }
  log_disc(log, source->disc());

  const fs::path dir(opt.out_dir);
  Progress progress("write", "sectors");
  const FormatOutputs outputs =
      write_formats(*source, dir, stem, opt.formats, opt.force, [&](uint64_t d, uint64_t t) { progress.update(d, t); });
  progress.finish();
  const std::vector<std::string>& written = outputs.written;
  for (const auto& n : outputs.notes) log.info(n);
  // What a format asked for cannot hold is said, never dropped quietly; the dump keeps it all.
  json lost = json::array(), skipped = json::array();
  for (const auto& [format, loss] : outputs.lost) {
    const std::string line = fmt::format(
        "--format {}: not in it: {} (the dump keeps everything: `discwright split {}` writes any format again)", format,
        loss.what, dump.dir().string());
    usual_loss(loss) ? log.info(line) : log.warn(line);
    lost.push_back({{"format", format}, {"what", loss.what}});
  }
  for (const auto& [format, why] : outputs.skipped) {
    log.warn(fmt::format("--format {}: not written: {}", format, why));
    skipped.push_back({{"format", format}, {"why", why}});
  }
  // One pass hashes the track files and computes the audio checksums (AccurateRip, CTDB).
  AudioChecksummer audio_sums(source->disc(), source->begin(), source->end());
  // AccurateRip and CTDB checksums are defined on audio corrected by the drive's read offset
  // only (what EAC, dBpoweramp and CUETools rip): with a write offset applied to the track files
  // (redump's convention), they are computed from the dump again without it.
  const bool ar_apart = lay.write_offset != 0;
  const VerifyReport report = verify_image(*source, {}, [&](Lba first, std::span<const uint8_t> main) {
    if (!ar_apart) audio_sums.feed(first, main);
  });
  std::optional<AudioChecksums> ar_sums;
  std::unique_ptr<SectorSource> read_corrected;
  if (ar_apart) {
    rip::SplitOptions drive_only;
    drive_only.write_offset = 0;
    rip::SplitLayout unused;
    read_corrected = rip::open_dump_source(dump, drive_only, unused);
    ar_sums = compute_audio_checksums(*read_corrected);
    if (!ar_sums->tracks.empty())
      log.info(
          fmt::format("AccurateRip and CTDB checksums: on the audio corrected by the read offset only ({:+}); the "
                      "track files also have the write offset ({:+})",
                      lay.read_offset, lay.write_offset));
  }
  const std::string dat = (dir / (stem + ".dat")).string();
  write_dat(dat, stem, source->disc(), report, opt.force);
  for (const auto& w : written) log.info("wrote " + w);
  log.info("wrote " + dat);
  const Disc& disc = source->disc();
  json tracks = json::array();
  for (const TrackDigest& t : report.tracks) {
    const std::string file = track_file_name(stem, t.number, disc.track_count(), disc.last_track());
    log.info(fmt::format("track {:02} {}: {} sectors, CRC32 {} MD5 {} SHA-1 {}", t.number, file, t.sectors,
                         t.hashes.crc32_hex(), to_hex(t.hashes.md5), to_hex(t.hashes.sha1)));
    tracks.push_back({{"number", t.number},
                      {"file", file},
                      {"sectors", t.sectors},
                      {"crc32", t.hashes.crc32_hex()},
                      {"md5", to_hex(t.hashes.md5)},
                      {"sha1", to_hex(t.hashes.sha1)}});
  }
  std::string ar_summary;
  const json audio =
      verify_audio(source->disc(), ar_sums ? *ar_sums : audio_sums.finish(), read_corrected ? *read_corrected : *source,
                   opt.accuraterip, opt.ctdb, log, ar_summary);
  // Sectors that are not good, in the disc's LBAs (the offsets applied), one by one.
  std::vector<std::string> bad;
  std::vector<SectorState> states(4096);
  for (Lba lba = source->begin(); lba < source->end(); lba += 4096) {
    const auto n = static_cast<uint32_t>(std::min<Lba>(4096, source->end() - lba));
    source->read(lba, n, {}, {}, std::span(states).first(n));
    for (uint32_t i = 0; i < n; ++i)
      if (states[i].quality != SectorQuality::Good)
        bad.push_back(fmt::format("{}{}", lba + static_cast<Lba>(i),
                                  states[i].quality == SectorQuality::C2Error  ? " (C2)"
                                  : states[i].quality == SectorQuality::Unread ? " (unread)"
                                                                               : ""));
  }
  for (const auto& b : bad) log.detail("not good: LBA " + b);
  if (!bad.empty())
    log.warn(fmt::format("{} image sector(s) not good: {}{}", bad.size(), fmt::join(bad, ", "), kImageSectorsNote));
  // Q frames with a bad CRC are kept as read (protections live there); they are counted, not
  // held against the rip.
  uint64_t checks = 0, q_bad = 0;
  for (const auto& p : report.problems) {
    if (p.what == "subchannel Q CRC") {
      ++q_bad;
      log.detail(fmt::format("LBA {} track {:02}: {}", p.lba, p.track, p.what));
    } else {
      ++checks;
      log.warn(fmt::format("LBA {} track {:02}: {}", p.lba, p.track, p.what));
    }
  }
  if (report.problem_count > report.problems.size()) checks += report.problem_count - report.problems.size();
  if (q_bad) log.info(fmt::format("{} Q frame(s) with a bad CRC, kept as read", q_bad));
  const bool clean = tally.clean() && checks == 0 && outputs.skipped.empty();
  const std::string verdict =
      clean ? "good: every sector read without errors"
            : fmt::format(
                  "problems: {} unreadable, {} C2-damaged, {} unread sector(s), {} check failure(s){}{}",
                  tally.unreadable, tally.c2, tally.unread, checks,
                  tally.unaligned
                      ? fmt::format(", {} run(s) after bad sectors that jitter may have shifted", tally.unaligned)
                      : "",
                  outputs.skipped.empty() ? "" : fmt::format(", {} format(s) not written", outputs.skipped.size()));
  log.info("verdict: " + verdict);
  if (opt.json) {
    const rip::DumpManifest& m = dump.manifest();
    std::cout << json{{"verdict", clean ? "good" : "problems"},
                      {"drive",
                       {{"device", m.device},
                        {"vendor", m.vendor},
                        {"product", m.product},
                        {"revision", m.revision},
                        {"serial", m.serial}}},
                      {"dump", dump.dir().string()},
                      {"log", log.path().string()},
                      {"files", written},
                      {"lost", lost},
                      {"skipped", skipped},
                      {"dat", dat},
                      {"read_offset", lay.read_offset},
                      {"write_offset", lay.write_offset},
                      {"write_offset_source", lay.write_offset_source},
                      {"perfect_write_offset", lay.perfect_write_offset ? json(*lay.perfect_write_offset) : json()},
                      {"sectors",
                       {{"good", tally.good},
                        {"c2", tally.c2},
                        {"unreadable", tally.unreadable},
                        {"unread", tally.unread},
                        {"unaligned_runs", tally.unaligned}}},
                      {"not_good", bad},
                      {"tracks", tracks},
                      {"audio", audio}}
                     .dump(2, ' ', false, json::error_handler_t::replace)
              << "\n";
  } else {
    fmt::print("{}\n", verdict);
    fmt::print("offsets: read {:+} ({}), write {:+} ({})\n", lay.read_offset, dump.manifest().offset_source,
               lay.write_offset, lay.write_offset_source);
    for (const auto& w : written) fmt::print("  {}\n", w);
    fmt::print("  {}\n  {} (log)\n", dat, log.path().string());
    for (const auto& t : tracks)
      fmt::print("track {:02}: CRC32 {} SHA-1 {}\n", t["number"].get<int>(), t["crc32"].get<std::string>(),
                 t["sha1"].get<std::string>());
    if (!ar_summary.empty()) fmt::print("{}\n", ar_summary);
    if (!bad.empty()) fmt::print("image sectors not good: {}{}\n", fmt::join(bad, ", "), kImageSectorsNote);
  }
  return clean ? kExitOk : kExitProblems;
}

// The live line of a rip on a terminal (phase, track, position, speed in x, ETA, C2 and
// unreadable counts), and with --json one JSON object per update on stderr for scripts.
class RipProgressLine : public LiveLine {
 public:
  explicit RipProgressLine(bool as_json) : json_(as_json) {}
  void update(const rip::RipProgress& p) {
    const auto [rate, eta] = rate_eta(p.done, p.total);
    const char* phase = p.phase == rip::RipProgress::Phase::Read     ? "read"
                        : p.phase == rip::RipProgress::Phase::Verify ? "verify"
                                                                     : "refine";
    if (json_) {
      std::cerr << json{{"event", "progress"},  {"phase", phase},
                        {"track", p.track},     {"lba", p.lba},
                        {"done", p.done},       {"total", p.total},
                        {"speed_x", rate / 75}, {"eta_s", eta},
                        {"c2", p.c2},           {"unreadable", p.unreadable}}
                       .dump()
                << "\n";
      return;
    }
    if (!tty() || seconds() < 1.0) return;
    draw(fmt::format("{}: track {:02}  LBA {}  {:3.0f}%  {:.1f}x  ETA {:.0f} s  C2 {}  unreadable {}", phase, p.track,
                     p.lba, percent(p.done, p.total), rate / 75, eta, p.c2, p.unreadable));
  }

 private:
  bool json_;
};

// DVD and BD data discs: READ(12) into an ISO with a bad-sector map and the disc structures.
int run_dvd(scsi::Drive& drive, const RipOptions& opt, rip::RipLog& log, const std::string& stem) {
  const fs::path iso = fs::path(opt.out.out_dir) / (stem + ".iso");
  for (const auto& f : opt.out.formats)
    if (f != "cue" && f != "iso") log.warn(fmt::format("--format {}: a DVD or BD is dumped as an ISO only", f));
  rip::DvdDumpOptions dopt;
  dopt.retries = opt.retries;
  dopt.cancelled = [] { return g_interrupted.load(); };
  Progress progress("rip", "sectors");
  dopt.progress = [&](uint64_t d, uint64_t t, uint64_t) { progress.update(d, t); };
  g_interrupted = false;
  auto previous = std::signal(SIGINT, on_interrupt);
  rip::DvdDumpResult r;
  try {
    r = rip::dump_dvd(drive, iso, opt.resume, opt.out.force, dopt, log);
  } catch (const rip::RipStopped& e) {
    std::signal(SIGINT, previous);
    progress.finish();
    log.warn(std::string("rip stopped: ") + e.what());
    std::cerr << "discwright: rip stopped: " << e.what() << "\n";
    return g_interrupted ? kExitProblems : kExitDevice;
  }
  std::signal(SIGINT, previous);
  progress.finish();
  // Hash the image as written.
  MultiHasher hasher;
  {
    std::ifstream in(iso, std::ios::binary);
    std::vector<char> buf(1 << 20);
    while (in.read(buf.data(), static_cast<std::streamsize>(buf.size())) || in.gcount() > 0)
      hasher.update({reinterpret_cast<const uint8_t*>(buf.data()), static_cast<size_t>(in.gcount())});
  }
  const Hashes h = hasher.finish();
  log.info(fmt::format("{}: {} bytes, CRC32 {} MD5 {} SHA-1 {}", iso.string(), h.size, h.crc32_hex(), h.md5_hex(),
                       h.sha1_hex()));
  std::vector<std::string> bad, files;
  for (const auto& [b, e] : r.bad) bad.push_back(e - b == 1 ? std::to_string(b) : fmt::format("{}-{}", b, e - 1));
  for (const auto& f : r.files) files.push_back(f.string());
  const bool clean = r.bad.empty();
  const std::string verdict = clean
                                  ? "good: every sector read without errors"
                                  : fmt::format("problems: {} unreadable sector(s), zeros in the ISO", r.bad_sectors());
  log.info("verdict: " + verdict);
  if (opt.out.json) {
    std::cout << json{{"verdict", clean ? "good" : "problems"},
                      {"media", "dvd"},
                      {"files", files},
                      {"log", log.path().string()},
                      {"sectors", r.sectors},
                      {"not_good", bad},
                      {"crc32", h.crc32_hex()},
                      {"md5", h.md5_hex()},
                      {"sha1", h.sha1_hex()}}
                     .dump(2)
              << "\n";
  } else {
    fmt::print("{}\n", verdict);
    for (const auto& f : files) fmt::print("  {}\n", f);
    fmt::print("  {} (log)\n{}: CRC32 {} SHA-1 {}\n", log.path().string(), iso.filename().string(), h.crc32_hex(),
               h.sha1_hex());
    if (!bad.empty()) fmt::print("sectors not good: {}\n", fmt::join(bad, ", "));
  }
  return clean ? kExitOk : kExitProblems;
}

std::string default_stem(const OutputOptions& opt) { return safe_file_name(opt.name.empty() ? "disc" : opt.name); }

// `rip DEVICE --refine DUMP`: only the refine pass, on the drive that made the dump or another one
// with the same read offset, over the same disc; then the split as after a rip. The images go
// beside the dump (or to -o) and replace those of the earlier rip; the log continues.
// Reads with `body` (a rip or a refine) with Ctrl-C turned into a clean stop, then returns its
// exit code; a refused drive or disc is exit 4, a stop (Ctrl-C, disc removed) 1 or 4, the dump
// keeping what was read. Ctrl-C is back to normal while the images are written.
using DumpJob = std::function<std::pair<rip::Dump, rip::DumpTally>(rip::Dumper&, RipProgressLine&)>;

int run_dump_job(const RipOptions& opt, scsi::Drive& drive, rip::RipLog& log, const char* what, const DumpJob& body,
                 const OutputOptions& out, const std::string& stem) {
  RipProgressLine progress(opt.out.json);
  rip::DumpOptions dopt;
  dopt.read_offset = opt.read_offset;
  dopt.retries = opt.retries;
  dopt.speed = opt.speed;
  dopt.cancelled = [] { return g_interrupted.load(); };
  dopt.progress = [&](const rip::RipProgress& p) { progress.update(p); };
  g_interrupted = false;
  struct SigintGuard {
    void (*previous)(int) = std::signal(SIGINT, on_interrupt);
    ~SigintGuard() { std::signal(SIGINT, previous); }
  };
  rip::Dumper dumper(drive, log, dopt);
  try {
    auto [dump, tally] = [&] {
      SigintGuard guard;
      return body(dumper, progress);
    }();
    return split_and_report(dump, tally, out, log, stem);
  } catch (const rip::DumpMismatch& e) {
    log.warn(std::string("refused: ") + e.what());  // the log's warning is the terminal's line too
    return kExitDevice;
  } catch (const rip::RipStopped& e) {
    progress.finish();
    log.warn(fmt::format("{} stopped: {}", what, e.what()));
    return g_interrupted ? kExitProblems : kExitDevice;
  } catch (const std::exception& e) {  // the log says why it ends there; main() tells the user
    progress.finish();
    log.warn(fmt::format("{} failed: {}", what, e.what()));
    throw;
  }
}

int run_refine(const RipOptions& opt) {
  const fs::path dump_dir = fs::path(opt.refine).lexically_normal();
  const fs::path dump_path = dump_dir.has_filename() ? dump_dir : dump_dir.parent_path();
  OutputOptions out = opt.out;
  if (out.out_dir.empty()) out.out_dir = dump_path.parent_path().empty() ? "." : dump_path.parent_path().string();
  if (out.name.empty()) out.name = dump_path.stem().string();
  out.force = true;  // the images are the dump's, made again from it
  const std::string stem = default_stem(out);
  fs::create_directories(out.out_dir);
  (void)rip::Dump::open(dump_path);  // a folder that is not a dump: exit 3 before any drive work
  rip::RipLog log(fs::path(out.out_dir) / (stem + ".log"));
  log.info(
      fmt::format("discwright {} rip {} --refine {} -> {}", DW_VERSION, opt.device, dump_path.string(), out.out_dir));
  log.info(fmt::format("settings: retries {}, speed {}{}", opt.retries,
                       opt.speed > 0 ? fmt::format("{}x", opt.speed) : "max",
                       opt.read_offset ? fmt::format(", read offset {:+} (given)", *opt.read_offset) : ""));
  OpenedDevice dev = open_device(opt.device);
  scsi::Drive drive(*dev.transport);
  const auto job = [&](rip::Dumper& dumper, RipProgressLine& progress) {
    rip::Dump dump = dumper.open_for_refine(dump_path);
    const rip::DumpTally before = rip::Dumper::tally(dump, dumper.disc());
    log.info(fmt::format("before refine: {} good, {} C2-damaged, {} unreadable, {} unread", before.good, before.c2,
                         before.unreadable, before.unread));
    if (before.unread)
      log.warn(
          fmt::format("{} sector(s) were never read: refine re-reads only damaged sectors; continue the dump "
                      "with --resume to read them",
                      before.unread));
    const rip::DumpTally tally = dumper.refine(dump);
    progress.finish();
    log.info(fmt::format("after refine: {} good, {} C2-damaged, {} unreadable, {} unread", tally.good, tally.c2,
                         tally.unreadable, tally.unread));
    return std::pair{std::move(dump), tally};
  };
  const int code = run_dump_job(opt, drive, log, "refine", job, out, stem);
  dev.close();
  return code;
}

int run_rip(const RipOptions& opt) {
  if (!opt.refine.empty()) return run_refine(opt);
  if (opt.out.out_dir.empty()) throw CLI::RequiredError("--output");
  const std::string stem = default_stem(opt.out);
  const fs::path out(opt.out.out_dir);
  const fs::path dump_dir = out / (stem + ".dump");
  if (rip::Dump::exists(dump_dir) && !opt.resume)
    throw CLI::ValidationError("-o", fmt::format("{} holds a dump already: add --resume to continue it, or choose "
                                                 "another --name or folder",
                                                 dump_dir.string()));
  // The device first: a wrong device or option leaves no folder and no log behind.
  OpenedDevice dev = open_device(opt.device);
  scsi::Drive drive(*dev.transport);
  const bool ready = drive.probe().ok() && drive.wait_ready().ok();
  if (ready)
    if (const auto info = drive.disc_information(); info && info->status == scsi::DiscStatus::Empty)
      throw scsi::DeviceError(opt.device, "the disc is blank: there is nothing to rip");
  fs::create_directories(out);
  rip::RipLog log(out / (stem + ".log"));
  log.info(fmt::format("discwright {} rip {} -> {}", DW_VERSION, opt.device, out.string()));
  log.info(fmt::format("settings: retries {}, speed {}, formats {}{}", opt.retries,
                       opt.speed > 0 ? fmt::format("{}x", opt.speed) : "max", fmt::join(opt.out.formats, ","),
                       opt.read_offset ? fmt::format(", read offset {:+} (given)", *opt.read_offset) : ""));
  // A resumed rip makes its images again from the same dump, over those an earlier run wrote.
  OutputOptions images = opt.out;
  images.force = images.force || opt.resume;
  if (ready && rip::is_dvd_or_bd_profile(drive.media().profile)) {
    const int code = run_dvd(drive, opt, log, stem);
    dev.close();
    return code;
  }
  const auto job = [&](rip::Dumper& dumper, RipProgressLine& progress) {
    rip::Dump dump =
        opt.resume && rip::Dump::exists(dump_dir) ? dumper.resume(dump_dir) : dumper.start(dump_dir, opt.device);
    rip::DumpTally tally = dumper.read_pass(dump);
    dumper.read_data_edges(dump);
    dumper.read_leadin(dump);
    log.info(fmt::format("first pass: {} good, {} C2-damaged, {} unreadable", tally.good, tally.c2, tally.unreadable));
    dumper.verify_pass(dump);
    progress.finish();
    tally = dumper.refine(dump);
    if (dev.virtual_drive)
      log.info(
          fmt::format("virtual drive time: {:.1f} s", static_cast<double>(dev.virtual_drive->clock().now_us()) / 1e6));
    return std::pair{std::move(dump), tally};
  };
  const int code = run_dump_job(opt, drive, log, "rip", job, images, stem);
  dev.close();
  return code;
}

int run_split(const std::string& dump_path, const OutputOptions& opt) {
  rip::Dump dump = rip::Dump::open(dump_path);
  const std::string stem = opt.name.empty()
                               ? safe_file_name(fs::path(dump_path).filename().replace_extension().string())
                               : default_stem(opt);
  fs::create_directories(opt.out_dir);
  rip::RipLog log(fs::path(opt.out_dir) / (stem + ".log"));
  log.info(fmt::format("discwright {} split {} -> {}", DW_VERSION, dump_path, opt.out_dir));
  const Disc disc = rip::disc_from_responses(dump);
  return split_and_report(dump, rip::Dumper::tally(dump, disc), opt, log, stem);
}

// The options rip and split share; `split` words them for split (no dump written; the name
// defaults to the dump's).
void add_output_options(CLI::App* sub, const std::shared_ptr<OutputOptions>& o, bool split) {
  auto* out = sub->add_option("-o,--output", o->out_dir,
                              split ? "Folder for the images, the DAT and the log (required)"
                                    : "Folder for the dump, the images, the DAT and the log (required, except with "
                                      "--refine)");
  if (split) out->required();
  sub->add_option("--name", o->name,
                  split ? "Base name of the files (default: the dump's)" : "Base name of the files (default: disc)");
  sub->add_option("--format", o->formats,
                  "Images to write: cue (redump, default), cue-single, ccd, nrg, iso, flac, wav\n(flac, wav: one "
                  "file per audio track, gaps appended, with \"NAME (audio).cue\" or\n\"NAME (audio WAV).cue\"; "
                  "the DAT still lists the BIN files)")
      ->delimiter(',')
      ->check(CLI::IsMember(kOutputFormats));
  sub->add_option("--write-offset", o->write_offset,
                  "The disc's write offset in samples (default: measured on a data track, else 0)")
      ->check(CLI::Range(-rip::kMaxOffsetSamples, rip::kMaxOffsetSamples));
  sub->add_flag("--force", o->force, "Overwrite existing images");
  sub->add_flag("--json", o->json,
                "Print a JSON summary: verdict, files, offsets, sectors, per-track hashes, and \"audio\": disc ids,\n"
                "AccurateRip v1/v2 and frame-450 checksums per audio track, the CTDB CRC and TOC, the AccurateRip\n"
                "and CTDB verdicts");
  sub->add_flag("--accuraterip", o->accuraterip,
                "Look the disc up in the AccurateRip database (HTTP) and log per audio track whether it matches\n"
                "(v1 or v2) and with what confidence. A failed lookup is a warning; the exit status is unchanged.\n"
                "DW_ACCURATERIP_URL replaces http://www.accuraterip.com/accuraterip/ (e.g. a local mirror)");
  sub->add_flag("--ctdb", o->ctdb,
                "Look the disc's TOC up in the CUETools database (HTTP) and log whether its CTDB CRC is there\n"
                "(verified, with the confidence), not, or the disc is not in the database, and per audio track\n"
                "by the entries' track CRCs. A failed lookup is a warning; the exit status is unchanged.\n"
                "DW_CTDB_URL replaces http://db.cuetools.net/");
}

}  // namespace

void register_rip(CLI::App& app) {
  auto opt = std::make_shared<RipOptions>();
  auto out = std::shared_ptr<OutputOptions>(opt, &opt->out);
  auto* sub = app.add_subcommand(
      "rip",
      "Dump a CD and write images from the dump. The dump (DIR/NAME.dump: main channel, raw\n"
      "subchannel, per-sector state, the drive's TOC answers) keeps the disc as read; images, a\n"
      "redump-style DAT of per-track hashes and a log (DIR/NAME.log: drive, settings, offsets, every\n"
      "retry, every hash) are made from it. Sectors with C2 errors or read errors are re-read with\n"
      "the drive's cache defeated until a read is clean or two reads agree (--retries). A rip that\n"
      "is interrupted (Ctrl-C, disc removed, process killed) continues with --resume. A kept dump's\n"
      "damaged sectors are re-read with --refine DUMP, on the same drive or another one with the\n"
      "same read offset (the dump is in the drive's coordinates); the disc must be the same (its TOC\n"
      "answers are compared), else the command refuses with exit code 4. Images are made again.\n"
      "For audio the log has the AccurateRip v1/v2 and frame-450 checksums of every track, the CTDB\n"
      "CRC and the disc ids; --accuraterip also asks the AccurateRip database whether the tracks\n"
      "match, and with what confidence; tracks that do not match are checked again at the shift\n"
      "frame 450 finds, or, failing that, at any shift within 2939 samples where their v1 matches\n"
      "(another pressing, or a read offset off by that much). --ctdb asks the CUETools database\n"
      "about the CTDB CRC.\n\n"
      "Examples:\n"
      "  discwright rip /dev/sr0 -o rips/album --name Album\n"
      "  discwright rip /dev/sr0 -o rips/album --name Album --accuraterip --ctdb\n"
      "  discwright rip 'virtual:game.cue?drive=plextor' -o out --format cue,ccd --json\n"
      "  discwright rip /dev/sr0 -o rips/album --name Album --format cue,flac\n"
      "  discwright rip /dev/sr0 -o rips/album --name Album --resume\n"
      "  discwright rip /dev/sr1 --refine rips/album/Album.dump");
  sub->add_option("DEVICE", opt->device, "The drive: /dev/sr0, or virtual:IMAGE[?options]")->required();
  add_output_options(sub, out, false);
  sub->add_option("--read-offset", opt->read_offset,
                  "The drive's read offset in samples (default: from the quirks table; 0 for unknown drives)")
      ->check(CLI::Range(-rip::kMaxOffsetSamples, rip::kMaxOffsetSamples));
  sub->add_option("--retries", opt->retries, "Re-reads per damaged sector (default 20)")->check(CLI::Range(0, 1000));
  sub->add_option("--speed", opt->speed, "Read speed in x (default: the drive's fastest)")
      ->check(CLI::Range(0.0, 100.0));
  auto* resume = sub->add_flag("--resume", opt->resume, "Continue the dump already in the output folder");
  sub->add_option("--refine", opt->refine,
                  "Re-read only the damaged sectors of a kept dump (NAME.dump) and split it again; -o defaults to "
                  "the dump's folder, --name to its name")
      ->excludes(resume);
  sub->footer(kExitCodeHelp);
  add_handler(sub, [opt] { return run_rip(*opt); });

  auto sopt = std::make_shared<OutputOptions>();
  auto dump = std::make_shared<std::string>();
  auto* split =
      app.add_subcommand("split",
                         "Write images, DAT and log again from a kept dump: with another write offset or\n"
                         "format, say. Gives the same files as the rip did.\n\n"
                         "Examples:\n"
                         "  discwright split rips/album/Album.dump -o rips/album --format ccd --force\n"
                         "  discwright split rips/album/Album.dump -o rips/album --force --accuraterip --ctdb\n"
                         "  discwright split rips/album/Album.dump -o rips/album --format flac");
  split->add_option("DUMP", *dump, "A dump folder made by rip (NAME.dump)")->required();
  add_output_options(split, sopt, true);
  split->footer(kExitCodeHelp);
  add_handler(split, [sopt, dump] { return run_split(*dump, *sopt); });
}

}  // namespace dw::cli

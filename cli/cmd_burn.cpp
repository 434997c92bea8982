// `discwright burn IMAGE DEVICE`: image -> SAO plan (+ RAW stream) -> recorder -> verify, with a live progress
// line and a log; DVD and BD media and `stdio:` targets through libburn; and `discwright blank DEVICE` for CD-RW.
#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <nlohmann/json.hpp>
#include <set>

#include "burn/burn_plan.hpp"
#include "burn/libburn_writer.hpp"
#include "burn/recorder.hpp"
#include "burn/verify.hpp"
#include "cli/commands.hpp"
#include "cli/device.hpp"
#include "cli/emulate_run.hpp"
#include "cli/exit_codes.hpp"
#include "cli/progress.hpp"
#include "cli/registry.hpp"
#include "disc/error.hpp"
#include "formats/image.hpp"
#include "rip/rip_log.hpp"
#include "scsi/device_error.hpp"
#include "scsi/drive.hpp"
#include "scsi/virtual/virtual_drive.hpp"
#include "scsi/virtual/virtual_spec.hpp"

namespace dw::cli {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::atomic<bool> g_stop{false};
extern "C" void on_burn_interrupt(int) { g_stop = true; }

struct BurnOptions {
  std::string image, device, mode = "auto", log;
  double speed = 0;
  bool simulate = false, no_verify = false, overburn = false, no_burnfree = false, eject = false, json = false;
};

struct BlankOptions {
  std::string device;
  bool fast = false, json = false;
};

burn::Log to_log(rip::RipLog& log) {
  return [&log](burn::LogLevel level, const std::string& line) {
    switch (level) {
      case burn::LogLevel::Info: log.info(line); break;
      case burn::LogLevel::Detail: log.detail(line); break;
      case burn::LogLevel::Warn: log.warn(line); break;
    }
  };
}

int exit_code(const burn::BurnError& e) {
  return e.kind() == burn::BurnError::Kind::Mismatch ? kExitProblems : kExitDevice;
}

// The live line on a terminal (phase, position, drive buffer, speed, ETA); with --json one JSON
// object per update on stderr.
class BurnProgressLine : public LiveLine {
 public:
  explicit BurnProgressLine(bool as_json) : json_(as_json) {}
  void burn(const burn::BurnProgress& p) {
    const auto [rate, eta] = rate_eta(p.blocks_done, p.blocks_total);
    const char* phase = p.phase == burn::BurnProgress::Phase::LeadIn ? "lead-in"
                        : p.phase == burn::BurnProgress::Phase::Data ? "write"
                                                                     : "finalise";
    if (json_) {
      if (p.phase != burn::BurnProgress::Phase::Finalise && p.blocks_done < next_json_ &&
          p.blocks_done != p.blocks_total)
        return;
      next_json_ = p.blocks_done + 2000;
      json j{{"event", "progress"},     {"phase", phase},       {"lba", p.lba}, {"done", p.blocks_done},
             {"total", p.blocks_total}, {"speed_x", rate / 75}, {"eta_s", eta}};
      j["buffer"] = p.buffer_fill ? json(*p.buffer_fill) : json(nullptr);
      j["fifo"] = p.fifo_fill ? json(*p.fifo_fill) : json(nullptr);
      std::cerr << j.dump() << "\n";
      return;
    }
    if (!tty() || seconds() < 1.0) return;
    draw(fmt::format("{}: LBA {}  {:3.0f}%  fifo {}  buffer {}  {:.1f}x  ETA {:.0f} s", phase, p.lba,
                     percent(p.blocks_done, p.blocks_total),
                     p.fifo_fill ? fmt::format("{:.0f}%", *p.fifo_fill * 100) : "?",
                     p.buffer_fill ? fmt::format("{:.0f}%", *p.buffer_fill * 100) : "?", rate / 75, eta));
  }
  void verify(uint64_t done, uint64_t total) {
    if (json_ || !tty()) return;
    draw(fmt::format("verify: {:3.0f}% ({}/{} sectors)           ", percent(done, total), done, total));
  }

 private:
  bool json_;
  uint64_t next_json_ = 0;
};

// What a burn ended with: the verdict sentence, the exit code, the error when it failed, the time.
struct BurnOutcome {
  int code = kExitOk;
  std::string verdict, error;
  double seconds = 0;
};

// Runs `job` (which sets the verdict, and the code when the disc does not read back) with Ctrl-C
// turned into a clean stop; a BurnError becomes "failed: ..." with its exit code.
BurnOutcome guarded_burn(BurnProgressLine& progress, const std::function<void(BurnOutcome&)>& job) {
  BurnOutcome o;
  g_stop = false;
  auto previous = std::signal(SIGINT, on_burn_interrupt);
  const auto started = std::chrono::steady_clock::now();
  try {
    job(o);
  } catch (const burn::BurnError& e) {
    progress.finish();
    o.error = e.what();
    o.code = exit_code(e);
    o.verdict = std::string("failed: ") + e.what();
  }
  std::signal(SIGINT, previous);
  o.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return o;
}

// The JSON fields every burn summary has.
json outcome_json(const BurnOptions& opt, const BurnOutcome& o, const rip::RipLog& log) {
  return json{{"verdict", o.code == kExitOk ? (opt.simulate ? "simulated" : "good")
                          : o.error.empty() ? "problems"
                                            : "failed"},
              {"message", o.verdict},
              {"image", opt.image},
              {"device", opt.device},
              {"simulated", opt.simulate},
              {"log", log.path().string()},
              {"seconds", o.seconds}};
}

// A failed burn on the terminal: the reason on stderr and where the details are. False when the
// burn did not fail (then the caller prints its summary).
bool print_failure(const BurnOutcome& o, const rip::RipLog& log) {
  if (o.code == kExitOk || o.error.empty()) return false;
  std::cerr << "discwright: burn " << o.verdict << "\n  the log has the details: " << log.path().string() << "\n";
  return true;
}

// The burn log: --log, else NAME.burn.log beside the image; when the image's folder cannot be
// written (a read-only archive or share), the current folder, then the temporary folder, with a
// warning naming where it went. A --log that is the image itself or is named like an image file
// is refused: a log appended to a cue sheet would ruin it.
std::string burn_log_path(const BurnOptions& opt) {
  if (!opt.log.empty()) {
    std::error_code ec;
    std::string ext = fs::path(opt.log).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
    static const std::set<std::string> kImageExtensions{".cue", ".ccd", ".img", ".sub", ".bin", ".iso",
                                                        ".nrg", ".toc", ".mds", ".mdf", ".wav", ".flac"};
    if (fs::equivalent(opt.log, opt.image, ec) || kImageExtensions.count(ext))
      throw CLI::ValidationError("--log", fmt::format("{} is (or is named like) an image file; give the log its own "
                                                      "name, e.g. NAME.burn.log",
                                                      opt.log));
    return opt.log;
  }
  const fs::path image(opt.image);
  const std::string name = image.stem().string() + ".burn.log";
  const fs::path beside = image.parent_path() / name;
  for (const fs::path& p : {beside, fs::current_path() / name, fs::temp_directory_path() / name}) {
    if (std::ofstream(p, std::ios::app)) {
      if (p != beside) spdlog::warn("{}: cannot be written; the burn log goes to {}", beside.string(), p.string());
      return p.string();
    }
  }
  return beside.string();  // RipLog names the failure
}

// The medium in a drive when it is DVD or BD media, which libburn writes (our own MMC recorder
// writes CD media only); nullopt for CD media, no medium, or a drive that does not say (the CD
// path then reports what is wrong). Virtual DVD and BD media are burned through emulate (below).
std::optional<scsi::MediaInfo> libburn_medium(const BurnOptions& opt) {
  if (vdrive::is_virtual(opt.device)) return std::nullopt;
  OpenedDevice dev = open_device(opt.device, true);
  scsi::Drive drive(*dev.transport);
  if (!drive.probe().ok()) return std::nullopt;
  const scsi::MediaInfo medium = drive.media();
  dev.close();
  const bool cd = medium.profile >= 0x0008 && medium.profile <= 0x000A;
  if (!medium.present || medium.profile == 0 || cd) return std::nullopt;
  return medium;
}

// A virtual blank DVD or BD (media=dvd..., bdre, bdr): libburn opens drives itself and cannot
// reach a drive in this process, so this same burn runs again as a program under emulate, against
// the virtual drive as /dev/sr0 (what `discwright emulate SPEC -- discwright burn IMAGE /dev/sr0`
// does); the drive stays here and saves the disc when the burn is over.
bool virtual_libburn_media(const std::string& device) {
  if (!vdrive::is_virtual(device)) return false;
  const std::string media = vdrive::parse_virtual_spec(device).media;
  return media.starts_with("dvd") || media.starts_with("bd");
}

int burn_virtual_through_emulate(const BurnOptions& opt) {
  std::error_code ec;
  const fs::path self = fs::read_symlink("/proc/self/exe", ec);
  if (ec)
    throw scsi::DeviceError(opt.device, "cannot find the discwright binary to run under emulate: " + ec.message());
  std::vector<std::string> argv{self.string(), "burn", fs::absolute(opt.image).string(), "/dev/sr0"};
  if (opt.mode != "auto") argv.insert(argv.end(), {"--mode", opt.mode});
  if (opt.speed > 0) argv.insert(argv.end(), {"--speed", fmt::format("{}", opt.speed)});
  for (const auto& [on, flag] : {std::pair{opt.simulate, "--simulate"}, std::pair{opt.no_verify, "--no-verify"},
                                 std::pair{opt.overburn, "--overburn"}, std::pair{opt.no_burnfree, "--no-burnfree"},
                                 std::pair{opt.eject, "--eject"}, std::pair{opt.json, "--json"}})
    if (on) argv.emplace_back(flag);
  argv.insert(argv.end(), {"--log", fs::absolute(burn_log_path(opt)).string()});
  return emulate_program(opt.device, argv);
}

struct ReadBack {
  uint64_t blocks = 0, differing = 0, unreadable = 0;
  std::optional<uint64_t> first_bad;
  [[nodiscard]] bool ok() const { return differing == 0 && unreadable == 0; }
};

// Reads the burned blocks back from the drive (READ(10), 2048 bytes a block) and compares them
// with the image.
ReadBack read_back(const std::string& device, const std::string& iso,
                   const std::function<void(uint64_t, uint64_t)>& progress) {
  std::ifstream in(iso, std::ios::binary);
  if (!in) throw burn::BurnError(burn::BurnError::Kind::Mismatch, iso + ": cannot read the image back");
  OpenedDevice dev = open_device(device, true);
  scsi::Drive drive(*dev.transport);
  drive.wait_ready(20);
  ReadBack rb;
  rb.blocks = fs::file_size(iso) / 2048;
  constexpr uint32_t kRun = 32;
  std::vector<uint8_t> got(size_t{kRun} * 2048);
  std::vector<char> want(got.size());
  for (uint64_t at = 0; at < rb.blocks; at += kRun) {
    const auto n = static_cast<uint32_t>(std::min<uint64_t>(kRun, rb.blocks - at));
    const auto lba = static_cast<uint32_t>(at);
    std::span<uint8_t> buf(got.data(), size_t{n} * 2048);
    in.read(want.data(), static_cast<std::streamsize>(buf.size()));
    const auto r = drive.send({0x28, 0, uint8_t(lba >> 24), uint8_t(lba >> 16), uint8_t(lba >> 8), uint8_t(lba), 0,
                               uint8_t(n >> 8), uint8_t(n), 0},
                              scsi::Direction::FromDevice, buf);
    for (uint32_t i = 0; i < n; ++i) {
      const bool bad = !r.ok();
      const bool differs =
          !bad && std::memcmp(got.data() + size_t{i} * 2048, want.data() + size_t{i} * 2048, 2048) != 0;
      if ((bad || differs) && !rb.first_bad) rb.first_bad = at + i;
      rb.unreadable += bad;
      rb.differing += differs;
    }
    if (progress) progress(at + n, rb.blocks);
  }
  dev.close();
  return rb;
}

// `stdio:` targets and DVD/BD media go through libburn: one ISO data track, written as libburn
// writes a DVD; the written file (stdio:) or the disc (a drive) is read back and compared with the
// image (verify), libburn's padding after a file's image must be zero.
int run_burn_libburn(const BurnOptions& opt, const Image& image, const std::optional<scsi::MediaInfo>& medium) {
  rip::RipLog log(burn_log_path(opt));
  const burn::Log blog = to_log(log);
  log.info(fmt::format("discwright {} burn {} -> {} (libburn)", DW_VERSION, opt.image, opt.device));
  if (medium)
    log.info(
        fmt::format("medium: {} (profile {:04X}h): DVD and BD media are written through libburn; CD media by "
                    "discwright's own MMC recorder",
                    medium->profile_name, medium->profile));
  const Disc& disc = image.disc();
  if (image.format != "iso" || disc.track_count() != 1) {
    const std::string why = fmt::format(
        "{} takes a single-track ISO image, and this is a {} image with {} track{}; "
        "burn it to a CD recorder (SAO/RAW) instead",
        medium ? "DVD and BD media (through libburn)" : "a libburn target (stdio:)", image.format, disc.track_count(),
        disc.track_count() == 1 ? "" : "s");
    log.warn(opt.image + ": " + why);
    throw InputError(opt.image, why);
  }
  if (opt.mode != "auto") log.info("--mode " + opt.mode + " has no meaning for libburn; it chooses SAO or TAO itself");
  BurnProgressLine progress(opt.json);
  burn::LibburnOptions lo;
  lo.simulate = opt.simulate;
  lo.overburn = opt.overburn;
  lo.speed_x = opt.speed;
  lo.progress = [&](const burn::BurnProgress& p) { progress.burn(p); };
  lo.cancelled = [] { return g_stop.load(); };
  burn::LibburnResult result;
  std::optional<burn::StdioCheck> checked;
  std::optional<ReadBack> read;
  const std::string path = medium ? std::string() : opt.device.substr(std::string_view("stdio:").size());
  const auto regular = [&] {
    std::error_code ec;
    return !path.empty() && !path.starts_with("/dev/fd/") && path != "-" && fs::is_regular_file(path, ec);
  };
  const BurnOutcome o = guarded_burn(progress, [&](BurnOutcome& out) {
    std::string& verdict = out.verdict;
    result = burn::burn_iso_with_libburn(opt.image, opt.device, lo, blog);
    progress.finish();
    if (opt.simulate) {
      verdict = "simulated: libburn ran the whole burn without writing";
    } else if (!opt.no_verify && medium) {
      read = read_back(opt.device, opt.image, [&](uint64_t d, uint64_t t) { progress.verify(d, t); });
      progress.finish();
      log.info(fmt::format("verify: {} blocks read back, {} differ from the image, {} unreadable", read->blocks,
                           read->differing, read->unreadable));
      if (read->ok()) {
        verdict = "good: burned, and every block read back equal to the image";
      } else {
        verdict = fmt::format(
            "problems: the burned disc differs from the image ({} blocks differ, {} unreadable, first at {})",
            read->differing, read->unreadable, read->first_bad.value_or(0));
        out.code = kExitProblems;
      }
    } else if (!opt.no_verify && regular()) {
      checked = burn::check_stdio_target(opt.image, path);
      log.info(
          fmt::format("verify: {} bytes in {}, {} differ from the image; {} bytes of padding after it, {} "
                      "not zero",
                      checked->file_bytes, path, checked->differing, checked->padding, checked->nonzero_padding));
      if (checked->ok()) {
        verdict = checked->padding ? fmt::format(
                                         "good: burned, and the file read back equal to the image "
                                         "(followed by {} zero bytes of libburn's padding)",
                                         checked->padding)
                                   : "good: burned, and the file read back equal to the image";
      } else {
        verdict = fmt::format(
            "problems: the written file differs from the image ({} bytes differ, first at {}; "
            "{} padding bytes not zero)",
            checked->differing, checked->first_difference.value_or(0), checked->nonzero_padding);
        out.code = kExitProblems;
      }
    } else {
      verdict = opt.no_verify ? "good: burned (not verified: --no-verify)"
                              : "good: burned (not verified: the target is not a regular file)";
    }
  });
  log.info("verdict: " + o.verdict);
  if (opt.json) {
    json j = outcome_json(opt, o, log);
    j.update({{"backend", "libburn"},
              {"mode", result.write_type.empty() ? json(nullptr) : json(result.write_type == "SAO" ? "sao" : "tao")},
              {"tracks", 1},
              {"drive_role", result.drive_role},
              {"profile", result.profile},
              {"image_bytes", result.image_bytes},
              {"blocks_written", result.blocks_written}});
    j["min_buffer_fill"] = result.min_buffer_fill ? json(*result.min_buffer_fill) : json(nullptr);
    if (read)
      j["verify"] = {{"ok", read->ok()},
                     {"blocks", read->blocks},
                     {"differing_blocks", read->differing},
                     {"unreadable_blocks", read->unreadable}};
    if (checked)
      j["verify"] = {{"ok", checked->ok()},
                     {"file_bytes", checked->file_bytes},
                     {"differing_bytes", checked->differing},
                     {"padding_bytes", checked->padding},
                     {"nonzero_padding_bytes", checked->nonzero_padding}};
    std::cout << j.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
  } else if (!print_failure(o, log)) {
    fmt::print("{}\n", o.verdict);
    fmt::print("  1 data track, {} blocks {} in {:.1f} s through libburn ({}, {})\n", result.image_bytes / 2048,
               opt.simulate ? "sent" : "written", o.seconds, result.profile, result.write_type);
    fmt::print("  {} (log)\n", log.path().string());
  }
  return o.code;
}

int run_burn(const BurnOptions& opt) {
  Image image = open_image(opt.image);
  if (virtual_libburn_media(opt.device)) return burn_virtual_through_emulate(opt);
  if (burn::is_libburn_target(opt.device)) return run_burn_libburn(opt, image, std::nullopt);
  if (const auto medium = libburn_medium(opt)) return run_burn_libburn(opt, image, medium);
  rip::RipLog log(burn_log_path(opt));
  const burn::Log blog = to_log(log);
  log.info(fmt::format("discwright {} burn {} -> {}", DW_VERSION, opt.image, opt.device));
  for (const auto& n : image.notes) log.detail(opt.image + ": " + n);
  SectorSource& source = *image.source;
  const std::vector<burn::BurnPlan> plans = burn::make_sao_plans(source);
  const burn::BurnPlan& plan = plans.back();  // the last session's: the disc's lead-out
  const bool multisession = plans.size() > 1;
  for (const auto& p : plans) {
    for (const auto& n : p.notes) log.info("plan: " + n);
    log.info(fmt::format("plan{}: {} tracks, lead-out at LBA {}, {} blocks to send ({} bytes), session format {:02X}{}",
                         multisession ? fmt::format(" (session {})", p.session) : "",
                         p.recorded_session().tracks.size(), p.leadout, p.blocks_to_send(), p.bytes_to_send(),
                         p.session_format,
                         p.cdtext.empty() ? "" : fmt::format(", {} CD-Text packs in the lead-in", p.cdtext.size())));
  }

  OpenedDevice dev = open_device(opt.device, true);
  scsi::Drive drive(*dev.transport);
  const scsi::CommandResult probe = drive.probe();
  if (!probe.ok()) {
    log.warn("INQUIRY: " + probe.describe());
    throw scsi::DeviceError(opt.device, "the drive does not answer INQUIRY: " + probe.describe());
  }
  log.info(
      fmt::format("drive: {} {} {}", drive.identity().vendor, drive.identity().product, drive.identity().revision));
  log.info("recorder: discwright's own MMC recorder, as for all CD media (DVD and BD media go through libburn)");

  // The write mode: RAW keeps an image's own subchannel; --mode auto takes it when the image has
  // subchannel of its own and the drive's CD Mastering feature says it writes RAW (for a
  // multisession image: raw multisession too). Both burn a multisession image session by session.
  const bool own_sub = source.subchannel_origin() == SubchannelOrigin::Source;
  const bool drive_raw = drive.capabilities().raw;
  const bool drive_raw_ms = drive_raw && drive.capabilities().raw_multisession;
  const std::string sessions_text =
      multisession ? fmt::format("; its {} sessions are burned session by session", plans.size()) : "";
  bool raw = opt.mode == "raw";
  std::string reason;
  if (opt.mode == "raw") {
    reason = own_sub ? "--mode raw: the image's own subchannel is written as it is"
                     : "--mode raw: the image has no subchannel of its own, so P-W is synthesised from the TOC";
  } else if (opt.mode == "sao") {
    reason = "--mode sao";
  } else if (own_sub && (multisession ? drive_raw_ms : drive_raw)) {
    raw = true;
    reason = multisession
                 ? "--mode auto: the image carries its own subchannel and the drive writes RAW "
                   "multisession, which keeps it"
                 : "--mode auto: the image carries its own subchannel and the drive writes RAW, which keeps it";
  } else if (own_sub && drive_raw) {
    reason =
        "--mode auto: the image carries its own subchannel, but the drive writes RAW for one session only (no raw "
        "multisession in its CD Mastering feature): the drive writes P-W made from the TOC, the image's own is lost";
  } else if (own_sub) {
    reason =
        "--mode auto: the image carries its own subchannel, but the drive cannot write RAW (no raw writing in its "
        "CD Mastering feature): the drive writes P-W made from the TOC, the image's own is lost";
  } else {
    reason = "--mode auto: the image has no subchannel of its own, so SAO loses nothing";
  }
  reason += sessions_text;
  log.info(fmt::format("mode: {} ({})", raw ? "RAW" : "SAO", reason));

  BurnProgressLine progress(opt.json);
  burn::RecorderOptions ro;
  ro.simulate = opt.simulate;
  ro.bufe = !opt.no_burnfree;
  ro.overburn = opt.overburn;
  ro.raw = raw;
  ro.speed_x = opt.speed;
  ro.progress = [&](const burn::BurnProgress& p) { progress.burn(p); };
  ro.cancelled = [] { return g_stop.load(); };
  burn::BurnResult result;
  std::optional<burn::VerifyResult> verified;
  const BurnOutcome o = guarded_burn(progress, [&](BurnOutcome& out) {
    std::string& verdict = out.verdict;
    burn::Recorder recorder(drive, blog);
    result = recorder.burn(plans, source, ro);
    progress.finish();
    if (!opt.simulate && !opt.no_verify) {
      burn::VerifyOptions vo;
      vo.progress = [&](uint64_t d, uint64_t t) { progress.verify(d, t); };
      verified = burn::verify_burn(drive, source, plans, vo, blog);
      progress.finish();
    }
    if (opt.simulate) {
      verdict = "simulated: the whole burn ran with the laser off; the disc is still blank";
    } else if (verified && !verified->ok()) {
      verdict = fmt::format(
          "problems: the burned disc differs from the image ({} data and {} audio sector(s) "
          "differ, {} unreadable)",
          verified->data_mismatches, verified->audio_mismatches, verified->unreadable);
      out.code = kExitProblems;
    } else {
      verdict = verified ? "good: burned, and every sector read back equal to the image"
                         : "good: burned, the TOC read back as planned (not verified: --no-verify)";
    }
  });
  if (dev.virtual_drive)
    log.info(
        fmt::format("virtual drive time: {:.1f} s", static_cast<double>(dev.virtual_drive->clock().now_us()) / 1e6));
  if (o.code == kExitOk && opt.eject) drive.eject();
  log.info("verdict: " + o.verdict);
  const std::vector<std::string> saved = dev.close();

  if (opt.json) {
    json j = outcome_json(opt, o, log);
    j.update({{"mode", raw ? "raw" : "sao"},
              {"mode_reason", reason},
              {"own_subchannel", own_sub},
              {"raw_block_type", raw ? json(result.block_type) : json(nullptr)},
              {"raw_block_type_reason", raw ? json(result.block_type_reason) : json(nullptr)},
              {"tracks", plan.disc.track_count()},
              {"sessions", plans.size()},
              {"leadout", plan.leadout},
              {"blocks_written", result.blocks_written},
              {"writes", result.writes},
              {"opc", result.opc.empty() ? json(nullptr) : json(result.opc)},
              {"fifo",
               {{"bytes", result.fifo.capacity},
                {"min_fill", result.fifo.min_fill ? json(*result.fifo.min_fill) : json(nullptr)},
                {"writer_waited", result.fifo.empty}}},
              {"burnfree", result.bufe},
              {"cue_sheet_variant", raw ? json(nullptr) : json(burn::to_string(result.cue_variant))},
              {"capacity_leadout", result.last_leadout},
              {"saved", saved}});
    j["min_buffer_fill"] = result.min_buffer_fill ? json(*result.min_buffer_fill) : json(nullptr);
    if (verified)
      j["verify"] = {{"ok", verified->ok()},
                     {"data_sectors", verified->data_sectors},
                     {"data_mismatches", verified->data_mismatches},
                     {"audio_sectors", verified->audio_sectors},
                     {"audio_mismatches", verified->audio_mismatches},
                     {"unreadable", verified->unreadable},
                     {"audio_offset", verified->audio_offset ? json(*verified->audio_offset) : json(nullptr)},
                     {"first_bad", verified->first_bad}};
    std::cout << j.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
  } else if (!print_failure(o, log)) {
    fmt::print("{}\n", o.verdict);
    const size_t tracks = plan.disc.track_count();
    fmt::print(
        "  {} track{}{}, lead-out at {} (LBA {}), {} blocks {} in {:.1f} s{}\n", tracks, tracks == 1 ? "" : "s",
        multisession ? fmt::format(" in {} sessions", plans.size()) : "",
        lba_to_msf(plan.leadout) ? lba_to_msf(plan.leadout)->str() : "?", plan.leadout, result.blocks_written,
        opt.simulate ? "sent" : "written", o.seconds,
        result.min_buffer_fill ? fmt::format(", lowest drive buffer fill {:.0f}%", *result.min_buffer_fill * 100) : "");
    fmt::print("  mode {}: {}\n", raw ? "RAW" : "SAO", reason);
    if (verified && verified->audio_offset)
      fmt::print("  audio read back at a combined offset of {:+} samples\n", *verified->audio_offset);
    if (verified && !verified->ok())
      fmt::print("  first sectors that differ or failed: {}\n", fmt::join(verified->first_bad, ", "));
    for (const auto& f : saved) fmt::print("  {}\n", f);
    fmt::print("  {} (log)\n", log.path().string());
  }
  return o.code;
}

int run_blank(const BlankOptions& opt) {
  OpenedDevice dev = open_device(opt.device, true);
  scsi::Drive drive(*dev.transport);
  const scsi::CommandResult probe = drive.probe();
  if (!probe.ok()) throw scsi::DeviceError(opt.device, "the drive does not answer INQUIRY: " + probe.describe());
  rip::RipLog log;  // spdlog only
  int code = kExitOk;
  std::string message;
  try {
    burn::Recorder(drive, to_log(log)).blank(opt.fast, [](double done) {
      if (::isatty(2)) std::fprintf(stderr, "\rblank: %3.0f%%   ", done * 100);
    });
    message = fmt::format("blanked ({}): the disc is empty", opt.fast ? "fast" : "full");
  } catch (const burn::BurnError& e) {
    code = exit_code(e);
    message = std::string("failed: ") + e.what();
  }
  dev.close();
  if (opt.json)
    std::cout << json{{"ok", code == kExitOk}, {"message", message}, {"fast", opt.fast}}.dump(2) << "\n";
  else
    (code == kExitOk ? std::cout : std::cerr) << (code == kExitOk ? "" : "discwright: ") << message << "\n";
  return code;
}

}  // namespace

void register_burn(CLI::App& app) {
  auto opt = std::make_shared<BurnOptions>();
  auto* sub = app.add_subcommand(
      "burn",
      "Burn an image onto a blank CD-R or CD-RW, disc-at-once (SAO) or RAW, then prove it: the disc's TOC is\n"
      "read back and compared with the image's (MCN, ISRCs and CD-Text too), and every sector is\n"
      "re-read and compared - data byte for byte, audio at the write+read offset, which is measured\n"
      "and logged. Any image discwright reads can be burned: CUE (several FILEs, mixed mode, Mode 2\n"
      "XA), CloneCD, NRG, cdrdao TOC, ISO. An image's own subchannel (CloneCD, NRG or CUE with\n"
      "subchannel) is kept only by RAW writing (every block from the lead-in start, 2352 + 96 bytes),\n"
      "which --mode auto picks when the drive can. A multisession image (CD-Extra) is burned session\n"
      "by session, in SAO or RAW (RAW needs a drive with raw multisession), each later session where\n"
      "the image has it; --simulate runs its first session only.\n"
      "DVD and BD media (and a stdio:FILE device) take a single-track ISO, written through libburn.\n"
      "The log (every command's outcome, the cue sheet sent, sense data of any failure) goes\n"
      "beside the image as NAME.burn.log unless --log says otherwise.\n\n"
      "Examples:\n"
      "  discwright burn album.cue /dev/sr0\n"
      "  discwright burn album.cue /dev/sr0 --simulate           # the whole burn, laser off\n"
      "  discwright burn game.cue /dev/sr0 --speed 16 --json\n"
      "  discwright burn protected.ccd /dev/sr0 --mode raw   # keep the image's own subchannel\n"
      "  discwright burn demo.cue 'virtual:blank?media=cdr&save=burned.ccd'   # a virtual blank CD-R, saved\n"
      "      (an existing burned.ccd/.img/.sub is refused unless the spec adds &overwrite=yes)\n"
      "  discwright burn data.iso stdio:/tmp/out.iso   # an ISO through libburn onto a file\n"
      "  discwright burn data.iso /dev/sr0   # a blank DVD-R in the drive: through libburn\n"
      "  discwright burn data.iso 'virtual:blank?media=bdr&save=bd.iso'   # a virtual BD-R, libburn under emulate");
  sub->add_option("IMAGE", opt->image, "The image to burn (.cue, .ccd, .nrg, .toc, .iso)")->required();
  sub->add_option("DEVICE", opt->device,
                  "The recorder: /dev/sr0, virtual:blank?media=cdr|cdrw|dvdr|dvdplusr|dvdrw|dvdplusrw|bdre|bdr[&...] "
                  "(DVD and BD through libburn, under emulate), or stdio:FILE (an ISO through libburn)")
      ->required();
  sub->add_option("--mode", opt->mode,
                  "auto (default: RAW for an image with its own subchannel on a drive that writes RAW, else SAO; the "
                  "log says why), sao or raw")
      ->check(CLI::IsMember({"auto", "sao", "raw"}));
  sub->add_option("--speed", opt->speed, "Write speed in x (default: the drive's fastest)")
      ->check(CLI::Range(0.0, 100.0));
  sub->add_flag("--simulate", opt->simulate, "Test write: run everything with the laser off; the disc stays blank");
  sub->add_flag("--no-verify", opt->no_verify, "Skip re-reading the burned disc (the TOC is still checked)");
  sub->add_flag("--overburn", opt->overburn, "Burn an image larger than the disc says it holds");
  sub->add_flag("--no-burnfree", opt->no_burnfree, "Turn buffer-underrun protection (BURN-Free, BUFE) off");
  sub->add_flag("--eject", opt->eject, "Eject the disc after a good burn");
  sub->add_flag("--json", opt->json, "Print a JSON summary on stdout (progress as JSON lines on stderr)");
  sub->add_option("--log", opt->log,
                  "The log file, appended to (default: NAME.burn.log in IMAGE's folder, or in the current or the "
                  "temporary folder when that cannot be written)");
  sub->footer(std::string(kExitCodeHelp) +
              "\nFor burn: 1 the disc does not read back as the image; 3 the image cannot be burned as it\n"
              "is (the message says why, e.g. a later session where no recorder puts it); 4 the drive or disc\n"
              "refused or failed (not blank, too small, underrun...).");
  add_handler(sub, [opt] { return run_burn(*opt); });

  auto bopt = std::make_shared<BlankOptions>();
  auto* blank = app.add_subcommand("blank",
                                   "Erase a CD-RW so it can be burned again. Full blanking rewrites the whole disc\n"
                                   "(minutes); --fast erases only the TOC and the first pregap (about a minute).\n\n"
                                   "Examples:\n"
                                   "  discwright blank /dev/sr0 --fast\n"
                                   "  discwright blank 'virtual:blank?media=cdrw'");
  blank->add_option("DEVICE", bopt->device, "The recorder with the CD-RW: /dev/sr0, or virtual:...")->required();
  blank->add_flag("--fast", bopt->fast, "Minimal blanking (PMA, TOC, first pregap) instead of the whole disc");
  blank->add_flag("--json", bopt->json, "Print the outcome as JSON");
  blank->footer(kExitCodeHelp);
  add_handler(blank, [bopt] { return run_blank(*bopt); });
}

}  // namespace dw::cli

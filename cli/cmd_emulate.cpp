// `discwright emulate DEVICE-SPEC [--as /dev/srN] [--log-commands FILE] -- PROGRAM [ARGS...]`:
// runs an unmodified program that sees the virtual drive as a real /dev/srN. The drive runs in
// this process and serves the program's commands over a Unix socket; the program runs in a
// private user + mount namespace with our preload library. Design: docs/emulate.md.
#include <fmt/format.h>
#include <signal.h>
#include <spdlog/spdlog.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "cli/device.hpp"
#include "cli/emulate_run.hpp"
#include "cli/exit_codes.hpp"
#include "cli/registry.hpp"
#include "disc/error.hpp"
#include "scsi/device_error.hpp"
#include "scsi/drive.hpp"
#include "scsi/emulate/sandbox.hpp"
#include "scsi/emulate/server.hpp"
#include "scsi/sense.hpp"
#include "scsi/virtual/virtual_drive.hpp"
#include "scsi/virtual/virtual_spec.hpp"

namespace dw::cli {

namespace fs = std::filesystem;

namespace {

struct EmulateOptions {
  std::string spec;
  std::string as = "/dev/sr0";
  std::string log_commands;
  bool json = false;
  std::vector<std::string> program;
};

// The preload library: DW_PRELOAD, else beside the binary's lib folder (build tree and install).
fs::path find_preload() {
  if (const char* env = std::getenv("DW_PRELOAD")) return env;
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  const fs::path dir = exe.parent_path();
  for (const fs::path& p : {dir / "../lib/libdiscwright-preload.so", dir / "libdiscwright-preload.so",
                            dir / "../lib/discwright/libdiscwright-preload.so"})
    if (fs::exists(p, ec)) return fs::canonical(p, ec);
  return {};
}

int drive_index(const std::string& as) {
  const std::string prefix = "/dev/sr";
  if (!as.starts_with(prefix) || as.size() == prefix.size() || as.size() > prefix.size() + 2 ||
      as.find_first_not_of("0123456789", prefix.size()) != std::string::npos)
    throw CLI::ValidationError("--as", "must be /dev/srN with N 0..99 (got '" + as + "')");
  return std::stoi(as.substr(prefix.size()));
}

std::string hex(std::span<const uint8_t> bytes) {
  std::string s;
  for (size_t i = 0; i < bytes.size(); ++i) s += fmt::format("{}{:02X}", i ? " " : "", bytes[i]);
  return s;
}

// Serves the program's commands to the virtual drive, one at a time, and keeps the log.
class DriveService {
 public:
  DriveService(scsi::Transport& transport, const std::string& log_path) : transport_(transport) {
    if (!log_path.empty()) {
      log_.open(log_path, std::ios::trunc);
      if (!log_) throw InputError(log_path, "cannot write the command log");
    }
  }

  emulate::ServedReply serve(const emulate::ServedCommand& c) {
    std::lock_guard lock(mutex_);
    scsi::Command cmd;
    cmd.cdb.assign(c.cdb.begin(), c.cdb.end());
    cmd.direction = c.direction == emulate::Dir::ToDevice     ? scsi::Direction::ToDevice
                    : c.direction == emulate::Dir::FromDevice ? scsi::Direction::FromDevice
                                                              : scsi::Direction::None;
    cmd.data = c.data;
    if (c.timeout_ms > 0) cmd.timeout = std::chrono::milliseconds(c.timeout_ms);
    scsi::CommandResult r;
    try {
      r = transport_.execute(cmd);
    } catch (const std::exception& e) {
      // Whatever goes wrong inside the drive (an image file that can no longer be read, a bug)
      // answers this command as a drive's internal target failure, 04/44/00, and is logged:
      // it must not end the emulation under the user's program.
      spdlog::error("the virtual drive failed on CDB {}: {}", hex(c.cdb), e.what());
      r = scsi::CommandResult{};
      r.status = scsi::kStatusCheckCondition;
      r.sense_bytes = scsi::build_fixed_sense(0x04, 0x44, 0x00);
      r.sense = scsi::parse_sense(r.sense_bytes);
      r.residual = static_cast<uint32_t>(c.data.size());
    }
    emulate::ServedReply out;
    out.status = r.status;
    out.sense = r.sense_bytes;
    out.transferred = static_cast<uint32_t>(c.data.size() - std::min<size_t>(c.data.size(), r.residual));
    out.duration_us = static_cast<uint32_t>(std::min<int64_t>(r.duration.count(), UINT32_MAX));
    if (r.transport == scsi::TransportError::Timeout) out.host_status = emulate::kHostTimeOut;
    if (r.transport == scsi::TransportError::HostError || r.transport == scsi::TransportError::Unsupported)
      out.host_status = emulate::kHostRefused;
    ++commands_;
    // 05/20/00: an operation code the drive does not implement. Worth knowing which programs
    // send them.
    if (r.status == scsi::kStatusCheckCondition && r.sense.key == 0x05 && r.sense.asc == 0x20)
      ++unimplemented_[c.cdb[0]];
    if (log_.is_open()) {
      log_ << fmt::format("cdb {} {} {} -> {}, {} bytes, {} us", hex(c.cdb),
                          c.direction == emulate::Dir::ToDevice     ? "out"
                          : c.direction == emulate::Dir::FromDevice ? "in"
                                                                    : "none",
                          c.data.size(), r.describe(), out.transferred, out.duration_us);
      if (c.direction == emulate::Dir::FromDevice && out.transferred > 0)
        log_ << " data " << hex(c.data.first(std::min<size_t>(out.transferred, 16)))
             << (out.transferred > 16 ? " ..." : "");
      // Parameter lists (MODE SELECT pages, cue sheets, OPC values) whole; not written blocks.
      const bool write = c.cdb[0] == 0x2A || c.cdb[0] == 0xAA;
      if (c.direction == emulate::Dir::ToDevice && !write && !c.data.empty())
        log_ << " sent " << hex(c.data.first(std::min<size_t>(c.data.size(), 1024)));
      log_ << "\n";
    }
    return out;
  }

  void note(const std::string& line) {
    std::lock_guard lock(mutex_);
    if (log_.is_open()) log_ << line << "\n";
  }

  void finish() {
    std::lock_guard lock(mutex_);
    if (log_.is_open()) log_.flush();
  }

  [[nodiscard]] uint64_t commands() const { return commands_; }
  [[nodiscard]] const std::map<uint8_t, uint64_t>& unimplemented() const { return unimplemented_; }

 private:
  scsi::Transport& transport_;
  std::mutex mutex_;
  std::ofstream log_;
  uint64_t commands_ = 0;
  std::map<uint8_t, uint64_t> unimplemented_;
};

emulate::DriveDescription describe(const OpenedDevice& dev, int index, size_t max_transfer) {
  emulate::DriveDescription d;
  d.index = index;
  const vdrive::Personality& p = dev.virtual_drive->personality();
  d.vendor = p.vendor;
  d.model = p.product;
  d.revision = p.revision;
  d.max_transfer_kib = static_cast<uint32_t>(max_transfer / 1024);
  d.speed = static_cast<int>(p.max_read_speed);
  // As mode page 2A reports them (vd_identity.cpp): a recorder writes CD-R/RW, and DVD-R when
  // the loaded media is a DVD-R.
  d.write_cdr = d.write_cdrw = p.max_write_speed > 0;
  d.write_dvdr = d.write_cdr && dev.virtual_drive->dvd_recordable() != nullptr;
  d.read_dvd = true;
  if (const auto* media = dev.virtual_drive->media()) d.size_bytes = uint64_t(media->disc().leadout()) * 2048;
  return d;
}

int run_emulate(const EmulateOptions& opt) {
  const int index = drive_index(opt.as);
  if (const std::string why = emulate::namespaces_unavailable(); !why.empty())
    throw scsi::DeviceError(opt.as, why +
                                        "; discwright emulate needs unprivileged user namespaces "
                                        "(kernel.unprivileged_userns_clone=1)");
  const fs::path preload = find_preload();
  if (preload.empty())
    throw scsi::DeviceError(opt.as,
                            "the preload library libdiscwright-preload.so was not found beside the "
                            "discwright binary (set DW_PRELOAD to its path)");
  const std::string spec = vdrive::is_virtual(opt.spec) ? opt.spec : "virtual:" + opt.spec;
  OpenedDevice dev = open_device(spec);
  // The kernel's sr driver polls a drive for media events, so the unit attention of a freshly
  // loaded disc is taken by the kernel before any program opens the device.
  scsi::Drive(*dev.transport).wait_ready();
  DriveService service(*dev.transport, opt.log_commands);

  const char* tmp = std::getenv("TMPDIR");
  std::string pattern = (tmp && *tmp ? std::string(tmp) : std::string("/tmp")) + "/discwright-emulate-XXXXXX";
  const char* made = ::mkdtemp(pattern.data());
  if (made == nullptr) throw std::runtime_error("cannot create a temporary directory in " + pattern);
  const fs::path stage = made;
  struct Cleanup {
    fs::path dir;
    ~Cleanup() {
      std::error_code ec;
      fs::remove_all(dir, ec);
    }
  } cleanup{stage};

  emulate::SandboxConfig config;
  config.drive = describe(dev, index, dev.transport->max_transfer());
  config.socket_path = (stage / "drive.sock").string();
  config.preload_path = preload.string();
  config.stage_dir = stage.string();
  config.log_ioctls = !opt.log_commands.empty();
  emulate::stage_files(config);
  emulate::Server server(config.socket_path);
  spdlog::info("emulate: {} as {} ({} {} {}), preload {}", spec, opt.as, config.drive.vendor, config.drive.model,
               config.drive.revision, config.preload_path);

  pid_t pid = -1;
  try {
    // Forked before the server's threads start: the child is single-threaded, as unshare needs.
    pid = emulate::launch(config, opt.program);
  } catch (const emulate::SandboxError& e) {
    throw scsi::DeviceError(opt.as, e.what());
  }
  // The program gets the terminal's Ctrl-C; we wait for it and then save what it wrote.
  struct sigaction ignore {
  }, old_int{}, old_quit{};
  ignore.sa_handler = SIG_IGN;
  sigaction(SIGINT, &ignore, &old_int);
  sigaction(SIGQUIT, &ignore, &old_quit);
  server.start([&service](const emulate::ServedCommand& c) { return service.serve(c); },
               [&service](const std::string& line) { service.note(line); });
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  server.stop();
  service.finish();
  sigaction(SIGINT, &old_int, nullptr);
  sigaction(SIGQUIT, &old_quit, nullptr);
  const int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  const auto saved = dev.close();

  for (const auto& [op, n] : service.unimplemented())
    spdlog::warn(
        "emulate: the program sent operation code {:02X}h {} time(s); the virtual drive does not "
        "implement it (answered 05/20/00)",
        op, n);
  spdlog::info("emulate: {} commands; {} exited with {}", service.commands(), opt.program[0], code);
  if (opt.json) {
    nlohmann::json j{{"device", opt.as},
                     {"spec", spec},
                     {"program", opt.program},
                     {"exit_code", code},
                     {"commands", service.commands()},
                     {"drive_seconds", double(dev.virtual_drive->clock().now_us()) / 1e6},
                     {"saved", saved}};
    nlohmann::json unimpl = nlohmann::json::object();
    for (const auto& [op, n] : service.unimplemented()) unimpl[fmt::format("{:02X}", op)] = n;
    j["unimplemented_opcodes"] = unimpl;
    std::cout << j.dump() << "\n";
  }
  return code;
}

}  // namespace

int emulate_program(const std::string& spec, const std::vector<std::string>& program) {
  EmulateOptions opt;
  opt.spec = spec;
  opt.program = program;
  return run_emulate(opt);
}

void register_emulate(CLI::App& app) {
  auto opt = std::make_shared<EmulateOptions>();
  auto* sub = app.add_subcommand(
      "emulate",
      "Run a program that sees a virtual drive as a real CD/DVD drive at /dev/sr0.\n\n"
      "The program runs unmodified, as your user, in a private namespace of its own (no root, the host's\n"
      "/dev untouched): it finds /dev/sr0, /dev/sg0, /dev/scd0 and /dev/cdrom, the /sys and /proc entries\n"
      "of a SCSI drive, and every SG_IO, CDROM_SEND_PACKET, legacy CD-ROM ioctl and read() is answered by\n"
      "the virtual drive in this process. Blank media written by the program is saved when the spec says\n"
      "save=PATH.ccd (CD) or save=PATH.iso (DVD-R); files of that name are refused unless it adds\n"
      "&overwrite=yes. The exit code is the program's.\n\n"
      "Examples:\n"
      "  discwright emulate disc.cue -- cdparanoia -d /dev/sr0 -O 6 -B\n"
      "  discwright emulate 'virtual:disc.ccd?drive=plextor' -- cdrdao read-toc --device /dev/sr0 out.toc\n"
      "  discwright emulate 'virtual:blank?media=cdr&save=burned.ccd' -- cdrdao write --device /dev/sr0 "
      "disc.toc\n"
      "  discwright emulate 'virtual:blank?media=dvdr&save=out.iso' -- xorriso -outdev /dev/sr0 -map files /\n"
      "  discwright emulate disc.cue --log-commands cmds.txt -- cd-info /dev/sr0\n\n"
      "Tell rippers the personality's read offset in samples (cdparanoia -O 6 for the default drive).\n"
      "More: docs/emulate.md");
  sub->add_option("DEVICE-SPEC", opt->spec, "An image, or a virtual: spec (pressed or blank media, drive, faults)")
      ->required();
  sub->add_option("--as", opt->as, "The device name the program sees (/dev/srN)")->capture_default_str();
  sub->add_option("--log-commands", opt->log_commands, "Write every CDB and ioctl with its answer to FILE");
  sub->add_flag("--json", opt->json, "After the program exits, print a JSON summary line on stdout");
  sub->add_option("PROGRAM", opt->program, "The program and its arguments, after --")->required();
  sub->footer(std::string(kExitCodeHelp) +
              "\nWith emulate the exit code is the program's (128+N when a signal ended it); 4 when the\n"
              "private namespace cannot be made here or the program cannot be started.");
  add_handler(sub, [opt] { return run_emulate(*opt); });
}

}  // namespace dw::cli

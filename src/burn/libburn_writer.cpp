#include "burn/libburn_writer.hpp"

#include <fmt/format.h>
#include <libburn/libburn.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <fstream>
#include <thread>
#include <vector>

namespace dw::burn {

// libburn.h puts its C API in namespace ::burn when compiled as C++.
using namespace ::burn;  // NOLINT(google-build-using-namespace)

namespace {

constexpr uint32_t kBlock = 2048;

// libburn's message queue drained into our log: FAILURE and worse as warnings (kept for the error
// text), the rest as detail.
class Messages {
 public:
  explicit Messages(const Log& log) : log_(log) {}
  void drain() {
    int code = 0, os_errno = 0;
    std::array<char, BURN_MSGS_MESSAGE_LEN> text{};
    std::array<char, 80> severity{};
    char minimum[] = "ALL";
    while (burn_msgs_obtain(minimum, &code, text.data(), &os_errno, severity.data()) == 1) {
      const std::string sev(severity.data());
      std::string line = fmt::format("libburn {}: {}", sev, text.data());
      if (os_errno != 0) line += fmt::format(" (errno {})", os_errno);
      const bool bad = sev == "FAILURE" || sev == "FATAL" || sev == "ABORT" || sev == "SORRY";
      if (bad) failures_.emplace_back(text.data());
      if (log_) log_(bad ? LogLevel::Warn : LogLevel::Detail, line);
    }
  }
  /// The failures seen so far, as one sentence (empty if none).
  [[nodiscard]] std::string failures() const {
    std::string out;
    for (const auto& f : failures_) out += (out.empty() ? "" : "; ") + f;
    return out;
  }

 private:
  const Log& log_;
  std::vector<std::string> failures_;
};

// burn_initialize .. burn_finish around one job.
class Library {
 public:
  Library() {
    if (burn_initialize() != 1) throw BurnError(BurnError::Kind::Drive, "libburn could not be initialised");
    char queue[] = "DEBUG", print[] = "NEVER", id[] = "libburn: ";
    burn_msgs_set_severities(queue, print, id);
  }
  ~Library() { burn_finish(); }
  Library(const Library&) = delete;
  Library& operator=(const Library&) = delete;
};

// Owns what libburn hands out: the grabbed drive, the disc model, the write options.
struct Job {
  burn_drive_info* infos = nullptr;
  burn_drive* drive = nullptr;
  burn_disc* disc = nullptr;
  burn_session* session = nullptr;
  burn_write_opts* opts = nullptr;
  Job() = default;
  Job(const Job&) = delete;
  Job& operator=(const Job&) = delete;
  ~Job() {
    if (opts) burn_write_opts_free(opts);
    if (session) burn_session_free(session);
    if (disc) burn_disc_free(disc);
    if (drive) burn_drive_release(drive, 0);
    if (infos) burn_drive_info_free(infos);
  }
};

const char* status_name(burn_disc_status s) {
  switch (s) {
    case BURN_DISC_BLANK: return "blank";
    case BURN_DISC_EMPTY: return "no medium";
    case BURN_DISC_APPENDABLE: return "appendable";
    case BURN_DISC_FULL: return "full (closed)";
    case BURN_DISC_UNGRABBED: return "not grabbed";
    case BURN_DISC_UNSUITABLE: return "unsuitable";
    default: return "unknown";
  }
}

// kB/s of 1x for the medium libburn reports (its speed unit is 1000 bytes per second).
double kb_per_x(int profile) {
  if (profile >= 0x08 && profile <= 0x0a) return 176.4;
  if (profile >= 0x40 && profile <= 0x43) return 4495.5;
  return 1385.0;
}

}  // namespace

bool is_libburn_target(std::string_view device) { return device.starts_with("stdio:"); }

LibburnResult burn_iso_with_libburn(const std::filesystem::path& iso, const std::string& target,
                                    const LibburnOptions& options, const Log& log) {
  const auto say = [&](LogLevel level, const std::string& line) {
    if (log) log(level, line);
  };
  struct stat st {};
  if (::stat(iso.c_str(), &st) != 0 || !S_ISREG(st.st_mode))
    throw BurnError(BurnError::Kind::Drive, iso.string() + ": cannot read the image");
  LibburnResult result;
  result.image_bytes = static_cast<uint64_t>(st.st_size);
  result.simulated = options.simulate;
  if (result.image_bytes == 0 || result.image_bytes % kBlock != 0)
    throw BurnError(BurnError::Kind::Drive,
                    fmt::format("{}: {} bytes is not a whole number of 2048-byte blocks; libburn would pad the last "
                                "block, so the burned track would not equal the image",
                                iso.string(), result.image_bytes));

  // libburn writes a random-access stdio: file from byte 0 like a DVD-RAM and never truncates it:
  // an existing longer file would keep its old tail after the image. Refuse what is not empty.
  const std::string path = is_libburn_target(target) ? target.substr(std::string_view("stdio:").size()) : std::string();
  struct stat ts {};
  if (!path.empty() && !path.starts_with("/dev/") && ::stat(path.c_str(), &ts) == 0 && S_ISREG(ts.st_mode) &&
      ts.st_size > 0)
    throw BurnError(BurnError::Kind::Media,
                    fmt::format("{}: the file exists and holds {} bytes; libburn would overwrite its start and leave "
                                "the rest, so remove it first",
                                path, ts.st_size));

  Library library;
  Messages messages(log);
  Job job;
  std::string address = target;
  int major = 0, minor = 0, micro = 0;
  burn_version(&major, &minor, &micro);
  say(LogLevel::Info, fmt::format("libburn {}.{}.{}: grabbing {}", major, minor, micro, address));
  const int grabbed = burn_drive_scan_and_grab(&job.infos, address.data(), 1);
  messages.drain();
  if (grabbed != 1 || job.infos == nullptr) {
    job.infos = nullptr;
    throw BurnError(BurnError::Kind::Drive, fmt::format("libburn cannot use {}{}", target,
                                                        messages.failures().empty() ? "" : ": " + messages.failures()));
  }
  job.drive = job.infos[0].drive;
  result.drive_role = burn_drive_get_drive_role(job.drive);
  if (result.drive_role == 0)
    throw BurnError(BurnError::Kind::Drive, target + ": libburn's null drive (an empty stdio: path) cannot be written");

  // The medium: blank, or (a stdio: file, DVD-RAM, BD-RE, DVD+RW) overwritable.
  int profile = 0;
  std::array<char, 80> profile_name{};
  burn_disc_get_profile(job.drive, &profile, profile_name.data());
  result.profile = profile_name.data();
  const burn_disc_status status = burn_disc_get_status(job.drive);
  say(LogLevel::Info, fmt::format("libburn: drive role {} ({}), medium {} (profile {:04X}), {}", result.drive_role,
                                  result.drive_role == 1   ? "MMC drive"
                                  : result.drive_role == 3 ? "stdio, sequential"
                                                           : "stdio, random access",
                                  result.profile.empty() ? "?" : result.profile, profile, status_name(status)));
  if (status != BURN_DISC_BLANK) {
    // Overwritable media (DVD-RAM, DVD-RW restricted overwrite, DVD+RW, BD-RE) and random-access
    // stdio files report what is on them, yet are written from the start like a blank.
    const bool overwritable =
        result.drive_role == 2 || profile == 0x12 || profile == 0x13 || profile == 0x1a || profile == 0x43;
    if (!(status == BURN_DISC_FULL || status == BURN_DISC_APPENDABLE) || !overwritable)
      throw BurnError(BurnError::Kind::Media,
                      fmt::format("{}: the medium is {}, not blank{}", target, status_name(status),
                                  status == BURN_DISC_EMPTY ? "" : " (blank or format it first)"));
  }

  // The disc model: one session, one Mode 1 track from the file through a 4 MiB fifo.
  job.disc = burn_disc_create();
  job.session = burn_session_create();
  burn_disc_add_session(job.disc, job.session, BURN_POS_END);
  burn_track* track = burn_track_create();
  burn_track_define_data(track, 0, 0, 1, BURN_MODE1);
  burn_source* file = burn_file_source_new(iso.c_str(), nullptr);
  if (file == nullptr) {
    burn_track_free(track);
    throw BurnError(BurnError::Kind::Drive, iso.string() + ": libburn cannot open the image");
  }
  burn_source* fifo = burn_fifo_source_new(file, kBlock, 2048, 0);
  burn_source_free(file);
  if (fifo == nullptr) {
    burn_track_free(track);
    throw BurnError(BurnError::Kind::Drive, "libburn could not make its fifo");
  }
  const burn_source_status set = burn_track_set_source(track, fifo);
  burn_source_free(fifo);
  if (set != BURN_SOURCE_OK) {
    burn_track_free(track);
    throw BurnError(BurnError::Kind::Drive, "libburn refused the image as a track source");
  }
  burn_session_add_track(job.session, track, BURN_POS_END);
  burn_track_free(track);

  job.opts = burn_write_opts_new(job.drive);
  burn_write_opts_set_perform_opc(job.opts, 1);
  burn_write_opts_set_multi(job.opts, 0);
  burn_write_opts_set_underrun_proof(job.opts, 1);
  burn_write_opts_set_simulate(job.opts, options.simulate ? 1 : 0);
  // SAO (DAO) is the write type that closes the disc with one track; libburn picks TAO where the
  // medium only takes that (its auto choice, with the reason logged).
  std::array<char, BURN_REASONS_LEN> reasons{};
  burn_write_opts_set_write_type(job.opts, BURN_WRITE_SAO, BURN_BLOCK_SAO);
  if (burn_precheck_write(job.opts, job.disc, reasons.data(), 1) <= 0) {
    say(LogLevel::Detail, fmt::format("libburn: SAO refused ({}), asking libburn for a write type", reasons.data()));
    reasons.fill(0);
    if (burn_write_opts_auto_write_type(job.opts, job.disc, reasons.data(), 0) == BURN_WRITE_NONE) {
      messages.drain();
      throw BurnError(BurnError::Kind::Drive,
                      fmt::format("libburn refuses to write {} onto {}: {}", iso.string(), target, reasons.data()));
    }
    result.write_type = "TAO";
  } else {
    result.write_type = "SAO";
  }
  messages.drain();

  const off_t space = burn_disc_available_space(job.drive, job.opts);
  if (space > 0 && static_cast<uint64_t>(space) < result.image_bytes) {
    const std::string by = fmt::format("the image is {} bytes, the target holds {}: {} bytes too many",
                                       result.image_bytes, space, result.image_bytes - static_cast<uint64_t>(space));
    if (!options.overburn) throw BurnError(BurnError::Kind::Media, target + ": the image does not fit (" + by + ")");
    say(LogLevel::Warn, "--overburn: " + by);
  }
  if (options.speed_x > 0) {
    const int kbs = static_cast<int>(options.speed_x * kb_per_x(profile));
    burn_drive_set_speed(job.drive, 0, kbs);
    say(LogLevel::Info, fmt::format("libburn: write speed {:.1f}x ({} kB/s) asked", options.speed_x, kbs));
  } else {
    burn_drive_set_speed(job.drive, 0, 0);
  }
  say(LogLevel::Info, fmt::format("libburn: writing {} blocks ({} bytes), {}{}", result.image_bytes / kBlock,
                                  result.image_bytes, result.write_type, options.simulate ? ", simulated" : ""));

  burn_disc_write(job.opts, job.disc);
  burn_progress p{};
  while (burn_drive_get_status(job.drive, nullptr) == BURN_DRIVE_SPAWNING)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  bool cancelled = false;
  const uint64_t total = result.image_bytes / kBlock;
  for (;;) {
    const burn_drive_status s = burn_drive_get_status(job.drive, &p);
    messages.drain();
    if (s == BURN_DRIVE_IDLE) break;
    if (!cancelled && options.cancelled && options.cancelled()) {
      cancelled = true;
      say(LogLevel::Warn, "cancelled: asking libburn to stop");
      burn_drive_cancel(job.drive);
    }
    if (options.progress && s == BURN_DRIVE_WRITING && p.sectors > 0) {
      BurnProgress bp;
      bp.lba = p.sector;
      bp.blocks_done = static_cast<uint64_t>(std::max(p.sector, 0));
      bp.blocks_total = total;
      if (p.buffer_capacity > 0)
        bp.buffer_fill = 1.0 - static_cast<double>(p.buffer_available) / static_cast<double>(p.buffer_capacity);
      options.progress(bp);
    }
    if (p.buffer_capacity > 0 && p.buffer_min_fill != 0xffffffffU) {
      const double fill = static_cast<double>(p.buffer_min_fill) / static_cast<double>(p.buffer_capacity);
      result.min_buffer_fill = std::min(result.min_buffer_fill.value_or(1.0), fill);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  const bool well = burn_drive_wrote_well(job.drive) == 1;
  messages.drain();
  if (cancelled)
    throw BurnError(BurnError::Kind::Failed, "cancelled: libburn stopped writing; the target is incomplete");
  if (!well)
    throw BurnError(BurnError::Kind::Failed,
                    fmt::format("libburn reports the write failed{}",
                                messages.failures().empty() ? "" : ": " + messages.failures()));
  result.blocks_written = total;
  if (options.progress) {
    BurnProgress bp;
    bp.phase = BurnProgress::Phase::Finalise;
    bp.lba = static_cast<Lba>(total);
    bp.blocks_done = bp.blocks_total = total;
    options.progress(bp);
  }
  say(LogLevel::Info, fmt::format("libburn: {} blocks {}", total, options.simulate ? "sent (simulated)" : "written"));
  return result;
}

StdioCheck check_stdio_target(const std::filesystem::path& iso, const std::filesystem::path& written) {
  std::ifstream a(iso, std::ios::binary), b(written, std::ios::binary);
  if (!a) throw BurnError(BurnError::Kind::Mismatch, iso.string() + ": cannot read the image back");
  if (!b) throw BurnError(BurnError::Kind::Mismatch, written.string() + ": cannot read the written file back");
  StdioCheck check;
  std::vector<char> x(1 << 20), y(1 << 20);
  uint64_t offset = 0;
  for (;;) {
    a.read(x.data(), static_cast<std::streamsize>(x.size()));
    const auto got = static_cast<size_t>(a.gcount());
    if (got == 0) break;
    b.read(y.data(), static_cast<std::streamsize>(got));
    const auto have = static_cast<size_t>(b.gcount());
    if (have < got)
      throw BurnError(BurnError::Kind::Mismatch,
                      fmt::format("{}: {} bytes, shorter than the image", written.string(), offset + have));
    for (size_t i = 0; i < got; ++i)
      if (x[i] != y[i]) {
        if (!check.first_difference) check.first_difference = offset + i;
        ++check.differing;
      }
    offset += got;
  }
  for (;;) {
    b.read(y.data(), static_cast<std::streamsize>(y.size()));
    const auto have = static_cast<size_t>(b.gcount());
    if (have == 0) break;
    check.padding += have;
    check.nonzero_padding += static_cast<uint64_t>(
        std::count_if(y.begin(), y.begin() + static_cast<std::ptrdiff_t>(have), [](char c) { return c != 0; }));
  }
  check.file_bytes = offset + check.padding;
  return check;
}

}  // namespace dw::burn

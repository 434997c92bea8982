#include "rip/dvd_dump.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>

#include "disc/error.hpp"
#include "rip/dumper.hpp"
#include "scsi/device_error.hpp"
#include "scsi/mmc_cdb.hpp"
#include "scsi/mmc_misc.hpp"
#include "scsi/sense.hpp"

namespace dw::rip {
namespace {

namespace fs = std::filesystem;
using scsi::CommandResult;

constexpr size_t kBlock = 2048;
enum : uint8_t { kUnread = 0, kGood = 1, kBad = 3 };

class RawFile {
 public:
  RawFile(const fs::path& path, bool create) : path_(path) {
    fd_ = ::open(path.c_str(), O_RDWR | O_CLOEXEC | (create ? O_CREAT | O_TRUNC : 0), 0644);
    if (fd_ < 0) throw InputError(path.string(), std::string("cannot open: ") + std::strerror(errno));
  }
  ~RawFile() {
    if (fd_ >= 0) ::close(fd_);
  }
  RawFile(const RawFile&) = delete;
  RawFile& operator=(const RawFile&) = delete;
  void write(const uint8_t* data, size_t size, uint64_t offset) {
    while (size > 0) {
      const ssize_t n = ::pwrite(fd_, data, size, static_cast<off_t>(offset));
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) throw InputError(path_.string(), std::string("cannot write: ") + std::strerror(errno), offset);
      data += n;
      size -= static_cast<size_t>(n);
      offset += static_cast<uint64_t>(n);
    }
  }
  void truncate(uint64_t size) {
    if (::ftruncate(fd_, static_cast<off_t>(size)) != 0)
      throw InputError(path_.string(), std::string("cannot size: ") + std::strerror(errno));
  }
  void sync() { ::fdatasync(fd_); }

 private:
  fs::path path_;
  int fd_ = -1;
};

bool stop_condition(const CommandResult& r) {
  return r.transport == scsi::TransportError::NoDevice ||
         (r.transport == scsi::TransportError::None && scsi::classify(r.sense) == scsi::SenseClass::NoMedium);
}

void save_structure(scsi::Drive& drive, uint8_t format, const fs::path& path, RipLog& log,
                    std::vector<fs::path>& files) {
  std::vector<uint8_t> buf(4100);
  const CommandResult r = drive.send(scsi::cdb::read_disc_structure(0, format, 0, 0, static_cast<uint16_t>(buf.size())),
                                     scsi::Direction::FromDevice, buf);
  if (!r.ok()) {
    log.info(fmt::format("READ DISC STRUCTURE format {:02X}: {} (not saved)", format, r.describe()));
    return;
  }
  const size_t got = buf.size() - std::min<size_t>(r.residual, buf.size());
  const size_t len = got >= 2 ? std::min<size_t>(got, size_t{2} + (buf[0] << 8 | buf[1])) : got;
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(buf.data()), static_cast<std::streamsize>(len));
  if (!out) throw InputError(path.string(), "cannot write");
  files.push_back(path);
  log.info(fmt::format("READ DISC STRUCTURE format {:02X}: {} bytes saved to {}", format, len, path.string()));
}

}  // namespace

bool is_dvd_or_bd_profile(uint16_t profile) {
  return (profile >= 0x0010 && profile <= 0x002F) || (profile >= 0x0040 && profile <= 0x004F);
}

uint64_t DvdDumpResult::bad_sectors() const {
  uint64_t n = 0;
  for (const auto& [b, e] : bad) n += static_cast<uint64_t>(e - b);
  return n;
}

DvdDumpResult dump_dvd(scsi::Drive& drive, const fs::path& iso, bool resume, bool force, const DvdDumpOptions& opt,
                       RipLog& log) {
  const std::string name = drive.transport().name();
  std::vector<uint8_t> cap(8);
  const CommandResult c = drive.send(scsi::cdb::read_capacity(), scsi::Direction::FromDevice, cap);
  if (!c.ok()) throw scsi::DeviceError(name, "cannot read the capacity: " + c.describe());
  const scsi::Capacity capacity = scsi::parse_capacity(cap);
  if (capacity.block_length != kBlock)
    throw scsi::DeviceError(name, fmt::format("block length {} (a data disc has 2048)", capacity.block_length));
  DvdDumpResult result;
  result.sectors = uint64_t{capacity.last_lba} + 1;
  log.info(fmt::format("data disc: {} sectors of 2048 bytes ({:.2f} GB)", result.sectors,
                       static_cast<double>(result.sectors) * kBlock / 1e9));

  if (fs::exists(iso) && !force) throw InputError(iso.string(), "exists: use --force to overwrite it");
  const fs::path part = iso.string() + ".part", state_path = iso.string() + ".state";
  const bool resuming =
      resume && fs::exists(part) && fs::exists(state_path) && fs::file_size(state_path) == result.sectors;
  std::vector<uint8_t> state(result.sectors, kUnread);
  if (resuming) {
    std::ifstream in(state_path, std::ios::binary);
    in.read(reinterpret_cast<char*>(state.data()), static_cast<std::streamsize>(state.size()));
    log.info(fmt::format("resuming {}", part.string()));
  }
  RawFile data(part, !resuming), states(state_path, !resuming);
  if (!resuming) {
    data.truncate(result.sectors * kBlock);
    states.write(state.data(), state.size(), 0);
  }
  const fs::path stem = iso.parent_path() / iso.stem();
  save_structure(drive, 0x00, stem.string() + ".physical.bin", log, result.files);
  save_structure(drive, 0x01, stem.string() + ".copyright.bin", log, result.files);
  save_structure(drive, 0x03, stem.string() + ".bca.bin", log, result.files);

  std::vector<uint8_t> buf(size_t{opt.chunk} * kBlock);
  uint64_t done = 0, bad = 0;
  const auto mark = [&](uint64_t lba, uint32_t n, uint8_t s) {
    std::fill(state.begin() + static_cast<ptrdiff_t>(lba), state.begin() + static_cast<ptrdiff_t>(lba + n), s);
    states.write(state.data() + lba, n, lba);
  };
  const auto read_one = [&](uint64_t lba, uint32_t n) {
    const CommandResult r = drive.send(scsi::cdb::read12(static_cast<uint32_t>(lba), n), scsi::Direction::FromDevice,
                                       std::span(buf).first(size_t{n} * kBlock));
    if (stop_condition(r))
      throw RipStopped(fmt::format("the disc was removed at LBA {} ({}); put it back and run again with --resume", lba,
                                   r.describe()));
    if (r.ok() && r.residual)
      log.warn(fmt::format("LBA {}..{}: GOOD status, but {} of {} bytes did not arrive; read again", lba, lba + n - 1,
                           r.residual, size_t{n} * kBlock));
    return r;
  };
  for (uint64_t lba = 0; lba < result.sectors; lba += opt.chunk) {
    if (opt.cancelled && opt.cancelled())
      throw RipStopped(fmt::format("cancelled at LBA {}; run the same command with --resume to continue", lba));
    const auto n = static_cast<uint32_t>(std::min<uint64_t>(opt.chunk, result.sectors - lba));
    if (std::none_of(state.begin() + static_cast<ptrdiff_t>(lba), state.begin() + static_cast<ptrdiff_t>(lba + n),
                     [](uint8_t s) { return s == kUnread; }))
      continue;
    if (read_one(lba, n).whole()) {
      data.write(buf.data(), size_t{n} * kBlock, lba * kBlock);
      mark(lba, n, kGood);
    } else {
      for (uint32_t i = 0; i < n; ++i) {
        if (state[lba + i] != kUnread) continue;
        if (read_one(lba + i, 1).whole()) {
          data.write(buf.data(), kBlock, (lba + i) * kBlock);
          mark(lba + i, 1, kGood);
        } else {
          mark(lba + i, 1, kBad);
          ++bad;
        }
      }
    }
    done += n;
    if (opt.progress) opt.progress(done, result.sectors, bad);
  }
  // Refine: each bad sector again, FUA so the drive reads the disc and not its cache.
  for (uint64_t lba = 0; lba < result.sectors; ++lba) {
    if (state[lba] != kBad) continue;
    bool ok = false;
    for (int attempt = 1; attempt <= opt.retries && !ok; ++attempt) {
      const CommandResult r = drive.send(scsi::cdb::read12(static_cast<uint32_t>(lba), 1, true),
                                         scsi::Direction::FromDevice, std::span(buf).first(kBlock));
      if (stop_condition(r)) throw RipStopped(fmt::format("the disc was removed during refine at LBA {}", lba));
      ok = r.whole();
      if (ok) log.info(fmt::format("refine LBA {}: good after {} re-read(s)", lba, attempt));
    }
    if (ok) {
      data.write(buf.data(), kBlock, lba * kBlock);
      mark(lba, 1, kGood);
    } else {
      log.warn(fmt::format("LBA {}: unreadable after {} re-read(s); zeros in the ISO", lba, opt.retries));
    }
  }
  for (uint64_t lba = 0; lba < result.sectors;) {
    if (state[lba] != kBad) {
      ++lba;
      continue;
    }
    uint64_t e = lba;
    while (e < result.sectors && state[e] == kBad) ++e;
    result.bad.emplace_back(static_cast<Lba>(lba), static_cast<Lba>(e));
    lba = e;
  }
  data.sync();
  const fs::path map = stem.string() + ".bad";
  {
    std::ofstream out(map, std::ios::trunc);
    for (const auto& [b, e] : result.bad) out << b << "-" << (e - 1) << "\n";
    if (!out) throw InputError(map.string(), "cannot write");
  }
  result.files.push_back(map);
  std::error_code ec;
  fs::rename(part, iso, ec);
  if (ec) throw InputError(iso.string(), "cannot rename the finished image: " + ec.message());
  fs::remove(state_path, ec);
  result.files.insert(result.files.begin(), iso);
  return result;
}

}  // namespace dw::rip

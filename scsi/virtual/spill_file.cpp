#include "scsi/virtual/spill_file.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <string>

namespace dw::vdrive {

SpillFile::SpillFile() {
  const char* dir = std::getenv("TMPDIR");
  std::string path = std::string(dir && *dir ? dir : "/tmp") + "/discwright-recording-XXXXXX";
  fd_ = ::mkstemp(path.data());
  if (fd_ < 0)
    throw std::runtime_error(
        fmt::format("virtual recorder: cannot make a temporary file {}: {}", path, std::strerror(errno)));
  ::unlink(path.c_str());
}

SpillFile::~SpillFile() {
  if (fd_ >= 0) ::close(fd_);
}

void SpillFile::write(uint64_t offset, std::span<const uint8_t> bytes) {
  size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::pwrite(fd_, bytes.data() + done, bytes.size() - done, static_cast<off_t>(offset + done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0)
      throw std::runtime_error(
          fmt::format("virtual recorder: cannot write its temporary file: {}", std::strerror(errno)));
    done += static_cast<size_t>(n);
  }
  size_ = std::max<uint64_t>(size_, offset + bytes.size());
}

void SpillFile::read(uint64_t offset, std::span<uint8_t> out) const {
  size_t done = 0;
  while (done < out.size() && offset + done < size_) {
    const ssize_t n = ::pread(fd_, out.data() + done, out.size() - done, static_cast<off_t>(offset + done));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0)
      throw std::runtime_error(
          fmt::format("virtual recorder: cannot read its temporary file: {}", std::strerror(errno)));
    if (n == 0) break;
    done += static_cast<size_t>(n);
  }
  std::fill(out.begin() + static_cast<std::ptrdiff_t>(done), out.end(), uint8_t{0});
}

void SpillFile::resize(uint64_t bytes) {
  if (::ftruncate(fd_, static_cast<off_t>(bytes)) != 0)
    throw std::runtime_error(fmt::format("virtual recorder: cannot size its temporary file: {}", std::strerror(errno)));
  size_ = bytes;
}

std::span<const uint8_t> SpillReader::at(uint64_t index) {
  if (index < first_ || index >= first_ + count_) {
    first_ = index;
    count_ = run_;
    buf_.resize(run_ * record_);
    file_.read(base_ + first_ * record_, buf_);
  }
  return std::span<const uint8_t>(buf_).subspan(static_cast<size_t>(index - first_) * record_, record_);
}

SpillSectorSource::SpillSectorSource(Disc disc, Lba begin, Lba end, std::shared_ptr<const SpillFile> main,
                                     uint64_t main_offset, std::shared_ptr<const SpillFile> sub, uint64_t sub_offset)
    : disc_(std::move(disc)),
      begin_(begin),
      end_(end),
      main_(std::move(main)),
      main_offset_(main_offset),
      sub_(std::move(sub)),
      sub_offset_(sub_offset) {
  if (!sub_) synth_ = std::make_unique<SubchannelSynthesizer>(disc_);
}

void SpillSectorSource::read(Lba first, uint32_t count, std::span<uint8_t> main, std::span<uint8_t> sub,
                             std::span<SectorState> states) {
  check_run(first, count, main, sub, states);
  const auto index = static_cast<uint64_t>(first - begin_);
  if (!main.empty()) main_->read(main_offset_ + index * kRawSectorSize, main.first(size_t{count} * kRawSectorSize));
  if (!sub.empty()) {
    if (synth_)
      synth_->synthesize_run(first, count, sub);
    else
      sub_->read(sub_offset_ + index * kSubchannelSize, sub.first(size_t{count} * kSubchannelSize));
  }
  for (uint32_t i = 0; i < states.size() && i < count; ++i) {
    SectorState s{};
    if (synth_) s.provenance |= SectorState::kSubSynthesized;
    states[i] = s;
  }
}

}  // namespace dw::vdrive

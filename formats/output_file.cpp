#include "formats/output_file.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "disc/error.hpp"

namespace dw {

namespace {
constexpr size_t kBuffer = 1 << 20;
// The most one write system call passes. The page cache gives a write a folio as large as the
// write (up to 2 MiB); on a VM whose free memory goes back to the host, those large folios come
// from blocks the host has taken back and must fault in again, which made 2 MiB writes 2-10
// times slower than cp, from run to run (docs/performance.md). Writes of 64 KiB get small
// folios, as cp's copy_file_range does, at one system call per 64 KiB.
constexpr size_t kSlice = 64 << 10;
}  // namespace

OutputFile::OutputFile(std::filesystem::path path, bool force) : path_(std::move(path)) {
  std::error_code ec;
  if (!force && std::filesystem::exists(path_, ec))
    throw InputError(path_.string(), "already exists; use --force to overwrite it");
  if (path_.has_parent_path()) std::filesystem::create_directories(path_.parent_path(), ec);
  temp_ = path_;
  temp_ += ".part";
  fd_ = ::open(temp_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (fd_ < 0) throw InputError(temp_.string(), fmt::format("cannot create: {}", std::strerror(errno)));
  buffer_.reserve(kBuffer);
}

OutputFile::~OutputFile() {
  if (fd_ >= 0) ::close(fd_);
  if (!committed_) {
    std::error_code ec;
    std::filesystem::remove(temp_, ec);
  }
}

void OutputFile::write_fd(const uint8_t* data, size_t size) {
  while (size > 0) {
    const ssize_t n = ::write(fd_, data, std::min(size, kSlice));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw InputError(temp_.string(), fmt::format("write failed: {}", std::strerror(n < 0 ? errno : EIO)));
    data += n;
    size -= static_cast<size_t>(n);
  }
}

void OutputFile::flush() {
  write_fd(buffer_.data(), buffer_.size());
  buffer_.clear();
}

void OutputFile::write(std::span<const uint8_t> bytes) {
  if (buffer_.size() + bytes.size() <= kBuffer) {
    buffer_.insert(buffer_.end(), bytes.begin(), bytes.end());
    return;
  }
  flush();
  if (bytes.size() >= kBuffer / 4)
    write_fd(bytes.data(), bytes.size());
  else
    buffer_.assign(bytes.begin(), bytes.end());
}

void OutputFile::write_pieces(const uint8_t* first, size_t count, size_t stride, size_t size) {
  flush();
  gather(std::nullopt, first, count, stride, size);
}

void OutputFile::write_pieces_at(uint64_t at, const uint8_t* first, size_t count, size_t stride, size_t size) {
  gather(at, first, count, stride, size);
}

void OutputFile::gather(std::optional<uint64_t> at, const uint8_t* first, size_t count, size_t stride, size_t size) {
  // As many pieces as fit in one slice (at least one; at most IOV_MAX, 1024 on Linux).
  constexpr size_t kMaxPieces = 1024;
  iovec pieces[kMaxPieces];
  const size_t per_call = std::clamp<size_t>(kSlice / std::max<size_t>(size, 1), 1, kMaxPieces);
  for (size_t done = 0; done < count;) {
    const size_t n = std::min(count - done, per_call);
    for (size_t i = 0; i < n; ++i)
      pieces[i] = {const_cast<uint8_t*>(first + (done + i) * stride), size};  // writev only reads them
    // A short write ends inside some piece: the rest of that piece and the pieces after it again.
    for (iovec* p = pieces; p != pieces + n;) {
      const auto left_pieces = static_cast<int>(pieces + n - p);
      const ssize_t w = at ? ::pwritev(fd_, p, left_pieces, static_cast<off_t>(*at)) : ::writev(fd_, p, left_pieces);
      if (w < 0 && errno == EINTR) continue;
      if (w <= 0) throw InputError(temp_.string(), fmt::format("write failed: {}", std::strerror(w < 0 ? errno : EIO)));
      if (at) *at += static_cast<uint64_t>(w);
      auto left = static_cast<size_t>(w);
      while (p != pieces + n && left >= p->iov_len) left -= (p++)->iov_len;
      if (left > 0) p->iov_base = static_cast<uint8_t*>(p->iov_base) + left, p->iov_len -= left;
    }
    done += n;
  }
}

void OutputFile::copy_from(const ImageFile& file, uint64_t offset, uint64_t size) {
  flush();
  auto in_at = static_cast<off_t>(offset);
  while (size > 0) {
    const ssize_t n = ::copy_file_range(file.fd(), &in_at, fd_, nullptr, size, 0);
    if (n > 0) {
      size -= static_cast<uint64_t>(n);
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n == 0) throw InputError(file.name(), "file ends before the bytes to copy", static_cast<uint64_t>(in_at));
    // Not between these files (other file systems, old kernels): read and write instead.
    if (errno != EXDEV && errno != ENOSYS && errno != EINVAL && errno != EOPNOTSUPP)
      throw InputError(temp_.string(), fmt::format("copy failed: {}", std::strerror(errno)));
    std::vector<uint8_t> chunk(std::min<uint64_t>(size, kBuffer));
    while (size > 0) {
      const auto part = std::span(chunk).first(std::min<uint64_t>(size, chunk.size()));
      file.read_at(static_cast<uint64_t>(in_at), part);
      write_fd(part.data(), part.size());
      in_at += static_cast<off_t>(part.size());
      size -= part.size();
    }
  }
}

void OutputFile::seek(uint64_t offset) {
  flush();
  if (::lseek(fd_, static_cast<off_t>(offset), SEEK_SET) < 0)
    throw InputError(temp_.string(), fmt::format("cannot seek to byte {}: {}", offset, std::strerror(errno)));
}

uint64_t OutputFile::tell() const {
  const off_t at = ::lseek(fd_, 0, SEEK_CUR);
  if (at < 0) throw InputError(temp_.string(), fmt::format("cannot tell the write position: {}", std::strerror(errno)));
  return static_cast<uint64_t>(at) + buffer_.size();
}

void OutputFile::fail(std::string why) {
  if (failed_.empty()) failed_ = why.empty() ? "a write failed" : std::move(why);
}

void OutputFile::commit() {
  if (!failed_.empty()) throw InputError(temp_.string(), failed_);
  flush();
  const int closed = ::close(fd_);
  fd_ = -1;
  if (closed != 0) throw InputError(temp_.string(), fmt::format("write failed: {}", std::strerror(errno)));
  std::error_code ec;
  std::filesystem::rename(temp_, path_, ec);
  if (ec) throw InputError(path_.string(), fmt::format("cannot rename the finished file into place: {}", ec.message()));
  committed_ = true;
}

std::string safe_file_name(const std::string& name) {
  std::string out;
  for (char c : name) {
    const auto u = static_cast<unsigned char>(c);
    out += (c == '/' || c == '\\' || u < 0x20 || c == ':' || c == '*' || c == '?' || c == '"' || c == '<' || c == '>' ||
            c == '|')
               ? '_'
               : c;
  }
  while (!out.empty() && (out.front() == '.' || out.front() == ' ')) out.erase(out.begin());
  while (!out.empty() && (out.back() == '.' || out.back() == ' ')) out.pop_back();
  return out.empty() ? "disc" : out;
}

}  // namespace dw

#include "formats/output_file.hpp"

#include <fmt/format.h>
#include <sys/types.h>

#include <cerrno>
#include <cstring>

#include "disc/error.hpp"

namespace dw {

OutputFile::OutputFile(std::filesystem::path path, bool force) : path_(std::move(path)) {
  std::error_code ec;
  if (!force && std::filesystem::exists(path_, ec))
    throw InputError(path_.string(), "already exists; use --force to overwrite it");
  if (path_.has_parent_path()) std::filesystem::create_directories(path_.parent_path(), ec);
  temp_ = path_;
  temp_ += ".part";
  f_ = std::fopen(temp_.c_str(), "wb");
  if (!f_) throw InputError(temp_.string(), fmt::format("cannot create: {}", std::strerror(errno)));
  std::setvbuf(f_, nullptr, _IOFBF, 1 << 20);
}

OutputFile::~OutputFile() {
  if (f_) std::fclose(f_);
  if (!committed_) {
    std::error_code ec;
    std::filesystem::remove(temp_, ec);
  }
}

void OutputFile::write(std::span<const uint8_t> bytes) {
  if (std::fwrite(bytes.data(), 1, bytes.size(), f_) != bytes.size())
    throw InputError(temp_.string(), fmt::format("write failed: {}", std::strerror(errno)));
}

void OutputFile::seek(uint64_t offset) {
  if (::fseeko(f_, static_cast<off_t>(offset), SEEK_SET) != 0)
    throw InputError(temp_.string(), fmt::format("cannot seek to byte {}: {}", offset, std::strerror(errno)));
}

uint64_t OutputFile::tell() const {
  const off_t at = ::ftello(f_);
  if (at < 0) throw InputError(temp_.string(), fmt::format("cannot tell the write position: {}", std::strerror(errno)));
  return static_cast<uint64_t>(at);
}

void OutputFile::commit() {
  const int flushed = std::fflush(f_);
  const int closed = std::fclose(f_);
  f_ = nullptr;
  if (flushed != 0 || closed != 0)
    throw InputError(temp_.string(), fmt::format("write failed: {}", std::strerror(errno)));
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

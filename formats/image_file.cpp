#include "formats/image_file.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>

#include "disc/error.hpp"

namespace dw {

namespace fs = std::filesystem;

namespace {

// What a file that is not a regular file is, for the message that refuses it (nullptr: regular).
const char* not_regular(mode_t mode) {
  if (S_ISREG(mode)) return nullptr;
  if (S_ISDIR(mode)) return "is a folder, not a file";
  if (S_ISFIFO(mode)) return "is a named pipe (FIFO), not a regular file: give an image file";
  if (S_ISSOCK(mode)) return "is a socket, not a regular file: give an image file";
  if (S_ISCHR(mode)) return "is a character device, not a regular file: give an image file";
  if (S_ISBLK(mode)) return "is a block device, not a regular file: give an image file (drives are read with rip)";
  return "is not a regular file: give an image file";
}

}  // namespace

std::shared_ptr<ImageFile> ImageFile::open(const fs::path& path) {
  // Looked at before it is opened: opening a FIFO for reading blocks until a writer comes.
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0)
    throw InputError(path.string(), fmt::format("cannot open: {}", std::strerror(errno)));
  if (const char* what = not_regular(st.st_mode)) throw InputError(path.string(), what);
  // O_NONBLOCK: should the path be swapped for a FIFO between stat and open, open still returns.
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) throw InputError(path.string(), fmt::format("cannot open: {}", std::strerror(errno)));
  if (::fstat(fd, &st) != 0 || not_regular(st.st_mode)) {
    const char* what = not_regular(st.st_mode);
    ::close(fd);
    throw InputError(path.string(), what ? what : "cannot stat");
  }
  return std::shared_ptr<ImageFile>(new ImageFile(path, fd, static_cast<uint64_t>(st.st_size)));
}

ImageFile::~ImageFile() { ::close(fd_); }

size_t ImageFile::read_some(uint64_t offset, std::span<uint8_t> out) const {
  size_t done = 0;
  while (done < out.size()) {
    const ssize_t n = ::pread(fd_, out.data() + done, out.size() - done, static_cast<off_t>(offset + done));
    if (n < 0) {
      if (errno == EINTR) continue;
      throw InputError(name(), fmt::format("read failed: {}", std::strerror(errno)), offset + done);
    }
    if (n == 0) break;
    done += static_cast<size_t>(n);
  }
  return done;
}

void ImageFile::read_at(uint64_t offset, std::span<uint8_t> out) const {
  if (read_some(offset, out) != out.size())
    throw InputError(name(), fmt::format("file ends at {} bytes, {} bytes wanted here", size_, out.size()), offset);
}

std::vector<uint8_t> ImageFile::read_all(uint64_t limit) const {
  if (size_ > limit)
    throw InputError(name(), fmt::format("is {} bytes, more than the {} expected for this kind of file", size_, limit));
  std::vector<uint8_t> bytes(size_);
  read_at(0, bytes);
  return bytes;
}

namespace {

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool is_file(const fs::path& p) {
  std::error_code ec;
  return fs::is_regular_file(p, ec) || (fs::exists(p, ec) && !fs::is_directory(p, ec));
}

// The entry of `dir` whose name equals `name` ignoring case, if exactly one does.
std::optional<fs::path> find_ignoring_case(const fs::path& dir, const std::string& name) {
  std::error_code ec;
  const std::string want = lower(name);
  std::optional<fs::path> found;
  for (fs::directory_iterator it(dir.empty() ? fs::path(".") : dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (lower(it->path().filename().string()) != want || !is_file(it->path())) continue;
    if (found) return std::nullopt;  // ambiguous: a.bin and A.BIN both exist
    found = it->path();
  }
  return found;
}

}  // namespace

FoundFile find_sheet_file(const fs::path& sheet, const std::string& name, int line, bool by_sheet_name) {
  std::string written = name;
  std::replace(written.begin(), written.end(), '\\', '/');
  const fs::path dir = sheet.parent_path();
  const fs::path as_written = fs::path(written).is_absolute() ? fs::path(written) : dir / written;
  std::vector<std::string> tried{as_written.string()};
  if (is_file(as_written)) return {as_written, false};
  if (std::error_code ec; fs::is_directory(as_written, ec))
    throw InputError(sheet.string(), fmt::format("file \"{}\" is a folder, not a file ({})", name, as_written.string()),
                     std::nullopt, line > 0 ? std::optional<int>(line) : std::nullopt);

  const std::string leaf = fs::path(written).filename().string();
  const auto fallback = [&](const fs::path& p, const char* how) {
    spdlog::warn("{}", printable_text(fmt::format("{}: file \"{}\" not found as written; using {} ({})", sheet.string(),
                                                  name, p.string(), how)));
    return FoundFile{p, true};
  };
  if (fs::path(written).has_parent_path()) {
    tried.push_back((dir / leaf).string());
    if (is_file(dir / leaf)) return fallback(dir / leaf, "same name in the sheet's folder");
  }
  tried.push_back((dir / leaf).string() + " (any case)");
  if (auto p = find_ignoring_case(dir, leaf)) return fallback(*p, "name differs in case");
  const std::string renamed = sheet.stem().string() + fs::path(leaf).extension().string();
  if (by_sheet_name && lower(renamed) != lower(leaf)) {
    tried.push_back((dir / renamed).string() + " (any case)");
    if (auto p = find_ignoring_case(dir, renamed)) return fallback(*p, "named after the sheet");
  }
  std::string list;
  for (const auto& t : tried) list += (list.empty() ? "" : ", ") + t;
  throw InputError(sheet.string(), fmt::format("file \"{}\" not found; tried {}", name, list), std::nullopt,
                   line > 0 ? std::optional<int>(line) : std::nullopt);
}

std::optional<fs::path> find_listing_sheet(const fs::path& file) {
  constexpr uint64_t kMaxSheet = 64 * 1024;
  const std::string name = file.filename().string();
  const fs::path dir = file.has_parent_path() ? file.parent_path() : fs::path(".");
  std::error_code ec;
  int looked = 0;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end && looked < 50; it.increment(ec)) {
    const std::string ext = lower(it->path().extension().string());
    if ((ext != ".cue" && ext != ".toc") || it->path() == file || !it->is_regular_file(ec) ||
        it->file_size(ec) > kMaxSheet)
      continue;
    ++looked;
    try {
      const auto text = ImageFile::open(it->path())->read_all(kMaxSheet);
      if (std::string_view(reinterpret_cast<const char*>(text.data()), text.size()).find(name) != std::string::npos)
        return it->path();
    } catch (const InputError&) {
    }
  }
  return std::nullopt;
}

}  // namespace dw

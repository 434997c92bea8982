#include "rip/dump.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>

#include "disc/error.hpp"

namespace dw::rip {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr const char* kManifest = "dump.json";
constexpr size_t kStateSize = 4;

std::string errno_text() { return std::strerror(errno); }

void write_all(int fd, const uint8_t* data, size_t size, uint64_t offset, const fs::path& path) {
  while (size > 0) {
    const ssize_t n = ::pwrite(fd, data, size, static_cast<off_t>(offset));
    if (n < 0) {
      if (errno == EINTR) continue;
      throw InputError(path.string(), "cannot write: " + errno_text(), offset);
    }
    data += n;
    size -= static_cast<size_t>(n);
    offset += static_cast<uint64_t>(n);
  }
}

// Reads what the file holds; bytes past its end read as zeros (sectors never stored).
void read_all(int fd, uint8_t* data, size_t size, uint64_t offset, const fs::path& path) {
  while (size > 0) {
    const ssize_t n = ::pread(fd, data, size, static_cast<off_t>(offset));
    if (n < 0) {
      if (errno == EINTR) continue;
      throw InputError(path.string(), "cannot read: " + errno_text(), offset);
    }
    if (n == 0) {
      std::memset(data, 0, size);
      return;
    }
    data += n;
    size -= static_cast<size_t>(n);
    offset += static_cast<uint64_t>(n);
  }
}

json to_json(const DumpManifest& m) {
  json j{{"format", "discwright dump"},
         {"version", m.version},
         {"device", m.device},
         {"drive", {{"vendor", m.vendor}, {"product", m.product}, {"revision", m.revision}, {"serial", m.serial}}},
         {"read_offset", m.read_offset},
         {"offset_source", m.offset_source},
         {"c2", m.c2},
         {"data_as_audio", m.data_as_audio},
         {"first_lba", m.first},
         {"end_lba", m.end},
         {"leadout_lba", m.leadout},
         {"lead_out_overread", m.lead_out_overread},
         {"created", m.created},
         {"updated", m.updated},
         {"notes", m.notes}};
  if (m.leadin_first) j["leadin"] = {{"first_lba", *m.leadin_first}, {"sectors", m.leadin_sectors}};
  if (!m.session_leadouts.empty()) j["session_leadouts"] = m.session_leadouts;
  if (!m.session_first_tracks.empty()) j["session_first_tracks"] = m.session_first_tracks;
  return j;
}

DumpManifest from_json(const json& j, const fs::path& path) {
  const std::string source = path.string();
  try {
    if (j.value("format", "") != "discwright dump") throw InputError(source, "not a discwright dump manifest");
    DumpManifest m;
    m.version = j.at("version").get<int>();
    if (m.version != kDumpVersion)
      throw InputError(source,
                       fmt::format("dump version {} is not supported (this build reads {})", m.version, kDumpVersion));
    m.device = j.at("device").get<std::string>();
    const json& d = j.at("drive");
    m.vendor = d.at("vendor").get<std::string>();
    m.product = d.at("product").get<std::string>();
    m.revision = d.at("revision").get<std::string>();
    m.serial = d.at("serial").get<std::string>();
    m.read_offset = j.at("read_offset").get<int32_t>();
    // Drives' offsets are a few thousand samples at most; this bound keeps the split's buffers small.
    if (m.read_offset < -kMaxOffsetSamples || m.read_offset > kMaxOffsetSamples)
      throw InputError(source, fmt::format("read offset {} is not a drive's (at most {} samples either way)",
                                           m.read_offset, kMaxOffsetSamples));
    m.offset_source = j.at("offset_source").get<std::string>();
    m.c2 = j.at("c2").get<bool>();
    m.data_as_audio = j.at("data_as_audio").get<bool>();
    m.first = j.at("first_lba").get<Lba>();
    m.end = j.at("end_lba").get<Lba>();
    m.leadout = j.at("leadout_lba").get<Lba>();
    m.lead_out_overread = j.at("lead_out_overread").get<int32_t>();
    m.created = j.at("created").get<std::string>();
    m.updated = j.at("updated").get<std::string>();
    m.notes = j.at("notes").get<std::vector<std::string>>();
    if (j.contains("leadin")) {
      const json& l = j.at("leadin");
      m.leadin_first = l.at("first_lba").get<Lba>();
      m.leadin_sectors = l.at("sectors").get<uint32_t>();
      if (*m.leadin_first < -450150 || m.leadin_sectors > 100000 ||
          int64_t{*m.leadin_first} + m.leadin_sectors > int64_t{m.first})
        throw InputError(source, fmt::format("lead-in range {}+{} is not before the dumped range", *m.leadin_first,
                                             m.leadin_sectors));
    }
    if (j.contains("session_leadouts")) {
      m.session_leadouts = j.at("session_leadouts").get<std::vector<Lba>>();
      for (const Lba l : m.session_leadouts)
        if (l <= m.first || l >= m.leadout)
          throw InputError(source,
                           fmt::format("session lead-out {} is not inside the disc ({}..{})", l, m.first, m.leadout));
    }
    if (j.contains("session_first_tracks")) {
      const auto tracks = j.at("session_first_tracks").get<std::vector<int>>();
      for (size_t i = 0; i < tracks.size(); ++i) {
        if (tracks[i] < 2 || tracks[i] > 99 || (i > 0 && tracks[i] <= tracks[i - 1]))
          throw InputError(
              source, fmt::format("session_first_tracks: track {} is not 2..99 after the one before it", tracks[i]));
        m.session_first_tracks.push_back(static_cast<uint8_t>(tracks[i]));
      }
    }
    if (m.end < m.first || int64_t{m.end} - m.first > 500000)
      throw InputError(source, fmt::format("dumped range {}..{} is not a CD's", m.first, m.end));
    return m;
  } catch (const json::exception& e) {
    throw InputError(source, std::string("malformed manifest: ") + e.what());
  }
}

}  // namespace

bool Dump::exists(const fs::path& dir) { return fs::exists(dir / kManifest); }

Dump Dump::create(const fs::path& dir, DumpManifest manifest) {
  if (exists(dir))
    throw InputError(dir.string(), "a dump is already there: resume it with --resume, or choose another folder");
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw InputError(dir.string(), "cannot create the dump folder: " + ec.message());
  if (manifest.end < manifest.first) throw std::invalid_argument("dump range ends before it starts");
  Dump d;
  d.dir_ = dir;
  d.manifest_ = std::move(manifest);
  d.states_.assign(static_cast<size_t>(d.manifest_.end - d.manifest_.first), DumpState{});
  d.open_files(true);
  // The state file is full-size from the start: every sector "unread".
  std::vector<uint8_t> zeros(d.states_.size() * kStateSize, 0);
  write_all(d.state_fd_, zeros.data(), zeros.size(), 0, dir / "state.bin");
  d.save_manifest();
  return d;
}

Dump Dump::open(const fs::path& dir) {
  const fs::path path = dir / kManifest;
  std::ifstream in(path);
  if (!in) throw InputError(path.string(), "cannot open: not a dump folder (no dump.json)");
  json j;
  try {
    j = json::parse(in);
  } catch (const json::exception& e) {
    throw InputError(path.string(), std::string("malformed manifest: ") + e.what());
  }
  Dump d;
  d.dir_ = dir;
  d.manifest_ = from_json(j, path);
  d.open_files(false);
  const size_t n = static_cast<size_t>(d.manifest_.end - d.manifest_.first);
  const fs::path state_path = dir / "state.bin";
  std::error_code ec;
  const auto size = fs::file_size(state_path, ec);
  if (ec || size != n * kStateSize)
    throw InputError(state_path.string(), fmt::format("holds {} bytes; the manifest's range of {} sectors needs {}",
                                                      ec ? 0 : size, n, n * kStateSize));
  std::vector<uint8_t> raw(n * kStateSize);
  read_all(d.state_fd_, raw.data(), raw.size(), 0, state_path);
  d.states_.resize(n);
  for (size_t i = 0; i < n; ++i) {
    const uint8_t* s = &raw[i * kStateSize];
    if (s[0] > 3) throw InputError(state_path.string(), fmt::format("sector state {} is not valid", s[0]), i * 4);
    d.states_[i] = {static_cast<DumpQuality>(s[0]), s[1], static_cast<uint16_t>(s[2] | s[3] << 8)};
  }
  return d;
}

Dump::Dump(Dump&& o) noexcept { *this = std::move(o); }

Dump& Dump::operator=(Dump&& o) noexcept {
  if (this != &o) {
    close_files();
    dir_ = std::move(o.dir_);
    manifest_ = std::move(o.manifest_);
    states_ = std::move(o.states_);
    main_fd_ = std::exchange(o.main_fd_, -1);
    sub_fd_ = std::exchange(o.sub_fd_, -1);
    state_fd_ = std::exchange(o.state_fd_, -1);
  }
  return *this;
}

Dump::~Dump() { close_files(); }

void Dump::open_files(bool create) {
  const int flags = O_RDWR | O_CLOEXEC | (create ? O_CREAT | O_TRUNC : 0);
  const auto open_one = [&](const char* name) {
    const fs::path p = dir_ / name;
    const int fd = ::open(p.c_str(), flags, 0644);
    if (fd < 0) throw InputError(p.string(), "cannot open: " + errno_text());
    return fd;
  };
  main_fd_ = open_one("main.bin");
  sub_fd_ = open_one("sub.bin");
  state_fd_ = open_one("state.bin");
}

void Dump::close_files() {
  for (int* fd : {&main_fd_, &sub_fd_, &state_fd_})
    if (*fd >= 0) {
      ::close(*fd);
      *fd = -1;
    }
}

void Dump::save_manifest() {
  const fs::path path = dir_ / kManifest, temp = dir_ / "dump.json.part";
  {
    std::ofstream out(temp, std::ios::trunc);
    out << to_json(manifest_).dump(2, ' ', false, json::error_handler_t::replace) << "\n";
    if (!out) throw InputError(temp.string(), "cannot write the manifest");
  }
  std::error_code ec;
  fs::rename(temp, path, ec);
  if (ec) throw InputError(path.string(), "cannot write the manifest: " + ec.message());
}

size_t Dump::index(Lba lba) const {
  if (lba < manifest_.first || lba >= manifest_.end)
    throw std::out_of_range(fmt::format("LBA {} is outside the dump ({}..{})", lba, manifest_.first, manifest_.end));
  return static_cast<size_t>(lba - manifest_.first);
}

void Dump::store(Lba first, uint32_t count, std::span<const uint8_t> main, std::span<const uint8_t> sub,
                 std::span<const DumpState> states) {
  if (count == 0) return;
  const size_t i = index(first);
  (void)index(first + static_cast<Lba>(count) - 1);
  if (main.size() != count * kMainSize || (!sub.empty() && sub.size() != count * kSubSize) || states.size() != count)
    throw std::out_of_range("Dump::store: buffer sizes do not match the count");
  write_all(main_fd_, main.data(), main.size(), i * kMainSize, dir_ / "main.bin");
  if (!sub.empty()) write_all(sub_fd_, sub.data(), sub.size(), i * kSubSize, dir_ / "sub.bin");
  store_states(first, states);
}

void Dump::store_states(Lba first, std::span<const DumpState> states) {
  if (states.empty()) return;
  const size_t i = index(first);
  (void)index(first + static_cast<Lba>(states.size()) - 1);
  std::vector<uint8_t> raw(states.size() * kStateSize);
  for (size_t k = 0; k < states.size(); ++k) {
    states_[i + k] = states[k];
    raw[k * 4] = static_cast<uint8_t>(states[k].quality);
    raw[k * 4 + 1] = states[k].flags;
    raw[k * 4 + 2] = static_cast<uint8_t>(states[k].reads);
    raw[k * 4 + 3] = static_cast<uint8_t>(states[k].reads >> 8);
  }
  write_all(state_fd_, raw.data(), raw.size(), i * kStateSize, dir_ / "state.bin");
}

void Dump::load(Lba first, uint32_t count, std::span<uint8_t> main, std::span<uint8_t> sub) const {
  if (count == 0) return;
  const size_t i = index(first);
  (void)index(first + static_cast<Lba>(count) - 1);
  if ((!main.empty() && main.size() < count * kMainSize) || (!sub.empty() && sub.size() < count * kSubSize))
    throw std::out_of_range("Dump::load: buffer too small");
  if (!main.empty()) read_all(main_fd_, main.data(), count * kMainSize, i * kMainSize, dir_ / "main.bin");
  if (!sub.empty()) read_all(sub_fd_, sub.data(), count * kSubSize, i * kSubSize, dir_ / "sub.bin");
}

void Dump::sync() {
  for (int fd : {main_fd_, sub_fd_, state_fd_})
    if (fd >= 0) ::fdatasync(fd);
}

void Dump::save_response(const std::string& name, std::span<const uint8_t> bytes) {
  const fs::path path = dir_ / (name + ".bin");
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  if (!out) throw InputError(path.string(), "cannot write");
}

std::optional<std::vector<uint8_t>> Dump::response(const std::string& name) const {
  const fs::path path = dir_ / (name + ".bin");
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream ss;
  ss << in.rdbuf();
  const std::string s = ss.str();
  return std::vector<uint8_t>(s.begin(), s.end());
}

}  // namespace dw::rip

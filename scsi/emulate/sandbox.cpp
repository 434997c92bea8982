#include "scsi/emulate/sandbox.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <set>
#include <sstream>

namespace dw::emulate {

namespace {

std::string padded(const std::string& s, size_t width) {
  std::string out = s.substr(0, width);
  out.resize(width, ' ');
  return out;
}

void write_text(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  if (!out) throw SandboxError("cannot write " + path);
}

void make_dirs(const std::string& path) {
  std::string part;
  std::stringstream ss(path);
  std::string item;
  while (std::getline(ss, item, '/')) {
    part += item + "/";
    if (item.empty()) continue;
    if (::mkdir(part.c_str(), 0755) != 0 && errno != EEXIST) throw SandboxError("cannot create " + part);
  }
}

std::string hctl(const DriveDescription& d) { return std::to_string(d.index) + ":0:0:0"; }

// ---- the child's side: everything below runs between fork and exec -------------------------

// Where the child reports why it could not exec.
int g_error_fd = -1;

[[noreturn]] void fail(const std::string& what) {
  const std::string text = what + (errno != 0 ? std::string(": ") + std::strerror(errno) : std::string());
  [[maybe_unused]] const ssize_t n = ::write(g_error_fd, text.data(), text.size());
  ::_exit(127);
}

void write_proc(const std::string& path, const std::string& text) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0 || ::write(fd, text.data(), text.size()) != static_cast<ssize_t>(text.size())) fail("writing " + path);
  ::close(fd);
}

void must_mount(const std::string& source, const std::string& target, const char* type, unsigned long flags,
                const char* data = nullptr) {
  errno = 0;
  if (::mount(source.c_str(), target.c_str(), type, flags, data) != 0) fail("mounting " + target);
}

bool exists(const std::string& path) {
  struct stat st {};
  return ::lstat(path.c_str(), &st) == 0;
}

bool is_dir(const std::string& path) {
  struct stat st {};
  return ::lstat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

std::vector<std::string> entries(const std::string& dir) {
  std::vector<std::string> names;
  if (DIR* d = ::opendir(dir.c_str())) {
    while (const dirent* e = ::readdir(d))
      if (std::strcmp(e->d_name, ".") != 0 && std::strcmp(e->d_name, "..") != 0) names.emplace_back(e->d_name);
    ::closedir(d);
  }
  return names;
}

void mkdir_or_fail(const std::string& path) {
  errno = 0;
  if (::mkdir(path.c_str(), 0755) != 0 && errno != EEXIST) fail("creating " + path);
}

// An entry of the host's tree at the same place in ours: symlinks copied, directories bound,
// files bound over an empty file.
void mirror(const std::string& host, const std::string& ours) {
  struct stat st {};
  if (::lstat(host.c_str(), &st) != 0) return;
  if (S_ISLNK(st.st_mode)) {
    char target[4096];
    const ssize_t n = ::readlink(host.c_str(), target, sizeof target - 1);
    if (n <= 0) return;
    target[n] = '\0';
    [[maybe_unused]] const int r = ::symlink(target, ours.c_str());
    return;
  }
  if (S_ISDIR(st.st_mode)) {
    mkdir_or_fail(ours);
  } else {
    const int fd = ::open(ours.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
    if (fd >= 0) ::close(fd);
  }
  // Some host entries refuse a bind (locked or special mounts); leaving them out is harmless.
  ::mount(host.c_str(), ours.c_str(), nullptr, MS_BIND | MS_REC, nullptr);
}

// A directory of ours that holds the host's entries except `skip` (which we provide).
void mirror_dir_except(const std::string& host, const std::string& ours, const std::set<std::string>& skip) {
  mkdir_or_fail(ours);
  for (const auto& name : entries(host))
    if (!skip.count(name)) mirror(host + "/" + name, ours + "/" + name);
}

void link_or_fail(const std::string& target, const std::string& link) {
  errno = 0;
  if (::symlink(target.c_str(), link.c_str()) != 0 && errno != EEXIST) fail("linking " + link);
}

void make_backing(const std::string& path, uint64_t size, dev_t* dev, ino_t* ino) {
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0660);
  if (fd < 0) fail("creating " + path);
  if (::ftruncate(fd, static_cast<off_t>(size)) != 0) fail("sizing " + path);
  struct stat st {};
  if (::fstat(fd, &st) != 0) fail("stat " + path);
  *dev = st.st_dev;
  *ino = st.st_ino;
  ::close(fd);
}

void build_dev(const SandboxConfig& c, const std::string& hostdev, std::string* nodes) {
  must_mount("tmpfs", "/dev", "tmpfs", MS_NOSUID | MS_NOEXEC, "mode=755");
  for (const char* n : {"null", "zero", "full", "random", "urandom", "tty", "ptmx", "console", "kvm", "fuse"}) {
    const std::string host = hostdev + "/" + n;
    if (!exists(host)) continue;
    const int fd = ::open((std::string("/dev/") + n).c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0666);
    if (fd >= 0) ::close(fd);
    must_mount(host, std::string("/dev/") + n, nullptr, MS_BIND);
  }
  for (const char* n : {"pts", "shm", "mqueue", "hugepages"}) {
    const std::string host = hostdev + "/" + n;
    if (!is_dir(host)) continue;
    mkdir_or_fail(std::string("/dev/") + n);
    must_mount(host, std::string("/dev/") + n, nullptr, MS_BIND | MS_REC);
  }
  link_or_fail("/proc/self/fd", "/dev/fd");
  link_or_fail("/proc/self/fd/0", "/dev/stdin");
  link_or_fail("/proc/self/fd/1", "/dev/stdout");
  link_or_fail("/proc/self/fd/2", "/dev/stderr");
  const std::string n = std::to_string(c.drive.index);
  dev_t sr_dev = 0, sg_dev = 0;
  ino_t sr_ino = 0, sg_ino = 0;
  make_backing("/dev/sr" + n, c.drive.size_bytes, &sr_dev, &sr_ino);
  make_backing("/dev/sg" + n, 0, &sg_dev, &sg_ino);
  link_or_fail("sr" + n, "/dev/scd" + n);
  if (c.drive.index == 0) link_or_fail("sr0", "/dev/cdrom");
  *nodes = std::to_string(sr_dev) + ":" + std::to_string(sr_ino) + ":b:11:" + n + ";" + std::to_string(sg_dev) + ":" +
           std::to_string(sg_ino) + ":c:21:" + n;
}

void build_sys(const SandboxConfig& c, const std::string& hostsys) {
  const std::string n = std::to_string(c.drive.index);
  const std::string dev = hctl(c.drive);
  must_mount("tmpfs", "/sys", "tmpfs", MS_NOSUID | MS_NOEXEC | MS_NODEV, "mode=755");
  for (const auto& name : entries(hostsys)) {
    if (name == "block" || name == "bus" || name == "class" || name == "dev") continue;
    mirror(hostsys + "/" + name, "/sys/" + name);
  }
  mirror_dir_except(hostsys + "/block", "/sys/block", {"sr" + n});
  mirror_dir_except(hostsys + "/bus", "/sys/bus", {"scsi"});
  mkdir_or_fail("/sys/bus/scsi");
  if (is_dir(hostsys + "/bus/scsi/devices"))
    mirror_dir_except(hostsys + "/bus/scsi/devices", "/sys/bus/scsi/devices", {dev});
  else
    mkdir_or_fail("/sys/bus/scsi/devices");
  mkdir_or_fail("/sys/bus/scsi/devices/" + dev);
  must_mount(c.stage_dir + "/scsi-device", "/sys/bus/scsi/devices/" + dev, nullptr, MS_BIND | MS_REC);
  mirror_dir_except(hostsys + "/class", "/sys/class", {"block", "scsi_generic"});
  mirror_dir_except(hostsys + "/class/block", "/sys/class/block", {"sr" + n});
  mirror_dir_except(hostsys + "/class/scsi_generic", "/sys/class/scsi_generic", {"sg" + n});
  mkdir_or_fail("/sys/dev");
  mirror_dir_except(hostsys + "/dev/block", "/sys/dev/block", {"11:" + n});
  mirror_dir_except(hostsys + "/dev/char", "/sys/dev/char", {"21:" + n});
  const std::string block = "bus/scsi/devices/" + dev + "/block/sr" + n;
  const std::string generic = "bus/scsi/devices/" + dev + "/scsi_generic/sg" + n;
  link_or_fail("../" + block, "/sys/block/sr" + n);
  link_or_fail("../../" + block, "/sys/class/block/sr" + n);
  link_or_fail("../../" + generic, "/sys/class/scsi_generic/sg" + n);
  link_or_fail("../../" + block, "/sys/dev/block/11:" + n);
  link_or_fail("../../" + generic, "/sys/dev/char/21:" + n);
}

void build_proc(const SandboxConfig& c) {
  must_mount(c.stage_dir + "/proc-devices", "/proc/devices", nullptr, MS_BIND);
  if (is_dir("/proc/sys/dev")) must_mount(c.stage_dir + "/proc-sys-dev", "/proc/sys/dev", nullptr, MS_BIND | MS_REC);
}

[[noreturn]] void child(const SandboxConfig& c, const std::vector<std::string>& argv, uid_t uid, gid_t gid) {
  errno = 0;
  if (::unshare(CLONE_NEWUSER | CLONE_NEWNS) != 0) fail("cannot make a private user + mount namespace (unshare)");
  write_proc("/proc/self/setgroups", "deny");
  write_proc("/proc/self/uid_map", std::to_string(uid) + " " + std::to_string(uid) + " 1");
  write_proc("/proc/self/gid_map", std::to_string(gid) + " " + std::to_string(gid) + " 1");
  must_mount("none", "/", nullptr, MS_REC | MS_PRIVATE);
  const std::string hostdev = c.stage_dir + "/host-dev";
  const std::string hostsys = c.stage_dir + "/host-sys";
  must_mount("/dev", hostdev, nullptr, MS_BIND | MS_REC);
  must_mount("/sys", hostsys, nullptr, MS_BIND | MS_REC);
  std::string nodes;
  build_dev(c, hostdev, &nodes);
  build_sys(c, hostsys);
  build_proc(c);
  ::umount2(hostdev.c_str(), MNT_DETACH);
  ::umount2(hostsys.c_str(), MNT_DETACH);

  const char* old = std::getenv("LD_PRELOAD");
  const std::string preload = c.preload_path + (old && *old ? std::string(":") + old : std::string());
  ::setenv("LD_PRELOAD", preload.c_str(), 1);
  ::setenv("DW_EMU_SOCKET", c.socket_path.c_str(), 1);
  ::setenv("DW_EMU_NODES", nodes.c_str(), 1);
  ::setenv("DW_EMU_MAX_KIB", std::to_string(c.drive.max_transfer_kib).c_str(), 1);
  ::setenv("DW_EMU_HOST", std::to_string(c.drive.index).c_str(), 1);
  ::setenv("DW_EMU_IDENTITY",
           (padded(c.drive.vendor, 8) + padded(c.drive.model, 16) + padded(c.drive.revision, 4)).c_str(), 1);
  if (c.log_ioctls)
    ::setenv("DW_EMU_LOG", "1", 1);
  else
    ::unsetenv("DW_EMU_LOG");
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  errno = 0;
  ::execvp(args[0], args.data());
  fail("cannot run " + argv[0]);
}

}  // namespace

std::string namespaces_unavailable() {
  const pid_t pid = ::fork();
  if (pid < 0) return std::string("fork: ") + std::strerror(errno);
  if (pid == 0) ::_exit(::unshare(CLONE_NEWUSER | CLONE_NEWNS) == 0 ? 0 : errno);
  int status = 0;
  ::waitpid(pid, &status, 0);
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return {};
  return std::string("unshare(CLONE_NEWUSER | CLONE_NEWNS) is refused here: ") +
         std::strerror(WIFEXITED(status) ? WEXITSTATUS(status) : EPERM);
}

std::string cdrom_info(const DriveDescription& d) {
  auto row = [](const char* name, bool v) { return std::string(name) + (v ? "1\n" : "0\n"); };
  std::string s = "CD-ROM information, Id: cdrom.c 3.20 2003/12/17\n\n";
  s += "drive name:\t\tsr" + std::to_string(d.index) + "\n";
  s += "drive speed:\t\t" + std::to_string(d.speed) + "\n";
  s += "drive # of slots:\t1\n";
  s += row("Can close tray:\t\t", true) + row("Can open tray:\t\t", true) + row("Can lock tray:\t\t", true);
  s += row("Can change speed:\t", true) + row("Can select disk:\t", false);
  s += row("Can read multisession:\t", true) + row("Can read MCN:\t\t", true);
  s += row("Reports media changed:\t", true) + row("Can play audio:\t\t", true);
  s += row("Can write CD-R:\t\t", d.write_cdr) + row("Can write CD-RW:\t", d.write_cdrw);
  s += row("Can read DVD:\t\t", d.read_dvd) + row("Can write DVD-R:\t", d.write_dvdr);
  // MRW, MRW write and RAM stay set: sr's probe does not clear them (cdrom.c only checks them on
  // a write open), so the kernel lists them for every drive, as CDROM_GET_CAPABILITY does.
  s += row("Can write DVD-RAM:\t", false) + row("Can read MRW:\t\t", true) + row("Can write MRW:\t\t", true);
  s += row("Can write RAM:\t\t", true) + "\n";
  return s;
}

std::string proc_devices(const std::string& host_text) {
  std::istringstream in(host_text);
  std::string line, out;
  bool have_sr = false, have_sg = false;
  std::vector<std::string> lines;
  while (std::getline(in, line)) lines.push_back(line);
  for (const auto& l : lines) {
    if (l.find(" 11 sr") != std::string::npos) have_sr = true;
    if (l.find(" 21 sg") != std::string::npos) have_sg = true;
  }
  for (size_t i = 0; i < lines.size(); ++i) {
    out += lines[i] + "\n";
    if (lines[i] == "Character devices:" && !have_sg) out += " 21 sg\n";
    if (lines[i] == "Block devices:" && !have_sr) out += " 11 sr\n";
  }
  if (out.find("Character devices:") == std::string::npos) out = "Character devices:\n 21 sg\n\n" + out;
  if (out.find("Block devices:") == std::string::npos) out += "\nBlock devices:\n 11 sr\n";
  return out;
}

void stage_files(const SandboxConfig& c) {
  const DriveDescription& d = c.drive;
  const std::string n = std::to_string(d.index);
  const std::string dev = c.stage_dir + "/scsi-device";
  const std::string link = "../../../" + hctl(d);
  make_dirs(dev + "/block/sr" + n + "/queue");
  make_dirs(dev + "/scsi_generic/sg" + n);
  write_text(dev + "/type", "5\n");
  write_text(dev + "/vendor", padded(d.vendor, 8) + "\n");
  write_text(dev + "/model", padded(d.model, 16) + "\n");
  write_text(dev + "/rev", padded(d.revision, 4) + "\n");
  write_text(dev + "/state", "running\n");
  const std::string blk = dev + "/block/sr" + n;
  write_text(blk + "/dev", "11:" + n + "\n");
  write_text(blk + "/size", std::to_string(d.size_bytes / 512) + "\n");
  write_text(blk + "/removable", "1\n");
  write_text(blk + "/ro", "0\n");
  write_text(blk + "/queue/max_sectors_kb", std::to_string(d.max_transfer_kib) + "\n");
  write_text(blk + "/queue/max_hw_sectors_kb", std::to_string(d.max_transfer_kib) + "\n");
  write_text(blk + "/queue/logical_block_size", "2048\n");
  write_text(blk + "/queue/hw_sector_size", "2048\n");
  write_text(dev + "/scsi_generic/sg" + n + "/dev", "21:" + n + "\n");
  if (::symlink(link.c_str(), (blk + "/device").c_str()) != 0 && errno != EEXIST)
    throw SandboxError("cannot link " + blk + "/device");
  if (::symlink(link.c_str(), (dev + "/scsi_generic/sg" + n + "/device").c_str()) != 0 && errno != EEXIST)
    throw SandboxError("cannot link the sg device");
  std::ifstream host_devices("/proc/devices");
  std::string host((std::istreambuf_iterator<char>(host_devices)), std::istreambuf_iterator<char>());
  write_text(c.stage_dir + "/proc-devices", proc_devices(host));
  make_dirs(c.stage_dir + "/proc-sys-dev/cdrom");
  write_text(c.stage_dir + "/proc-sys-dev/cdrom/info", cdrom_info(d));
  make_dirs(c.stage_dir + "/host-dev");
  make_dirs(c.stage_dir + "/host-sys");
}

pid_t launch(const SandboxConfig& config, const std::vector<std::string>& argv) {
  if (argv.empty()) throw SandboxError("no program to run");
  int pipefd[2];
  if (::pipe2(pipefd, O_CLOEXEC) != 0) throw SandboxError(std::string("pipe: ") + std::strerror(errno));
  const uid_t uid = ::geteuid();
  const gid_t gid = ::getegid();
  std::fflush(nullptr);
  const pid_t pid = ::fork();
  if (pid < 0) throw SandboxError(std::string("fork: ") + std::strerror(errno));
  if (pid == 0) {
    ::close(pipefd[0]);
    g_error_fd = pipefd[1];
    child(config, argv, uid, gid);
  }
  ::close(pipefd[1]);
  std::string why;
  char buf[512];
  for (;;) {
    const ssize_t n = ::read(pipefd[0], buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    why.append(buf, static_cast<size_t>(n));
  }
  ::close(pipefd[0]);
  if (!why.empty()) {
    int status = 0;
    ::waitpid(pid, &status, 0);
    throw SandboxError(why);
  }
  return pid;
}

}  // namespace dw::emulate

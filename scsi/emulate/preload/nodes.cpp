// The drive's device files and the settings the launcher passed in the environment.
#include <dlfcn.h>
#include <pthread.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>

#include "scsi/emulate/preload/shim.hpp"

namespace dw::emulate::shim {

namespace {

constexpr int kMaxNodes = 8;
Node g_nodes[kMaxNodes];
int g_node_count = 0;
uint32_t g_max_transfer = 64 * 1024;
int g_host = 0;
char g_identity[29] = "DISCWRIGVIRTUAL DRIVE   1.00";
bool g_logging = false;
pthread_once_t g_once = PTHREAD_ONCE_INIT;

unsigned long long number(const char*& p) {
  char* end = nullptr;
  const unsigned long long v = std::strtoull(p, &end, 10);
  p = end;
  return v;
}

// DW_EMU_NODES: "DEV:INO:b|c:MAJOR:MINOR;..." (see sandbox.cpp).
void parse_nodes(const char* p) {
  while (p && *p && g_node_count < kMaxNodes) {
    Node n;
    n.dev = static_cast<dev_t>(number(p));
    if (*p++ != ':') return;
    n.ino = static_cast<ino_t>(number(p));
    if (*p++ != ':') return;
    n.block = *p == 'b';
    ++p;
    if (*p++ != ':') return;
    n.major = static_cast<unsigned>(number(p));
    if (*p++ != ':') return;
    n.minor = static_cast<unsigned>(number(p));
    g_nodes[g_node_count++] = n;
    if (*p == ';') ++p;
  }
}

void init() {
  parse_nodes(std::getenv("DW_EMU_NODES"));
  if (const char* kib = std::getenv("DW_EMU_MAX_KIB")) g_max_transfer = static_cast<uint32_t>(std::atoi(kib)) * 1024;
  if (const char* host = std::getenv("DW_EMU_HOST")) g_host = std::atoi(host);
  if (const char* id = std::getenv("DW_EMU_IDENTITY"); id && std::strlen(id) == 28) std::memcpy(g_identity, id, 28);
  g_logging = std::getenv("DW_EMU_LOG") != nullptr;
}

void ensure() { pthread_once(&g_once, init); }

}  // namespace

const Node* node_of(dev_t dev, ino_t ino) {
  ensure();
  for (int i = 0; i < g_node_count; ++i)
    if (g_nodes[i].dev == dev && g_nodes[i].ino == ino) return &g_nodes[i];
  return nullptr;
}

const Node* node_of_fd(int fd) {
  ensure();
  if (g_node_count == 0 || fd < 0) return nullptr;
  struct stat st {};
  // The raw system call: our own fstat stands in front of libc's.
  if (syscall(SYS_fstat, fd, &st) != 0) return nullptr;
  return node_of(st.st_dev, st.st_ino);
}

uint32_t max_transfer() {
  ensure();
  return g_max_transfer;
}
int host_number() {
  ensure();
  return g_host;
}
const char* identity() {
  ensure();
  return g_identity;
}
bool logging() {
  ensure();
  return g_logging;
}

void* next_symbol(const char* name) { return dlsym(RTLD_NEXT, name); }

}  // namespace dw::emulate::shim

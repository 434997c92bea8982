// A dump folder is outside input (it can be copied, edited, truncated, or made by another
// version): any bytes as its files must open and split, or fail with InputError / ModelError -
// never crash, hang or read out of bounds. The input is a list of files, each
//   [name: 1 byte][length: u16 little-endian][bytes]
// name 'j' dump.json, 's' state.bin, 't' toc.bin, 'f' fulltoc.bin, 'c' cdtext.bin, 'l' leadin.bin,
// 'm' main.bin, 'u' sub.bin (a short last file takes what is left; main.bin and sub.bin are
// empty when not given). The files are written to a
// scratch folder, then Dump::open, disc_from_responses and open_dump_source run on it and a few
// sectors are read from the source.
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "disc/error.hpp"
#include "rip/dump.hpp"
#include "rip/dump_source.hpp"

namespace {

namespace fs = std::filesystem;

void remove_scratch();

// The scratch folder, removed at exit (registered once the path exists, so it runs before the
// path is destroyed).
const fs::path& scratch() {
  static const fs::path dir = [] {
    std::string t = (fs::temp_directory_path() / "fuzz-dump-XXXXXX").string();
    if (!::mkdtemp(t.data())) std::abort();
    return fs::path(t);
  }();
  static const bool registered = std::atexit(remove_scratch) == 0;
  (void)registered;
  return dir;
}

void remove_scratch() {
  std::error_code ec;
  fs::remove_all(scratch(), ec);
}

const std::map<char, const char*> kFiles{{'j', "dump.json"},   {'s', "state.bin"},  {'t', "toc.bin"},
                                         {'f', "fulltoc.bin"}, {'c', "cdtext.bin"}, {'l', "leadin.bin"},
                                         {'m', "main.bin"},    {'u', "sub.bin"}};

void write_files(const uint8_t* data, size_t size) {
  for (const auto& e : fs::directory_iterator(scratch())) fs::remove_all(e.path());
  // main.bin and sub.bin may be short or empty (unstored sectors read as zeros); they exist.
  for (const char* name : {"main.bin", "sub.bin"}) std::ofstream(scratch() / name, std::ios::binary);
  size_t at = 0;
  while (at + 3 <= size) {
    const char key = static_cast<char>(data[at]);
    const size_t length = std::min<size_t>(data[at + 1] | size_t{data[at + 2]} << 8, size - at - 3);
    at += 3;
    auto it = kFiles.find(key);
    if (it != kFiles.end()) {
      std::ofstream out(scratch() / it->second, std::ios::binary | std::ios::trunc);
      out.write(reinterpret_cast<const char*>(data + at), static_cast<std::streamsize>(length));
    }
    at += length;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  write_files(data, size);
  try {
    const dw::rip::Dump dump = dw::rip::Dump::open(scratch());
    if (dump.end() < dump.first() || dump.states().size() != static_cast<size_t>(dump.end() - dump.first()))
      std::abort();
    const dw::Disc disc = dw::rip::disc_from_responses(dump);
    (void)disc;
    dw::rip::SplitLayout layout;
    auto source = dw::rip::open_dump_source(dump, {}, layout);
    if (source->end() < source->begin()) return 0;
    std::vector<uint8_t> main(4 * 2352), sub(4 * 96);
    std::vector<dw::SectorState> states(4);
    // The first sectors, some around LBA 0 and the last ones: where offsets and edges meet.
    const int64_t span = int64_t{source->end()} - source->begin();
    for (const int64_t at : {int64_t{0}, span / 2, span - 4}) {
      const int64_t lba = source->begin() + std::clamp<int64_t>(at, 0, std::max<int64_t>(0, span - 1));
      const auto n = static_cast<uint32_t>(std::min<int64_t>(4, int64_t{source->end()} - lba));
      if (n == 0) continue;
      source->read(static_cast<dw::Lba>(lba), n, main, sub, std::span(states).first(n));
    }
  } catch (const dw::InputError&) {
  } catch (const dw::ModelError&) {
  }
  return 0;
}

// CD-Text parser: any bytes either parse or throw InputError, and what parses is canonical: it
// builds into packs (unless it needs more than 256 packs in a block) that parse back unchanged.
// Each input is tried as given and once more with every pack's CRC made valid, so the fuzzer
// reaches the string, TAB and size-info logic without having to guess CRCs.
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "disc/cdtext.hpp"
#include "disc/error.hpp"

namespace {

void check(const uint8_t* data, size_t size) {
  dw::CdText parsed;
  dw::CdTextParseReport report;
  try {
    parsed = dw::parse_cdtext({data, size}, "fuzz", &report);
  } catch (const dw::InputError& e) {
    if (e.offset() && *e.offset() > size) std::abort();
    return;
  }
  if (parsed.empty() || report.crc_errors > report.packs || report.packs * 18 > size) std::abort();
  for (const auto& p : report.problems)
    if (p.offset > size) std::abort();

  std::vector<dw::CdTextPack> packs;
  try {
    packs = dw::build_cdtext_packs(parsed);
  } catch (const dw::ModelError& e) {
    // Garbage can hold more text than a block can carry; nothing else may stop the build.
    if (std::string(e.what()).find("at most 256 packs") == std::string::npos) std::abort();
    return;
  }
  dw::CdTextParseReport again_report;
  const dw::CdText again = dw::parse_cdtext(dw::cdtext_bytes(packs), "rebuilt", &again_report);
  if (!(again == parsed) || !again_report.problems.empty()) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  check(data, size);
  std::vector<uint8_t> fixed(data, data + size);
  const size_t start = size % 18 == 4 ? 4 : 0;
  for (size_t off = start; off + 18 <= size; off += 18) {
    dw::CdTextPack p;
    std::memcpy(p.data(), fixed.data() + off, 18);
    dw::cdtext_set_crc(p);
    std::memcpy(fixed.data() + off, p.data(), 18);
  }
  check(fixed.data(), fixed.size());
  return 0;
}

// CD-Text parser: any bytes either parse or throw InputError, and what parses is canonical: it
// builds into packs (unless it needs more than 256 packs in a block) that parse back unchanged.
// Each input is tried as given and once more with every pack's CRC made valid, so the fuzzer
// reaches the string, TAB and size-info logic without having to guess CRCs. The same bytes are
// also read as lead-in R-W subchannel: the packs found there must be valid, unique and ordered,
// and must parse like any other packs.
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <utility>
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

void check_rw(const uint8_t* data, size_t size) {
  dw::CdTextRwReport report;
  const auto packs = dw::cdtext_packs_from_rw({data, size}, &report);
  if (report.sectors != size / 96 || report.packs != report.sectors * 4 ||
      packs.size() + report.crc_errors + report.repeats > report.packs)
    std::abort();
  for (size_t i = 0; i < packs.size(); ++i) {
    if (!dw::cdtext_pack_crc_ok(packs[i]) || packs[i][0] < 0x80 || packs[i][0] > 0x8F) std::abort();
    if (i > 0) {
      const auto key = [](const dw::CdTextPack& p) { return std::make_pair((p[3] >> 4) & 7, int{p[2]}); };
      if (!(key(packs[i - 1]) < key(packs[i]))) std::abort();
    }
  }
  if (!packs.empty()) {
    const auto bytes = dw::cdtext_bytes(packs);
    check(bytes.data(), bytes.size());
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  check(data, size);
  check_rw(data, size);
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

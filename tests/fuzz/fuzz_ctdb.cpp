// CTDB answer parser: any bytes parse or throw InputError; what parses is then matched against a
// disc CRC taken from the input, and every entry's TOC string is read as a TOC, whose verdicts
// must be consistent.
#include <cstdint>
#include <cstdlib>

#include "checksum/ctdb.hpp"
#include "disc/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  try {
    const auto entries = dw::parse_ctdb_response({data, size}, "fuzz");
    if (entries.size() > dw::kCtdbMaxEntries) std::abort();
    uint64_t total = 0;
    for (const auto& e : entries) {
      total += e.confidence;
      if (e.track_crcs.size() > 99) std::abort();
      if (const auto a = dw::ctdb_toc_audio(e.toc); a && a->tracks == 0) std::abort();
    }
    const std::string toc = entries.empty() ? "0:1000" : entries.front().toc;
    const uint32_t crc = entries.empty() ? 0 : entries.front().crc32;
    const std::vector<uint32_t> tracks = entries.empty() ? std::vector<uint32_t>{} : entries.front().track_crcs;
    const dw::CtdbMatch m = dw::match_ctdb(crc, tracks, toc, entries);
    if (m.tracks.size() != tracks.size()) std::abort();
    for (const auto& t : m.tracks)
      if (t.confidence > m.total || (t.result != dw::CtdbTrackMatch::Result::Verified && t.confidence != 0))
        std::abort();
    if (m.total != total || m.entries != entries.size() || m.comparable > m.entries || m.confidence > m.total ||
        (!m.matched && m.confidence != 0))
      std::abort();
  } catch (const dw::InputError&) {
  }
  return 0;
}

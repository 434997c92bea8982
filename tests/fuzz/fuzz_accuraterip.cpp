// AccurateRip response parser: any bytes parse or throw InputError; parsed sizes add up. What
// parses is then matched against a disc of 99 audio tracks, whose verdicts must be consistent.
#include <cstdint>
#include <cstdlib>

#include "checksum/accuraterip.hpp"
#include "checksum/audio_verify.hpp"
#include "disc/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  try {
    const auto entries = dw::parse_accuraterip_response({data, size}, "fuzz");
    size_t total = 0;
    for (const auto& e : entries) total += 13 + 9 * e.tracks.size();
    if (total != size) std::abort();
    dw::AudioChecksums sums;
    for (int k = 1; k <= 99; ++k) {
      dw::AudioTrackChecksums t;
      t.range.number = static_cast<uint8_t>(k);
      t.range.ordinal = k;
      // Checksums taken from the input, so that matches happen.
      const auto& first = entries.front().tracks;
      t.ar = {first[static_cast<size_t>(k - 1) % first.size()].crc, static_cast<uint32_t>(k) * 0x01000193u};
      sums.tracks.push_back(t);
    }
    dw::AccurateRipIds ids;
    ids.audio_tracks = 99;
    ids.id1 = entries.front().id1;
    ids.id2 = entries.front().id2;
    ids.cddb = entries.front().cddb;
    for (const auto& m : dw::match_accuraterip(sums, ids, entries)) {
      using R = dw::ArTrackMatch::Result;
      if (m.result == R::Match && (m.confidence == 0 || m.confidence > m.total || m.submissions == 0)) std::abort();
      if (m.result == R::NotInDatabase && (m.total != 0 || m.submissions != 0)) std::abort();
      if (m.result == R::NoMatch && m.submissions == 0) std::abort();
    }
  } catch (const dw::InputError&) {
  }
  return 0;
}

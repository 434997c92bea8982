// Subchannel from a drive is outside input: any bytes as the raw P-W of a dump must decode into
// a valid layout (or leave the TOC's), never crash or read out of bounds. The first byte moves
// the dump's first LBA so frames land on every part of the disc.
#include <cstdint>
#include <cstdlib>
#include <span>

#include "rip/q_layout.hpp"

namespace {

dw::Disc disc() {
  dw::Disc d;
  dw::Session s;
  for (uint8_t n = 1; n <= 3; ++n) {
    dw::Track t;
    t.number = n;
    t.indices = {{1, static_cast<dw::Lba>((n - 1) * 40)}};
    s.tracks.push_back(t);
  }
  s.leadout = 120;
  d.sessions = {s};
  return d;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  dw::Disc d = disc();
  dw::rip::QLayoutReport r;
  const dw::Lba first = static_cast<dw::Lba>(data[0]) - 160;
  dw::rip::apply_q_layout(d, first, std::span(data + 1, size - 1), r);
  d.validate();  // throws (and the fuzzer reports it) when the layout broke the model's rules
  if (r.frames != (size - 1) / 96) std::abort();
  return 0;
}

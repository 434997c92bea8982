#include <algorithm>
#include <array>
#include <cstring>

#include "disc/edc.hpp"
#include "disc/scrambler.hpp"
#include "disc/sector.hpp"

namespace dw {

namespace {
struct Candidate {
  bool plausible;  // header is valid BCD with mode 0..2
  bool edc_ok;     // the EDC its mode/form implies checks out
  SectorClass kind;
};

uint32_t get_le32(const uint8_t* p) {
  return uint32_t{p[0]} | uint32_t{p[1]} << 8 | uint32_t{p[2]} << 16 | uint32_t{p[3]} << 24;
}

bool edc_at(std::span<const uint8_t, layout::kSector> s, size_t from, size_t at) {
  return get_le32(s.data() + at) == edc_compute(s.subspan(from, at - from));
}

Candidate judge(std::span<const uint8_t, layout::kSector> s) {
  const SectorHeader h = read_header(s);
  Candidate c{h.address.valid() && h.mode <= 2, false, SectorClass::AudioLike};
  if (!c.plausible) return c;
  switch (h.mode) {
    case 0: {
      c.kind = SectorClass::Mode0;
      c.edc_ok = std::all_of(s.begin() + 16, s.end(), [](uint8_t b) { return b == 0; });
      break;
    }
    case 1:
      c.kind = SectorClass::Mode1;
      c.edc_ok = edc_at(s, 0, layout::kMode1Edc);
      break;
    default: {
      const auto subs = read_subheaders(s);
      const bool form1 = edc_at(s, layout::kSubheader, layout::kForm1Edc);
      const bool form2 = edc_at(s, layout::kSubheader, layout::kForm2Edc);
      if (subs[0] == subs[1]) {
        c.kind = subs[0].form2() ? SectorClass::Mode2Form2 : SectorClass::Mode2Form1;
        c.edc_ok = subs[0].form2() ? (form2 || get_le32(s.data() + layout::kForm2Edc) == 0) : form1;
      } else {
        c.kind = form1 ? SectorClass::Mode2Form1 : form2 ? SectorClass::Mode2Form2 : SectorClass::Mode2Formless;
        c.edc_ok = form1 || form2;
      }
    }
  }
  return c;
}
}  // namespace

const char* to_string(SectorClass c) {
  switch (c) {
    case SectorClass::AudioLike: return "audio-like";
    case SectorClass::Mode0: return "mode 0";
    case SectorClass::Mode1: return "mode 1";
    case SectorClass::Mode2Formless: return "mode 2 formless";
    case SectorClass::Mode2Form1: return "mode 2 form 1";
    case SectorClass::Mode2Form2: return "mode 2 form 2";
    case SectorClass::Scrambled: return "scrambled data";
  }
  return "?";
}

SectorClass classify_sector(std::span<const uint8_t, layout::kSector> sector) {
  if (!has_sync(sector)) return SectorClass::AudioLike;
  std::array<uint8_t, layout::kSector> descrambled;
  std::memcpy(descrambled.data(), sector.data(), layout::kSector);
  scramble(descrambled);
  const Candidate raw = judge(sector), desc = judge(descrambled);
  // Prefer whichever reading is internally consistent; a raw header that only parses by luck
  // loses to a descrambled one whose EDC checks out, and vice versa.
  if (raw.plausible && (raw.edc_ok || !desc.edc_ok)) return raw.kind;
  if (desc.plausible) return SectorClass::Scrambled;
  return SectorClass::AudioLike;
}

}  // namespace dw

#include "disc/sector.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <stdexcept>

#include "disc/ecc.hpp"
#include "disc/edc.hpp"

namespace dw {

namespace {
constexpr uint8_t kSync[12] = {0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x00};

void put_le32(uint8_t* p, uint32_t v) {
  for (int i = 0; i < 4; ++i) p[i] = static_cast<uint8_t>(v >> (8 * i));
}
uint32_t get_le32(const uint8_t* p) {
  return uint32_t{p[0]} | uint32_t{p[1]} << 8 | uint32_t{p[2]} << 16 | uint32_t{p[3]} << 24;
}

uint32_t edc_of(std::span<const uint8_t, layout::kSector> s, size_t from, size_t to) {
  return edc_compute(s.subspan(from, to - from));
}

bool all_zero(std::span<const uint8_t> bytes) {
  return std::all_of(bytes.begin(), bytes.end(), [](uint8_t b) { return b == 0; });
}

uint8_t mode_of(SectorKind kind) {
  switch (kind) {
    case SectorKind::Mode0: return 0;
    case SectorKind::Mode1: return 1;
    default: return 2;
  }
}

// ECC faults of a Mode 1 / Form 1 sector: P against the data, Q against the data and the
// recomputed P (so one bad P byte is reported as a P fault only).
uint16_t ecc_faults(std::span<const uint8_t, layout::kSector> s, bool zero_address) {
  uint16_t f = 0;
  const EccP p = ecc_compute_p(s, zero_address);
  if (std::memcmp(p.data(), s.data() + layout::kEccP, p.size()) != 0) f |= SectorFaults::kEccP;
  const EccQ q = ecc_compute_q(s, p, zero_address);
  if (std::memcmp(q.data(), s.data() + layout::kEccQ, q.size()) != 0) f |= SectorFaults::kEccQ;
  return f;
}
}  // namespace

const char* to_string(SectorKind kind) {
  switch (kind) {
    case SectorKind::Audio: return "audio";
    case SectorKind::Mode0: return "mode 0";
    case SectorKind::Mode1: return "mode 1";
    case SectorKind::Mode2Formless: return "mode 2 formless";
    case SectorKind::Mode2Form1: return "mode 2 form 1";
    case SectorKind::Mode2Form2: return "mode 2 form 2";
  }
  return "?";
}

size_t user_size(SectorKind kind) {
  switch (kind) {
    case SectorKind::Audio: return layout::kSector;
    case SectorKind::Mode0: return 0;
    case SectorKind::Mode1: return layout::kForm1User;
    case SectorKind::Mode2Formless: return layout::kMode2;
    case SectorKind::Mode2Form1: return layout::kForm1User;
    case SectorKind::Mode2Form2: return layout::kForm2User;
  }
  return 0;
}

bool has_sync(std::span<const uint8_t> sector) {
  return sector.size() >= sizeof kSync && std::memcmp(sector.data(), kSync, sizeof kSync) == 0;
}

void write_sync(std::span<uint8_t, layout::kSector> sector) { std::memcpy(sector.data(), kSync, sizeof kSync); }

SectorHeader read_header(std::span<const uint8_t, layout::kSector> s) {
  return {{Bcd::raw(s[12]), Bcd::raw(s[13]), Bcd::raw(s[14])}, s[15]};
}

void write_header(std::span<uint8_t, layout::kSector> s, Lba lba, uint8_t mode) {
  auto msf = lba_to_bcd_msf(lba);
  if (!msf) throw std::out_of_range(fmt::format("LBA {} has no BCD MSF for a sector header", lba));
  s[12] = msf->m.byte();
  s[13] = msf->s.byte();
  s[14] = msf->f.byte();
  s[15] = mode;
}

std::array<Subheader, 2> read_subheaders(std::span<const uint8_t, layout::kSector> s) {
  return {Subheader{s[16], s[17], s[18], s[19]}, Subheader{s[20], s[21], s[22], s[23]}};
}

void write_subheader(std::span<uint8_t, layout::kSector> s, Subheader sub) {
  const uint8_t b[4] = {sub.file, sub.channel, sub.submode, sub.coding};
  std::memcpy(s.data() + 16, b, 4);
  std::memcpy(s.data() + 20, b, 4);
}

void encode_sector(SectorKind kind, Lba lba, std::span<const uint8_t> user, std::span<uint8_t, layout::kSector> out,
                   Subheader sub, bool form2_edc) {
  if (user.size() != user_size(kind))
    throw std::invalid_argument(
        fmt::format("{} sector needs {} user bytes, got {}", to_string(kind), user_size(kind), user.size()));
  if (kind == SectorKind::Audio) {
    std::memcpy(out.data(), user.data(), layout::kSector);
    return;
  }
  std::fill(out.begin(), out.end(), uint8_t{0});
  write_sync(out);
  write_header(out, lba, mode_of(kind));
  switch (kind) {
    case SectorKind::Mode0: break;
    case SectorKind::Mode1:
      std::memcpy(out.data() + layout::kMode1Data, user.data(), user.size());
      put_le32(out.data() + layout::kMode1Edc, edc_of(out, 0, layout::kMode1Edc));
      ecc_generate(out, false);
      break;
    case SectorKind::Mode2Formless: std::memcpy(out.data() + layout::kSubheader, user.data(), user.size()); break;
    case SectorKind::Mode2Form1:
      sub.submode = static_cast<uint8_t>(sub.submode & ~layout::kSubmodeForm2);
      write_subheader(out, sub);
      std::memcpy(out.data() + layout::kForm1Data, user.data(), user.size());
      put_le32(out.data() + layout::kForm1Edc, edc_of(out, layout::kSubheader, layout::kForm1Edc));
      ecc_generate(out, true);
      break;
    case SectorKind::Mode2Form2:
      sub.submode = static_cast<uint8_t>(sub.submode | layout::kSubmodeForm2);
      write_subheader(out, sub);
      std::memcpy(out.data() + layout::kForm2Data, user.data(), user.size());
      if (form2_edc) put_le32(out.data() + layout::kForm2Edc, edc_of(out, layout::kSubheader, layout::kForm2Edc));
      break;
    case SectorKind::Audio: break;
  }
}

std::string SectorFaults::describe() const {
  static constexpr std::pair<uint16_t, const char*> kNames[] = {{kSync, "sync"},
                                                                {kHeaderAddress, "header MSF is not the expected LBA"},
                                                                {kHeaderBcd, "header MSF is not BCD"},
                                                                {kMode, "invalid mode byte"},
                                                                {kUnexpectedKind, "not the expected sector kind"},
                                                                {kSubheaderMismatch, "subheader copies differ"},
                                                                {kEdc, "EDC"},
                                                                {kEccP, "ECC P"},
                                                                {kEccQ, "ECC Q"},
                                                                {kReservedNotZero, "reserved bytes not zero"},
                                                                {kMode0NotZero, "mode 0 data not zero"}};
  if (ok()) return "ok";
  std::string out;
  for (auto [bit, name] : kNames)
    if (bits & bit) out += (out.empty() ? "" : ", ") + std::string(name);
  return out;
}

SectorCheck verify_sector(std::span<const uint8_t, layout::kSector> s, Lba expected_lba,
                          std::optional<SectorKind> expected_kind) {
  SectorCheck check;
  if (expected_kind == SectorKind::Audio) return check;
  uint16_t& f = check.faults.bits;
  if (!has_sync(s)) f |= SectorFaults::kSync;
  const SectorHeader h = read_header(s);
  if (!h.address.valid())
    f |= SectorFaults::kHeaderBcd;
  else if (bcd_msf_to_lba(h.address) != expected_lba)
    f |= SectorFaults::kHeaderAddress;
  if (h.mode > 2) f |= SectorFaults::kMode;

  const auto subs = read_subheaders(s);
  SectorKind found = SectorKind::Mode1;
  if (h.mode == 0)
    found = SectorKind::Mode0;
  else if (h.mode == 2)
    found = subs[0].form2() ? SectorKind::Mode2Form2 : SectorKind::Mode2Form1;
  if (expected_kind == SectorKind::Mode2Formless && h.mode == 2) found = SectorKind::Mode2Formless;
  check.kind = expected_kind.value_or(found);
  if (expected_kind && (h.mode > 2 || *expected_kind != found)) f |= SectorFaults::kUnexpectedKind;
  if (!expected_kind && h.mode > 2) return check;  // nothing else can be checked meaningfully

  switch (check.kind) {
    case SectorKind::Mode0:
      if (!all_zero(s.subspan(16))) f |= SectorFaults::kMode0NotZero;
      break;
    case SectorKind::Mode1:
      if (get_le32(s.data() + layout::kMode1Edc) != edc_of(s, 0, layout::kMode1Edc)) f |= SectorFaults::kEdc;
      if (!all_zero(s.subspan(layout::kMode1Reserved, layout::kReservedSize))) f |= SectorFaults::kReservedNotZero;
      f |= ecc_faults(s, false);
      break;
    case SectorKind::Mode2Form1:
      if (subs[0] != subs[1]) f |= SectorFaults::kSubheaderMismatch;
      if (get_le32(s.data() + layout::kForm1Edc) != edc_of(s, layout::kSubheader, layout::kForm1Edc))
        f |= SectorFaults::kEdc;
      f |= ecc_faults(s, true);
      break;
    case SectorKind::Mode2Form2: {
      if (subs[0] != subs[1]) f |= SectorFaults::kSubheaderMismatch;
      const uint32_t stored = get_le32(s.data() + layout::kForm2Edc);
      if (stored != 0 && stored != edc_of(s, layout::kSubheader, layout::kForm2Edc)) f |= SectorFaults::kEdc;
      break;
    }
    case SectorKind::Mode2Formless:
    case SectorKind::Audio: break;
  }
  return check;
}

}  // namespace dw

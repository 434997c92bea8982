#include "disc/subq.hpp"

#include <fmt/format.h>

#include "disc/crc16.hpp"
#include "disc/error.hpp"

namespace dw {

namespace {
constexpr uint8_t kAdrPosition = 1, kAdrCatalog = 2, kAdrIsrc = 3, kAdrLeadInMode5 = 5;

uint8_t control_adr(Control c, uint8_t adr) { return static_cast<uint8_t>((c.bits & 0x0F) << 4 | (adr & 0x0F)); }

void put_msf(uint8_t* p, BcdMsf msf) {
  p[0] = msf.m.byte();
  p[1] = msf.s.byte();
  p[2] = msf.f.byte();
}
BcdMsf get_msf(const uint8_t* p) { return {Bcd::raw(p[0]), Bcd::raw(p[1]), Bcd::raw(p[2])}; }

// ISRC characters: '0'-'9' = 0x00-0x09, 'A'-'Z' = 0x11-0x2A.
std::optional<uint8_t> isrc_char_code(char c) {
  if (c >= '0' && c <= '9') return static_cast<uint8_t>(c - '0');
  if (c >= 'A' && c <= 'Z') return static_cast<uint8_t>(0x11 + (c - 'A'));
  return std::nullopt;
}
std::optional<char> isrc_code_char(uint8_t v) {
  if (v <= 0x09) return static_cast<char>('0' + v);
  if (v >= 0x11 && v <= 0x2A) return static_cast<char>('A' + (v - 0x11));
  return std::nullopt;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

void encode_catalog(const QCatalog& q, QFrame& f) {
  if (q.mcn.size() != 13) throw ModelError(fmt::format("MCN '{}' is not 13 digits", q.mcn));
  for (char c : q.mcn)
    if (!is_digit(c)) throw ModelError(fmt::format("MCN '{}' is not 13 digits", q.mcn));
  f[0] = control_adr(q.control, kAdrCatalog);
  for (int i = 0; i < 6; ++i) f[1 + i] = static_cast<uint8_t>((q.mcn[2 * i] - '0') << 4 | (q.mcn[2 * i + 1] - '0'));
  f[7] = static_cast<uint8_t>((q.mcn[12] - '0') << 4);
  f[8] = 0;
  f[9] = q.aframe.byte();
}

void encode_isrc(const QIsrc& q, QFrame& f) {
  auto bad = [&] { return ModelError(fmt::format("ISRC '{}' is not 5 characters 0-9/A-Z and 7 digits", q.isrc)); };
  if (q.isrc.size() != 12) throw bad();
  uint32_t bits = 0;  // 5 x 6 bits, MSB first, in the top 30 bits of 32
  for (int i = 0; i < 5; ++i) {
    auto code = isrc_char_code(q.isrc[i]);
    if (!code) throw bad();
    bits |= static_cast<uint32_t>(*code) << (26 - 6 * i);
  }
  for (int i = 5; i < 12; ++i)
    if (!is_digit(q.isrc[i])) throw bad();
  f[0] = control_adr(q.control, kAdrIsrc);
  f[1] = static_cast<uint8_t>(bits >> 24);
  f[2] = static_cast<uint8_t>(bits >> 16);
  f[3] = static_cast<uint8_t>(bits >> 8);
  f[4] = static_cast<uint8_t>(bits);
  for (int i = 0; i < 3; ++i)
    f[5 + i] = static_cast<uint8_t>((q.isrc[5 + 2 * i] - '0') << 4 | (q.isrc[6 + 2 * i] - '0'));
  f[8] = static_cast<uint8_t>((q.isrc[11] - '0') << 4);
  f[9] = q.aframe.byte();
}

std::optional<QCatalog> decode_catalog(const uint8_t* f) {
  QCatalog q;
  q.control.bits = f[0] >> 4;
  for (int i = 1; i <= 6; ++i) {
    if ((f[i] >> 4) > 9 || (f[i] & 0x0F) > 9) return std::nullopt;
    q.mcn += static_cast<char>('0' + (f[i] >> 4));
    q.mcn += static_cast<char>('0' + (f[i] & 0x0F));
  }
  if ((f[7] >> 4) > 9 || (f[7] & 0x0F) != 0 || f[8] != 0) return std::nullopt;
  q.mcn += static_cast<char>('0' + (f[7] >> 4));
  q.aframe = Bcd::raw(f[9]);
  return q;
}

std::optional<QIsrc> decode_isrc(const uint8_t* f) {
  QIsrc q;
  q.control.bits = f[0] >> 4;
  const uint32_t bits =
      static_cast<uint32_t>(f[1]) << 24 | static_cast<uint32_t>(f[2]) << 16 | static_cast<uint32_t>(f[3]) << 8 | f[4];
  if (bits & 0x3) return std::nullopt;
  for (int i = 0; i < 5; ++i) {
    auto c = isrc_code_char(static_cast<uint8_t>((bits >> (26 - 6 * i)) & 0x3F));
    if (!c) return std::nullopt;
    q.isrc += *c;
  }
  for (int i = 5; i <= 7; ++i) {
    if ((f[i] >> 4) > 9 || (f[i] & 0x0F) > 9) return std::nullopt;
    q.isrc += static_cast<char>('0' + (f[i] >> 4));
    q.isrc += static_cast<char>('0' + (f[i] & 0x0F));
  }
  if ((f[8] >> 4) > 9 || (f[8] & 0x0F) != 0) return std::nullopt;
  q.isrc += static_cast<char>('0' + (f[8] >> 4));
  q.aframe = Bcd::raw(f[9]);
  return q;
}
}  // namespace

uint16_t q_crc(std::span<const uint8_t, 12> frame) { return crc16_gsm(frame.first<10>()); }

bool q_crc_ok(std::span<const uint8_t, 12> frame) {
  return q_crc(frame) == static_cast<uint16_t>(frame[10] << 8 | frame[11]);
}

QFrame encode_q(const QContent& content) {
  QFrame f{};
  std::visit(
      [&](const auto& q) {
        using T = std::decay_t<decltype(q)>;
        if constexpr (std::is_same_v<T, QPosition>) {
          f[0] = control_adr(q.control, kAdrPosition);
          f[1] = q.track.byte();
          f[2] = q.index.byte();
          put_msf(&f[3], q.relative);
          f[6] = q.zero;
          put_msf(&f[7], q.absolute);
        } else if constexpr (std::is_same_v<T, QLeadIn>) {
          f[0] = control_adr(q.control, q.adr);
          f[1] = 0;
          f[2] = q.point;
          put_msf(&f[3], q.running);
          f[6] = q.zero;
          put_msf(&f[7], q.pmsf);
        } else if constexpr (std::is_same_v<T, QCatalog>) {
          encode_catalog(q, f);
        } else if constexpr (std::is_same_v<T, QIsrc>) {
          encode_isrc(q, f);
        } else {
          std::copy(q.bytes.begin(), q.bytes.end(), f.begin());
        }
      },
      content);
  const uint16_t crc = q_crc(f);
  f[10] = static_cast<uint8_t>(crc >> 8);
  f[11] = static_cast<uint8_t>(crc);
  return f;
}

QDecoded decode_q(std::span<const uint8_t, 12> frame) {
  QDecoded out;
  out.crc_ok = q_crc_ok(frame);
  const uint8_t* f = frame.data();
  const uint8_t adr = f[0] & 0x0F;
  Control control{static_cast<uint8_t>(f[0] >> 4)};
  if (adr == kAdrPosition && f[1] != 0) {
    out.content = QPosition{control, Bcd::raw(f[1]), Bcd::raw(f[2]), get_msf(&f[3]), f[6], get_msf(&f[7])};
    return out;
  }
  if ((adr == kAdrPosition || adr == kAdrLeadInMode5) && f[1] == 0) {
    out.content = QLeadIn{control, adr, f[2], get_msf(&f[3]), f[6], get_msf(&f[7])};
    return out;
  }
  if (adr == kAdrCatalog) {
    if (auto q = decode_catalog(f)) {
      out.content = *q;
      return out;
    }
  } else if (adr == kAdrIsrc) {
    if (auto q = decode_isrc(f)) {
      out.content = *q;
      return out;
    }
  }
  QOther other;
  std::copy(f, f + 10, other.bytes.begin());
  out.content = other;
  return out;
}

}  // namespace dw

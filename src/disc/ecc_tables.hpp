// The two GF(2^8) tables of the ECC (RSPC) reference loop, polynomial 0x11D: F doubles (a * x)
// and B undoes y ^ F[y] (divides by 1 + x). Shared by the portable and the AVX2 ECC code.
#pragma once

#include <array>
#include <cstdint>

namespace dw::ecc_tables {

constexpr std::array<uint8_t, 256> make_f() {
  std::array<uint8_t, 256> f{};
  for (unsigned i = 0; i < 256; ++i) f[i] = static_cast<uint8_t>((i << 1) ^ (i & 0x80 ? 0x11D : 0));
  return f;
}
inline constexpr auto kF = make_f();

constexpr std::array<uint8_t, 256> make_b() {
  std::array<uint8_t, 256> b{};
  for (unsigned i = 0; i < 256; ++i) b[i ^ kF[i]] = static_cast<uint8_t>(i);
  return b;
}
inline constexpr auto kB = make_b();

}  // namespace dw::ecc_tables

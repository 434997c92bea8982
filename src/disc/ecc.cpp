#include "disc/ecc.hpp"

#include <bit>
#include <cstring>

#include "disc/ecc_avx2.hpp"
#include "disc/ecc_avx512.hpp"
#include "disc/ecc_tables.hpp"
#include "disc/sector_layout.hpp"

namespace dw {

namespace {
// GF(2^8), polynomial 0x11D. The reference loop does, for each major (column) and each minor
// (row) step: a ^= t; b ^= t; a = F[a]; then a = B[F[a] ^ b]. Here the rows are processed for
// all columns at once, 8 columns per uint64 (SWAR doubling), and only the final step uses tables.
// Where the CPU has AVX2, ecc_avx2.cpp does the same 32 columns a step; with AVX-512 and GFNI,
// ecc_avx512.cpp 64.
using ecc_tables::kB;
using ecc_tables::kF;

static_assert(std::endian::native == std::endian::little);

uint64_t gf_double(uint64_t a) {
  const uint64_t high = a & 0x8080808080808080ULL;
  return ((a & 0x7F7F7F7F7F7F7F7FULL) << 1) ^ ((high >> 7) * 0x1D);
}

// Stores a = B[F[a] ^ b] and a ^ b for every column: the last step of the reference loop.
void finish(const uint8_t* ab, const uint8_t* bb, size_t majors, uint8_t* out) {
  for (size_t m = 0; m < majors; ++m) {
    const uint8_t pa = kB[kF[ab[m]] ^ bb[m]];
    out[m] = pa;
    out[m + majors] = static_cast<uint8_t>(pa ^ bb[m]);
  }
}

// One row for all columns at once: a ^= t; b ^= t; a = F[a], eight columns per word.
template <size_t Words>
void absorb(const uint8_t* row, uint64_t* a, uint64_t* b) {
  for (size_t w = 0; w < Words; ++w) {
    uint64_t t;
    std::memcpy(&t, row + 8 * w, 8);
    a[w] = gf_double(a[w] ^ t);
    b[w] ^= t;
  }
}

// P: 86 columns of 24 rows; column m, row k is data[m + 86 k], so rows are contiguous.
// `data` must be readable up to byte 23 * 86 + 96 (the AVX2 pass reads whole registers).
void compute_p(const uint8_t* data, uint8_t* out) {
  if (ecc_avx512_available()) return ecc_parity_p_avx512(data, out);
  if (ecc_avx2_available()) return ecc_parity_p_avx2(data, out);
  uint64_t a[11] = {}, b[11] = {};
  uint8_t row[88] = {};
  for (size_t k = 0; k < 24; ++k) {
    std::memcpy(row, data + 86 * k, 86);
    absorb<11>(row, a, b);
  }
  finish(reinterpret_cast<const uint8_t*>(a), reinterpret_cast<const uint8_t*>(b), 86, out);
}

// Q rows wrap around: precompute each (row, column) offset once.
struct QIndex {
  std::array<std::array<uint16_t, 52>, 43> at{};
  constexpr QIndex() {
    for (size_t k = 0; k < 43; ++k)
      for (size_t m = 0; m < 52; ++m) at[k][m] = static_cast<uint16_t>(((m >> 1) * 86 + (m & 1) + k * 88) % 2236);
  }
};
constexpr QIndex kQIndex;

// Q: 52 columns of 43 rows along diagonals that wrap; column m, row k is
// data[((m >> 1) * 86 + (m & 1) + 88 k) % 2236]. `data` must be readable up to byte kQBuffer.
void compute_q(const uint8_t* data, uint8_t* out) {
  if (ecc_avx512_available()) return ecc_parity_q_avx512(data, out);
  if (ecc_avx2_available()) return ecc_parity_q_avx2(data, out);
  uint64_t a[7] = {}, b[7] = {};
  uint8_t row[56] = {};
  for (size_t k = 0; k < 43; ++k) {
    const auto& idx = kQIndex.at[k];
    for (size_t m = 0; m < 52; ++m) row[m] = data[idx[m]];
    absorb<7>(row, a, b);
  }
  finish(reinterpret_cast<const uint8_t*>(a), reinterpret_cast<const uint8_t*>(b), 52, out);
}

// The region Q covers (2236 bytes) and the padding the AVX2 pass reads past its last row.
constexpr size_t kQBuffer = 25 * 86 + 96;

// The region from offset 12 through the end of P (2064 + 172 bytes), header optionally zeroed.
void region(std::span<const uint8_t, kRawSector> sector, bool zero_address, uint8_t* buf) {
  std::memcpy(buf, sector.data() + layout::kHeaderOffset, layout::kEccQ - layout::kHeaderOffset);
  if (zero_address) std::memset(buf, 0, layout::kHeaderSize);
}
}  // namespace

EccP ecc_compute_p(std::span<const uint8_t, kRawSector> sector, bool zero_address) {
  EccP p;
  if (zero_address) {
    uint8_t buf[layout::kEccQ - layout::kHeaderOffset];
    region(sector, true, buf);
    compute_p(buf, p.data());
  } else {
    compute_p(sector.data() + layout::kHeaderOffset, p.data());
  }
  return p;
}

EccQ ecc_compute_q(std::span<const uint8_t, kRawSector> sector, const EccP& p, bool zero_address) {
  EccQ q;
  // The sector itself when it already holds this P (every sector we write, most we verify):
  // it is readable well past the region, so no copy is needed.
  if (!zero_address && std::memcmp(sector.data() + layout::kEccP, p.data(), p.size()) == 0) {
    compute_q(sector.data() + layout::kHeaderOffset, q.data());
    return q;
  }
  uint8_t buf[kQBuffer];
  region(sector, zero_address, buf);
  std::memcpy(buf + (layout::kEccP - layout::kHeaderOffset), p.data(), p.size());
  std::memset(buf + (layout::kEccQ - layout::kHeaderOffset), 0, kQBuffer - (layout::kEccQ - layout::kHeaderOffset));
  compute_q(buf, q.data());
  return q;
}

void ecc_generate(std::span<uint8_t, kRawSector> sector, bool zero_address) {
  const EccP p = ecc_compute_p(sector, zero_address);
  std::memcpy(sector.data() + layout::kEccP, p.data(), p.size());
  const EccQ q = ecc_compute_q(sector, p, zero_address);
  std::memcpy(sector.data() + layout::kEccQ, q.data(), q.size());
}

}  // namespace dw

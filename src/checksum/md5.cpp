#include "checksum/md5.hpp"

#include <algorithm>
#include <bit>
#include <cstring>

#include "checksum/md5_rounds.hpp"

// DW_MD5_PIN(x): x is materialised here. A compiler may reorder the step's additions; pinned,
// the message word and constant are added to `a` before the round function is known, so the
// chain from one step's result to the next is round function, add, rotate, add.
#if defined(__GNUC__)
#define DW_MD5_PIN(x) asm("" : "+r"(x))
#else
#define DW_MD5_PIN(x) (void)(x)
#endif

namespace dw {

namespace md5_detail {
namespace {
inline uint32_t load_le(const uint8_t* p) {
  return uint32_t{p[0]} | uint32_t{p[1]} << 8 | uint32_t{p[2]} << 16 | uint32_t{p[3]} << 24;
}

// One step; in G, (c & ~d) does not depend on b, the previous step's result, so it is added
// with the word before the pin and only (b & d) stays on the chain.
template <int Round, int Shift>
inline void step(uint32_t& a, uint32_t b, uint32_t c, uint32_t d, uint32_t word_plus_k) {
  a += word_plus_k;
  if constexpr (Round == 1) a += c & ~d;
  DW_MD5_PIN(a);
  if constexpr (Round == 0) a += d ^ (b & (c ^ d));
  if constexpr (Round == 1) a += b & d;
  if constexpr (Round == 2) a += b ^ (c ^ d);
  if constexpr (Round == 3) a += c ^ (b | ~d);
  a = std::rotl(a, Shift) + b;
}
}  // namespace

void blocks_portable(uint32_t state[4], const uint8_t* blocks, size_t count) {
  uint32_t a = state[0], b = state[1], c = state[2], d = state[3];
  for (; count > 0; --count, blocks += 64) {
    uint32_t w[16];
    for (int i = 0; i < 16; ++i) w[i] = load_le(blocks + 4 * i);
    const uint32_t a0 = a, b0 = b, c0 = c, d0 = d;
#define STEP(round, a, b, c, d, i, k, s) step<round, s>(a, b, c, d, w[i] + k);
    DW_MD5_STEPS
#undef STEP
    a += a0;
    b += b0;
    c += c0;
    d += d0;
  }
  state[0] = a;
  state[1] = b;
  state[2] = c;
  state[3] = d;
}

BlockFn blocks_best() {
  static const BlockFn best = blocks_avx512() ? blocks_avx512() : blocks_portable;
  return best;
}
}  // namespace md5_detail

void Md5::reset() {
  state_ = {0x67452301u, 0xefcdab89u, 0x98badcfeu, 0x10325476u};  // RFC 1321 3.3
  pending_size_ = 0;
  length_ = 0;
}

void Md5::update(std::span<const uint8_t> data) {
  const md5_detail::BlockFn blocks = md5_detail::blocks_best();
  length_ += data.size();
  const uint8_t* p = data.data();
  size_t n = data.size();
  if (pending_size_ > 0) {
    const size_t take = std::min(n, pending_.size() - pending_size_);
    std::memcpy(pending_.data() + pending_size_, p, take);
    pending_size_ += take;
    p += take;
    n -= take;
    if (pending_size_ < pending_.size()) return;
    blocks(state_.data(), pending_.data(), 1);
    pending_size_ = 0;
  }
  if (n >= 64) {
    blocks(state_.data(), p, n / 64);
    p += n / 64 * 64;
    n %= 64;
  }
  if (n > 0) std::memcpy(pending_.data(), p, n);
  pending_size_ = n;
}

std::array<uint8_t, 16> Md5::finish() {
  // RFC 1321 3.1, 3.2: a 1 bit, zeros to 56 bytes modulo 64, the bit length little-endian.
  const uint64_t bits = length_ * 8;
  std::array<uint8_t, 72> tail{};
  tail[0] = 0x80;
  const size_t pad = (pending_size_ < 56 ? 56 : 120) - pending_size_;
  for (int i = 0; i < 8; ++i) tail[pad + static_cast<size_t>(i)] = static_cast<uint8_t>(bits >> (8 * i));
  update(std::span<const uint8_t>(tail.data(), pad + 8));
  std::array<uint8_t, 16> digest{};
  for (size_t i = 0; i < 16; ++i) digest[i] = static_cast<uint8_t>(state_[i / 4] >> (8 * (i % 4)));
  reset();
  return digest;
}

}  // namespace dw

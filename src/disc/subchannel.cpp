#include "disc/subchannel.hpp"

#include <algorithm>
#include <bit>
#include <cstring>

namespace dw {

namespace {
// kSpread[b]: a uint64 whose byte m (little-endian) is bit (7-m) of b, i.e. b's bits fanned out
// one per interleaved byte, MSB first.
constexpr std::array<uint64_t, 256> make_spread() {
  std::array<uint64_t, 256> t{};
  for (unsigned b = 0; b < 256; ++b)
    for (unsigned m = 0; m < 8; ++m) t[b] |= static_cast<uint64_t>((b >> (7 - m)) & 1) << (8 * m);
  return t;
}
constexpr auto kSpread = make_spread();

static_assert(std::endian::native == std::endian::little, "subchannel bit tricks assume little-endian");

uint64_t load64(const uint8_t* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}
void store64(uint8_t* p, uint64_t v) { std::memcpy(p, &v, 8); }

// Gathers bit 0 of each of the 8 bytes of x into one byte, byte 0 -> bit 7.
uint8_t gather(uint64_t x) {
  x &= 0x0101010101010101ULL;
  // Each set bit at 8m is moved to bit 56 + (7 - m) by the multiply; no carries can collide.
  return static_cast<uint8_t>((x * 0x8040201008040201ULL) >> 56);
}
}  // namespace

void interleave_subchannel(std::span<const uint8_t, kSubchannelSize> linear, std::span<uint8_t, kSubchannelSize> out) {
  for (size_t j = 0; j < kChannelSize; ++j) {
    uint64_t v = 0;
    for (unsigned c = 0; c < 8; ++c) v |= kSpread[linear[c * kChannelSize + j]] << (7 - c);
    store64(out.data() + 8 * j, v);
  }
}

void deinterleave_subchannel(std::span<const uint8_t, kSubchannelSize> raw, std::span<uint8_t, kSubchannelSize> out) {
  for (size_t j = 0; j < kChannelSize; ++j) {
    const uint64_t x = load64(raw.data() + 8 * j);
    for (unsigned c = 0; c < 8; ++c) out[c * kChannelSize + j] = gather(x >> (7 - c));
  }
}

std::array<uint8_t, kChannelSize> extract_channel(std::span<const uint8_t, kSubchannelSize> raw, Channel channel) {
  std::array<uint8_t, kChannelSize> out{};
  const unsigned shift = 7 - static_cast<unsigned>(channel);
  for (size_t j = 0; j < kChannelSize; ++j) out[j] = gather(load64(raw.data() + 8 * j) >> shift);
  return out;
}

void insert_channel(std::span<uint8_t, kSubchannelSize> raw, Channel channel,
                    std::span<const uint8_t, kChannelSize> bytes) {
  const unsigned shift = 7 - static_cast<unsigned>(channel);
  for (size_t j = 0; j < kChannelSize; ++j)
    store64(raw.data() + 8 * j, load64(raw.data() + 8 * j) | (kSpread[bytes[j]] << shift));
}

bool p_flag_majority(std::span<const uint8_t, kSubchannelSize> raw) {
  int ones = 0;
  for (uint8_t b : raw) ones += b >> 7;
  return ones * 2 > static_cast<int>(kSubchannelSize);
}

void pq16_from_raw(std::span<const uint8_t, kSubchannelSize> raw, std::span<uint8_t, kPqSize> out) {
  const auto q = extract_channel(raw, Channel::Q);
  std::copy(q.begin(), q.end(), out.begin());
  out[12] = out[13] = out[14] = 0;
  out[15] = p_flag_majority(raw) ? 0x80 : 0x00;
}

void raw_from_pq16(std::span<const uint8_t, kPqSize> pq, std::span<uint8_t, kSubchannelSize> out) {
  std::fill(out.begin(), out.end(), static_cast<uint8_t>(pq[15] & 0x80));
  insert_channel(out, Channel::Q, pq.first<kChannelSize>());
}

}  // namespace dw

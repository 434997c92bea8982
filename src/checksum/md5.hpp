// MD5 (RFC 1321), our own: verify's MD5 thread is what limits it (docs/performance.md), and MD5
// cannot be split across cores, so the one stream has to run as fast as the step's dependency
// chain allows. Two block functions compute the same thing: a portable one, and one for CPUs
// with AVX-512VL whose three-input logic instruction takes F, G, H and I in one step (chosen
// at run time). Both are written so the compiler cannot fold the message word and constant into
// the chain after the round function (see md5.cpp).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

namespace dw {

/// Streaming MD5: update() any number of times, then finish(), which resets it.
class Md5 {
 public:
  Md5() { reset(); }
  void update(std::span<const uint8_t> data);
  std::array<uint8_t, 16> finish();
  void reset();

 private:
  std::array<uint32_t, 4> state_{};
  std::array<uint8_t, 64> pending_{};
  size_t pending_size_ = 0;
  uint64_t length_ = 0;
};

namespace md5_detail {
using BlockFn = void (*)(uint32_t state[4], const uint8_t* blocks, size_t count);
/// The portable block function, and the AVX-512VL one (nullptr when this CPU or build has none).
void blocks_portable(uint32_t state[4], const uint8_t* blocks, size_t count);
BlockFn blocks_avx512();
/// What Md5 uses: the AVX-512VL one where available.
BlockFn blocks_best();
}  // namespace md5_detail

}  // namespace dw

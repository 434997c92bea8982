// Deterministic test audio, the same formula as the Python that produced the golden values:
// byte i = (i * 7 + (i >> 8) * 13) & 0xFF.
#pragma once

#include <cstdint>
#include <vector>

namespace dw::test {

inline std::vector<uint8_t> test_pcm(size_t bytes) {
  std::vector<uint8_t> v(bytes);
  for (size_t i = 0; i < bytes; ++i) v[i] = static_cast<uint8_t>((i * 7 + (i >> 8) * 13) & 0xFF);
  return v;
}

}  // namespace dw::test

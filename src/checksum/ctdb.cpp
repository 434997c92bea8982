#include "checksum/ctdb.hpp"

#include <fmt/format.h>
#include <zlib.h>

#include <algorithm>
#include <stdexcept>

namespace dw {

CtdbCrc::CtdbCrc(uint64_t total_samples)
    : total_bytes_(total_samples * 4),
      begin_byte_(kCtdbSkipSamples * 4),
      end_byte_(total_samples > 2 * kCtdbSkipSamples + total_samples % kCtdbSkipSamples
                    ? (total_samples - kCtdbSkipSamples - total_samples % kCtdbSkipSamples) * 4
                    : kCtdbSkipSamples * 4),
      crc_(static_cast<uint32_t>(crc32_z(0, nullptr, 0))) {}

void CtdbCrc::update(std::span<const uint8_t> pcm) {
  const uint64_t from = std::max(fed_, begin_byte_), to = std::min(fed_ + pcm.size(), end_byte_);
  if (from < to) crc_ = static_cast<uint32_t>(crc32_z(crc_, pcm.data() + (from - fed_), to - from));
  fed_ += pcm.size();
}

uint32_t CtdbCrc::finish() const {
  if (fed_ != total_bytes_)
    throw std::logic_error(fmt::format("CTDB: fed {} bytes, the disc has {}", fed_, total_bytes_));
  return crc_;
}

}  // namespace dw

// Offset detection on any bytes: the data write offset from raw bytes read as a dump, and the
// perfect audio offset over ranges and a stream both taken from the input. Never crash; a
// reason is given for every nullopt; a perfect offset returned really makes every range silent.
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "rip/offset_detect.hpp"

namespace {

// Whether stream samples [from, to) are all within the silence threshold (and in the stream).
bool silent(std::span<const uint8_t> stream, int64_t from, int64_t to) {
  if (from < 0 || to > static_cast<int64_t>(stream.size() / 4)) return false;
  for (int64_t p = from; p < to; ++p) {
    const uint8_t* q = stream.data() + p * 4;
    const auto l = static_cast<int16_t>(static_cast<uint16_t>(q[0] | q[1] << 8));
    const auto r = static_cast<int16_t>(static_cast<uint16_t>(q[2] | q[3] << 8));
    if (std::abs(static_cast<int>(l)) > dw::rip::kSilenceThreshold ||
        std::abs(static_cast<int>(r)) > dw::rip::kSilenceThreshold)
      return false;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::span<const uint8_t> in(data, size);

  dw::Lba first = 0;
  if (size >= 4) std::memcpy(&first, data, 4);
  std::string why;
  const auto offset = dw::rip::data_write_offset(in, size % 3 == 0 ? first : 0, &why);
  if (offset.has_value() == !why.empty()) std::abort();

  // Perfect audio offset: [0] range count and stream kind, [1] first LBA, [2..3] max shift,
  // then 2 bytes per range (begin from the first LBA, length), then the stream. The stream is
  // either the bytes as they are or, since inputs are short, run-length expanded: pairs of
  // (level, length) become length * 21 samples of +-level * 3 (some silent, some not).
  if (size < 4) return 0;
  const size_t count = data[0] & 3;
  const bool expand = data[0] & 4;
  const dw::Lba start = static_cast<int8_t>(data[1]);
  const int32_t max_shift = (data[2] | data[3] << 8) * 3;
  size_t at = 4;
  std::vector<std::pair<dw::Lba, dw::Lba>> ranges;
  for (size_t i = 0; i < count && at + 2 <= size; ++i, at += 2) {
    const dw::Lba begin = start + (data[at] & 0x3F) - 8;
    ranges.emplace_back(begin, begin + (data[at + 1] % 9) - 1);  // some empty, some reversed
  }
  std::vector<uint8_t> stream;
  if (expand) {
    for (; at + 2 <= size && stream.size() < 64 * 2352; at += 2) {
      const auto level = static_cast<uint16_t>(data[at] * 3);
      for (int k = 0; k < data[at + 1] * 21; ++k) {
        const uint16_t value = k % 2 ? level : static_cast<uint16_t>(-level);
        const uint8_t sample[4] = {static_cast<uint8_t>(value), static_cast<uint8_t>(value >> 8),
                                   static_cast<uint8_t>(value), static_cast<uint8_t>(value >> 8)};
        stream.insert(stream.end(), sample, sample + 4);
      }
    }
  } else {
    stream.assign(data + at, data + size);
  }

  dw::rip::PerfectOffsetReport report;
  const auto shift = dw::rip::perfect_audio_offset(stream, start, ranges, max_shift, &report);
  if (shift.has_value() == !report.why.empty()) std::abort();
  if (shift) {
    if (*shift < -max_shift || *shift > max_shift) std::abort();
    if (report.silence_level < 0 || report.silence_level > dw::rip::kSilenceThreshold) std::abort();
    for (const auto& [begin, end] : ranges) {
      if (end <= begin) continue;
      const int64_t from = (static_cast<int64_t>(begin) - start) * 588 + *shift;
      if (!silent(stream, from, from + (static_cast<int64_t>(end) - begin) * 588)) std::abort();
    }
  }
  // A signature searched in a window from the input: the sample returned has the signature
  // whole in the window, after bytes_before bytes.
  for (const dw::rip::AudioSignature* sig : {&dw::rip::kVideoNow, &dw::rip::kAtariJaguar}) {
    const int64_t base = int64_t{start} * 2352, lo = base + max_shift - 300, hi = lo + (data[1] | data[2] << 8) * 5;
    if (const auto at = dw::rip::find_signature(stream, start, lo, hi, *sig)) {
      const int64_t byte = *at * 4 + sig->bytes_before;
      if (byte < lo || byte + 8 > hi || byte - base + 8 > static_cast<int64_t>(stream.size())) std::abort();
      if (std::memcmp(stream.data() + (byte - base), sig->bytes.data(), 8) != 0) std::abort();
    }
  }
  (void)dw::rip::universal_hash(stream);
  return 0;
}

#include "formats/wave_file.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <vector>

#include "disc/error.hpp"

namespace dw {

namespace {

uint32_t le32(const uint8_t* p) { return p[0] | (p[1] << 8) | (p[2] << 16) | (static_cast<uint32_t>(p[3]) << 24); }
uint16_t le16(const uint8_t* p) { return static_cast<uint16_t>(p[0] | (p[1] << 8)); }
void put_le(uint8_t* p, uint32_t value, int bytes) {
  for (int i = 0; i < bytes; ++i) p[i] = static_cast<uint8_t>(value >> (8 * i));
}

}  // namespace

WaveData parse_wave_header(std::span<const uint8_t> head, uint64_t file_size, const std::string& source) {
  if (head.size() >= 4 && std::memcmp(head.data(), "fLaC", 4) == 0)
    throw InputError(source, "is a FLAC file, not WAVE: decode it to WAVE (flac -d)", 0);
  if (head.size() < 12 || std::memcmp(head.data(), "RIFF", 4) != 0 || std::memcmp(head.data() + 8, "WAVE", 4) != 0)
    throw InputError(source, "not a WAVE file (no RIFF/WAVE header)", 0);
  bool have_format = false;
  size_t at = 12;
  while (at + 8 <= head.size()) {
    const uint8_t* chunk = head.data() + at;
    const uint32_t size = le32(chunk + 4);
    if (std::memcmp(chunk, "fmt ", 4) == 0) {
      if (size < 16 || at + 8 + 16 > head.size()) throw InputError(source, "WAVE fmt chunk is too short", at);
      const uint8_t* f = chunk + 8;
      const uint16_t format = le16(f), channels = le16(f + 2), bits = le16(f + 14);
      const uint32_t rate = le32(f + 4);
      // WAVE_FORMAT_EXTENSIBLE (0xFFFE) carries the real format in its sub-format GUID.
      const bool pcm =
          format == 1 || (format == 0xFFFE && size >= 40 && at + 8 + 26 <= head.size() && le16(f + 24) == 1);
      if (!pcm)
        throw InputError(
            source, fmt::format("WAVE data is not PCM (format tag 0x{:04X}); decode it to 16-bit PCM first", format),
            at + 8);
      if (rate != 44100 || bits != 16 || channels != 2)
        throw InputError(
            source,
            fmt::format("WAVE is {} Hz, {}-bit, {} channel(s); CD audio must be 44100 Hz, 16-bit, 2 channels", rate,
                        bits, channels),
            at + 8);
      have_format = true;
    } else if (std::memcmp(chunk, "data", 4) == 0) {
      if (!have_format) throw InputError(source, "WAVE data chunk comes before its fmt chunk", at);
      const uint64_t offset = at + 8;
      const uint64_t available = file_size > offset ? file_size - offset : 0;
      // Streaming writers leave 0 or 0xFFFFFFFF as the size: take what the file holds.
      const uint64_t data = (size == 0 || size == 0xFFFFFFFFu) ? available : std::min<uint64_t>(size, available);
      return {offset, data};
    }
    at += 8 + size + (size & 1);  // chunks are padded to even sizes
  }
  throw InputError(source,
                   have_format ? "WAVE file has no data chunk in its first 64 KiB" : "WAVE file has no fmt chunk", 12);
}

WaveData read_wave_header(const ImageFile& file) {
  std::vector<uint8_t> head(static_cast<size_t>(std::min<uint64_t>(file.size(), 65536)));
  file.read_at(0, head);
  return parse_wave_header(head, file.size(), file.name());
}

bool is_flac(const ImageFile& file) {
  std::array<uint8_t, 4> magic{};
  return file.read_some(0, magic) == magic.size() && std::memcmp(magic.data(), "fLaC", 4) == 0;
}

std::array<uint8_t, 44> wave_header(uint64_t data_bytes) {
  // The RIFF size counts everything after its own field: "WAVE", the fmt chunk (8 + 16) and the
  // data chunk (8 + data, padded to an even size; CD audio always has an even size).
  if (data_bytes % 4 != 0 || data_bytes > 0xFFFFFFFFu - 36)
    throw ModelError(fmt::format("a WAVE file cannot hold {} bytes of CD audio", data_bytes));
  std::array<uint8_t, 44> h{};
  std::memcpy(h.data(), "RIFF", 4);
  put_le(h.data() + 4, static_cast<uint32_t>(36 + data_bytes), 4);
  std::memcpy(h.data() + 8, "WAVEfmt ", 8);
  put_le(h.data() + 16, 16, 4);         // fmt chunk size
  put_le(h.data() + 20, 1, 2);          // PCM
  put_le(h.data() + 22, 2, 2);          // channels
  put_le(h.data() + 24, 44100, 4);      // samples per second
  put_le(h.data() + 28, 44100 * 4, 4);  // bytes per second
  put_le(h.data() + 32, 4, 2);          // block align: bytes per stereo sample
  put_le(h.data() + 34, 16, 2);         // bits per sample
  std::memcpy(h.data() + 36, "data", 4);
  put_le(h.data() + 40, static_cast<uint32_t>(data_bytes), 4);
  return h;
}

}  // namespace dw

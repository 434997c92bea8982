// WAVE files as CD audio: RIFF/WAVE with 44.1 kHz, 16-bit, stereo PCM only; everything else is
// an error that says what the file holds (so the user knows what to convert).
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>

#include "formats/image_file.hpp"

namespace dw {

/// Where the samples are: the "data" chunk's payload.
struct WaveData {
  uint64_t offset = 0;  ///< byte offset of the first sample
  uint64_t size = 0;    ///< bytes of samples (clipped to the file when a writer left the size open)
};

/// Parses the RIFF chunks at the start of a WAVE file (`head`: its first bytes, at least up to
/// the data chunk header; `file_size`: the whole file's size). Throws InputError naming `source`
/// and the offset when it is not RIFF/WAVE (saying so when it is FLAC), not PCM, or not 44100 Hz
/// / 16 bits / 2 channels.
WaveData parse_wave_header(std::span<const uint8_t> head, uint64_t file_size, const std::string& source);

/// The same for an open file (reads at most the first 64 KiB).
WaveData read_wave_header(const ImageFile& file);

/// Whether `file` starts with the FLAC stream marker "fLaC" (FLAC files are not read as sheets'
/// audio: what to do instead is kFlacInSheetAdvice).
bool is_flac(const ImageFile& file);
inline constexpr const char* kFlacInSheetAdvice = "FLAC in cue sheets is not supported, decode it to WAVE (flac -d)";

/// The canonical 44-byte header of a CD audio WAVE file holding `data_bytes` bytes of samples
/// (RIFF/WAVE, a 16-byte PCM "fmt " chunk: 2 channels, 44100 Hz, 176400 bytes/s, block align 4,
/// 16 bits; then the "data" chunk header); the samples follow it, little-endian as CD-DA
/// sectors hold them. Throws ModelError when the sizes do not fit RIFF's 32 bits.
std::array<uint8_t, 44> wave_header(uint64_t data_bytes);

}  // namespace dw

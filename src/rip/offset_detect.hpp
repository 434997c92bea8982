// Disc write (pressing) offset detection from a dump's main channel, and the offset-independent
// "universal hash". Facts: reference/ripping.md, "Offsets".
//
// Every function takes the main channel as read with audio-type READ CD (data sectors still
// scrambled), already corrected for the drive's read offset: byte 2352 * i of `stream` is the
// start of LBA `first + i`. Sample k is bytes 4k..4k+3 (16-bit left, 16-bit right, little-endian).
//
// Sign convention (the same for both detectors): an offset of +n samples means the disc's data
// sits n samples later in the stream than its address says, so the true sample x is found at
// stream sample x + n. Shifting the stream by -n puts every sector where its address says.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "disc/msf.hpp"

namespace dw::rip {

/// The disc's write offset in samples, found from scrambled data sectors: each sync
/// `00 FF*10 00` (at any byte position) has its header bytes 12..14 descrambled to a BCD MSF,
/// and offset = (sync_position - (header_lba - first) * 2352) / 4.
///
/// Accepted only when a chain of consecutive syncs exactly 2352 bytes apart, with valid BCD and
/// consecutive header addresses, is at least 3 long (or, in a span too short to hold 3 such
/// syncs at that position, fills every slot the span has, never fewer than 2); when every such
/// chain in the span gives the same offset; and when that offset is a whole number of samples.
/// Shorter chains (a stray sync, a damaged header) are ignored. Otherwise nullopt, and `why`
/// (when given) says what was missing; on success `why` is cleared. Reads nothing outside
/// `stream` whatever it holds; linear in its size.
std::optional<int32_t> data_write_offset(std::span<const uint8_t> stream, Lba first, std::string* why = nullptr);

/// A disc known by bytes its audio carries at a known place (redumper's checks, tried before the
/// perfect audio offset): where the signature sits with `bytes_before` bytes of the disc's data in
/// front of it, that data starts at the place the disc's layout gives (LBA 0 for VideoNow discs,
/// index 1 of session 2's first track for Atari Jaguar CDs) when the write offset is 0.
struct AudioSignature {
  std::string_view disc;
  std::array<uint8_t, 8> bytes;
  int32_t bytes_before = 0;
};
// Facts: redumper, cd/split.ixx (Atari Jaguar "TAIRTAIR" two bytes into the track, searched one
// sector either side of index 1 of session 2's first track; VideoNow and VideoNow Color frame
// markers, searched from the first non-zero sector to the end of track 1 of a one-session disc).
inline constexpr AudioSignature kAtariJaguar{"Atari Jaguar CD", {'T', 'A', 'I', 'R', 'T', 'A', 'I', 'R'}, 2};
inline constexpr AudioSignature kVideoNow{"VideoNow", {0xE1, 0xE1, 0xE1, 0x01, 0xE1, 0xE1, 0xE1, 0x00}, 0};
inline constexpr AudioSignature kVideoNowColor{
    "VideoNow Color (Color / Jr. / XP / Color FX)", {0x81, 0xE3, 0xE3, 0xC7, 0xC7, 0x81, 0x81, 0xE3}, 0};

/// The first place in stream bytes [begin_byte, end_byte) (counted from the start of LBA 0 in the
/// stream's coordinates: byte 2352 * (l - first) of `stream` is 2352 * l; negative before LBA 0)
/// where `signature` occurs whole, preceded by `bytes_before` bytes that start on a whole sample:
/// that sample's index from LBA 0 (the signature's bytes start 4 * index + bytes_before bytes
/// after LBA 0). Occurrences off the sample grid are skipped. nullopt when there is none, or the
/// window lies outside the stream. Reads nothing outside `stream`; linear in the window.
std::optional<int64_t> find_signature(std::span<const uint8_t> stream, Lba first, int64_t begin_byte, int64_t end_byte,
                                      const AudioSignature& signature);

/// What perfect_audio_offset saw, for the log (redumper prints the same: the silence level and
/// the qualifying shifts).
struct PerfectOffsetReport {
  /// The lowest silence level (max |sample| allowed) at which some shift made every range
  /// silent; -1 when none did up to kSilenceThreshold.
  int silence_level = -1;
  /// The shifts qualifying at that level, as inclusive [from, to] ranges in increasing order.
  std::vector<std::pair<int32_t, int32_t>> shifts;
  /// Why nullopt was returned; empty on success.
  std::string why;
};

/// Largest |sample| still counted as silence (redumper's default --audio-silence-threshold).
inline constexpr int kSilenceThreshold = 32;

/// The "perfect audio offset" of an audio-only disc: the shift s (samples, |s| <=
/// max_shift_samples) for which every range of `silent_ranges` ([begin, end) LBAs, normally the
/// index-0 pregaps) is digital near-silence (both channels |sample| <= kSilenceThreshold) when
/// read shifted by s, i.e. stream samples [(begin - first) * 588 + s, (end - first) * 588 + s)
/// are all silent. A shift only counts when every shifted range lies inside the stream.
///
/// When several shifts qualify, the choice is redumper's: the silence level is raised from 0 to
/// kSilenceThreshold and the first level at which any shift qualifies decides; the offset is
/// returned only when exactly one shift qualifies at that level (a run of shifts or several
/// separate ones is ambiguous: nullopt). redumper additionally applies the result only at level 0
/// (exact digital silence); `report->silence_level` lets a caller apply that rule too.
///
/// nullopt when no ranges (or only empty ones) are given, a range has end < begin, no shift keeps
/// every range inside the stream, no shift makes them silent, or the answer is ambiguous.
/// Linear in the part of the stream within max_shift_samples of a range (times log2 of the
/// threshold), not in shifts x length.
std::optional<int32_t> perfect_audio_offset(std::span<const uint8_t> stream, Lba first,
                                            std::span<const std::pair<Lba, Lba>> silent_ranges,
                                            int32_t max_shift_samples = 150 * 588,
                                            PerfectOffsetReport* report = nullptr);

/// The non-zero part of an audio stream: [first non-zero sample, one past the last) as sample
/// indices (a sample is zero when all its 4 bytes are); an empty range (first == end) when every
/// sample is zero. A trailing partial sample is ignored.
std::pair<size_t, size_t> nonzero_sample_range(std::span<const uint8_t> audio_stream);

/// redumper's fallback for an audio-only disc without a perfect audio offset: when the dump saw
/// non-zero samples outside the program area, the write offset that shifts them in. Samples
/// are counted from LBA 0 in the read-offset-corrected stream (sample x of LBA l is l * 588 + x):
/// non-zero data [data_first, data_end), the disc's program area [toc_first, toc_end) (track 1's
/// pregap start and the lead-out, * 588). Tried in this order, only when the data fits in the
/// program area: data past the lead-out (offset = data_end - toc_end, positive), data before
/// LBA 0 that can move there whole (offset = data_first), data before the first pregap (offset
/// = data_first - toc_first). A shift larger than `max_shift_samples` either way (2 s) is not
/// applied: `offset` stays nullopt and `how` says why, as it does when nothing is outside.
struct EdgeShift {
  std::optional<int32_t> offset;
  std::string how;
};
EdgeShift shift_out_of_edges(int64_t data_first, int64_t data_end, int64_t toc_first, int64_t toc_end,
                             int32_t max_shift_samples = 150 * 588);

/// The offset-independent fingerprint ("universal hash", as redumper logs it): SHA-1 of the
/// stream from its first to its last non-zero sample, inclusive (a sample is zero when all its
/// 4 bytes are). The same audio shifted by any offset, with zero padding, hashes the same. A
/// trailing partial sample (size not a multiple of 4) is ignored; an all-zero stream gives the
/// SHA-1 of no bytes.
std::array<uint8_t, 20> universal_hash(std::span<const uint8_t> audio_stream);

}  // namespace dw::rip

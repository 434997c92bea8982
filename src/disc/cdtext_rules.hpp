// Constants and small rules shared by the CD-Text parser and builder (not a public header).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace dw::cdtext_detail {

constexpr size_t kPackSize = 18, kPayload = 12, kHeaderSize = 4;
constexpr size_t kMaxBlocks = 8, kMaxPacksPerBlock = 256, kMaxProblems = 200;
constexpr uint8_t kTitle = 0x80, kMessage = 0x85, kGenre = 0x87, kToc = 0x88, kLastBinary = 0x8C, kClosed = 0x8D,
                  kUpcIsrc = 0x8E, kSizeInfo = 0x8F;
constexpr int kMaxTrack = 99;

inline bool is_text_type(uint8_t t) { return (t >= kTitle && t <= kGenre) || t == kClosed || t == kUpcIsrc; }
inline bool is_binary_type(uint8_t t) { return t >= kToc && t <= kLastBinary; }
// The types that list every track and may use TAB for "same as the previous track".
inline bool is_per_track_type(uint8_t t) { return (t >= kTitle && t <= kMessage) || t == kUpcIsrc; }
// Only the texts in the block's character code are double-byte; disc id, genre, closed
// information and UPC/ISRC are always single-byte (ASCII or ISO 8859-1).
inline bool is_double_byte(uint8_t t, bool block_double_byte) {
  return block_double_byte && t >= kTitle && t <= kMessage;
}

inline std::string tab_string(bool double_byte) { return double_byte ? std::string(2, '\t') : std::string(1, '\t'); }

}  // namespace dw::cdtext_detail

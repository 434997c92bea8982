// Big-endian fields of CDBs and MMC responses: one place for the byte order and for the bounds
// checks, so no parser repeats (or forgets) them.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

#include "disc/error.hpp"

namespace dw::scsi::be {

/// Stores `value` big-endian in `bytes` bytes at `at` (the caller sized the buffer).
inline void put(std::span<uint8_t> out, size_t at, uint32_t value, size_t bytes) {
  for (size_t i = 0; i < bytes; ++i) out[at + i] = static_cast<uint8_t>(value >> (8 * (bytes - 1 - i)));
}
inline void put16(std::span<uint8_t> out, size_t at, uint16_t value) { put(out, at, value, 2); }
inline void put24(std::span<uint8_t> out, size_t at, uint32_t value) { put(out, at, value, 3); }
inline void put32(std::span<uint8_t> out, size_t at, uint32_t value) { put(out, at, value, 4); }

/// A response buffer that throws dw::InputError naming the command instead of reading past its
/// end. Offsets are from the start of the response, so the error points at the byte a user sees
/// in a hex dump.
class Reader {
 public:
  Reader(std::span<const uint8_t> data, const char* source) : data_(data), source_(source) {}

  [[nodiscard]] size_t size() const { return data_.size(); }
  [[nodiscard]] std::span<const uint8_t> data() const { return data_; }
  [[nodiscard]] const char* source() const { return source_; }

  [[noreturn]] void fail(const std::string& problem, size_t offset) const {
    throw InputError(source_, problem, offset);
  }

  /// Throws unless bytes [at, at + count) are present; `what` names the field for the message.
  void need(size_t at, size_t count, const char* what) const {
    if (at > data_.size() || count > data_.size() - at)
      fail(std::string(what) + " needs bytes " + std::to_string(at) + ".." + std::to_string(at + count - 1) +
               " but the response has " + std::to_string(data_.size()) + " bytes",
           at);
  }

  [[nodiscard]] uint8_t u8(size_t at) const {
    need(at, 1, "a field");
    return data_[at];
  }
  [[nodiscard]] uint16_t u16(size_t at) const { return static_cast<uint16_t>(get(at, 2)); }
  [[nodiscard]] uint32_t u24(size_t at) const { return get(at, 3); }
  [[nodiscard]] uint32_t u32(size_t at) const { return get(at, 4); }
  [[nodiscard]] int32_t s32(size_t at) const { return static_cast<int32_t>(get(at, 4)); }
  [[nodiscard]] std::span<const uint8_t> bytes(size_t at, size_t count) const {
    need(at, count, "a field");
    return data_.subspan(at, count);
  }

  /// The response cut to the size its leading length field announces: `width` bytes (2 or 4)
  /// at offset 0 count what follows them. Throws when fewer than `minimum` bytes would remain or
  /// when the field announces more than was received. Extra bytes after it (padding up to the
  /// allocation length) are ignored.
  [[nodiscard]] Reader with_length_field(size_t width, size_t minimum) const {
    const uint64_t total = announced(width, minimum);
    if (total > data_.size())
      fail("length field says " + std::to_string(total - width) + " bytes follow, only " +
               std::to_string(data_.size() - width) + " were received",
           0);
    return Reader(data_.first(static_cast<size_t>(total)), source_);
  }

  /// As with_length_field, for the answers whose fields keep their places whatever the length
  /// (disc and track information): a response cut short by the allocation length, fewer bytes
  /// than the field announces, is read as far as it goes. At least `minimum` bytes must have
  /// arrived, and the field must announce at least as many.
  [[nodiscard]] Reader with_length_field_or_prefix(size_t width, size_t minimum) const {
    const uint64_t total = announced(width, minimum);
    need(0, minimum, "the fields every answer has");
    return Reader(data_.first(static_cast<size_t>(std::min<uint64_t>(total, data_.size()))), source_);
  }

 private:
  // The length field plus its own bytes; at least `minimum`.
  [[nodiscard]] uint64_t announced(size_t width, size_t minimum) const {
    need(0, width, "the length field");
    const uint64_t total = uint64_t{get(0, width)} + width;
    if (total < minimum)
      fail("length field says " + std::to_string(total - width) + " bytes follow, at least " +
               std::to_string(minimum - width) + " are needed",
           0);
    return total;
  }

  [[nodiscard]] uint32_t get(size_t at, size_t bytes) const {
    need(at, bytes, "a field");
    uint32_t v = 0;
    for (size_t i = 0; i < bytes; ++i) v = v << 8 | data_[at + i];
    return v;
  }

  std::span<const uint8_t> data_;
  const char* source_;
};

/// Characters [at, at + count) as a string with trailing spaces and NULs removed (INQUIRY,
/// MCN and ISRC fields are space- or NUL-padded ASCII).
inline std::string trimmed_ascii(std::span<const uint8_t> bytes) {
  size_t end = bytes.size();
  while (end > 0 && (bytes[end - 1] == ' ' || bytes[end - 1] == 0)) --end;
  size_t begin = 0;
  while (begin < end && bytes[begin] == ' ') ++begin;
  return std::string(bytes.begin() + static_cast<std::ptrdiff_t>(begin),
                     bytes.begin() + static_cast<std::ptrdiff_t>(end));
}

}  // namespace dw::scsi::be

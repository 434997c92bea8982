// One pass over a stream computing CRC-32 (zlib's), MD5 (ours, checksum/md5.hpp) and SHA-1
// (OpenSSL EVP) together, as the redump DAT lines need them.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <span>
#include <string>

namespace dw {

struct Hashes {
  uint64_t size = 0;
  uint32_t crc32 = 0;
  std::array<uint8_t, 16> md5{};
  std::array<uint8_t, 20> sha1{};
  [[nodiscard]] std::string crc32_hex() const;  ///< 8 lowercase hex digits
  [[nodiscard]] std::string md5_hex() const;
  [[nodiscard]] std::string sha1_hex() const;
  friend bool operator==(const Hashes&, const Hashes&) = default;
};

/// Feed any number of chunks, then finish(). The OpenSSL contexts are created once; a hasher
/// can be reused after finish(). Throws std::runtime_error if OpenSSL cannot provide SHA-1.
class MultiHasher {
 public:
  MultiHasher();
  ~MultiHasher();
  MultiHasher(const MultiHasher&) = delete;
  MultiHasher& operator=(const MultiHasher&) = delete;

  void update(std::span<const uint8_t> data);
  /// The two halves of update(), for callers that hash on two threads: each may run on its own
  /// thread at the same time (they touch separate state); every byte must go through both.
  void update_md5(std::span<const uint8_t> data);
  void update_crc_sha1(std::span<const uint8_t> data);
  /// Returns the hashes of everything fed since construction or the last finish(), and resets.
  Hashes finish();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// Hashes of one buffer.
Hashes hash_bytes(std::span<const uint8_t> data);

/// Lowercase hex of bytes.
std::string to_hex(std::span<const uint8_t> bytes);

}  // namespace dw

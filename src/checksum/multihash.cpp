#include "checksum/multihash.hpp"

#include <openssl/evp.h>
#include <zlib.h>

#include <stdexcept>

namespace dw {

namespace {
struct MdDeleter {
  void operator()(EVP_MD* md) const { EVP_MD_free(md); }
};
struct CtxDeleter {
  void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};
}  // namespace

struct MultiHasher::Impl {
  // Fetched once: implicit fetching on every init is slow in OpenSSL 3.
  std::unique_ptr<EVP_MD, MdDeleter> md5{EVP_MD_fetch(nullptr, "MD5", nullptr)};
  std::unique_ptr<EVP_MD, MdDeleter> sha1{EVP_MD_fetch(nullptr, "SHA1", nullptr)};
  std::unique_ptr<EVP_MD_CTX, CtxDeleter> md5_ctx{EVP_MD_CTX_new()};
  std::unique_ptr<EVP_MD_CTX, CtxDeleter> sha1_ctx{EVP_MD_CTX_new()};
  uLong crc = crc32_z(0, nullptr, 0);
  uint64_t size = 0;

  void init() {
    if (!md5 || !sha1 || !md5_ctx || !sha1_ctx || EVP_DigestInit_ex(md5_ctx.get(), md5.get(), nullptr) != 1 ||
        EVP_DigestInit_ex(sha1_ctx.get(), sha1.get(), nullptr) != 1)
      throw std::runtime_error("OpenSSL cannot provide MD5 and SHA-1");
    crc = crc32_z(0, nullptr, 0);
    size = 0;
  }
};

MultiHasher::MultiHasher() : impl_(std::make_unique<Impl>()) { impl_->init(); }
MultiHasher::~MultiHasher() = default;

void MultiHasher::update(std::span<const uint8_t> data) {
  impl_->crc = crc32_z(impl_->crc, data.data(), data.size());
  EVP_DigestUpdate(impl_->md5_ctx.get(), data.data(), data.size());
  EVP_DigestUpdate(impl_->sha1_ctx.get(), data.data(), data.size());
  impl_->size += data.size();
}

Hashes MultiHasher::finish() {
  Hashes h;
  h.size = impl_->size;
  h.crc32 = static_cast<uint32_t>(impl_->crc);
  unsigned len = 0;
  EVP_DigestFinal_ex(impl_->md5_ctx.get(), h.md5.data(), &len);
  EVP_DigestFinal_ex(impl_->sha1_ctx.get(), h.sha1.data(), &len);
  impl_->init();
  return h;
}

Hashes hash_bytes(std::span<const uint8_t> data) {
  MultiHasher h;
  h.update(data);
  return h.finish();
}

std::string to_hex(std::span<const uint8_t> bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string s;
  s.reserve(bytes.size() * 2);
  for (uint8_t b : bytes) {
    s += kDigits[b >> 4];
    s += kDigits[b & 0x0F];
  }
  return s;
}

std::string Hashes::crc32_hex() const {
  const uint8_t be[4] = {static_cast<uint8_t>(crc32 >> 24), static_cast<uint8_t>(crc32 >> 16),
                         static_cast<uint8_t>(crc32 >> 8), static_cast<uint8_t>(crc32)};
  return to_hex(be);
}
std::string Hashes::md5_hex() const { return to_hex(md5); }
std::string Hashes::sha1_hex() const { return to_hex(sha1); }

}  // namespace dw

#include "checksum/multihash.hpp"

#include <openssl/evp.h>

#include <stdexcept>

#include "checksum/md5.hpp"
#include "disc/crc_slicing.hpp"

namespace dw {

namespace {
// zlib's CRC-32 (reflected 0x04C11DB7, inverted in and out), computed by our slicing-by-16
// table: about twice zlib 1.2's speed, which matters when verify hashes a whole disc.
using Crc32 = SlicingCrc<0xEDB88320u>;
static_assert(Crc32::kT[0][1] == 0x77073096u, "zlib CRC-32 table");

struct MdDeleter {
  void operator()(EVP_MD* md) const { EVP_MD_free(md); }
};
struct CtxDeleter {
  void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};
}  // namespace

struct MultiHasher::Impl {
  // Fetched once: implicit fetching on every init is slow in OpenSSL 3.
  std::unique_ptr<EVP_MD, MdDeleter> sha1{EVP_MD_fetch(nullptr, "SHA1", nullptr)};
  Md5 md5;  // ours (checksum/md5.hpp): faster than OpenSSL's, and verify waits for it
  std::unique_ptr<EVP_MD_CTX, CtxDeleter> sha1_ctx{EVP_MD_CTX_new()};
  uint32_t crc = 0;
  uint64_t size = 0;

  void init() {
    if (!sha1 || !sha1_ctx || EVP_DigestInit_ex(sha1_ctx.get(), sha1.get(), nullptr) != 1)
      throw std::runtime_error("OpenSSL cannot provide SHA-1");
    md5.reset();
    crc = 0;
    size = 0;
  }
};

MultiHasher::MultiHasher() : impl_(std::make_unique<Impl>()) { impl_->init(); }
MultiHasher::~MultiHasher() = default;

void MultiHasher::update(std::span<const uint8_t> data) {
  update_md5(data);
  update_crc_sha1(data);
}

void MultiHasher::update_md5(std::span<const uint8_t> data) { impl_->md5.update(data); }

void MultiHasher::update_crc_sha1(std::span<const uint8_t> data) {
  impl_->crc = ~Crc32::update(data, ~impl_->crc);
  EVP_DigestUpdate(impl_->sha1_ctx.get(), data.data(), data.size());
  impl_->size += data.size();
}

Hashes MultiHasher::finish() {
  Hashes h;
  h.size = impl_->size;
  h.crc32 = impl_->crc;
  unsigned len = 0;
  h.md5 = impl_->md5.finish();
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

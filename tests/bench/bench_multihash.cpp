// CRC-32 + MD5 + SHA-1 in one pass (goal: >= 300 MB/s on one core), over 1 MiB chunks; compare
// with BM_Memcpy/1048576 from the same run.
#include <benchmark/benchmark.h>
#include <openssl/evp.h>

#include <random>

#include "checksum/md5.hpp"
#include "checksum/multihash.hpp"

namespace {

void BM_MultiHash(benchmark::State& state) {
  std::vector<uint8_t> data(1 << 20);
  std::mt19937 rng(9);
  for (auto& b : data) b = static_cast<uint8_t>(rng());
  dw::MultiHasher h;
  for (auto _ : state) h.update(data);
  benchmark::DoNotOptimize(h.finish());
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(data.size()));
}
BENCHMARK(BM_MultiHash);

}  // namespace

// MD5 alone, ours (the block function Md5 picks, and the portable one) beside OpenSSL's, over
// the same 1 MiB: verify's MD5 thread is its limit (docs/performance.md).
namespace {
std::vector<uint8_t> random_mib() {
  std::vector<uint8_t> data(1 << 20);
  std::mt19937 rng(11);
  for (auto& b : data) b = static_cast<uint8_t>(rng());
  return data;
}

void BM_Md5(benchmark::State& state) {
  const auto data = random_mib();
  dw::Md5 md5;
  for (auto _ : state) md5.update(data);
  benchmark::DoNotOptimize(md5.finish());
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(data.size()));
}
BENCHMARK(BM_Md5);

void BM_Md5Portable(benchmark::State& state) {
  const auto data = random_mib();
  uint32_t st[4] = {0x67452301u, 0xefcdab89u, 0x98badcfeu, 0x10325476u};
  for (auto _ : state) dw::md5_detail::blocks_portable(st, data.data(), data.size() / 64);
  benchmark::DoNotOptimize(st[0]);
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(data.size()));
}
BENCHMARK(BM_Md5Portable);

void BM_Md5OpenSsl(benchmark::State& state) {
  const auto data = random_mib();
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  EVP_MD* md5 = EVP_MD_fetch(nullptr, "MD5", nullptr);
  EVP_DigestInit_ex(ctx, md5, nullptr);
  for (auto _ : state) EVP_DigestUpdate(ctx, data.data(), data.size());
  unsigned char out[16];
  unsigned len = 0;
  EVP_DigestFinal_ex(ctx, out, &len);
  benchmark::DoNotOptimize(out[0]);
  EVP_MD_free(md5);
  EVP_MD_CTX_free(ctx);
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(data.size()));
}
BENCHMARK(BM_Md5OpenSsl);
}  // namespace

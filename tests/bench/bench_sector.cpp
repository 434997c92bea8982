// Sector hot paths (goals on one core: EDC >= 2 GB/s, Mode 1 verify and encode >= 150,000
// sectors/s; a 52x drive reads 3,900 sectors/s).
#include <benchmark/benchmark.h>

#include <random>

#include "disc/ecc.hpp"
#include "disc/edc.hpp"
#include "disc/scrambler.hpp"
#include "disc/sector.hpp"

namespace {

std::vector<uint8_t> random_bytes(size_t n) {
  std::mt19937 rng(42);
  std::vector<uint8_t> v(n);
  for (auto& b : v) b = static_cast<uint8_t>(rng());
  return v;
}

void BM_Edc(benchmark::State& state) {
  const auto data = random_bytes(static_cast<size_t>(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(dw::edc_compute(data));
  state.SetBytesProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_Edc)->Arg(2064)->Arg(1 << 20);

void BM_EccEncode(benchmark::State& state) {
  auto bytes = random_bytes(dw::layout::kSector);
  std::span<uint8_t, dw::layout::kSector> s(bytes.data(), dw::layout::kSector);
  for (auto _ : state) {
    dw::ecc_generate(s, false);
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(dw::layout::kSector));
}
BENCHMARK(BM_EccEncode);

void BM_SectorEncodeMode1(benchmark::State& state) {
  const auto user = random_bytes(2048);
  std::array<uint8_t, dw::layout::kSector> s;
  dw::Lba lba = 0;
  for (auto _ : state) {
    dw::encode_sector(dw::SectorKind::Mode1, lba, user, s);
    benchmark::DoNotOptimize(s.data());
    lba = (lba + 1) % 300000;
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(dw::layout::kSector));
}
BENCHMARK(BM_SectorEncodeMode1);

void BM_SectorVerifyMode1(benchmark::State& state) {
  const auto user = random_bytes(2048);
  std::array<uint8_t, dw::layout::kSector> s;
  dw::encode_sector(dw::SectorKind::Mode1, 1234, user, s);
  for (auto _ : state) {
    auto check = dw::verify_sector(s, 1234, dw::SectorKind::Mode1);
    benchmark::DoNotOptimize(check);
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(dw::layout::kSector));
}
BENCHMARK(BM_SectorVerifyMode1);

void BM_Scramble(benchmark::State& state) {
  auto bytes = random_bytes(dw::layout::kSector);
  for (auto _ : state) {
    dw::scramble(bytes);
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(dw::layout::kSector));
}
BENCHMARK(BM_Scramble);

}  // namespace

// Baseline: memcpy over the same byte counts the other benchmarks process, so every figure in
// docs/performance.md can be read as a ratio to this machine's memory bandwidth in the same run.
#include <benchmark/benchmark.h>

#include <cstring>
#include <vector>

namespace {
void BM_Memcpy(benchmark::State& state) {
  const size_t bytes = static_cast<size_t>(state.range(0));
  std::vector<uint8_t> src(bytes, 0x5A), dst(bytes);
  for (auto _ : state) {
    std::memcpy(dst.data(), src.data(), bytes);
    benchmark::DoNotOptimize(dst.data());
    benchmark::ClobberMemory();
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(bytes));
}
// 2352 bytes = one raw sector; 1 MiB = the multi-hash block size.
BENCHMARK(BM_Memcpy)->Arg(2352)->Arg(1 << 20);
}  // namespace

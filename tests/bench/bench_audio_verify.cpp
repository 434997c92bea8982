// AccurateRip v1/v2, frame 450 and the CTDB CRC of a disc's audio in one pass
// (compute_audio_checksums over an in-memory 2-minute, 3-track audio disc; the source's copy is
// part of the cost, as a split's read is).
#include <benchmark/benchmark.h>

#include <random>

#include "checksum/audio_verify.hpp"

namespace {

void BM_AudioChecksums(benchmark::State& state) {
  constexpr dw::Lba kSectors = 9000;
  dw::Disc d;
  dw::Session s;
  for (uint8_t n = 1; n <= 3; ++n) {
    dw::Track t;
    t.number = n;
    t.indices = {{1, (n - 1) * kSectors / 3}};
    s.tracks.push_back(t);
  }
  s.leadout = kSectors;
  s.a0_control = s.a1_control = s.a2_control = s.tracks[0].control;
  d.sessions.push_back(s);
  std::vector<uint8_t> pcm(size_t{kSectors} * dw::kRawSectorSize);
  std::mt19937 rng(5);
  for (auto& b : pcm) b = static_cast<uint8_t>(rng());
  dw::MemorySectorSource src(d, 0, std::move(pcm));
  for (auto _ : state) benchmark::DoNotOptimize(dw::compute_audio_checksums(src));
  state.SetBytesProcessed(state.iterations() * int64_t{kSectors} * static_cast<int64_t>(dw::kRawSectorSize));
  state.SetItemsProcessed(state.iterations() * int64_t{kSectors});
}
BENCHMARK(BM_AudioChecksums)->Unit(benchmark::kMillisecond);

}  // namespace

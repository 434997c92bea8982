// Subchannel hot paths: layout conversion and synthesis from the TOC (goal: >= 1,000,000
// sectors/s for synthesis on one core).
#include <benchmark/benchmark.h>

#include <random>

#include "disc/rw_interleave.hpp"
#include "disc/subchannel.hpp"
#include "disc/subchannel_synth.hpp"

namespace {

void BM_SubchannelInterleave(benchmark::State& state) {
  std::array<uint8_t, dw::kSubchannelSize> linear{}, raw{}, back{};
  std::mt19937 rng(1);
  for (auto& b : linear) b = static_cast<uint8_t>(rng());
  for (auto _ : state) {
    dw::interleave_subchannel(linear, raw);
    dw::deinterleave_subchannel(raw, back);
    benchmark::DoNotOptimize(back.data());
  }
  // One item = one sector converted both ways (96 bytes in, 96 out, twice).
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * 2 * static_cast<int64_t>(dw::kSubchannelSize));
}
BENCHMARK(BM_SubchannelInterleave);

// The R-W pack interleave both ways, streaming (the TOC reader's packed RW and the virtual drive's
// READ CD sub-channel 100b do one window per sector, the same work).
void BM_RwPackInterleave(benchmark::State& state) {
  std::array<uint8_t, dw::kSubchannelSize> packed{}, on_disc{}, back{};
  std::mt19937 rng(2);
  for (auto& b : packed) b = static_cast<uint8_t>(rng());
  dw::RwStream in(dw::RwStream::Direction::Interleave), out(dw::RwStream::Direction::Deinterleave);
  for (auto _ : state) {
    in.push(packed, on_disc);
    out.push(on_disc, back);
    benchmark::DoNotOptimize(back.data());
  }
  // One item = one sector interleaved and de-interleaved.
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * 2 * static_cast<int64_t>(dw::kSubchannelSize));
}
BENCHMARK(BM_RwPackInterleave);

// A 74-minute audio disc of 20 tracks with MCN, ISRCs and index 0 pregaps.
dw::Disc bench_disc() {
  dw::Disc d;
  dw::Session s;
  const dw::Lba length = 74 * 60 * 75;
  for (int t = 1; t <= 20; ++t) {
    dw::Track tr;
    tr.number = static_cast<uint8_t>(t);
    const dw::Lba start = (t - 1) * (length / 20);
    if (t > 1) tr.indices.push_back({0, start - 150});
    tr.indices.push_back({1, start});
    tr.isrc = "USABC" + std::to_string(1000000 + t);
    s.tracks.push_back(tr);
  }
  s.leadout = length;
  d.sessions.push_back(s);
  d.mcn = "0123456789012";
  return d;
}

void BM_SubchannelSynthesize(benchmark::State& state) {
  const dw::SubchannelSynthesizer syn(bench_disc());
  constexpr uint32_t kRun = 64;
  std::vector<uint8_t> out(kRun * dw::kSubchannelSize);
  dw::Lba lba = 0;
  const dw::Lba end = 74 * 60 * 75 - kRun;
  for (auto _ : state) {
    syn.synthesize_run(lba, kRun, out);
    benchmark::DoNotOptimize(out.data());
    lba = lba + static_cast<dw::Lba>(kRun) >= end ? 0 : lba + static_cast<dw::Lba>(kRun);
  }
  state.SetItemsProcessed(state.iterations() * kRun);
  state.SetBytesProcessed(state.iterations() * kRun * static_cast<int64_t>(dw::kSubchannelSize));
}
BENCHMARK(BM_SubchannelSynthesize);

}  // namespace

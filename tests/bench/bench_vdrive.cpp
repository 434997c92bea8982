// The virtual drive as a test bench must be far faster than any real drive: reading every
// sector of an 80-minute disc (360,000 sectors, 2352 + 96 bytes) with timing=instant at
// >= 150,000 sectors/s of host time through Drive::read_cd (issue: SCSI/MMC layer and the virtual
// drive): the whole host path - CDB builder, transport, the drive's answer, the reply split.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <memory>

#include "disc/sector_source.hpp"
#include "disc/subchannel_synth.hpp"
#include "scsi/drive.hpp"
#include "scsi/virtual/pressed_media.hpp"
#include "scsi/virtual/virtual_drive.hpp"
#include "scsi/virtual/virtual_transport.hpp"

namespace {

constexpr dw::Lba kSectors = 360'000;

// An 80-minute audio disc of 20 tracks whose samples are computed, not stored (the image
// would be 847 MB), with synthesised subchannel - the work a file-backed source does minus I/O.
class PatternSource final : public dw::SectorSource {
 public:
  PatternSource() : disc_(make_disc()), synth_(disc_) {}
  [[nodiscard]] const dw::Disc& disc() const override { return disc_; }
  [[nodiscard]] dw::Lba begin() const override { return 0; }
  [[nodiscard]] dw::Lba end() const override { return kSectors; }
  [[nodiscard]] dw::SubchannelOrigin subchannel_origin() const override { return dw::SubchannelOrigin::Synthesized; }
  void read(dw::Lba first, uint32_t count, std::span<uint8_t> main, std::span<uint8_t> sub,
            std::span<dw::SectorState> states) override {
    check_run(first, count, main, sub, states);
    for (uint32_t i = 0; i < count && !main.empty(); ++i)
      std::fill_n(main.data() + size_t{i} * 2352, 2352, static_cast<uint8_t>(first + static_cast<dw::Lba>(i)));
    if (!sub.empty()) synth_.synthesize_run(first, count, sub);
    std::fill(states.begin(), states.end(), dw::SectorState{});
  }

 private:
  static dw::Disc make_disc() {
    dw::Disc d;
    dw::Session s;
    for (int t = 1; t <= 20; ++t) {
      dw::Track tr;
      tr.number = static_cast<uint8_t>(t);
      const dw::Lba start = (t - 1) * (kSectors / 20);
      if (t > 1) tr.indices.push_back({0, start - 150});
      tr.indices.push_back({1, start});
      s.tracks.push_back(tr);
    }
    s.leadout = kSectors;
    d.sessions = {s};
    return d;
  }
  dw::Disc disc_;
  dw::SubchannelSynthesizer synth_;
};

void BM_VirtualDriveReadWholeDisc(benchmark::State& state) {
  auto drive = std::make_shared<dw::vdrive::VirtualDrive>(*dw::vdrive::find_personality("generic"),
                                                          dw::vdrive::TimingMode::Instant);
  drive->insert(std::make_shared<dw::vdrive::PressedMedia>(std::make_shared<PatternSource>()));
  dw::vdrive::VirtualTransport transport(drive, "virtual:bench");
  dw::scsi::Drive host(transport);
  if (!host.probe().ok() || !host.wait_ready().ok()) state.SkipWithError("drive not ready");
  // 1,000 sectors per call: Drive::read_cd cuts them into 64 KiB READ CDs (26 sectors each).
  constexpr uint32_t kRun = 1000;
  std::vector<uint8_t> main(kRun * 2352), sub(kRun * 96);
  const dw::scsi::ReadCdRequest raw{
      dw::scsi::SectorType::Any, dw::scsi::ReadCdSelection::raw(dw::scsi::C2Mode::None, dw::scsi::SubchannelMode::Raw)};
  for (auto _ : state) {
    for (dw::Lba lba = 0; lba < kSectors; lba += kRun) {
      const uint32_t n = std::min<uint32_t>(kRun, static_cast<uint32_t>(kSectors - lba));
      auto r = host.read_cd(lba, n, raw, std::span(main).first(n * 2352), {}, std::span(sub).first(n * 96));
      if (!r.ok()) state.SkipWithError("READ CD failed");
      benchmark::DoNotOptimize(main.data());
    }
  }
  state.SetItemsProcessed(state.iterations() * kSectors);
  state.SetBytesProcessed(state.iterations() * kSectors * 2448);
}
BENCHMARK(BM_VirtualDriveReadWholeDisc)->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace

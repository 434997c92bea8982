#include "disc/sector_source.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <stdexcept>

namespace dw {

void SectorSource::check_run(Lba first, uint32_t count, std::span<uint8_t> main, std::span<uint8_t> sub,
                             std::span<SectorState> states) const {
  if (first < begin() || static_cast<int64_t>(first) + count > end())
    throw std::out_of_range(fmt::format("sectors {}..{} are outside this source ({}..{})", first,
                                        int64_t(first) + count - 1, begin(), end() - 1));
  if (!main.empty() && main.size() < size_t{count} * kRawSectorSize)
    throw std::out_of_range("main-channel buffer too small");
  if (!sub.empty() && sub.size() < size_t{count} * kSubchannelSize)
    throw std::out_of_range("subchannel buffer too small");
  if (!states.empty() && states.size() < count) throw std::out_of_range("state buffer too small");
}

MemorySectorSource::MemorySectorSource(Disc disc, Lba begin, std::vector<uint8_t> main, std::vector<uint8_t> sub,
                                       std::vector<SectorState> states)
    : disc_(std::move(disc)), begin_(begin), main_(std::move(main)), sub_(std::move(sub)), states_(std::move(states)) {
  if (main_.size() % kRawSectorSize != 0)
    throw std::invalid_argument(fmt::format("main channel size {} is not a multiple of 2352", main_.size()));
  const size_t sectors = main_.size() / kRawSectorSize;
  if (!sub_.empty() && sub_.size() != sectors * kSubchannelSize)
    throw std::invalid_argument(
        fmt::format("subchannel holds {} bytes, {} sectors need {}", sub_.size(), sectors, sectors * kSubchannelSize));
  if (!states_.empty() && states_.size() != sectors)
    throw std::invalid_argument(fmt::format("{} states for {} sectors", states_.size(), sectors));
  end_ = begin_ + static_cast<Lba>(sectors);
  if (sub_.empty()) synth_ = std::make_unique<SubchannelSynthesizer>(disc_);
}

void MemorySectorSource::read(Lba first, uint32_t count, std::span<uint8_t> main, std::span<uint8_t> sub,
                              std::span<SectorState> states) {
  check_run(first, count, main, sub, states);
  const auto offset = static_cast<size_t>(first - begin_);
  if (!main.empty()) std::memcpy(main.data(), main_.data() + offset * kRawSectorSize, size_t{count} * kRawSectorSize);
  if (!sub.empty()) {
    if (synth_)
      synth_->synthesize_run(first, count, sub);
    else
      std::memcpy(sub.data(), sub_.data() + offset * kSubchannelSize, size_t{count} * kSubchannelSize);
  }
  for (uint32_t i = 0; i < states.size() && i < count; ++i) {
    SectorState s = states_.empty() ? SectorState{} : states_[offset + i];
    if (synth_) s.provenance |= SectorState::kSubSynthesized;
    states[i] = s;
  }
}

}  // namespace dw

#include "checksum/accuraterip.hpp"

#include <fmt/format.h>

#include <stdexcept>

#include "disc/error.hpp"

namespace dw {

AccurateRipTrack::AccurateRipTrack(uint64_t total_samples, bool first_track, bool last_track)
    : total_(total_samples),
      first_counted_(first_track ? kArFirstTrackSkip + 1 : 1),
      last_counted_(last_track ? (total_samples > kArLastTrackSkip ? total_samples - kArLastTrackSkip : 0)
                               : total_samples) {}

void AccurateRipTrack::add(uint32_t sample) {
  ++index_;
  if (index_ < first_counted_ || index_ > last_counted_) return;
  const uint64_t product = static_cast<uint64_t>(sample) * index_;
  lo_ += product & 0xFFFFFFFFu;
  hi_ += product >> 32;
}

void AccurateRipTrack::update(std::span<const uint8_t> pcm) {
  size_t i = 0;
  while (partial_size_ > 0 && partial_size_ < 4 && i < pcm.size()) partial_[partial_size_++] = pcm[i++];
  if (partial_size_ == 4) {
    add(uint32_t{partial_[0]} | uint32_t{partial_[1]} << 8 | uint32_t{partial_[2]} << 16 | uint32_t{partial_[3]} << 24);
    partial_size_ = 0;
  }
  for (; i + 4 <= pcm.size(); i += 4)
    add(uint32_t{pcm[i]} | uint32_t{pcm[i + 1]} << 8 | uint32_t{pcm[i + 2]} << 16 | uint32_t{pcm[i + 3]} << 24);
  while (i < pcm.size()) partial_[partial_size_++] = pcm[i++];
}

AccurateRipCrc AccurateRipTrack::finish() const {
  if (index_ != total_ || partial_size_ != 0)
    throw std::logic_error(
        fmt::format("AccurateRip: fed {} samples (+{} bytes), the track has {}", index_, partial_size_, total_));
  const auto v1 = static_cast<uint32_t>(lo_);
  return {v1, static_cast<uint32_t>(lo_ + hi_)};
}

std::vector<AccurateRipEntry> parse_accuraterip_response(std::span<const uint8_t> b, const std::string& source) {
  auto le32 = [&](size_t at) {
    return uint32_t{b[at]} | uint32_t{b[at + 1]} << 8 | uint32_t{b[at + 2]} << 16 | uint32_t{b[at + 3]} << 24;
  };
  if (b.empty()) throw InputError(source, "AccurateRip response is empty", 0);
  std::vector<AccurateRipEntry> out;
  size_t at = 0;
  while (at < b.size()) {
    if (b.size() - at < 13)
      throw InputError(source, fmt::format("submission header needs 13 bytes, {} left", b.size() - at), at);
    const uint8_t count = b[at];
    if (count == 0) throw InputError(source, "submission lists 0 tracks", at);
    AccurateRipEntry e{le32(at + 1), le32(at + 5), le32(at + 9), {}};
    const size_t need = 13 + size_t{count} * 9;
    if (b.size() - at < need)
      throw InputError(source,
                       fmt::format("submission of {} tracks needs {} bytes, {} left", count, need, b.size() - at), at);
    for (size_t t = 0; t < count; ++t) {
      const size_t p = at + 13 + 9 * t;
      e.tracks.push_back({b[p], le32(p + 1), le32(p + 5)});
    }
    out.push_back(std::move(e));
    at += need;
  }
  return out;
}

}  // namespace dw

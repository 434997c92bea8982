#include "scsi/virtual/pressed_media.hpp"

#include <algorithm>
#include <cstring>

#include "disc/scrambler.hpp"
#include "disc/sector.hpp"

namespace dw::vdrive {

namespace {

const Track* track_at(const Disc& disc, const Position& pos) {
  return pos.track >= 1 && pos.track <= 99 ? disc.find_track(pos.track) : nullptr;
}

const Session* session_numbered(const Disc& disc, uint8_t number) {
  for (const auto& s : disc.sessions)
    if (s.number == number) return &s;
  return nullptr;
}

}  // namespace

PressedMedia::PressedMedia(std::shared_ptr<SectorSource> source, int pressing_offset)
    : source_(std::move(source)), pressing_offset_(pressing_offset) {
  if (is_cd()) {
    synth_ = std::make_unique<SubchannelSynthesizer>(source_->disc());
    begin_ = synth_->begin();
    end_ = synth_->end();
  } else {
    begin_ = 0;
    end_ = disc().leadout();
  }
}

bool PressedMedia::is_data(Lba lba) const {
  const Disc& d = disc();
  if (!is_cd()) return true;
  Position pos = d.locate(lba);
  switch (pos.area) {
    case Position::Area::Program: {
      const Track* t = track_at(d, pos);
      return t && t->is_data();
    }
    case Position::Area::LeadIn: {
      const Session* s = session_numbered(d, pos.session);
      return s && !s->tracks.empty() && s->tracks.front().is_data();
    }
    case Position::Area::LeadOut: {
      const Session* s = session_numbered(d, pos.session);
      return s && !s->tracks.empty() && s->tracks.back().is_data();
    }
    case Position::Area::Beyond: return false;
  }
  return false;
}

// Lead-in, lead-out and session gaps hold no image bytes: audio silence, or empty data sectors
// of the neighbouring track's mode (what a recorder writes there).
void PressedMedia::fill_outside(Lba lba, std::span<uint8_t> main) const {
  std::fill(main.begin(), main.end(), uint8_t{0});
  if (!is_data(lba)) return;
  const Disc& d = disc();
  Position pos = d.locate(lba);
  const Session* s = session_numbered(d, pos.session);
  TrackMode mode = TrackMode::Mode1;
  if (const Track* t = track_at(d, pos))
    mode = t->mode;
  else if (s && !s->tracks.empty())
    mode = pos.area == Position::Area::LeadIn ? s->tracks.front().mode : s->tracks.back().mode;
  static const std::array<uint8_t, 2336> zeros{};
  std::span<uint8_t, kRawSectorSize> out(main.data(), kRawSectorSize);
  if (mode == TrackMode::Mode1)
    encode_sector(SectorKind::Mode1, lba, std::span(zeros).first(2048), out);
  else if (mode == TrackMode::Mode2Formless)
    encode_sector(SectorKind::Mode2Formless, lba, zeros, out);
  else if (mode == TrackMode::Mode2Xa || mode == TrackMode::CdI)
    encode_sector(SectorKind::Mode2Form2, lba, std::span(zeros).first(2324), out, Subheader{0, 0, 0x20, 0});
  else
    encode_sector(SectorKind::Mode0, lba, {}, out);
}

void PressedMedia::read_sector(Lba lba, uint32_t count, std::span<uint8_t> main, std::span<uint8_t> sub) {
  const Lba src_begin = source_->begin(), src_end = source_->end();
  uint32_t done = 0;
  while (done < count) {
    const Lba at = lba + static_cast<Lba>(done);
    auto m = main.empty() ? main : main.subspan(size_t{done} * kRawSectorSize);
    auto s = sub.empty() ? sub : sub.subspan(size_t{done} * kSubchannelSize);
    if (at >= src_begin && at < src_end) {
      const uint32_t n = std::min<uint32_t>(count - done, static_cast<uint32_t>(src_end - at));
      source_->read(at, n, m.empty() ? m : m.first(size_t{n} * kRawSectorSize),
                    s.empty() ? s : s.first(size_t{n} * kSubchannelSize), {});
      done += n;
      continue;
    }
    // Outside the image: one sector at a time (lead-in, lead-out, gaps are rarely read in bulk).
    if (!m.empty()) fill_outside(at, m.first(kRawSectorSize));
    if (!s.empty()) {
      if (synth_ && at >= synth_->begin() && at < synth_->end())
        synth_->synthesize(at, s.first<kSubchannelSize>());
      else
        std::fill_n(s.begin(), kSubchannelSize, uint8_t{0});
    }
    ++done;
  }
}

void PressedMedia::read_stream(int64_t byte_pos, std::span<uint8_t> out) {
  if (out.empty()) return;
  // The surface byte b holds the mastered byte b - 4 * offset.
  const int64_t from = byte_pos - int64_t{pressing_offset_} * 4;
  const int64_t sector = 2352;
  const int64_t first = from >= 0 ? from / sector : -((-from + sector - 1) / sector);
  const int64_t last = (from + static_cast<int64_t>(out.size()) - 1) >= 0
                           ? (from + static_cast<int64_t>(out.size()) - 1) / sector
                           : -((-(from + static_cast<int64_t>(out.size()) - 1) + sector - 1) / sector);
  const auto count = static_cast<uint32_t>(last - first + 1);
  stream_buf_.resize(size_t{count} * kRawSectorSize);
  // Read the part inside the surface; zeros elsewhere.
  std::fill(stream_buf_.begin(), stream_buf_.end(), uint8_t{0});
  const Lba lo = std::max<Lba>(static_cast<Lba>(first), begin_);
  const Lba hi = std::min<Lba>(static_cast<Lba>(last + 1), end_);
  if (lo < hi) {
    auto span = std::span(stream_buf_).subspan(size_t(lo - first) * kRawSectorSize, size_t(hi - lo) * kRawSectorSize);
    read_sector(lo, static_cast<uint32_t>(hi - lo), span, {});
    for (Lba l = lo; l < hi; ++l)
      if (is_data(l)) scramble(span.subspan(size_t(l - lo) * kRawSectorSize, kRawSectorSize));
  }
  std::memcpy(out.data(), stream_buf_.data() + (from - first * sector), out.size());
}

}  // namespace dw::vdrive

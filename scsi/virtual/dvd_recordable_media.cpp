#include "scsi/virtual/dvd_recordable_media.hpp"

#include <algorithm>
#include <cstring>
#include <stdexcept>

namespace dw::vdrive {

namespace {

constexpr size_t kBlock = 2048;
constexpr size_t kUserAt = 16;  // where a DVD sector's user data sits in the model's 2352 bytes

// The recorded user data as the model's sectors: no header, no subchannel (DVD sectors have
// neither), the 2048 bytes at the Mode 1 data offset as the ISO reader gives DVD images.
class DvdRecording final : public SectorSource {
 public:
  DvdRecording(Disc disc, std::shared_ptr<const SpillFile> data) : disc_(std::move(disc)), data_(std::move(data)) {}
  [[nodiscard]] const Disc& disc() const override { return disc_; }
  [[nodiscard]] Lba begin() const override { return 0; }
  [[nodiscard]] Lba end() const override { return disc_.leadout(); }
  [[nodiscard]] SubchannelOrigin subchannel_origin() const override { return SubchannelOrigin::Synthesized; }
  void read(Lba first, uint32_t count, std::span<uint8_t> main, std::span<uint8_t> sub,
            std::span<SectorState> states) override {
    check_run(first, count, main, sub, states);
    if (!main.empty()) {
      std::vector<uint8_t> user(size_t{count} * kBlock);
      data_->read(static_cast<uint64_t>(first) * kBlock, user);
      std::fill_n(main.begin(), size_t{count} * kRawSectorSize, uint8_t{0});
      for (uint32_t i = 0; i < count; ++i)
        std::memcpy(main.data() + size_t{i} * kRawSectorSize + kUserAt, user.data() + size_t{i} * kBlock, kBlock);
    }
    if (!sub.empty()) std::fill_n(sub.begin(), size_t{count} * kSubchannelSize, uint8_t{0});
    for (uint32_t i = 0; i < states.size() && i < count; ++i) states[i] = SectorState{};
  }

 private:
  Disc disc_;
  std::shared_ptr<const SpillFile> data_;
};

// A DVD data disc of one Mode 1 track per [start, end) range.
Disc dvd_disc(const std::vector<std::pair<Lba, Lba>>& tracks) {
  Disc disc;
  disc.media = MediaKind::Dvd;
  for (const auto& [start, end] : tracks) {
    Track track;
    track.number = static_cast<uint8_t>(disc.sessions.size() + 1);
    track.mode = TrackMode::Mode1;
    track.control.bits = Control::kData;
    track.indices.push_back({1, start});
    Session session;
    session.number = static_cast<uint8_t>(disc.sessions.size() + 1);
    session.leadout = end;
    session.a0_control = session.a1_control = session.a2_control = track.control;
    session.tracks.push_back(track);
    disc.sessions.push_back(session);
  }
  disc.validate();
  return disc;
}

}  // namespace

uint32_t DvdRecordableMedia::round_up(uint64_t blocks) const {
  return static_cast<uint32_t>((blocks + ecc_block() - 1) / ecc_block() * ecc_block());
}

DvdRecordableMedia::DvdRecordableMedia(int64_t capacity, Kind kind)
    : capacity_(capacity),
      physical_capacity_(capacity),
      kind_(kind),
      formatted_(kind == Kind::BdRe),
      data_(std::make_shared<SpillFile>()) {
  if (capacity_ < ecc_block() || capacity_ > INT32_MAX)
    throw std::invalid_argument(bd() ? "a recordable BD holds from 32 to 2^31 blocks"
                                     : "a recordable DVD holds from 16 to 2^31 blocks");
}

void DvdRecordableMedia::set_spares(uint32_t spare_clusters) {
  const int64_t user = physical_capacity_ - int64_t{spare_clusters} * kBdCluster;
  if (user < kBdCluster) throw std::invalid_argument("the spare areas leave no user data area");
  capacity_ = user;
  spare_clusters_ = spare_clusters;
  formatted_ = true;
}

void DvdRecordableMedia::format_bd_r(uint32_t spare_clusters, bool pseudo_overwrite) {
  if (!bd_r() || formatted_ || state_ != State::Blank)
    throw std::invalid_argument("the BD-R is not blank and unformatted");
  if (spare_clusters == 0) throw std::invalid_argument("a BD-R is formatted with spare areas");
  set_spares(spare_clusters);
  pseudo_overwrite_ = pseudo_overwrite;
}

void DvdRecordableMedia::unformat_bd_re() {
  if (kind_ != Kind::BdRe || written_end_ != 0) throw std::invalid_argument("only an unwritten BD-RE is unformatted");
  formatted_ = false;
}

void DvdRecordableMedia::format_bd_re(uint32_t spare_clusters) {
  if (kind_ != Kind::BdRe || formatted_) throw std::invalid_argument("the BD-RE is formatted");
  set_spares(spare_clusters);
}

void DvdRecordableMedia::reserve(uint32_t blocks) {
  if ((state_ != State::Blank && state_ != State::Appendable) || next_ != track_start_)
    throw std::invalid_argument("a track is already open on this disc");
  if (blocks == 0 || track_start_ + int64_t{round_up(blocks)} > capacity_)
    throw std::invalid_argument("the reservation does not fit the disc");
  reserved_ = static_cast<uint32_t>(track_start_) + round_up(blocks);
  state_ = State::Writing;
}

void DvdRecordableMedia::write(uint32_t blocks, std::span<const uint8_t> data, bool test) {
  if (!test) data_->write(static_cast<uint64_t>(next_) * kBlock, data.first(size_t{blocks} * kBlock));
  next_ += static_cast<Lba>(blocks);
  state_ = State::Writing;
}

bool DvdRecordableMedia::reservation_written() const {
  return reserved_ != 0 && track_start_ + int64_t{round_up(static_cast<uint64_t>(next_ - track_start_))} == reserved_;
}

void DvdRecordableMedia::close_track() {
  next_ =
      static_cast<Lba>(reserved_ ? reserved_ : track_start_ + round_up(static_cast<uint64_t>(next_ - track_start_)));
  track_closed_ = true;
}

void DvdRecordableMedia::overwrite(Lba lba, uint32_t blocks, std::span<const uint8_t> data) {
  if (lba < 0 || int64_t{lba} + blocks > capacity_) throw std::invalid_argument("the blocks are not on the disc");
  formatted_ = true;
  data_->write(static_cast<uint64_t>(lba) * kBlock, data.first(size_t{blocks} * kBlock));
  // Whole ECC blocks, but never past the disc's end (a capacity need not be whole ECC blocks).
  const auto end = std::min<int64_t>(round_up(static_cast<uint64_t>(lba) + blocks), capacity_);
  written_end_ = std::max<Lba>(written_end_, static_cast<Lba>(end));
}

std::shared_ptr<SectorSource> DvdRecordableMedia::overwritable_view(Lba end) const {
  return std::make_shared<DvdRecording>(dvd_disc({{0, end}}), data_);
}

std::shared_ptr<SectorSource> DvdRecordableMedia::close_session(bool next_session) {
  if (!track_closed_) close_track();
  data_->resize(static_cast<uint64_t>(next_) * kBlock);  // the padding reads as zeros
  closed_.push_back({track_start_, next_, reserved_ == 0});
  state_ = next_session ? State::Appendable : State::Complete;
  track_start_ = next_;
  reserved_ = 0;
  track_closed_ = false;
  std::vector<std::pair<Lba, Lba>> tracks;
  for (const auto& t : closed_) tracks.emplace_back(t.start, t.end);
  return std::make_shared<DvdRecording>(dvd_disc(tracks), data_);
}

void DvdRecordableMedia::abandon() {
  state_ = closed_.empty() ? State::Blank : State::Appendable;
  next_ = track_start_ = closed_.empty() ? 0 : closed_.back().end;
  reserved_ = 0;
  track_closed_ = false;
  data_->resize(static_cast<uint64_t>(next_) * kBlock);
}

void DvdRecordableMedia::erase() {
  closed_.clear();
  restricted_overwrite_ = formatted_ = false;
  written_end_ = 0;
  abandon();
}

void DvdRecordableMedia::format_restricted_overwrite() {
  erase();
  restricted_overwrite_ = formatted_ = true;
}

}  // namespace dw::vdrive

// Reading sectors: READ CD (BE), READ(10)/(12), READ HEADER (44), REZERO UNIT (01) and Plextor's
// READ CDDA (D8), with the personality's offsets, C2, sector order and cache, and the injected
// faults.
// Layouts: reference/mmc.md "READ CD (BE)".
#include <algorithm>
#include <array>

#include "disc/rw_interleave.hpp"
#include "disc/sector.hpp"
#include "disc/subchannel.hpp"
#include "scsi/virtual/vd_context.hpp"

namespace dw::vdrive {

namespace {

constexpr size_t kSector = 2352;

uint32_t mix(uint32_t a, uint32_t b) {
  uint32_t h = a * 0x9E3779B1u ^ (b + 0x7F4A7C15u + (a << 6) + (a >> 2));
  h ^= h >> 15;
  h *= 0x2C1B3C6Du;
  h ^= h >> 12;
  return h;
}

struct Field {
  size_t offset, size;
};

// The parts of a data sector READ CD byte 9 can select, per kind (reference/mmc.md).
struct DataFields {
  Field header{12, 4}, subheader{16, 0}, user{16, 2048}, edc{2064, 288};
};

DataFields fields_of(SectorKind k) {
  switch (k) {
    case SectorKind::Mode1: return {{12, 4}, {16, 0}, {16, 2048}, {2064, 288}};
    case SectorKind::Mode2Form1: return {{12, 4}, {16, 8}, {24, 2048}, {2072, 280}};
    case SectorKind::Mode2Form2: return {{12, 4}, {16, 8}, {24, 2324}, {2348, 4}};
    case SectorKind::Mode0:
    case SectorKind::Mode2Formless:
    default: return {{12, 4}, {16, 0}, {16, 2336}, {2352, 0}};
  }
}

SectorKind kind_of(std::span<const uint8_t> raw) {
  const uint8_t mode = raw[15];
  if (mode == 1) return SectorKind::Mode1;
  if (mode == 2) {
    const uint8_t sm = raw[18];
    if (raw[16] == raw[20] && raw[17] == raw[21] && raw[18] == raw[22] && raw[19] == raw[23])
      return (sm & 0x20) ? SectorKind::Mode2Form2 : SectorKind::Mode2Form1;
    return SectorKind::Mode2Formless;
  }
  return SectorKind::Mode0;
}

// Does expected sector type `type` (READ CD byte 1) accept a data sector of kind `k`?
bool type_accepts(uint8_t type, SectorKind k) {
  switch (type) {
    case 0: return true;
    case 2: return k == SectorKind::Mode1;
    case 3: return k == SectorKind::Mode2Formless;
    case 4: return k == SectorKind::Mode2Form1;
    case 5: return k == SectorKind::Mode2Form2;
    default: return false;
  }
}

// Appends reply parts to the host's buffer; what does not fit the transfer length is cut.
class ReplyWriter {
 public:
  explicit ReplyWriter(std::span<uint8_t> data) : data_(data) {}
  void operator()(const uint8_t* p, size_t n) {
    const size_t room = data_.size() > out_ ? std::min(n, data_.size() - out_) : 0;
    if (room) std::memcpy(data_.data() + out_, p, room);
    out_ += n;
  }
  [[nodiscard]] size_t written() const { return std::min(out_, data_.size()); }

 private:
  std::span<uint8_t> data_;
  size_t out_ = 0;
};

// Sectors worth producing for a host buffer of `buffer` bytes at no fewer than `per_sector`
// bytes each: a CDB may ask for far more than the host can take (the rest would be cut anyway),
// and sizing work by the CDB alone would let one command allocate gigabytes.
uint32_t fitting(uint32_t count, size_t per_sector, size_t buffer) {
  if (per_sector == 0) return std::min<uint32_t>(count, 256);
  return static_cast<uint32_t>(std::min<uint64_t>(count, buffer / per_sector + 1));
}

void set_c2_bit(std::span<uint8_t> c2, size_t byte) { c2[byte / 8] |= uint8_t(0x80 >> (byte % 8)); }

}  // namespace

uint32_t VirtualDrive::attempt(Lba lba) const {
  auto it = attempts_.find(lba);
  return it == attempts_.end() ? 0 : it->second;
}

bool VirtualDrive::cached(Lba first, uint32_t count) const {
  return first >= cache_begin_ && int64_t{first} + count <= int64_t{cache_end_};
}

void VirtualDrive::count_attempts(Lba first, uint32_t count, bool from_cache) {
  if (from_cache) return;
  auto covered = [&](Lba l) {
    for (const auto& f : faults_.flaky)
      if (f.range.contains(l)) return true;
    for (const auto& f : faults_.c2)
      if (f.range.contains(l)) return true;
    return false;
  };
  for (uint32_t i = 0; i < count; ++i)
    if (covered(first + static_cast<Lba>(i))) ++attempts_[first + static_cast<Lba>(i)];
}

// Faults that stop the whole command. Returns false after failing it.
bool VirtualDrive::check_faults_before(Ctx& c, Lba first, uint32_t count) {
  const int64_t end = int64_t{first} + count;
  if (faults_.remove_at && *faults_.remove_at >= first && *faults_.remove_at < end) {
    remove();
    tray_open_ = false;
    c.fail(scsi::sense_key::kNotReady, 0x3A, 0x00);
    return false;
  }
  const bool from_cache = cached(first, count);
  for (const auto& u : faults_.unreadable) {
    const int64_t lo = std::max<int64_t>(first, u.range.first);
    if (lo < end && lo < int64_t{u.range.first} + u.range.count) {
      clock_.seek(head_, static_cast<Lba>(lo));
      clock_.wait_us(uint64_t{u.delay_ms} * 1000);
      head_ = static_cast<Lba>(lo);
      cache_begin_ = cache_end_ = 0;
      c.read_error_at(static_cast<Lba>(lo));
      return false;
    }
  }
  if (!from_cache)
    for (const auto& f : faults_.flaky)
      for (Lba l = std::max<Lba>(first, f.range.first); l < end && f.range.contains(l); ++l)
        if (attempt(l) < f.failures) {
          ++attempts_[l];
          clock_.seek(head_, l);
          clock_.wait_us(1'000'000);
          head_ = l;
          cache_begin_ = cache_end_ = 0;
          c.read_error_at(l);
          return false;
        }
  return true;
}

// A data-type read reaching a sector the drive's ECC cannot correct (a c2 fault) fails at the
// first such sector, after reading up to it. `as_audio[i]` set: sector i is read as audio (no ECC
// to fail); empty: every sector is data. Returns false after failing the command.
bool VirtualDrive::check_ecc(Ctx& c, Lba first, uint32_t count, std::span<const uint8_t> as_audio) {
  for (uint32_t i = 0; i < count; ++i) {
    const Lba l = first + static_cast<Lba>(i);
    if (!as_audio.empty() && as_audio[i]) continue;
    for (const auto& f : faults_.c2)
      if (f.range.contains(l)) {
        seek_and_read(first, i + 1);
        cache_begin_ = cache_end_ = 0;
        c.read_error_at(l);
        return false;
      }
  }
  return true;
}

void VirtualDrive::seek_and_read(Lba first, uint32_t count) {
  const bool hit = cached(first, count);
  count_attempts(first, count, hit);
  const double speed = read_speed_ > 0 ? read_speed_ : personality_.max_read_speed;
  if (hit) {
    // Read-ahead is read at the disc's speed while the host is busy elsewhere: a hit on sectors
    // the head has not passed yet waits for them (a sequential reader cannot outrun the disc).
    const Lba want = first + static_cast<Lba>(count);
    if (want > paid_end_) {
      const Lba from = std::max(paid_end_, first);
      clock_.read(from, static_cast<uint32_t>(want - from), speed, personality_.cav);
      paid_end_ = want;
    }
    clock_.cache_hit(count);
  } else {
    clock_.seek(head_, first);
    clock_.read(first, count, speed, personality_.cav);
    paid_end_ = first + static_cast<Lba>(count);
    const Lba readahead = std::min<Lba>(personality_.cache_sectors / 4, 64);
    Lba end = first + static_cast<Lba>(count) + readahead;
    // The read-ahead stops before a sector the drive cannot read yet (a flaky one still failing):
    // it is not in the cache, so the host's read of it reaches the disc.
    for (const auto& f : faults_.flaky)
      for (Lba l = std::max<Lba>(first + static_cast<Lba>(count), f.range.first); l < end && f.range.contains(l); ++l)
        if (attempt(l) < f.failures) {
          end = l;
          break;
        }
    if (first >= cache_begin_ && first <= cache_end_ && cache_end_ > cache_begin_) {
      cache_end_ = std::max(cache_end_, end);
    } else {
      cache_begin_ = first;
      cache_end_ = end;
    }
    cache_begin_ = std::max(cache_begin_, cache_end_ - personality_.cache_sectors);
  }
  head_ = first + static_cast<Lba>(count);
}

int VirtualDrive::jitter_for_read() {
  const int j = faults_.jitter_samples.value_or(personality_.accurate_stream ? 0 : personality_.jitter_samples);
  if (j <= 0) return 0;
  return std::uniform_int_distribution<int>(-j, j)(rng_);
}

// The jitter of an audio read: a read that continues the last one, or is served from the cache,
// keeps the jitter the stream was read with; only a read after a seek draws a new one.
int VirtualDrive::stream_jitter(Lba first, uint32_t count) {
  if (first != head_ && !cached(first, count)) cache_jitter_ = jitter_for_read();
  return cache_jitter_;
}

// Audio-style bytes of `count` sectors from `lba` into `out` (2352 each, `stride` apart): the
// surface stream at the drive's read offset plus `jitter` samples.
void VirtualDrive::audio_stream(Lba lba, uint32_t count, std::span<uint8_t> out, size_t stride, int jitter) {
  const int64_t shift = (int64_t{-personality_.read_offset} + jitter) * 4;
  if (stride == kSector) {
    media_->read_stream(int64_t{lba} * int64_t{kSector} + shift, out.first(size_t{count} * kSector));
    return;
  }
  scratch_.resize(size_t{count} * kSector);
  media_->read_stream(int64_t{lba} * int64_t{kSector} + shift, scratch_);
  for (uint32_t i = 0; i < count; ++i)
    std::memcpy(out.data() + size_t{i} * stride, scratch_.data() + size_t{i} * kSector, kSector);
}

// The C2 bits of the damage `apply_sector_faults` does to `lba`'s main channel on this attempt.
void VirtualDrive::c2_of(Lba lba, std::span<uint8_t> out) const {
  std::fill(out.begin(), out.end(), uint8_t{0});
  for (const auto& f : faults_.c2) {
    if (!f.range.contains(lba)) continue;
    const uint32_t a = attempt(lba);
    for (uint32_t k = 0; k < f.bytes; ++k) set_c2_bit(out, mix(static_cast<uint32_t>(lba) ^ (a << 20), k) % kSector);
  }
}

// C2-flagged and silent corruption of one sector's main bytes, and Q CRC damage.
void VirtualDrive::apply_sector_faults(Lba lba, std::span<uint8_t> main, std::span<uint8_t> c2,
                                       std::span<uint8_t> sub) {
  for (const auto& f : faults_.c2) {
    if (!f.range.contains(lba)) continue;
    const uint32_t a = attempt(lba);
    for (uint32_t i = 0; i < f.bytes; ++i) {
      const size_t at = mix(static_cast<uint32_t>(lba) ^ (a << 20), i) % kSector;
      if (!main.empty()) main[at] ^= uint8_t(1 + mix(a, i) % 255);
      if (!c2.empty()) set_c2_bit(c2, at);
    }
  }
  for (const auto& f : faults_.silent) {
    if (!f.range.contains(lba) || main.empty()) continue;
    for (uint32_t i = 0; i < 8; ++i) main[mix(static_cast<uint32_t>(lba), i + 1000) % kSector] ^= 0x5A;
  }
  if (faults_.q_crc_rate > 0 && sub.size() >= kSubchannelSize &&
      double(mix(static_cast<uint32_t>(lba), faults_.seed) % 1000000) < faults_.q_crc_rate * 1e6)
    sub[80] ^= 0x40;  // Q byte 10 bit 7 (interleaved: byte 8*10, Q is bit 6)
}

void VirtualDrive::read_cd(Ctx& c) {
  if (!need_media(c) || blank_answer(c)) return;
  const uint8_t type = (c.at(1) >> 2) & 0x07;
  const auto first = static_cast<Lba>(be32(c.cdb, 2));
  uint32_t count = be24(c.cdb, 6);
  const uint8_t b9 = c.at(9), submode = c.at(10) & 0x07;
  const uint8_t c2mode = (b9 >> 1) & 0x03;
  if (type > 5 || c2mode == 3 || (c2mode && !personality_.c2)) return c.invalid_field();
  if (submode == 3 || submode > 4 || (submode == 4 && !personality_.rw_corrected)) return c.invalid_field();
  if (!media_->is_cd()) return c.fail(scsi::sense_key::kIllegalRequest, 0x64, 0x00);
  if (count == 0) return;
  const Disc& d = media_->disc();
  const int64_t end = int64_t{first} + count;
  if (first < std::max<Lba>(personality_.pregap_min_lba, media_->surface_begin()) ||
      end > std::min<int64_t>(int64_t{d.leadout()} + personality_.leadout_overread, media_->surface_end()))
    return c.fail(scsi::sense_key::kIllegalRequest, 0x21, 0x00);

  const size_t c2_size = c2mode == 1 ? 294 : c2mode == 2 ? 296 : 0;
  const size_t sub_size = submode == 1 || submode == 4 ? 96 : submode == 2 ? 16 : 0;
  // A data sector gives the fields byte 9 selects; a CD-DA sector has no sync, header or EDC: the
  // user data bit alone selects its 2352 bytes (MMC-5 "Number of Bytes Returned"; scsi/mmc_read_cd.hpp).
  const bool want_data_fields = (b9 & 0xF8) != 0;
  const bool want_audio = (b9 & 0x10) != 0;
  // The fewest main bytes a sector can take: a CD-DA sector (type 0 or 1) may take none.
  const size_t min_main = want_audio ? 2048 : type <= 1 ? 0 : (b9 & 0x80) ? 12 : (b9 & 0x68) ? 4 : 0;
  count = fitting(count, min_main + c2_size + sub_size, c.data.size());

  // The mastered sectors (for data reads, and the type checks) and their subchannel. De-interleaved
  // R-W (100b) of a sector needs the raw R-W of the two sectors after it too (disc/rw_interleave.hpp);
  // past the end of the surface it is zero.
  std::vector<uint8_t> sub(size_t{count + 2} * kSubchannelSize);
  std::vector<uint8_t> mastered(size_t{count} * kSector);
  media_->read_sector(first, count, mastered, std::span(sub).first(size_t{count} * kSubchannelSize));
  if (submode == 4) {
    const auto ahead =
        static_cast<uint32_t>(std::clamp<int64_t>(int64_t{media_->surface_end()} - (int64_t{first} + count), 0, 2));
    if (ahead)
      media_->read_sector(first + static_cast<Lba>(count), ahead, {},
                          std::span(sub).subspan(size_t{count} * kSubchannelSize, size_t{ahead} * kSubchannelSize));
  }
  std::vector<uint8_t> as_audio(count);  // 1: this sector is delivered as audio bytes
  for (uint32_t i = 0; i < count; ++i) {
    const Lba l = first + static_cast<Lba>(i);
    const bool data = media_->is_data(l);
    if (type == 1) {
      if (data && !personality_.data_as_audio) return c.fail(scsi::sense_key::kIllegalRequest, 0x64, 0x00);
      as_audio[i] = 1;
    } else if (!data) {
      if (type != 0) return c.fail(scsi::sense_key::kIllegalRequest, 0x64, 0x00);
      as_audio[i] = 1;
    } else if (!type_accepts(type, kind_of(std::span(mastered).subspan(size_t{i} * kSector, kSector)))) {
      return c.fail(scsi::sense_key::kIllegalRequest, 0x64, 0x00);
    }
  }
  if (!check_faults_before(c, first, count)) return;
  if (!check_ecc(c, first, count, as_audio)) return;
  const int jitter = stream_jitter(first, count);
  seek_and_read(first, count);

  bool any_audio = false;
  for (auto a : as_audio) any_audio |= a != 0;
  std::vector<uint8_t> stream;
  if (any_audio && want_audio) {
    stream.resize(size_t{count} * kSector);
    audio_stream(first, count, stream, kSector, jitter);
  }

  std::vector<uint8_t> c2buf(296), c2src(294);
  ReplyWriter put{c.data};
  for (uint32_t i = 0; i < count; ++i) {
    const Lba l = first + static_cast<Lba>(i);
    const bool main_part = as_audio[i] ? want_audio : want_data_fields;
    uint8_t* raw = main_part ? (as_audio[i] ? stream.data() : mastered.data()) + size_t{i} * kSector : nullptr;
    std::span<uint8_t> raw_span(raw, main_part ? kSector : 0);
    std::span<uint8_t> s(sub.data() + size_t{i} * kSubchannelSize, kSubchannelSize);
    std::fill(c2buf.begin(), c2buf.end(), uint8_t{0});
    apply_sector_faults(l, raw_span, {}, s);
    if (c2_size) {
      // The C2 stream lags the main channel by the personality's shift: byte k of this sector's
      // C2 field is byte (294 * l + k - shift) of the stream of C2 bits.
      const int64_t start = int64_t{l} * 294 - personality_.c2_shift_bytes;
      const int64_t lo = start >= 0 ? start / 294 : -((-start + 293) / 294);
      for (int64_t src = lo; src * 294 < start + 294; ++src) {
        c2_of(static_cast<Lba>(src), c2src);
        for (size_t k = 0; k < 294; ++k) {
          const int64_t pos = src * 294 + static_cast<int64_t>(k) - start;
          if (pos >= 0 && pos < 294) c2buf[static_cast<size_t>(pos)] = c2src[k];
        }
      }
      if (c2_size == 296) {
        uint8_t any = 0;
        for (size_t k = 0; k < 294; ++k) any |= c2buf[k];
        c2buf[294] = any;
      }
    }
    // Main channel fields.
    if (main_part) {
      if (as_audio[i]) {
        put(raw, kSector);
      } else {
        const auto f = fields_of(kind_of(std::span<const uint8_t>(raw, kSector)));
        if (b9 & 0x80) put(raw, 12);
        const uint8_t hc = (b9 >> 5) & 0x03;
        if (hc & 0x01) put(raw + f.header.offset, f.header.size);
        if (hc & 0x02) put(raw + f.subheader.offset, f.subheader.size);
        if (b9 & 0x10) put(raw + f.user.offset, f.user.size);
        if (b9 & 0x08) put(raw + f.edc.offset, f.edc.size);
      }
    }
    std::array<uint8_t, 16> q{};
    std::array<uint8_t, kSubchannelSize> rw{};
    if (submode == 2) {
      const auto ch = extract_channel(std::span<const uint8_t, kSubchannelSize>(s.data(), kSubchannelSize), Channel::Q);
      std::copy(ch.begin(), ch.end(), q.begin());
    } else if (submode == 4) {
      // R-W packs: one six-bit symbol per byte (bits 5-0), 4 packs of 24 in pack order, the packs
      // of this sector de-interleaved from its raw R-W and the next two sectors'. The surface has
      // no R-W errors to correct (no fault damages R-W), so correction would change nothing.
      deinterleave_rw(std::span<const uint8_t, kRwWindowSize>(s.data(), kRwWindowSize), rw);
    }
    const uint8_t* sub_bytes = submode == 1 ? s.data() : submode == 4 ? rw.data() : q.data();
    if (personality_.order == SectorOrder::MainC2Sub) {
      put(c2buf.data(), c2_size);
      put(sub_bytes, sub_size);
    } else {
      put(sub_bytes, sub_size);
      put(c2buf.data(), c2_size);
    }
  }
  c.reply.transferred = put.written();
}

void VirtualDrive::read_user_data(Ctx& c) {
  if (!need_media(c) || blank_answer(c)) return;
  const bool ten = c.cdb[0] == 0x28;
  const auto first = static_cast<Lba>(be32(c.cdb, 2));
  const uint32_t count = fitting(ten ? be16(c.cdb, 7) : be32(c.cdb, 6), 2048, c.data.size());
  const bool fua = c.at(1) & 0x08;
  if (count == 0) return;
  if (first < 0 || int64_t{first} + count > media_->disc().leadout())
    return c.fail(scsi::sense_key::kIllegalRequest, 0x21, 0x00);
  std::vector<uint8_t> raw(size_t{count} * kSector);
  media_->read_sector(first, count, raw, {});
  const bool cd = media_->is_cd();
  for (uint32_t i = 0; cd && i < count; ++i) {
    const Lba l = first + static_cast<Lba>(i);
    const auto k = kind_of(std::span<const uint8_t>(raw).subspan(size_t{i} * kSector, kSector));
    if (!media_->is_data(l) || (k != SectorKind::Mode1 && k != SectorKind::Mode2Form1))
      return c.fail(scsi::sense_key::kIllegalRequest, 0x64, 0x00);
  }
  if (fua && personality_.fua_honoured) cache_begin_ = cache_end_ = 0;
  if (!check_faults_before(c, first, count)) return;
  if (!check_ecc(c, first, count, {})) return;
  seek_and_read(first, count);
  size_t out = 0;
  for (uint32_t i = 0; i < count && out < c.data.size(); ++i) {
    const uint8_t* sector = raw.data() + size_t{i} * kSector;
    const size_t user = !cd ? 16 : sector[15] == 2 ? 24 : 16;
    std::span<uint8_t> main(raw.data() + size_t{i} * kSector, kSector);
    apply_sector_faults(first + static_cast<Lba>(i), main, {}, {});
    const size_t n = std::min<size_t>(2048, c.data.size() - out);
    std::memcpy(c.data.data() + out, sector + user, n);
    out += n;
  }
  c.reply.transferred = out;
}

void VirtualDrive::read_cdda_d8(Ctx& c) {
  if (!need_media(c) || blank_answer(c)) return;
  const auto first = static_cast<Lba>(be32(c.cdb, 2));
  const uint8_t subcode = c.at(10);
  if (subcode > 3 || !media_->is_cd()) return c.invalid_field();
  const uint32_t count = fitting(be32(c.cdb, 6),
                                 subcode == 3   ? 96
                                 : subcode == 2 ? 2448
                                 : subcode == 1 ? 2368
                                                : 2352,
                                 c.data.size());
  if (count == 0) return;
  if (first < media_->surface_begin() || int64_t{first} + count > media_->surface_end())
    return c.fail(scsi::sense_key::kIllegalRequest, 0x21, 0x00);
  if (!check_faults_before(c, first, count)) return;
  const int jitter = stream_jitter(first, count);
  seek_and_read(first, count);
  std::vector<uint8_t> main(size_t{count} * kSector), sub(size_t{count} * kSubchannelSize);
  if (subcode != 3) audio_stream(first, count, main, kSector, jitter);
  media_->read_sector(first, count, {}, sub);
  ReplyWriter put{c.data};
  for (uint32_t i = 0; i < count; ++i) {
    std::span<uint8_t> m(main.data() + size_t{i} * kSector, subcode == 3 ? 0 : kSector);
    std::span<uint8_t> s(sub.data() + size_t{i} * kSubchannelSize, kSubchannelSize);
    apply_sector_faults(first + static_cast<Lba>(i), m, {}, s);
    if (subcode != 3) put(m.data(), kSector);
    if (subcode == 1) {
      std::array<uint8_t, 16> q{};
      const auto ch = extract_channel(std::span<const uint8_t, kSubchannelSize>(s.data(), kSubchannelSize), Channel::Q);
      std::copy(ch.begin(), ch.end(), q.begin());
      put(q.data(), q.size());
    } else if (subcode >= 2) {
      put(s.data(), kSubchannelSize);
    }
  }
  c.reply.transferred = put.written();
}

// MediaTek cache read (F1): the drive's read cache as memory - a ring of 0xB00-byte entries
// (sector L in entry L mod the personality's cache_ring_entries), then bytes that belong to no
// entry (zeros), up to cache_read_bytes; each entry holds the main channel as read from the
// surface (data scrambled, at the read offset), raw P-W at 0x930, Q at 0x990, C2 bits at 0x9A4
// (reference/mmc.md). The cache holds the last read and its read-ahead, which runs on past the
// lead-out where READ CD stops: how rippers reach the lead-out on these drives. Entries never
// filled are zeros.
void VirtualDrive::read_cache_f1(Ctx& c) {
  if (!need_media(c) || blank_answer(c)) return;
  constexpr size_t kEntry = 0xB00;
  const auto ring = static_cast<Lba>(personality_.cache_ring_entries);
  const uint32_t offset = be32(c.cdb, 2), size = be32(c.cdb, 6);
  std::vector<uint8_t> memory(static_cast<size_t>(personality_.cache_read_bytes), 0);
  if (offset > memory.size()) return c.invalid_field();
  const Lba hi = std::min(cache_end_, media_->surface_end());
  const Lba lo = std::max({cache_begin_, media_->surface_begin(), hi - ring});
  const auto count = static_cast<uint32_t>(std::max<Lba>(0, hi - lo));
  if (count) {
    std::vector<uint8_t> main(size_t{count} * kSector), sub(size_t{count} * kSubchannelSize);
    audio_stream(lo, count, main, kSector, 0);
    media_->read_sector(lo, count, {}, sub);
    for (uint32_t i = 0; i < count; ++i) {
      const Lba lba = lo + static_cast<Lba>(i);
      uint8_t* e = memory.data() + static_cast<size_t>(((lba % ring) + ring) % ring) * kEntry;
      std::span<uint8_t> m(main.data() + size_t{i} * kSector, kSector);
      std::span<uint8_t> s(sub.data() + size_t{i} * kSubchannelSize, kSubchannelSize);
      apply_sector_faults(lba, m, {}, s);
      std::memcpy(e, m.data(), kSector);
      std::memcpy(e + 0x930, s.data(), kSubchannelSize);
      const auto q = extract_channel(std::span<const uint8_t, kSubchannelSize>(s.data(), kSubchannelSize), Channel::Q);
      std::memcpy(e + 0x990, q.data(), q.size());
      c2_of(lba, std::span(e + 0x9A4, 294));
    }
  }
  c.respond(std::span(memory).subspan(offset), size);
}

// READ HEADER (MMC-2 44h; wodim asks it of each track's first sector to learn its mode): the
// data mode byte and the address of a data sector's header, as LBA or (MSF bit) 0 M S F. Audio
// sectors have no header: 05/64/00, as drives answer.
void VirtualDrive::read_header(Ctx& c) {
  if (!need_media(c) || blank_answer(c)) return;
  const auto lba = static_cast<Lba>(be32(c.cdb, 2));
  if (!media_->is_cd()) return c.invalid_field();
  if (lba < 0 || lba >= media_->disc().leadout()) return c.fail(scsi::sense_key::kIllegalRequest, 0x21, 0x00);
  if (!media_->is_data(lba)) return c.fail(scsi::sense_key::kIllegalRequest, 0x64, 0x00);
  std::vector<uint8_t> raw(kSector);
  media_->read_sector(lba, 1, raw, {});
  if (!check_faults_before(c, lba, 1)) return;
  seek_and_read(lba, 1);
  auto bcd = [](uint8_t b) { return (b >> 4) * 10 + (b & 0x0F); };
  const int m = bcd(raw[12]), s = bcd(raw[13]), f = bcd(raw[14]);
  std::vector<uint8_t> r(8, 0);
  r[0] = raw[15];
  if (c.at(1) & 0x02) {
    r[5] = uint8_t(m);
    r[6] = uint8_t(s);
    r[7] = uint8_t(f);
  } else {
    put32(r, 4, static_cast<uint32_t>((m * 60 + s) * 75 + f - 150));
  }
  c.respond(r, be16(c.cdb, 7));
}

// The short_transfer fault a read command (READ CD, READ(10)/(12), D8) falls under: its sectors
// touch the fault's range and the fault has times left. nullptr for any other command.
FaultPlan::ShortTransfer* VirtualDrive::short_transfer_for(std::span<const uint8_t> cdb) {
  if (faults_.short_transfers.empty() || cdb.size() < 10) return nullptr;
  uint32_t count = 0;
  switch (cdb[0]) {
    case 0xBE: count = be24(cdb, 6); break;
    case 0x28: count = be16(cdb, 7); break;
    case 0xA8:
    case 0xD8:
      if (cdb.size() < 12) return nullptr;
      count = be32(cdb, 6);
      break;
    default: return nullptr;
  }
  const auto first = static_cast<Lba>(be32(cdb, 2));
  for (auto& t : faults_.short_transfers) {
    if (t.times != 0 && t.fired >= t.times) continue;
    const int64_t lo = std::max<int64_t>(first, t.range.first);
    const int64_t hi = std::min<int64_t>(int64_t{first} + count, int64_t{t.range.first} + t.range.count);
    if (lo < hi) return &t;
  }
  return nullptr;
}

// The last `t.bytes` of a read that completed never reach the host: the reply says fewer bytes
// (the transport's residual grows by them) and that part of the buffer gets back what it held
// before the command (`before`).
void VirtualDrive::cut_transfer(Ctx& c, FaultPlan::ShortTransfer& t, std::span<const uint8_t> before) {
  const size_t n = std::min<size_t>(t.bytes, c.reply.transferred);
  const size_t keep = c.reply.transferred - n;
  std::memcpy(c.data.data() + keep, before.data() + keep, n);
  c.reply.transferred = keep;
  ++t.fired;
}

// REZERO UNIT (SCSI-2 01h, which cdrdao and wodim still send before reading): seek to LBA 0.
void VirtualDrive::rezero(Ctx& c) {
  if (!need_media(c)) return;
  clock_.seek(head_, 0);
  head_ = 0;
}

}  // namespace dw::vdrive

#include "disc/full_toc.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "disc/error.hpp"

namespace dw {

namespace {
constexpr size_t kHeader = 4, kDescriptor = 11;
constexpr uint8_t kA0 = 0xA0, kA1 = 0xA1, kA2 = 0xA2, kB0 = 0xB0, kC0 = 0xC0;

struct Desc {
  size_t offset;  // in the response, for messages
  uint8_t session, adr, control, tno, point, min, sec, frame, zero, pmin, psec, pframe;
};

Desc read_desc(std::span<const uint8_t> r, size_t at) {
  return {at,
          r[at],
          static_cast<uint8_t>(r[at + 1] >> 4),
          static_cast<uint8_t>(r[at + 1] & 0x0F),
          r[at + 2],
          r[at + 3],
          r[at + 4],
          r[at + 5],
          r[at + 6],
          r[at + 7],
          r[at + 8],
          r[at + 9],
          r[at + 10]};
}

bool is_bcd(uint8_t b) { return (b >> 4) < 10 && (b & 0x0F) < 10; }
uint8_t from_bcd_byte(uint8_t b) { return static_cast<uint8_t>((b >> 4) * 10 + (b & 0x0F)); }

bool is_track_point(uint8_t point, bool bcd) {
  if (bcd) return is_bcd(point) && point != 0;
  return point >= 1 && point <= 99;
}

class Decoder {
 public:
  Decoder(const std::string& source, bool bcd) : source_(source), bcd_(bcd) {}

  uint8_t number(uint8_t raw, size_t offset, const char* what) const {
    if (!bcd_) return raw;
    if (!is_bcd(raw)) throw InputError(source_, fmt::format("{} 0x{:02X} is not BCD", what, raw), offset);
    return from_bcd_byte(raw);
  }
  Msf msf(uint8_t m, uint8_t s, uint8_t f, size_t offset, const char* what) const {
    Msf v{number(m, offset, what), number(s, offset, what), number(f, offset, what)};
    if (!v.valid())
      throw InputError(source_, fmt::format("{} {} has seconds >= 60 or frames >= 75", what, v.str()), offset);
    return v;
  }
  Lba lba(uint8_t m, uint8_t s, uint8_t f, size_t offset, const char* what) const {
    // Program-area addresses: overburned media may pass 90 minutes, so no lead-in rule here; but
    // 160 minutes and more is not a program-area address under any rule.
    const Msf v = msf(m, s, f, offset, what);
    if (v.m >= kOverburnWrapMinute)
      throw InputError(source_, fmt::format("{} {} is beyond 159:59:74, the last program-area address", what, v.str()),
                       offset);
    return *msf_to_lba(v, MsfRule::Overburn);
  }

 private:
  const std::string& source_;
  bool bcd_;
};

TrackMode data_mode(DiscType type) {
  switch (type) {
    case DiscType::CdRomXa: return TrackMode::Mode2Xa;
    case DiscType::CdI: return TrackMode::CdI;
    default: return TrackMode::Mode1;
  }
}

uint8_t encode_number(int value, bool bcd) {
  if (!bcd) {
    if (value < 0 || value > 255) throw ModelError(fmt::format("value {} does not fit a full-TOC byte", value));
    return static_cast<uint8_t>(value);
  }
  auto b = Bcd::from_binary(value);
  if (!b) throw ModelError(fmt::format("value {} has no BCD form for a BCD full TOC", value));
  return b->byte();
}

std::array<uint8_t, 3> encode_msf(const Msf& m, bool bcd) {
  return {encode_number(m.m, bcd), encode_number(m.s, bcd), encode_number(m.f, bcd)};
}

std::array<uint8_t, 3> encode_lba(Lba lba, bool bcd) {
  auto msf = lba_to_msf(lba, MsfRule::Overburn);
  if (!msf || lba < -kMsfOffset) throw ModelError(fmt::format("LBA {} cannot be a full-TOC program-area address", lba));
  return encode_msf(*msf, bcd);
}
}  // namespace

FullTocEncoding detect_full_toc_encoding(std::span<const uint8_t> r) {
  if (r.size() < kHeader) return FullTocEncoding::Binary;
  const size_t end = std::min(r.size(), size_t{static_cast<size_t>(r[0] << 8 | r[1])} + 2);
  bool any_not_bcd = false, any_not_binary = false;
  std::vector<uint8_t> points;
  for (size_t at = kHeader; at + kDescriptor <= end; at += kDescriptor) {
    const Desc d = read_desc(r, at);
    if (d.adr != 1 || d.tno != 0) continue;
    const bool track = d.point >= 1 && d.point <= 0x99;
    std::vector<uint8_t> fields;
    if (track || d.point == kA2) fields = {d.pmin, d.psec, d.pframe};
    if (d.point == kA0 || d.point == kA1) fields = {d.pmin};
    if (track) {
      fields.push_back(d.point);
      points.push_back(d.point);
    }
    for (uint8_t b : fields) any_not_bcd = any_not_bcd || !is_bcd(b);
    // (POINT > 99 rules binary out only for a track point: A2's POINT is 0xA2 either way.)
    if (track || d.point == kA2)
      any_not_binary = any_not_binary || d.psec >= 60 || d.pframe >= 75 || (track && d.point > 99);
  }
  if (any_not_bcd) return FullTocEncoding::Binary;
  if (any_not_binary) return FullTocEncoding::Bcd;
  // Both readings are possible: BCD only if the track points are consecutive as BCD and not as binary.
  std::sort(points.begin(), points.end());
  auto consecutive = [&](bool bcd) {
    for (size_t i = 1; i < points.size(); ++i) {
      const int a = bcd ? from_bcd_byte(points[i - 1]) : points[i - 1], b = bcd ? from_bcd_byte(points[i]) : points[i];
      if (b != a + 1) return false;
    }
    return true;
  };
  return consecutive(true) && !consecutive(false) ? FullTocEncoding::Bcd : FullTocEncoding::Binary;
}

Disc parse_full_toc(std::span<const uint8_t> r, const std::string& source, FullTocEncoding encoding) {
  if (r.size() < kHeader)
    throw InputError(source, fmt::format("full TOC response has {} bytes, the header alone needs 4", r.size()), 0);
  const size_t length = static_cast<size_t>(r[0] << 8 | r[1]);
  if (length + 2 > r.size())
    throw InputError(source,
                     fmt::format("length field says {} bytes follow but only {} are present", length, r.size() - 2), 0);
  if (length < 2 || (length - 2) % kDescriptor != 0)
    throw InputError(source, fmt::format("length field {} leaves a partial 11-byte descriptor", length),
                     kHeader + (length >= 2 ? (length - 2) / kDescriptor * kDescriptor : 0));
  const uint8_t first = r[2], last = r[3];
  if (first != 1 || first > last)
    throw InputError(source, fmt::format("session range {}..{} is not valid (the first session is 1)", first, last), 2);
  if (encoding == FullTocEncoding::Auto) encoding = detect_full_toc_encoding(r);
  const bool bcd = encoding == FullTocEncoding::Bcd;
  const Decoder dec(source, bcd);

  struct Partial {
    Session session;
    bool a0 = false, a1 = false, a2 = false;
    uint8_t first_track = 0, last_track = 0;
    size_t offset = 0;
  };
  std::map<uint8_t, Partial> sessions;
  for (size_t at = kHeader; at < length + 2; at += kDescriptor) {
    const Desc d = read_desc(r, at);
    if (d.session < first || d.session > last)
      throw InputError(
          source, fmt::format("descriptor for session {} outside the header's {}..{}", d.session, first, last), at);
    Partial& p = sessions[d.session];
    if (p.offset == 0) p.offset = at;
    Session& s = p.session;
    s.number = d.session;
    const std::array<uint8_t, 4> times = {d.min, d.sec, d.frame, d.zero};
    const bool has_times = d.min || d.sec || d.frame || d.zero;
    if (d.adr == 1) {
      if (d.tno != 0) throw InputError(source, fmt::format("TNO is {}, must be 0", d.tno), at + 2);
      if (d.point == 0) throw InputError(source, "POINT 00 is not a valid full-TOC point", at + 3);
      const bool known = d.point == kA0 || d.point == kA1 || d.point == kA2 || is_track_point(d.point, bcd);
      if (known && has_times) s.toc_point_times[d.point] = times;
      if (d.point == kA0) {
        p.a0 = true;
        p.first_track = dec.number(d.pmin, at + 8, "A0 first track");
        s.type = static_cast<DiscType>(d.psec);
        s.a0_control.bits = d.control;
      } else if (d.point == kA1) {
        p.a1 = true;
        p.last_track = dec.number(d.pmin, at + 8, "A1 last track");
        s.a1_control.bits = d.control;
      } else if (d.point == kA2) {
        p.a2 = true;
        s.leadout = dec.lba(d.pmin, d.psec, d.pframe, at + 8, "A2 lead-out");
        s.a2_control.bits = d.control;
      } else if (is_track_point(d.point, bcd)) {
        const uint8_t number = dec.number(d.point, at + 3, "track number");
        if (number < 1 || number > 99)
          throw InputError(source, fmt::format("track number {} is outside 1..99", number), at + 3);
        Track t;
        t.number = number;
        t.control.bits = d.control;
        t.indices = {{1, dec.lba(d.pmin, d.psec, d.pframe, at + 8, "track start")}};
        s.tracks.push_back(t);
      } else {
        s.other_descriptors.push_back({r[at], r[at + 1], r[at + 2], r[at + 3], r[at + 4], r[at + 5], r[at + 6],
                                       r[at + 7], r[at + 8], r[at + 9], r[at + 10]});
      }
    } else if (d.adr == 5 && d.point == kB0 && d.tno == 0) {
      s.next_program_area = NextProgramArea{dec.msf(d.min, d.sec, d.frame, at + 4, "B0 next program area"), d.zero,
                                            dec.msf(d.pmin, d.psec, d.pframe, at + 8, "B0 maximum lead-out")};
    } else if (d.adr == 5 && d.point == kC0 && d.tno == 0) {
      s.recording_info =
          RecordingInfo{d.min, d.sec, d.frame, dec.msf(d.pmin, d.psec, d.pframe, at + 8, "C0 first lead-in")};
    } else {
      s.other_descriptors.push_back({r[at], r[at + 1], r[at + 2], r[at + 3], r[at + 4], r[at + 5], r[at + 6], r[at + 7],
                                     r[at + 8], r[at + 9], r[at + 10]});
    }
  }

  Disc disc;
  for (uint8_t n = first; n <= last; ++n) {
    auto it = sessions.find(n);
    if (it == sessions.end()) throw InputError(source, fmt::format("session {} has no descriptors", n), kHeader);
    Partial& p = it->second;
    const char* missing = !p.a0 ? "A0" : !p.a1 ? "A1" : !p.a2 ? "A2" : nullptr;
    if (missing) throw InputError(source, fmt::format("session {} has no {} descriptor", n, missing), p.offset);
    auto& tracks = p.session.tracks;
    std::sort(tracks.begin(), tracks.end(), [](const Track& a, const Track& b) { return a.number < b.number; });
    if (tracks.empty()) throw InputError(source, fmt::format("session {} has no track", n), p.offset);
    if (tracks.front().number != p.first_track || tracks.back().number != p.last_track ||
        tracks.back().number - tracks.front().number + 1 != static_cast<int>(tracks.size()))
      throw InputError(
          source,
          fmt::format("session {}: A0/A1 say tracks {}..{} but the points are {}..{} ({} tracks)", n, p.first_track,
                      p.last_track, tracks.front().number, tracks.back().number, tracks.size()),
          p.offset);
    for (auto& t : tracks) t.mode = t.control.data() ? data_mode(p.session.type) : TrackMode::Audio;
    disc.sessions.push_back(std::move(p.session));
  }
  try {
    disc.validate();
  } catch (const ModelError& e) {
    throw InputError(source, e.what(), kHeader);
  }
  return disc;
}

std::vector<uint8_t> build_full_toc(const Disc& disc, FullTocEncoding encoding) {
  if (encoding == FullTocEncoding::Auto) throw ModelError("build_full_toc needs Binary or Bcd, not Auto");
  const bool bcd = encoding == FullTocEncoding::Bcd;
  if (disc.sessions.empty()) throw ModelError("disc has no session");
  std::vector<uint8_t> out = {0, 0, disc.sessions.front().number, disc.sessions.back().number};
  for (const Session& s : disc.sessions) {
    if (s.tracks.empty()) throw ModelError(fmt::format("session {} has no track", s.number));
    auto emit = [&](uint8_t adr, Control control, uint8_t point, std::array<uint8_t, 4> times,
                    std::array<uint8_t, 3> p) {
      if (adr == 1)
        if (auto it = s.toc_point_times.find(point); it != s.toc_point_times.end()) times = it->second;
      out.insert(out.end(), {s.number, static_cast<uint8_t>(adr << 4 | (control.bits & 0x0F)), 0, point, times[0],
                             times[1], times[2], times[3], p[0], p[1], p[2]});
    };
    emit(1, s.a0_control, kA0, {}, {encode_number(s.tracks.front().number, bcd), static_cast<uint8_t>(s.type), 0});
    emit(1, s.a1_control, kA1, {}, {encode_number(s.tracks.back().number, bcd), 0, 0});
    emit(1, s.a2_control, kA2, {}, encode_lba(s.leadout, bcd));
    for (const Track& t : s.tracks) emit(1, t.control, encode_number(t.number, bcd), {}, encode_lba(t.start(), bcd));
    if (const auto& b0 = s.next_program_area) {
      const auto next = encode_msf(b0->next_start, bcd);
      emit(5, Control{}, kB0, {next[0], next[1], next[2], b0->mode5_pointers}, encode_msf(b0->max_leadout, bcd));
    }
    if (const auto& c0 = s.recording_info)
      emit(5, Control{}, kC0, {c0->optimum_power, c0->special, c0->frame, 0}, encode_msf(c0->first_leadin, bcd));
    for (const auto& raw : s.other_descriptors) out.insert(out.end(), raw.begin(), raw.end());
  }
  const size_t length = out.size() - 2;
  if (length > 0xFFFF) throw ModelError("full TOC longer than 65535 bytes");
  out[0] = static_cast<uint8_t>(length >> 8);
  out[1] = static_cast<uint8_t>(length);
  return out;
}

}  // namespace dw

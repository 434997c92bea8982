#include "scsi/mmc_toc.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "scsi/be.hpp"

namespace dw::scsi {

namespace {

constexpr size_t kHeader = 4;

// Descriptors of `size` bytes after the 4-byte header; the length field counts from byte 2.
be::Reader descriptors(const be::Reader& all, size_t size, size_t minimum_count) {
  all.need(0, kHeader, "the TOC header");
  const be::Reader r = all.with_length_field(2, kHeader + size * minimum_count);
  if ((r.size() - kHeader) % size != 0)
    r.fail("data length " + std::to_string(r.size() - 2) + " leaves a partial " + std::to_string(size) +
               "-byte descriptor",
           0);
  return r;
}

Msf msf_at(const be::Reader& r, size_t at) {
  const Msf m{r.u8(at), r.u8(at + 1), r.u8(at + 2)};
  if (!m.valid()) r.fail("MSF " + m.str() + " has seconds >= 60 or frames >= 75", at);
  return m;
}

TocEntry entry_at(const be::Reader& r, size_t at, bool msf) {
  TocEntry e;
  e.adr = static_cast<uint8_t>(r.u8(at + 1) >> 4);
  e.control = r.u8(at + 1) & 0x0F;
  e.track = r.u8(at + 2);
  if (msf) {
    e.msf = msf_at(r, at + 5);
    const auto lba = msf_to_lba(*e.msf);
    if (!lba) r.fail("MSF " + e.msf->str() + " is no disc address", at + 5);
    e.lba = *lba;
  } else {
    e.lba = r.s32(at + 4);
  }
  return e;
}

}  // namespace

Toc parse_toc(std::span<const uint8_t> response, bool msf) {
  const be::Reader r = descriptors(be::Reader(response, "READ TOC response"), 8, 1);
  Toc t;
  t.first_track = r.u8(2);
  t.last_track = r.u8(3);
  for (size_t at = kHeader; at < r.size(); at += 8) {
    TocEntry e = entry_at(r, at, msf);
    if ((e.track == 0 || e.track > 99) && e.track != 0xAA)
      r.fail("track number " + std::to_string(e.track) + " is not 1..99 or AA", at + 2);
    t.entries.push_back(e);
  }
  return t;
}

SessionInfo parse_session_info(std::span<const uint8_t> response, bool msf) {
  const be::Reader r = descriptors(be::Reader(response, "READ TOC session info response"), 8, 1);
  if (r.size() != kHeader + 8) r.fail("data length " + std::to_string(r.size() - 2) + " is not 10 (one descriptor)", 0);
  SessionInfo s;
  s.first_session = r.u8(2);
  s.last_session = r.u8(3);
  s.first_track_last_session = entry_at(r, kHeader, msf);
  return s;
}

Disc disc_from_toc(const Toc& toc, const SessionInfo* sessions) {
  Disc disc;
  Session s;
  for (const auto& e : toc.entries) {
    if (e.track == kLeadOutTrack) {
      s.leadout = e.lba;
      s.a2_control.bits = e.control;
      continue;
    }
    Track t;
    t.number = e.track;
    t.control.bits = e.control;
    t.mode = t.control.data() ? TrackMode::Mode1 : TrackMode::Audio;
    t.indices = {{1, e.lba}};
    s.tracks.push_back(t);
  }
  if (s.tracks.empty()) throw InputError("READ TOC response", "no track descriptors", 4);
  s.a0_control = s.tracks.front().control;
  s.a1_control = s.tracks.back().control;
  disc.sessions = {s};
  if (!sessions || sessions->last_session <= sessions->first_session) return disc;
  const uint8_t first_last = sessions->first_track_last_session.track;
  if (first_last == disc.first_track()) return disc;  // the only session the TOC shows is the last one
  const uint8_t starts[] = {first_last};
  split_sessions(disc, starts, "READ TOC session info response");
  return disc;
}

void split_sessions(Disc& disc, std::span<const uint8_t> first_tracks, const std::string& source) {
  if (disc.sessions.size() != 1) throw std::logic_error("split_sessions: the disc must have one session");
  const Session all = std::move(disc.sessions.front());
  disc.sessions.clear();
  auto from = all.tracks.begin();
  for (size_t k = 0; k <= first_tracks.size(); ++k) {
    auto to = all.tracks.end();
    if (k < first_tracks.size()) {
      to = std::find_if(from, all.tracks.end(), [&](const Track& t) { return t.number == first_tracks[k]; });
      if (to == all.tracks.end() || to == from)
        throw InputError(source,
                         "session " + std::to_string(k + 2) + "'s first track " + std::to_string(first_tracks[k]) +
                             " is not a track of the TOC after track " + std::to_string(from->number),
                         6);
    }
    Session s = all;
    s.number = static_cast<uint8_t>(k + 1);
    s.tracks.assign(from, to);
    s.a0_control = s.tracks.front().control;
    s.a1_control = s.tracks.back().control;
    if (to != all.tracks.end()) {
      // The Orange Book gap before the next session: this lead-out, the next lead-in, its pregap.
      s.a2_control = s.tracks.back().control;
      s.leadout =
          to->start() - kPregapSectors - kLeadInSectors - (s.number == 1 ? kFirstLeadOutSectors : kLaterLeadOutSectors);
      if (s.leadout <= s.tracks.back().start())
        throw InputError(source,
                         "session " + std::to_string(s.number + 1) + "'s first track (LBA " +
                             std::to_string(to->start()) + ") leaves no room for session " + std::to_string(s.number) +
                             "'s lead-out and the next lead-in after track " + std::to_string(s.tracks.back().number),
                         8);
    }
    disc.sessions.push_back(std::move(s));
    from = to;
  }
}

Disc parse_toc_full(std::span<const uint8_t> response, FullTocEncoding encoding) {
  return parse_full_toc(response, "READ TOC full TOC response", encoding);
}

Pma parse_pma(std::span<const uint8_t> response) {
  const be::Reader r = descriptors(be::Reader(response, "READ TOC PMA response"), 11, 0);
  Pma p;
  for (size_t at = kHeader; at < r.size(); at += 11) {
    std::array<uint8_t, 11> d{};
    const auto b = r.bytes(at, 11);
    for (size_t i = 0; i < 11; ++i) d[i] = b[i];
    p.descriptors.push_back(d);
  }
  return p;
}

Atip parse_atip(std::span<const uint8_t> response) {
  const be::Reader all(response, "READ TOC ATIP response");
  all.need(0, kHeader, "the ATIP header");
  // Up to the lead-out MSF (byte 14); drives send 24 or 28 bytes, length fields 0x16 / 0x1A.
  const be::Reader r = all.with_length_field(2, 15);
  Atip a;
  const uint8_t b4 = r.u8(4), b5 = r.u8(5), b6 = r.u8(6);
  a.special_info = {b4, b5, b6};
  a.writing_power = static_cast<uint8_t>(b4 >> 4);
  a.ddcd = (b4 & 0x08) != 0;
  a.reference_speed = b4 & 0x07;
  a.uru = (b5 & 0x40) != 0;
  a.cd_rw = (b6 & 0x40) != 0;
  a.disc_subtype = static_cast<uint8_t>(b6 >> 3 & 0x07);
  a.a1_valid = (b6 & 0x04) != 0;
  a.a2_valid = (b6 & 0x02) != 0;
  a.a3_valid = (b6 & 0x01) != 0;
  a.lead_in_start = msf_at(r, 8);
  a.last_lead_out_start = msf_at(r, 12);
  auto triple = [&](size_t at, std::array<uint8_t, 3>& out) {
    if (at + 3 <= r.size())
      for (size_t i = 0; i < 3; ++i) out[i] = r.u8(at + i);
  };
  triple(16, a.a1);
  triple(20, a.a2);
  triple(24, a.a3);
  return a;
}

CdText parse_toc_cdtext(std::span<const uint8_t> response, CdTextParseReport* report) {
  const be::Reader all(response, "READ TOC CD-Text response");
  all.need(0, kHeader, "the CD-Text header");
  const be::Reader r = all.with_length_field(2, kHeader);
  // A disc without CD-Text: some drives answer with the header alone rather than an error.
  if (r.size() == kHeader) return {};
  return parse_cdtext(r.data(), "READ TOC CD-Text response", report);
}

}  // namespace dw::scsi

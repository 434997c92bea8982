#include "rip/leadin.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "disc/error.hpp"
#include "disc/subchannel.hpp"
#include "disc/subq.hpp"

namespace dw::rip {
namespace {

std::string point_name(uint8_t point) {
  return point <= 0x99 ? fmt::format("track {:02X}", point) : fmt::format("point {:02X}", point);
}

std::string msf_text(const BcdMsf& m) {
  return fmt::format("{:02X}:{:02X}:{:02X}", m.m.byte(), m.s.byte(), m.f.byte());
}

}  // namespace

void check_leadin_toc(std::span<const uint8_t> sub, const Disc& disc, LeadInReport& report, size_t session) {
  std::map<uint8_t, QLeadIn> points;
  std::map<uint8_t, bool> conflicting;
  for (size_t at = 0; at + kSubchannelSize <= sub.size(); at += kSubchannelSize) {
    const auto raw = std::span<const uint8_t, kSubchannelSize>(sub.data() + at, kSubchannelSize);
    const QFrame q = extract_channel(raw, Channel::Q);
    if (std::all_of(q.begin(), q.end(), [](uint8_t b) { return b == 0; })) continue;
    const QDecoded d = decode_q(q);
    if (!d.crc_ok) {
      ++report.q_bad_crc;
      continue;
    }
    ++report.q_frames;
    const auto* p = std::get_if<QLeadIn>(&d.content);
    // ADR 1 points, and the ADR 5 pointers B0 (next program area) and C0 (recording information).
    if (!p || !(p->adr == 1 || (p->adr == 5 && (p->point == 0xB0 || p->point == 0xC0)))) continue;
    ++report.toc_frames;
    const auto [it, added] = points.emplace(p->point, *p);
    // The running time changes from frame to frame; the point's meaning must not.
    // (B0's MIN SEC FRAME is a time of its own, the next program area, so it must not change.)
    const bool b0_moved = p->point == 0xB0 && (it->second.running != p->running || it->second.zero != p->zero);
    if (!added && (it->second.pmsf != p->pmsf || it->second.control.bits != p->control.bits || b0_moved) &&
        !conflicting[p->point]) {
      conflicting[p->point] = true;
      report.differences.push_back(fmt::format("lead-in Q gives {} two ways: {} control {:X} and {} control {:X}",
                                               point_name(p->point), msf_text(it->second.pmsf), it->second.control.bits,
                                               msf_text(p->pmsf), p->control.bits));
    }
  }
  report.points = points.size();
  if (session >= disc.sessions.size() || disc.sessions[session].tracks.empty()) return;
  const Session& s = disc.sessions[session];
  auto& diff = report.differences;
  const auto find = [&](uint8_t point) -> const QLeadIn* {
    auto it = points.find(point);
    return it == points.end() ? nullptr : &it->second;
  };
  for (const Track& t : s.tracks) {
    const uint8_t point = Bcd::of(t.number).byte();
    const QLeadIn* p = find(point);
    if (!p) {
      diff.push_back(fmt::format("no lead-in Q frame for track {:02}", t.number));
      continue;
    }
    const auto lba = bcd_msf_to_lba(p->pmsf);
    if (!lba || *lba != t.start())
      diff.push_back(fmt::format("lead-in Q puts track {:02} at {} (LBA {}), the full TOC at LBA {}", t.number,
                                 msf_text(p->pmsf), lba ? std::to_string(*lba) : "?", t.start()));
    if (p->control.bits != t.control.bits)
      diff.push_back(fmt::format("lead-in Q gives track {:02} control {:X}, the full TOC {:X}", t.number,
                                 p->control.bits, t.control.bits));
  }
  if (const QLeadIn* a0 = find(0xA0); !a0)
    diff.push_back("no lead-in Q frame for point A0 (first track)");
  else {
    if (!a0->pmsf.m.valid() || a0->pmsf.m.value() != s.tracks.front().number)
      diff.push_back(fmt::format("lead-in A0 names first track {:02X}, the full TOC {:02}", a0->pmsf.m.byte(),
                                 s.tracks.front().number));
    if (a0->pmsf.s.byte() != static_cast<uint8_t>(s.type))
      diff.push_back(fmt::format("lead-in A0 gives disc type {:02X}, the full TOC {:02X}", a0->pmsf.s.byte(),
                                 static_cast<uint8_t>(s.type)));
  }
  if (const QLeadIn* a1 = find(0xA1); !a1)
    diff.push_back("no lead-in Q frame for point A1 (last track)");
  else if (!a1->pmsf.m.valid() || a1->pmsf.m.value() != s.tracks.back().number)
    diff.push_back(fmt::format("lead-in A1 names last track {:02X}, the full TOC {:02}", a1->pmsf.m.byte(),
                               s.tracks.back().number));
  if (const QLeadIn* a2 = find(0xA2); !a2)
    diff.push_back("no lead-in Q frame for point A2 (lead-out)");
  else if (const auto lba = bcd_msf_to_lba(a2->pmsf); !lba || *lba != s.leadout)
    diff.push_back(fmt::format("lead-in A2 puts the lead-out at {} (LBA {}), the full TOC at LBA {}",
                               msf_text(a2->pmsf), lba ? std::to_string(*lba) : "?", s.leadout));
  const QLeadIn* b0 = find(0xB0);
  if (s.next_program_area) {
    const auto& want = *s.next_program_area;
    const auto next = to_bcd(want.next_start), max = to_bcd(want.max_leadout);
    if (!b0)
      diff.push_back("no lead-in Q frame for point B0 (next program area), the full TOC has one");
    else if (!next || !max || b0->running != *next || b0->pmsf != *max || b0->zero != want.mode5_pointers)
      diff.push_back(fmt::format(
          "lead-in B0 gives the next program area at {} and the outermost lead-out at {} ({} pointer(s)), the full "
          "TOC {} and {} ({})",
          msf_text(b0->running), msf_text(b0->pmsf), b0->zero, next ? msf_text(*next) : "?", max ? msf_text(*max) : "?",
          want.mode5_pointers));
  } else if (b0) {
    diff.push_back(
        fmt::format("lead-in Q has point B0 (next program area at {}), the full TOC has none", msf_text(b0->running)));
  }
  const QLeadIn* c0 = find(0xC0);
  if (s.recording_info) {
    const auto start = to_bcd(s.recording_info->first_leadin);
    if (!c0)
      diff.push_back("no lead-in Q frame for point C0 (recording information), the full TOC has one");
    else if (!start || c0->pmsf != *start)
      diff.push_back(fmt::format("lead-in C0 puts the first lead-in at {}, the full TOC at {}", msf_text(c0->pmsf),
                                 start ? msf_text(*start) : "?"));
  } else if (c0) {
    diff.push_back("lead-in Q has point C0 (recording information), the full TOC has none");
  }
  for (const auto& [point, q] : points) {
    const bool track = Bcd::raw(point).valid() && point != 0;
    if (!track) continue;
    const uint8_t number = static_cast<uint8_t>(Bcd::raw(point).value());
    if (!std::any_of(s.tracks.begin(), s.tracks.end(), [&](const Track& t) { return t.number == number; }))
      diff.push_back(fmt::format("lead-in Q has track {:02X} at {}, session {} of the full TOC has no such track",
                                 point, msf_text(q.pmsf), s.number));
  }
}

std::vector<LeadInReport> read_session_leadins(const Dump& dump, const Disc& disc) {
  std::vector<LeadInReport> out;
  for (size_t i = 1; i < disc.sessions.size(); ++i) {
    const Session& s = disc.sessions[i];
    if (s.tracks.empty()) continue;
    const Lba b = std::max(disc.leadin_start(s), dump.first());
    const Lba e = std::min(disc.q_pregap_start(s.tracks.front().number), dump.end());
    if (b >= e) continue;
    LeadInReport report;
    report.session = s.number;
    report.first = b;
    std::vector<uint8_t> sub;
    std::vector<uint8_t> one(kSubSize);
    for (Lba l = b; l < e; ++l) {
      if (dump.state(l).quality != DumpQuality::Good) continue;
      dump.load(l, 1, {}, one);
      sub.insert(sub.end(), one.begin(), one.end());
      ++report.sectors;
    }
    if (report.sectors == 0) continue;
    report.present = true;
    check_leadin_toc(sub, disc, report, i);
    out.push_back(std::move(report));
  }
  return out;
}

CdText read_dump_leadin(const Dump& dump, const Disc& disc, LeadInReport& report) {
  const DumpManifest& m = dump.manifest();
  if (!m.leadin_first) return {};
  const auto bytes = dump.response("leadin");
  const std::string path = (dump.dir() / "leadin.bin").string();
  if (!bytes || bytes->size() != size_t{m.leadin_sectors} * kLeadInSectorSize)
    throw InputError(path,
                     fmt::format("holds {} bytes; the manifest's {} lead-in sectors need {}", bytes ? bytes->size() : 0,
                                 m.leadin_sectors, size_t{m.leadin_sectors} * kLeadInSectorSize));
  report.present = true;
  report.first = *m.leadin_first;
  report.sectors = m.leadin_sectors;
  std::vector<uint8_t> sub(size_t{m.leadin_sectors} * kSubSize);
  for (size_t i = 0; i < m.leadin_sectors; ++i)
    std::copy_n(bytes->data() + i * kLeadInSectorSize + kMainSize, kSubSize, sub.data() + i * kSubSize);
  check_leadin_toc(sub, disc, report);
  const auto packs = cdtext_packs_from_rw(sub, &report.cdtext);
  report.cdtext_packs = packs.size();
  if (packs.empty()) return {};
  try {
    return parse_cdtext(cdtext_bytes(packs), path);
  } catch (const InputError&) {
    return {};
  }
}

}  // namespace dw::rip

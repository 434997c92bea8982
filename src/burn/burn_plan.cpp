#include "burn/burn_plan.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace dw::burn {

namespace {

uint8_t sent_form(const Track& t) {
  switch (t.mode) {
    case TrackMode::Audio: return form::kAudio;
    case TrackMode::Mode1: return form::kMode1;
    case TrackMode::Mode2Xa:
    case TrackMode::CdI: return form::kXa;
    case TrackMode::Mode2Formless: return form::kFormless;
    case TrackMode::Mode0: break;
  }
  throw PlanError(fmt::format("track {} is a Mode 0 track: a cue sheet has no data form for it", t.number));
}

// The form of the same kind that the drive fills itself (nothing sent).
uint8_t generated_form(uint8_t sent) { return sent == form::kAudio ? form::kAudioGenerated : uint8_t(sent | 0x04); }

void put_entry(std::vector<uint8_t>& out, uint8_t ctl_adr, uint8_t tno, uint8_t index, uint8_t data_form, Lba lba) {
  const int32_t frames = lba + kPregapSectors;  // MSF = LBA + 150, binary
  const std::array<uint8_t, 8> e{ctl_adr,
                                 tno,
                                 index,
                                 data_form,
                                 0x00,
                                 static_cast<uint8_t>(frames / 4500),
                                 static_cast<uint8_t>(frames / 75 % 60),
                                 static_cast<uint8_t>(frames % 75)};
  for (uint8_t b : e) out.push_back(b);
}

}  // namespace

size_t form_block_size(uint8_t data_form) {
  switch (data_form & 0x3F) {
    case 0x00:
    case 0x11:
    case 0x21:
    case 0x31: return kRawSectorSize;
    case 0x10: return 2048;
    case 0x20:
    case 0x30: return 2336;
    default: return 0;
  }
}

const char* to_string(CueVariant v) {
  switch (v) {
    case CueVariant::Standard: return "standard";
    case CueVariant::IsrcWithoutCtl: return "ISRC entries without CONTROL";
    case CueVariant::CdTextAtLeadInStart: return "CD-Text lead-in entry at the lead-in start";
    case CueVariant::PregapOfOneBlock: return "a pregap of one block before every track";
  }
  return "?";
}

int64_t BurnPlan::blocks_to_send() const {
  int64_t n = 0;
  for (const auto& r : runs)
    if (r.block_size()) n += r.count;
  return n;
}

uint64_t BurnPlan::bytes_to_send() const {
  uint64_t n = 0;
  for (const auto& r : runs) n += uint64_t{r.count} * r.block_size();
  return n;
}

std::vector<uint8_t> BurnPlan::tracks_without_pregap() const {
  std::vector<uint8_t> out;
  for (size_t k = 1; k < entries.size(); ++k) {
    const Entry &e = entries[k], &before = entries[k - 1];
    if (e.tno >= 1 && e.tno <= 99 && e.index == 1 && before.tno != e.tno && before.tno != 0 && before.form == e.form &&
        before.lba < e.lba - 1)
      out.push_back(e.tno);
  }
  return out;
}

std::vector<uint8_t> BurnPlan::cue_sheet(CueVariant variant, Lba leadin_start) const {
  std::vector<uint8_t> out;
  const std::vector<uint8_t> one_block =
      variant == CueVariant::PregapOfOneBlock ? tracks_without_pregap() : std::vector<uint8_t>{};
  const std::string& mcn = disc.mcn;
  if (!mcn.empty()) {  // 02 + 7 digits, 02 + 6 digits + 00
    for (size_t k = 0; k < 16; ++k)
      out.push_back(k % 8 == 0 ? uint8_t{0x02} : k == 15 ? uint8_t{0x00} : static_cast<uint8_t>(mcn[k - 1 - k / 8]));
  }
  uint8_t last_tno = 0;
  for (const Entry& e : entries) {
    if (e.tno >= 1 && e.tno <= 99 && e.tno != last_tno) {
      last_tno = e.tno;
      const Track* t = disc.find_track(e.tno);
      if (t && !t->isrc.empty()) {
        const uint8_t ctl = variant == CueVariant::IsrcWithoutCtl ? 0 : e.control;
        for (size_t half = 0; half < 2; ++half) {
          out.push_back(static_cast<uint8_t>(ctl << 4 | 0x03));
          out.push_back(e.tno);
          for (size_t k = 0; k < 6; ++k) out.push_back(static_cast<uint8_t>(t->isrc[half * 6 + k]));
        }
      }
    }
    if (e.index == 1 && std::find(one_block.begin(), one_block.end(), e.tno) != one_block.end())
      put_entry(out, static_cast<uint8_t>(e.control << 4 | 0x01), e.tno, 0, e.form, e.lba - 1);
    put_entry(out, static_cast<uint8_t>(e.control << 4 | 0x01), e.tno, e.index, e.form, e.lba);
    if (variant == CueVariant::CdTextAtLeadInStart && e.tno == 0 && e.form == form::kCdTextLeadIn) {
      const auto msf = lba_to_msf(leadin_start);  // lead-in times run 90:00:00..99:59:74
      if (!msf) throw PlanError(fmt::format("the lead-in start LBA {} has no time", leadin_start));
      std::copy_n(std::array<uint8_t, 3>{msf->m, msf->s, msf->f}.begin(), 3, out.end() - 3);
    }
  }
  return out;
}

std::vector<BurnPlan> make_sao_plans(SectorSource& source) {
  std::vector<BurnPlan> plans;
  for (size_t k = 1; k <= source.disc().sessions.size(); ++k)
    plans.push_back(make_sao_plan(source, static_cast<uint8_t>(k)));
  return plans;
}

BurnPlan make_sao_plan(SectorSource& source, uint8_t session) {
  const Disc& d = source.disc();
  d.validate();
  if (d.media != MediaKind::Cd)
    throw PlanError(
        "the image is a DVD or BD image: disc-at-once burning is for CDs; DVD and BD images are "
        "burned through libburn (an ISO onto DVD/BD media)");
  if (session < 1 || session > d.sessions.size()) throw PlanError(fmt::format("the image has no session {}", session));
  const Session& s = d.sessions[session - 1u];
  if (s.tracks.front().number != 1 && session == 1)
    throw PlanError(fmt::format("the first track is track {}: a disc burned in one session starts with track 1",
                                s.tracks.front().number));
  if (s.leadout <= s.tracks.back().start()) throw PlanError("the lead-out does not follow the last track");

  BurnPlan p;
  p.disc = d;
  p.session = session;
  p.last_session = session == d.sessions.size();
  p.leadout = s.leadout;
  if (session > 1) {
    // A recorder starts the next session after the previous lead-out and a lead-in of its own;
    // the first track's pregap runs from there to its index 1.
    const Session& before = d.sessions[session - 2u];
    p.program_start = d.leadout_end(before) + kLeadInSectors;
    const Track& first = s.tracks.front();
    const Lba pregap = first.index(0).value_or(first.start() - kPregapSectors);
    if (pregap != p.program_start)
      throw PlanError(fmt::format(
          "session {} starts its first pregap at LBA {}, but a recorder starts a session after the previous "
          "lead-out ({} blocks from LBA {}) and a {}-block lead-in, at LBA {}: the image's layout cannot be "
          "burned as it is",
          session, pregap, d.leadout_end(before) - before.leadout, before.leadout, kLeadInSectors, p.program_start));
    p.notes.push_back(fmt::format("session {} of {}: from LBA {} (pregap) to its lead-out at LBA {}{}", session,
                                  d.sessions.size(), p.program_start, s.leadout,
                                  p.last_session ? ", closing the disc" : ", leaving the disc open"));
  } else if (!p.last_session) {
    p.notes.push_back(
        fmt::format("session 1 of {}: the disc is left open for the next session (multisession)", d.sessions.size()));
  }

  // Session format (page 05 byte 8): what the TOC's A0 says, or XA / CD-i when a track needs it.
  p.session_format = static_cast<uint8_t>(s.type);
  const bool xa =
      std::any_of(s.tracks.begin(), s.tracks.end(), [](const Track& t) { return t.mode == TrackMode::Mode2Xa; });
  const bool cdi =
      std::any_of(s.tracks.begin(), s.tracks.end(), [](const Track& t) { return t.mode == TrackMode::CdI; });
  if (cdi && p.session_format != 0x10) {
    p.session_format = 0x10;
    p.notes.push_back("session format CD-i (a track is CD-i)");
  } else if (xa && p.session_format == 0x00) {
    p.session_format = 0x20;
    p.notes.push_back("session format CD-ROM XA (a track is Mode 2 XA; the image's TOC said CD-DA/CD-ROM)");
  }

  // CD-Text rides in the first session's lead-in (a CD-Extra's describes its audio session).
  if (!d.cdtext.empty() && session == 1) p.cdtext = build_cdtext_packs(d.cdtext);

  // Entries: lead-in, every index of every track (track 1 from 00:00:00), lead-out.
  const Track& first = s.tracks.front();
  const uint8_t first_form = sent_form(first);
  p.entries.push_back(
      {first.control.bits, 0, 0, p.cdtext.empty() ? generated_form(first_form) : form::kCdTextLeadIn, p.program_start});
  for (const Track& t : s.tracks) {
    const uint8_t f = sent_form(t);
    int last_index = -1;
    for (const Index& i : t.indices) {
      Lba lba = i.lba;
      if (&t == &first && i.number == 0 && session == 1) {
        if (lba != -kPregapSectors)
          p.notes.push_back(
              fmt::format("track 1's index 00 (LBA {}) is recorded from 00:00:00 (LBA -150), where "
                          "the first pregap of every disc starts",
                          lba));
        lba = -kPregapSectors;
      }
      if (&t == &first && i.number == 1 && !t.index(0)) {
        if (lba <= p.program_start)
          throw PlanError(fmt::format("track {} starts at LBA {}: there is no room for its pregap", t.number, lba));
        p.entries.push_back({t.control.bits, t.number, 0, f, p.program_start});
        last_index = 0;
      }
      if (i.number != last_index + 1 && !(last_index == -1 && i.number <= 1))
        throw PlanError(
            fmt::format("track {} goes from index {:02} to index {:02}: a cue sheet needs the indices "
                        "of a track numbered without gaps",
                        t.number, last_index, i.number));
      if (!p.entries.empty() && p.entries.back().tno != 0 && lba <= p.entries.back().lba)
        throw PlanError(
            fmt::format("track {} index {:02} at LBA {} does not follow the previous index", t.number, i.number, lba));
      p.entries.push_back({t.control.bits, t.number, i.number, f, lba});
      last_index = i.number;
    }
  }
  const Track& last = s.tracks.back();
  p.entries.push_back({last.control.bits, kLeadOutTrack, 1, sent_form(last), s.leadout});

  // Runs: one per index region. A region the image has no sector of is left to the drive.
  const Lba have_begin = source.begin(), have_end = source.end();
  for (size_t k = 1; k + 1 < p.entries.size(); ++k) {
    BurnPlan::Entry& e = p.entries[k];
    const Lba end = p.entries[k + 1].lba;
    if (end <= have_begin || e.lba >= have_end) {
      e.form = generated_form(e.form);
    } else if (e.lba < have_begin || end > have_end) {
      p.notes.push_back(fmt::format(
          "LBA {}-{} (track {} index {:02}): {} block(s) the image does not hold are sent "
          "as zeros",
          e.lba, end - 1, e.tno, e.index, std::max<Lba>(0, have_begin - e.lba) + std::max<Lba>(0, end - have_end)));
    }
    const Track* t = d.find_track(e.tno);
    p.runs.push_back({e.lba, static_cast<uint32_t>(end - e.lba), e.form, e.tno, t->mode});
  }
  return p;
}

void read_run_blocks(SectorSource& source, const WriteRun& run, Lba first, uint32_t count, std::span<uint8_t> out,
                     std::vector<uint8_t>& scratch) {
  const size_t bs = run.block_size();
  if (first < run.first || first + static_cast<Lba>(count) > run.end())
    throw std::out_of_range(fmt::format("blocks {}+{} are outside the run {}+{}", first, count, run.first, run.count));
  if (out.size() < count * bs) throw std::invalid_argument("read_run_blocks: output buffer too small");
  if (bs == 0 || count == 0) return;
  scratch.assign(size_t{count} * kRawSectorSize, 0);
  const Lba a = std::max(first, source.begin()), b = std::min(first + static_cast<Lba>(count), source.end());
  if (a < b)
    source.read(a, static_cast<uint32_t>(b - a), std::span(scratch).subspan(size_t(a - first) * kRawSectorSize), {},
                {});
  // Where the main channel's bytes of the data form start in the raw sector.
  const size_t skip = bs == kRawSectorSize ? 0 : 16;
  for (uint32_t i = 0; i < count; ++i)
    std::copy_n(scratch.begin() + static_cast<long>(i * kRawSectorSize + skip), bs,
                out.begin() + static_cast<long>(i * bs));
}

void cdtext_leadin_blocks(std::span<const CdTextPack> packs, Lba leadin_start, Lba first, uint32_t count,
                          std::span<uint8_t> out) {
  if (packs.empty()) throw std::invalid_argument("cdtext_leadin_blocks: no packs");
  if (out.size() < size_t{count} * 96) throw std::invalid_argument("cdtext_leadin_blocks: output buffer too small");
  std::fill_n(out.begin(), size_t{count} * 96, uint8_t{0});
  for (uint32_t b = 0; b < count; ++b) {
    const auto base = static_cast<size_t>(first + static_cast<Lba>(b) - leadin_start) * 4;
    for (size_t p = 0; p < 4; ++p) {
      const CdTextPack& pack = packs[(base + p) % packs.size()];
      uint8_t* sym = out.data() + b * 96 + p * 24;
      for (size_t bit = 0; bit < 144; ++bit)
        if (pack[bit / 8] & (0x80 >> (bit % 8))) sym[bit / 6] |= static_cast<uint8_t>(0x20 >> (bit % 6));
    }
  }
}

}  // namespace dw::burn

#include "scsi/virtual/recordable_media.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>
#include <stdexcept>

#include "disc/cdtext.hpp"
#include "disc/full_toc.hpp"
#include "disc/scrambler.hpp"
#include "disc/sector.hpp"
#include "disc/subchannel.hpp"
#include "disc/subchannel_synth.hpp"
#include "disc/subq.hpp"

namespace dw::vdrive {

namespace {

constexpr size_t kSector = 2352;

[[noreturn]] void refuse(const std::string& why) { throw std::invalid_argument(why); }

bool digits(std::span<const uint8_t> b) {
  return std::all_of(b.begin(), b.end(), [](uint8_t c) { return c >= '0' && c <= '9'; });
}

TrackMode mode_of_form(uint8_t form, uint8_t session_format) {
  switch (form & 0x3F) {
    case 0x00:
    case 0x01: return TrackMode::Audio;
    case 0x10:
    case 0x11:
    case 0x14: return TrackMode::Mode1;
    case 0x20:
    case 0x21:
    case 0x24: return session_format == 0x10 ? TrackMode::CdI : TrackMode::Mode2Xa;
    default: return TrackMode::Mode2Formless;
  }
}

// Builds the sector the drive records for a block of `form` at `lba` from the host's bytes.
void record_block(uint8_t form, Lba lba, std::span<const uint8_t> in, std::span<uint8_t, kSector> out) {
  static const std::array<uint8_t, 2336> zeros{};
  auto xa = [&](std::span<const uint8_t> from_subheader) {
    Subheader sh{from_subheader[0], from_subheader[1], from_subheader[2], from_subheader[3]};
    if (sh.form2())
      encode_sector(SectorKind::Mode2Form2, lba, from_subheader.subspan(8, 2324), out, sh);
    else
      encode_sector(SectorKind::Mode2Form1, lba, from_subheader.subspan(8, 2048), out, sh);
  };
  auto formless = [&](std::span<const uint8_t> user) { encode_sector(SectorKind::Mode2Formless, lba, user, out); };
  switch (form & 0x3F) {
    case 0x00: std::copy_n(in.begin(), kSector, out.begin()); break;
    case 0x01: std::fill(out.begin(), out.end(), uint8_t{0}); break;
    case 0x10: encode_sector(SectorKind::Mode1, lba, in.first(2048), out); break;
    case 0x11: encode_sector(SectorKind::Mode1, lba, in.subspan(16, 2048), out); break;
    case 0x14: encode_sector(SectorKind::Mode1, lba, std::span(zeros).first(2048), out); break;
    case 0x20: xa(in.first(2336)); break;
    case 0x21: xa(in.subspan(16, 2336)); break;
    case 0x24:
      encode_sector(SectorKind::Mode2Form2, lba, std::span(zeros).first(2324), out, Subheader{0, 0, 0x20, 0});
      break;
    case 0x30: formless(in.first(2336)); break;
    case 0x31: formless(in.subspan(16, 2336)); break;
    default: formless(zeros); break;
  }
}

}  // namespace

std::optional<size_t> data_form_block_size(uint8_t form) {
  const size_t sub = (form & 0x40) ? 96 : 0;
  switch (form & 0x3F) {
    case 0x00:
    case 0x11:
    case 0x21:
    case 0x31: return kSector + sub;
    case 0x10: return 2048 + sub;
    case 0x20:
    case 0x30: return 2336 + sub;
    case 0x01:
    case 0x14:
    case 0x24:
    case 0x34: return sub;
    default: return std::nullopt;
  }
}

CueSheet CueSheet::parse(std::span<const uint8_t> b, Lba program_start, int64_t capacity) {
  if (b.size() % 8 != 0) refuse(fmt::format("cue sheet length {} is not a multiple of 8", b.size()));
  CueSheet sheet;
  std::map<uint8_t, std::string> isrc;
  bool leadin = false, leadout = false;
  int last_tno = 0, last_index = -1;
  Lba last_lba = program_start - 1;
  std::string mcn;
  for (size_t i = 0; i < b.size(); i += 8) {
    auto e = b.subspan(i, 8);
    const size_t n = i / 8;
    CueSheetEntry x{uint8_t(e[0] >> 4), uint8_t(e[0] & 0x0F), e[1], e[2], e[3], e[4], e[5], e[6], e[7]};
    if (leadout) refuse(fmt::format("entry {} follows the lead-out entry", n));
    if (x.adr == 2) {
      if (leadin) refuse(fmt::format("entry {}: the MCN must come before the lead-in entry", n));
      if (mcn.empty()) {
        if (!digits(e.subspan(1, 7))) refuse(fmt::format("entry {}: MCN digits expected", n));
        mcn.assign(e.begin() + 1, e.end());
      } else if (mcn.size() == 7) {
        if (!digits(e.subspan(1, 6)) || e[7] != 0) refuse(fmt::format("entry {}: MCN digits expected", n));
        mcn.append(e.begin() + 1, e.begin() + 7);
      } else {
        refuse(fmt::format("entry {}: a third MCN entry", n));
      }
      continue;
    }
    if (x.adr == 3) {
      if (!leadin || x.tno < 1 || x.tno > 99) refuse(fmt::format("entry {}: ISRC entry outside a track", n));
      auto& s = isrc[x.tno];
      if (s.size() >= 12) refuse(fmt::format("entry {}: a third ISRC entry for track {}", n, x.tno));
      s.append(e.begin() + 2, e.end());
      continue;
    }
    if (x.adr != 1) refuse(fmt::format("entry {}: ADR {} is not 1, 2 or 3", n, x.adr));
    if (x.m > 99 || x.s >= 60 || x.f >= 75)
      refuse(fmt::format("entry {}: MSF {}:{}:{} is not a time", n, x.m, x.s, x.f));
    if (!data_form_block_size(x.form)) refuse(fmt::format("entry {}: data form 0x{:02X} is not supported", n, x.form));
    if (!leadin) {
      if (x.tno != 0 || x.index != 0) refuse("the first entry must be the lead-in (TNO 00, index 00)");
      const uint8_t base = x.form & 0x3F;
      if (base != 0x01 && base != 0x14 && base != 0x24 && base != 0x34)
        refuse(fmt::format("lead-in data form 0x{:02X} carries data", x.form));
      leadin = true;
      sheet.entries.push_back(x);
      continue;
    }
    if (x.tno == 0xAA) {
      if (x.index != 1) refuse(fmt::format("entry {}: the lead-out must be index 01", n));
      if (last_tno == 0) refuse("no track before the lead-out");
      if (last_index < 1) refuse(fmt::format("track {} has no index 01", last_tno));
      if (x.lba() <= last_lba) refuse(fmt::format("entry {}: the lead-out does not follow the last index", n));
      if (x.lba() > capacity)
        refuse(fmt::format("the lead-out at LBA {} is beyond the medium's capacity of {} sectors", x.lba(), capacity));
      leadout = true;
      sheet.entries.push_back(x);
      continue;
    }
    if (x.tno < 1 || x.tno > 99 || x.index > 99) refuse(fmt::format("entry {}: track {} index {}", n, x.tno, x.index));
    if (x.tno != last_tno) {
      if (last_tno != 0 && x.tno != last_tno + 1)
        refuse(fmt::format("entry {}: track {} follows {}", n, x.tno, last_tno));
      if (last_tno != 0 && last_index < 1) refuse(fmt::format("track {} has no index 01", last_tno));
      if (x.index > 1) refuse(fmt::format("entry {}: track {} starts with index {}", n, x.tno, x.index));
      if (last_tno == 0 && x.lba() != program_start) {
        const int64_t f = int64_t{program_start} + 150;
        refuse(fmt::format("the first track must start at {:02}:{:02}:{:02} (LBA {}){}", f / 4500, f / 75 % 60, f % 75,
                           program_start, program_start == -150 ? "" : ", where this session's area begins"));
      }
      last_tno = x.tno;
    } else if (x.index != last_index + 1) {
      refuse(fmt::format("entry {}: index {} follows {} in track {}", n, x.index, last_index, x.tno));
    }
    if (x.lba() <= last_lba) refuse(fmt::format("entry {}: address {} does not increase", n, x.lba()));
    last_index = x.index;
    last_lba = x.lba();
    sheet.entries.push_back(x);
  }
  if (!leadout) refuse("the cue sheet has no lead-out entry");
  if (!mcn.empty() && mcn.size() != 13) refuse("the MCN entries do not hold 13 digits");
  sheet.mcn = mcn;
  for (const auto& [tno, s] : isrc)
    if (s.size() != 12) refuse(fmt::format("track {}: the ISRC entries do not hold 12 characters", tno));
  // ISRCs are kept on the first entry of their track for finalising.
  for (auto& [tno, s] : isrc) {
    bool found = false;
    for (const auto& en : sheet.entries) found |= en.tno == tno;
    if (!found) refuse(fmt::format("ISRC for track {}, which the cue sheet does not have", tno));
  }
  sheet.isrcs_ = std::move(isrc);
  return sheet;
}

const CueSheetEntry& CueSheet::entry_at(Lba lba) const {
  const CueSheetEntry* hit = &entries.front();
  for (const auto& e : entries)
    if (e.tno != 0 && e.lba() <= lba) hit = &e;
  return *hit;
}

Lba CueSheet::leadout() const { return entries.back().lba(); }
bool CueSheet::cdtext_in_leadin() const { return entries.front().form & 0x40; }

RecordableMedia::RecordableMedia(Kind kind, int64_t capacity, Lba leadin_start)
    : kind_(kind), capacity_(capacity), leadin_start_(leadin_start) {}

std::vector<uint8_t> RecordableMedia::atip() const {
  std::vector<uint8_t> r(28, 0);
  r[1] = 26;
  r[4] = 0x50;  // indicative target writing power 5, reference speed 0
  r[5] = 0x40;  // unrestricted use
  r[6] = uint8_t(0x80 | (kind_ == Kind::CdRw ? 0x40 : 0));
  auto msf = [&](size_t at, int64_t lba) {
    const int64_t f = lba < 0 ? lba + 450150 : lba + 150;  // lead-in times are 9x:xx:xx
    r[at] = uint8_t(f / 4500);
    r[at + 1] = uint8_t(f / 75 % 60);
    r[at + 2] = uint8_t(f % 75);
  };
  msf(8, leadin_start_);
  msf(12, capacity_);
  return r;
}

void RecordableMedia::set_cue_sheet(CueSheet sheet, uint8_t session_format) {
  if (state_ != State::Blank && state_ != State::Appendable) refuse("the medium is neither blank nor appendable");
  if (sessions()) {
    if (raw_disc_) refuse("a SAO session after sessions written in RAW is not modelled");
    if (sheet.cdtext_in_leadin()) refuse("CD-Text in the lead-in of a later session is not modelled");
    const int next_track = recorded_.sessions.back().tracks.back().number + 1;
    if (sheet.entries[1].tno != next_track)
      refuse(fmt::format("the session's first track is {}; the disc's next track number is {}", sheet.entries[1].tno,
                         next_track));
  }
  session_format_ = session_format;
  first_ = sheet.cdtext_in_leadin() ? leadin_start_ : program_start_;
  next_ = first_;
  // One file each for main channel and subchannel from LBA -150 over every session: a later
  // session grows them (the gap between sessions stays a hole).
  const auto sectors = static_cast<size_t>(sheet.leadout() + 150);
  if (!sessions()) {
    main_ = std::make_shared<SpillFile>();
    sub_ = std::make_shared<SpillFile>();
    leadin_rw_.clear();
  }
  main_->resize(sectors * kSector);
  sub_->resize(sectors * kSubchannelSize);
  cue_ = std::move(sheet);
  skip_generated();
}

void RecordableMedia::start_raw(size_t block) {
  if (state_ == State::Appendable) {
    if (!raw_disc_) refuse("a RAW session after sessions written in SAO is not modelled");
  } else if (state_ != State::Blank) {
    refuse("the medium is neither blank nor appendable");
  }
  raw_block_ = block;
  first_ = next_ = next_leadin();
  if (!sessions()) {
    main_ = std::make_shared<SpillFile>();
    sub_ = std::make_shared<SpillFile>();
  }
  // A later session's lead-in follows the last lead-out: the files go on from there.
  raw_blocks_ = raw_slot(first_);
  main_->resize(raw_blocks_ * kSector);
  sub_->resize(raw_blocks_ * kSubchannelSize);
}

// TAO builds the cue sheet a SAO host would have sent, a track at a time: lead-in, then per track
// its drive-generated pregap (index 0) and its blocks (index 1), and a lead-out entry that ends the
// open track at the end of the medium until CLOSE TRACK sets it where the writing stopped.
void RecordableMedia::start_tao_track(uint8_t control, uint8_t form, uint8_t session_format, const std::string& mcn,
                                      const std::string& isrc) {
  if (state_ == State::Complete) refuse("the medium is complete");
  if (state_ == State::Appendable) refuse("a track-at-once track after a closed session is not modelled");
  if (raw_block_ || (cue_ && !tao_)) refuse("the medium is being written in another mode");
  if (tao_open_) refuse("a track is open");
  if (form != 0x00 && form != 0x10) refuse(fmt::format("data form 0x{:02X} is not modelled for TAO", form));
  if (tao_tracks_ == 99) refuse("99 tracks");
  const uint8_t generated = form == 0x10 ? 0x14 : 0x01;
  const Lba start = tao_next_start_;
  if (!tao_) {
    tao_ = true;
    first_ = -150;
    main_ = std::make_shared<SpillFile>();
    sub_ = std::make_shared<SpillFile>();
    cue_ = CueSheet{};
    cue_->entries.push_back(CueSheetEntry{control, 1, 0, 0, generated, 0, 0, 0, 0});
  } else {
    cue_->entries.pop_back();  // the previous track's lead-out entry
  }
  session_format_ = session_format;
  if (!mcn.empty()) cue_->mcn = mcn;
  const auto tno = static_cast<uint8_t>(++tao_tracks_);
  if (!isrc.empty()) cue_->isrcs_[tno] = isrc;
  auto entry = [&](uint8_t tno_, uint8_t index, uint8_t form_, Lba lba) {
    const int64_t f = int64_t{lba} + 150;
    return CueSheetEntry{control, 1, tno_, index, form_, 0, uint8_t(f / 4500), uint8_t(f / 75 % 60), uint8_t(f % 75)};
  };
  cue_->entries.push_back(entry(tno, 0, generated, start - 150));
  cue_->entries.push_back(entry(tno, 1, form, start));
  cue_->entries.push_back(entry(0xAA, 1, 0x01, static_cast<Lba>(capacity_)));
  next_ = start;
  tao_open_ = true;
}

void RecordableMedia::close_tao_track() {
  if (!tao_open_) refuse("no track is open");
  if (next_ == tao_next_start_) refuse("the track is empty");
  const int64_t f = int64_t{next_} + 150;
  CueSheetEntry& leadout = cue_->entries.back();
  leadout.m = uint8_t(f / 4500);
  leadout.s = uint8_t(f / 75 % 60);
  leadout.f = uint8_t(f % 75);
  tao_next_start_ = next_ + 150;
  tao_open_ = false;
}

size_t RecordableMedia::block_size_at(Lba lba) const {
  if (raw_block_) return raw_block_;
  if (!cue_) return 0;
  if (lba < program_start_) return cue_->cdtext_in_leadin() ? kSubchannelSize : 0;
  if (lba >= cue_->leadout()) return 0;
  return *data_form_block_size(cue_->entry_at(lba).form);
}

void RecordableMedia::skip_generated() {
  if (!cue_) return;
  while (next_ < cue_->leadout() && block_size_at(next_) == 0) ++next_;
}

void RecordableMedia::write(Lba lba, uint32_t blocks, std::span<const uint8_t> data, bool test) {
  // The program-area (or RAW) blocks of one WRITE are consecutive: gathered, then stored with
  // one pwrite for the main channel and one for the subchannel.
  std::vector<uint8_t> mains, subs;
  Lba run_first = 0;
  const auto flush = [&] {
    if (mains.empty()) return;
    if (raw_block_) {
      main_->write(raw_blocks_ * kSector, mains);
      sub_->write(raw_blocks_ * kSubchannelSize, subs);
      raw_blocks_ += mains.size() / kSector;
    } else {
      const auto idx = static_cast<uint64_t>(run_first + 150);
      main_->write(idx * kSector, mains);
      sub_->write(idx * kSubchannelSize, subs);
    }
    mains.clear();
    subs.clear();
  };
  size_t at = 0;
  for (uint32_t i = 0; i < blocks; ++i) {
    const Lba l = lba + static_cast<Lba>(i);
    const size_t size = block_size_at(l);
    auto block = data.subspan(at, size);
    at += size;
    if (!test) {
      state_ = State::Writing;
      if (raw_block_) {
        mains.insert(mains.end(), block.begin(), block.begin() + kSector);
        std::array<uint8_t, kSubchannelSize> sub{};
        if (size >= kSector + kSubchannelSize) std::copy_n(block.begin() + kSector, kSubchannelSize, sub.begin());
        subs.insert(subs.end(), sub.begin(), sub.end());
      } else if (l < program_start_) {
        flush();
        leadin_rw_.insert(leadin_rw_.end(), block.begin(), block.end());
      } else {
        if (mains.empty()) run_first = l;
        const uint8_t form = cue_->entry_at(l).form;
        mains.resize(mains.size() + kSector);
        subs.resize(subs.size() + kSubchannelSize);
        record_block(form, l, block, std::span<uint8_t, kSector>(mains.data() + mains.size() - kSector, kSector));
        if (form & 0x40)
          for (size_t k = 0; k < kSubchannelSize; ++k)
            subs[subs.size() - kSubchannelSize + k] = block[size - 96 + k] & 0x3F;
      }
    }
    next_ = l + 1;
    skip_generated();
  }
  flush();
}

bool RecordableMedia::complete_written() const {
  if (raw_block_) return next_ > program_start_;
  if (tao_) return tao_tracks_ > 0 && !tao_open_;
  return cue_ && next_ >= cue_->leadout();
}

std::shared_ptr<SectorSource> RecordableMedia::finalise(bool open_next) {
  open_next = open_next && !tao_;  // TAO multisession is not modelled
  auto source = raw_block_ ? finalise_raw() : finalise_sao(open_next);
  state_ = open_next ? State::Appendable : State::Complete;
  if (open_next) {
    program_start_ = recorded_.leadout_end(recorded_.sessions.back()) + kLeadInSectors;
    cue_.reset();
    raw_block_ = 0;  // the next session says its own mode
    next_ = first_ = program_start_;
  }
  return source;
}

namespace {

// The CD-Text of lead-in R-W: each 96-byte block carries 4 packs of 24 six-bit symbols in bits
// 5-0 of its bytes (reference/cd-physical.md "CD-Text").
CdText leadin_cdtext(std::span<const uint8_t> rw) {
  std::vector<uint8_t> packs;
  for (size_t blk = 0; blk + 96 <= rw.size(); blk += 96)
    for (size_t p = 0; p < 4; ++p) {
      std::array<uint8_t, 18> pack{};
      for (size_t s = 0; s < 24; ++s) {
        const unsigned v = rw[blk + p * 24 + s] & 0x3F;
        for (int bit = 0; bit < 6; ++bit)
          if (v & (0x20u >> bit)) {
            const size_t pos = s * 6 + static_cast<size_t>(bit);
            pack[pos / 8] |= uint8_t(0x80 >> (pos % 8));
          }
      }
      packs.insert(packs.end(), pack.begin(), pack.end());
    }
  return parse_cdtext(packs, "recorded lead-in");
}

}  // namespace

std::shared_ptr<SectorSource> RecordableMedia::finalise_sao(bool open_next) {
  const CueSheet& cue = *cue_;
  Disc disc = recorded_;
  Session session;
  session.number = static_cast<uint8_t>(sessions() + 1);
  session.type = static_cast<DiscType>(session_format_);
  bool host_rw = false;
  for (const auto& e : cue.entries) {
    host_rw |= (e.form & 0x40) && e.tno != 0;
    if (e.tno == 0 || e.tno == 0xAA) continue;
    if (session.tracks.empty() || session.tracks.back().number != e.tno) {
      Track t;
      t.number = e.tno;
      t.indices.clear();
      auto it = cue.isrcs_.find(e.tno);
      if (it != cue.isrcs_.end()) t.isrc = it->second;
      session.tracks.push_back(t);
    }
    Track& t = session.tracks.back();
    if (e.index == 1) {
      t.mode = mode_of_form(e.form, session_format_);
      t.control.bits = e.control;
    }
    // The first track's index 0 at the session's start is the pregap every session has: the
    // model keeps it implicit.
    if (!(e.index == 0 && e.lba() == program_start_)) t.indices.push_back({e.index, e.lba()});
  }
  session.leadout = cue.leadout();
  session.a0_control = session.tracks.front().control;
  session.a1_control = session.a2_control = session.tracks.back().control;
  disc.sessions.push_back(session);
  if (disc.mcn.empty()) disc.mcn = cue.mcn;
  if (!leadin_rw_.empty()) disc.cdtext = leadin_cdtext(leadin_rw_);
  if (open_next) {  // B0: where the next session may start, and the last possible lead-out
    Session& s = disc.sessions.back();
    const Lba next = disc.leadout_end(s) + kLeadInSectors;
    s.next_program_area = NextProgramArea{*lba_to_msf(next), 1, *lba_to_msf(static_cast<Lba>(capacity_))};
  }
  disc.validate();
  recorded_ = disc;
  // Blocks the drive generated (forms that send nothing) are recorded now.
  std::array<uint8_t, kSector> sector{};
  for (Lba l = program_start_; l < cue.leadout(); ++l) {
    const uint8_t form = cue.entry_at(l).form;
    if (data_form_block_size(form).value_or(1) - ((form & 0x40) ? 96 : 0) == 0) {
      record_block(form, l, {}, sector);
      main_->write(static_cast<uint64_t>(l + 150) * kSector, sector);
    }
  }
  host_rw_ = host_rw_ || host_rw;
  std::shared_ptr<SpillFile> sub;
  if (host_rw_) {  // P and Q from the drive, R-W as the host sent them
    SubchannelSynthesizer synth(disc);
    sub = std::make_shared<SpillFile>();
    const auto total = static_cast<uint32_t>(cue.leadout() + 150);
    std::vector<uint8_t> made, sent;
    for (uint32_t done = 0; done < total;) {
      const uint32_t n = std::min<uint32_t>(4096, total - done);
      made.resize(size_t{n} * kSubchannelSize);
      sent.resize(made.size());
      synth.synthesize_run(-150 + static_cast<Lba>(done), n, made);
      sub_->read(uint64_t{done} * kSubchannelSize, sent);
      for (size_t i = 0; i < made.size(); ++i) made[i] = uint8_t((made[i] & 0xC0) | sent[i]);
      sub->write(uint64_t{done} * kSubchannelSize, made);
      done += n;
    }
  }
  return std::make_shared<SpillSectorSource>(disc, -150, cue.leadout(), main_, 0, std::move(sub), 0);
}

std::shared_ptr<SectorSource> RecordableMedia::finalise_raw() {
  const auto number = static_cast<uint8_t>(sessions() + 1);
  const Lba program = program_start_;  // the session's first pregap: its lead-in ends before it
  // The TOC is what the host put in the lead-in's Q: collect each point once.
  std::map<uint8_t, QLeadIn> points;
  SpillReader sub_reader(*sub_, 0, kSubchannelSize);
  const auto sub_at = [&](Lba l) {
    return std::span<const uint8_t, kSubchannelSize>(sub_reader.at(raw_slot(l)).data(), kSubchannelSize);
  };
  for (Lba l = first_; l < std::min(next_, program); ++l) {
    const QDecoded d = decode_q(extract_channel(sub_at(l), Channel::Q));
    if (!d.crc_ok) continue;
    if (const auto* p = std::get_if<QLeadIn>(&d.content)) points.emplace(p->point, *p);
  }
  if (!points.count(0xA0) || !points.count(0xA1) || !points.count(0xA2))
    refuse(fmt::format("the lead-in of session {} written in RAW mode carries no complete TOC (A0, A1, A2)", number));
  // The new session's descriptors after those of the sessions already closed, parsed as one full
  // TOC (which checks the track numbers go on from the last session's).
  std::vector<uint8_t> toc = sessions() ? build_full_toc(recorded_) : std::vector<uint8_t>{0, 0, 1, 0};
  toc[3] = number;
  for (const auto& [point, p] : points) {
    auto bin = [](Bcd v) { return static_cast<uint8_t>(v.value()); };
    const auto ctl = uint8_t(p.adr << 4 | p.control.bits);
    if (p.adr == 1) {
      const bool track = point <= 0x99;
      const uint8_t psec = point == 0xA0 ? p.pmsf.s.byte() : bin(p.pmsf.s);  // A0 PSEC: the disc type
      toc.insert(toc.end(), {number, ctl, 0, track ? bin(Bcd::raw(point)) : point, 0, 0, 0, 0, bin(p.pmsf.m), psec,
                             bin(p.pmsf.f)});
    } else if (p.adr == 5 && point == 0xB0) {  // next program area, ADR-5 pointers, last possible lead-out
      toc.insert(toc.end(), {number, ctl, 0, point, bin(p.running.m), bin(p.running.s), bin(p.running.f), p.zero,
                             bin(p.pmsf.m), bin(p.pmsf.s), bin(p.pmsf.f)});
    } else if (p.adr == 5 && point == 0xC0) {  // the ATIP's special information as it is, first lead-in
      toc.insert(toc.end(), {number, ctl, 0, point, p.running.m.byte(), p.running.s.byte(), p.running.f.byte(), 0,
                             bin(p.pmsf.m), bin(p.pmsf.s), bin(p.pmsf.f)});
    }
  }
  const auto len = toc.size() - 2;
  toc[0] = uint8_t(len >> 8);
  toc[1] = uint8_t(len);
  Disc disc = recorded_;
  disc.sessions.push_back(parse_full_toc(toc, "RAW lead-in").sessions.back());
  Session& session = disc.sessions.back();
  // CD-Text from the first lead-in's R-W, where the host put any there.
  if (number == 1) {
    const auto leadin_blocks = static_cast<size_t>(std::max<Lba>(0, std::min(next_, program) - first_));
    std::vector<uint8_t> leadin_sub(leadin_blocks * kSubchannelSize);
    sub_->read(raw_slot(first_) * kSubchannelSize, leadin_sub);
    if (std::any_of(leadin_sub.begin(), leadin_sub.end(), [](uint8_t b) { return (b & 0x3F) != 0; }))
      disc.cdtext = leadin_cdtext(leadin_sub);
  }
  const Lba leadout = session.leadout;
  if (next_ < leadout) refuse("the RAW write ended before the lead-out");
  // Indices other than 1 come from the program area's Q: an index counts from the first of two
  // consecutive frames that report it (a lone odd frame is damage, not an index). The index 0 of
  // a session's first track is the pregap every session starts with: the model keeps it implicit.
  const uint8_t first_track = session.tracks.front().number;
  std::pair<int, int> previous{-1, -1};  // none
  for (Lba l = program; l < leadout; ++l) {
    const QDecoded d = decode_q(extract_channel(sub_at(l), Channel::Q));
    const auto* p = std::get_if<QPosition>(&d.content);
    if (!d.crc_ok || !p || !p->track.valid() || !p->index.valid()) {
      previous = {-1, -1};
      continue;
    }
    const std::pair<int, int> now{p->track.value(), p->index.value()};
    if (previous == now && now.second != 1 && !(now.first == first_track && now.second == 0)) {
      for (auto& t : session.tracks)
        if (t.number == now.first && !t.index(static_cast<uint8_t>(now.second))) {
          t.indices.push_back({static_cast<uint8_t>(now.second), l - 1});
          std::sort(t.indices.begin(), t.indices.end(),
                    [](const Index& a, const Index& b) { return a.number < b.number; });
        }
    }
    previous = now;
  }
  // The host scrambled data sectors, as the surface holds them; the model keeps them descrambled.
  // A sector's track is the one its Q places it in (a pregap belongs to the track that follows);
  // the lead-in holds sectors of the first track's kind, the lead-out of the last's. In runs of
  // 4096 sectors, rewritten where a run holds data.
  std::vector<uint8_t> run;
  const Lba written_end = std::min(next_, disc.leadout_end(session));
  for (Lba from = first_; from < written_end;) {
    const Lba to = std::min<Lba>(written_end, from + 4096);
    bool read = false;
    for (Lba l = from; l < to; ++l) {
      const Track* t = &session.tracks.front();
      if (l >= leadout) {
        t = &session.tracks.back();
      } else if (l >= program) {
        const Position pos = disc.locate(l);
        t = pos.track >= 1 && pos.track <= 99 ? disc.find_track(pos.track) : nullptr;
      }
      if (!t || !t->is_data()) continue;
      if (!read) {
        run.resize(static_cast<size_t>(to - from) * kSector);
        main_->read(raw_slot(from) * kSector, run);
        read = true;
      }
      scramble(std::span(run).subspan(static_cast<size_t>(l - from) * kSector, kSector));
    }
    if (read) main_->write(raw_slot(from) * kSector, run);
    from = to;
  }
  // Track modes, MCN and ISRCs from what was recorded.
  for (auto& t : session.tracks) {
    if (t.is_data()) {
      std::array<uint8_t, 1> mode_byte{};
      main_->read(raw_slot(t.start()) * kSector + 15, mode_byte);
      if (mode_byte[0] == 1) t.mode = TrackMode::Mode1;
    }
    for (Lba l = t.start(); l < disc.track_end(t.number) && t.isrc.empty(); ++l) {
      const QDecoded d = decode_q(extract_channel(sub_at(l), Channel::Q));
      if (!d.crc_ok) continue;
      if (const auto* i = std::get_if<QIsrc>(&d.content)) t.isrc = i->isrc;
      if (const auto* m = std::get_if<QCatalog>(&d.content); m && disc.mcn.empty()) disc.mcn = m->mcn;
    }
  }
  disc.validate();
  recorded_ = disc;
  raw_disc_ = true;
  // The program areas (and the gaps between sessions, as written) are served from the files.
  return std::make_shared<SpillSectorSource>(disc, -150, leadout, main_, raw_slot(-150) * kSector, sub_,
                                             raw_slot(-150) * kSubchannelSize);
}

void RecordableMedia::abandon() {
  if (state_ == State::Appendable) {  // the closed sessions stay as recorded
    cue_.reset();
    raw_block_ = 0;
    next_ = first_ = program_start_;
    return;
  }
  if (state_ != State::Blank) return;
  forget_writing();
}

void RecordableMedia::blank() {
  if (kind_ != Kind::CdRw) refuse("only CD-RW media can be blanked");
  state_ = State::Blank;
  forget_writing();
  recorded_ = Disc{};
  program_start_ = -150;
  host_rw_ = raw_disc_ = false;
}

void RecordableMedia::forget_writing() {
  tao_ = tao_open_ = false;
  tao_tracks_ = 0;
  tao_next_start_ = 0;
  cue_.reset();
  raw_block_ = 0;
  main_.reset();
  sub_.reset();
  raw_blocks_ = 0;
  leadin_rw_.clear();
  next_ = first_ = 0;
}

}  // namespace dw::vdrive

#include "scsi/drive.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <stdexcept>

#include "disc/error.hpp"
#include "scsi/mmc_cdb.hpp"
#include "scsi/mmc_inquiry.hpp"
#include "scsi/mmc_misc.hpp"
#include "scsi/mmc_mode.hpp"

namespace dw::scsi {

namespace {

constexpr uint16_t kConfigAllocation = 8192;
constexpr uint16_t kTocAllocation = 0xFFFE;  // even: some bridges refuse odd lengths

// The part of a data-in buffer the drive filled.
std::span<const uint8_t> received(const std::vector<uint8_t>& buf, const CommandResult& r) {
  return std::span(buf).first(buf.size() - std::min<size_t>(r.residual, buf.size()));
}

// GOOD with part of the data missing (some USB bridges answer so): those sectors cannot be
// trusted, so the read fails as a host error, which callers retry as any failed read.
CommandResult short_read(CommandResult r, size_t asked) {
  r.transport = TransportError::HostError;
  r.transport_detail = "short transfer: GOOD status, but " + std::to_string(r.residual) + " of the " +
                       std::to_string(asked) + " bytes asked for did not arrive";
  return r;
}

bool unit_attention(const CommandResult& r) {
  return !r.ok() && r.transport == TransportError::None && r.sense.key == sense_key::kUnitAttention;
}

uint16_t kbps(double x) {
  return x <= 0 ? cdb::kMaxSpeed : static_cast<uint16_t>(std::lround(std::min(x * 176.4, 65534.0)));
}

}  // namespace

Drive::Drive(Transport& transport) : transport_(transport), quirks_(lookup_quirks("", "", "")) {}

CommandResult Drive::send(std::vector<uint8_t> cdb, Direction direction, std::span<uint8_t> data,
                          std::chrono::milliseconds timeout) {
  return transport_.execute(Command{std::move(cdb), direction, data, timeout});
}

CommandResult Drive::probe() {
  std::vector<uint8_t> buf(96);
  CommandResult r = send(cdb::inquiry(96), Direction::FromDevice, buf);
  if (!r.ok()) return r;
  const Inquiry inq = parse_inquiry(received(buf, r));
  identity_ = {inq.vendor, inq.product, inq.revision, {}};
  std::vector<uint8_t> vpd(252);
  if (auto s = send(cdb::inquiry_vpd(0x80, 252), Direction::FromDevice, vpd); s.ok()) {
    try {
      identity_.serial = parse_unit_serial_number(received(vpd, s));
    } catch (const InputError&) {
      // A malformed serial page is not worth failing for: the serial stays unknown.
    }
  }
  caps_ = {};
  std::vector<uint8_t> cfg(kConfigAllocation);
  const CommandResult c =
      send(cdb::get_configuration(cdb::ConfigRequest::All, 0, kConfigAllocation), Direction::FromDevice, cfg);
  bool configured = false;
  if (c.ok()) {
    try {
      caps_from_configuration(parse_configuration(received(cfg, c)));
      configured = true;
    } catch (const InputError& e) {
      caps_.notes.push_back(std::string("GET CONFIGURATION answer does not parse: ") + e.what());
    }
  } else {
    caps_.notes.push_back("GET CONFIGURATION: " + c.describe());
  }
  std::vector<uint8_t> page(256);
  CommandResult m = send(cdb::mode_sense10(0x2A, cdb::PageControl::Current, 256), Direction::FromDevice, page);
  if (unit_attention(m))  // a new disc (or a reset) is reported once: ask again
    m = send(cdb::mode_sense10(0x2A, cdb::PageControl::Current, 256), Direction::FromDevice, page);
  if (m.ok()) {
    try {
      const ModeSense ms = parse_mode_sense10(received(page, m));
      if (const ModePage* p2a = ms.find(0x2A)) caps_from_page_2a(parse_capabilities_page(p2a->bytes), !configured);
    } catch (const InputError& e) {
      // A malformed page 2A tells nothing: the stream is treated as not accurate.
      caps_.notes.push_back(std::string("mode page 2A does not parse: ") + e.what());
    }
  }
  quirks_ = lookup_quirks(identity_.vendor, identity_.product, identity_.revision);
  return r;
}

void Drive::caps_from_configuration(const Configuration& conf) {
  for (const auto& p : conf.profiles) caps_.profiles.push_back(p.number);
  if (conf.cd_read) {
    caps_.cd_read = true;
    caps_.c2 = conf.cd_read->c2_flags;
    caps_.cdtext = conf.cd_read->cd_text;
  }
  if (conf.cd_tao) caps_.cd_write = true;
  if (conf.cd_mastering) {
    caps_.cd_write = true;
    caps_.sao = conf.cd_mastering->sao;
    caps_.raw = conf.cd_mastering->raw;
    caps_.raw_multisession = conf.cd_mastering->raw_multisession;
    caps_.test_write = conf.cd_mastering->test_write;
    caps_.bufe = conf.cd_mastering->buf;
    caps_.max_cue_sheet = conf.cd_mastering->max_cue_sheet_length;
  }
  caps_.dvd_r_write = conf.dvd_r_write.has_value();
}

// Page 2A always gives the stream accuracy and the speeds; the rest only for a drive whose GET
// CONFIGURATION said nothing (it has no SAO/RAW bits: those stay false, as unknown).
void Drive::caps_from_page_2a(const CapabilitiesPage& p, bool describe) {
  caps_.accurate_stream = p.cdda_accurate;
  caps_.max_read_kbps = p.max_read_speed;
  for (const WriteSpeedDescriptor& d : p.write_speeds) caps_.write_speeds_kbps.push_back(d.write_speed);
  std::sort(caps_.write_speeds_kbps.rbegin(), caps_.write_speeds_kbps.rend());
  caps_.max_write_kbps = caps_.write_speeds_kbps.empty() ? p.max_write_speed : caps_.write_speeds_kbps.front();
  if (!describe) return;
  caps_.notes.emplace_back("capabilities from mode page 2A (SAO and RAW not known)");
  caps_.cd_read = true;  // a drive with page 2A reads CD-ROM
  caps_.c2 = p.c2_pointers;
  caps_.cd_write = p.write_cd_r || p.write_cd_rw;
  caps_.test_write = p.test_write;
  caps_.bufe = p.buf;
  caps_.dvd_r_write = p.write_dvd_r;
}

CommandResult Drive::test_unit_ready() { return send(cdb::test_unit_ready()); }

CommandResult Drive::wait_ready(int attempts) {
  CommandResult r;
  for (int i = 0; i < attempts; ++i) {
    r = test_unit_ready();
    if (r.ok() || r.transport != TransportError::None) return r;
    const SenseClass cls = classify(r.sense);
    if (cls != SenseClass::MediumChanged && cls != SenseClass::Reset && cls != SenseClass::BecomingReady &&
        cls != SenseClass::UnitAttention && cls != SenseClass::OperationInProgress)
      return r;
  }
  return r;
}

MediaInfo Drive::media() {
  MediaInfo m;
  m.present = wait_ready(5).ok();
  std::vector<uint8_t> cfg(8);
  if (auto r = send(cdb::get_configuration(cdb::ConfigRequest::Current, 0, 8), Direction::FromDevice, cfg); r.ok())
    m.profile = static_cast<uint16_t>(cfg[6] << 8 | cfg[7]);
  m.profile_name = profile_name(m.profile);
  return m;
}

// Format 0: every track and the last lead-out; format 1 (multi-session information) says where
// the last session begins. A drive that refuses format 1 leaves one session.
std::optional<Disc> Drive::disc_from_toc(CommandResult* result, DiscResponses* responses) {
  std::vector<uint8_t> buf(kTocAllocation);
  CommandResult r = send(cdb::read_toc(cdb::TocFormat::Toc, false, 0, kTocAllocation), Direction::FromDevice, buf);
  if (result) *result = r;
  if (!r.ok()) return std::nullopt;
  const auto bytes = received(buf, r);
  if (responses) responses->toc.assign(bytes.begin(), bytes.end());
  std::vector<uint8_t> info(12);
  std::optional<SessionInfo> sessions;
  if (auto s = send(cdb::read_toc(cdb::TocFormat::SessionInfo, false, 0, 12), Direction::FromDevice, info); s.ok()) {
    const auto got = received(info, s);
    if (responses) responses->session_info.assign(got.begin(), got.end());
    try {
      sessions = parse_session_info(got, false);
    } catch (const InputError&) {  // the answer is optional: a malformed one counts as none
    }
  }
  const Toc toc = parse_toc(bytes, false);
  try {
    return scsi::disc_from_toc(toc, sessions ? &*sessions : nullptr);
  } catch (const InputError&) {  // session info at odds with the TOC: one session, as without it
    return scsi::disc_from_toc(toc, nullptr);
  }
}

// MCN and ISRCs come from READ SUB-CHANNEL (the drive read them from Q); a drive that refuses
// the command leaves them unknown.
void Drive::add_codes(Disc& disc) {
  std::vector<uint8_t> buf(24);
  if (auto r = send(cdb::read_subchannel(cdb::SubchannelFormat::Mcn, false, 0, 24), Direction::FromDevice, buf);
      r.ok()) {
    const SubchannelCode mcn = parse_subchannel_mcn(received(buf, r));
    if (mcn.valid && mcn.code.size() == 13 && mcn.code != "0000000000000") disc.mcn = mcn.code;
  }
  for (auto& s : disc.sessions)
    for (auto& t : s.tracks) {
      if (t.is_data()) continue;
      std::fill(buf.begin(), buf.end(), uint8_t{0});
      auto r = send(cdb::read_subchannel(cdb::SubchannelFormat::Isrc, false, t.number, 24), Direction::FromDevice, buf);
      if (!r.ok()) continue;
      const SubchannelCode isrc = parse_subchannel_isrc(received(buf, r));
      if (isrc.valid && isrc.code.size() == 12) t.isrc = isrc.code;
    }
}

std::optional<Disc> Drive::read_disc(CommandResult* result, DiscResponses* responses) {
  std::vector<uint8_t> buf(kTocAllocation);
  CommandResult r = send(cdb::read_toc(cdb::TocFormat::FullToc, false, 1, kTocAllocation), Direction::FromDevice, buf);
  if (result) *result = r;
  std::optional<Disc> found;
  if (r.ok()) {
    const auto bytes = received(buf, r);
    if (responses) responses->full_toc.assign(bytes.begin(), bytes.end());
    found = parse_toc_full(bytes, FullTocEncoding::Auto);
  } else if (r.transport == TransportError::None && classify(r.sense) == SenseClass::InvalidCdbField) {
    found = disc_from_toc(result, responses);
  }  // drives without format 2 (and some DVD drives with CDs)
  if (!found) return std::nullopt;
  Disc& disc = *found;
  // Data track modes: the TOC only says "data"; the first sector's header tells the mode.
  for (auto& s : disc.sessions)
    for (auto& t : s.tracks) {
      if (!t.is_data()) continue;
      std::array<uint8_t, 4> header{};
      ReadCdSelection sel{false, HeaderCodes::Header, false, false, C2Mode::None, SubchannelMode::None};
      if (send(cdb::read_cd(SectorType::Any, t.start(), 1, sel), Direction::FromDevice, header).ok()) {
        if (header[3] == 1)
          t.mode = TrackMode::Mode1;
        else if (header[3] == 2 && s.type == DiscType::CdDaOrCdRom)
          t.mode = TrackMode::Mode2Formless;
      }
    }
  std::vector<uint8_t> text(kTocAllocation);
  if (auto c = send(cdb::read_toc(cdb::TocFormat::CdText, false, 0, kTocAllocation), Direction::FromDevice, text);
      c.ok()) {
    const auto bytes = received(text, c);
    if (responses) responses->cdtext.assign(bytes.begin(), bytes.end());
    disc.cdtext = parse_toc_cdtext(bytes);
  }
  add_codes(disc);
  return found;
}

std::optional<DiscInformation> Drive::disc_information(CommandResult* result) {
  std::vector<uint8_t> buf(34);
  CommandResult r = send(cdb::read_disc_information(34), Direction::FromDevice, buf);
  if (result) *result = r;
  if (!r.ok()) return std::nullopt;
  return parse_disc_information(received(buf, r));
}

std::optional<Atip> Drive::atip(CommandResult* result) {
  std::vector<uint8_t> buf(32);
  CommandResult r = send(cdb::read_toc(cdb::TocFormat::Atip, false, 0, 32), Direction::FromDevice, buf);
  if (result) *result = r;
  if (!r.ok()) return std::nullopt;
  return parse_atip(received(buf, r));
}

CommandResult Drive::read_cd_run(Lba lba, uint32_t count, const ReadCdRequest& request, std::span<uint8_t> reply) {
  return send(cdb::read_cd(request.type, lba, count, request.selection), Direction::FromDevice, reply,
              std::chrono::milliseconds(60000));
}

CommandResult Drive::read_cd(Lba lba, uint32_t count, const ReadCdRequest& request, std::span<uint8_t> main,
                             std::span<uint8_t> c2, std::span<uint8_t> sub, bool* c2_tail_missing) {
  const ReadCdLayout layout =
      read_cd_layout(request.selection, request.type == SectorType::Any ? SectorType::CdDa : request.type);
  if (!layout.valid) throw std::invalid_argument("READ CD selection the drive must reject");
  // Where C2 and subchannel sit in this drive's reply.
  size_t c2_at = layout.c2_offset, sub_at = layout.sub_offset;
  if (quirks_.sector_order == SectorOrder::MainSubC2 && layout.c2_size && layout.sub_size) {
    sub_at = layout.main_size;
    c2_at = layout.main_size + layout.sub_size;
  }
  const size_t shift = layout.c2_size ? quirks_.c2_shift : 0;
  uint32_t extra = static_cast<uint32_t>((shift + kC2Size - 1) / kC2Size);
  if (c2_tail_missing) *c2_tail_missing = false;
  const auto per_run = static_cast<uint32_t>(std::max<size_t>(1, transport_.max_transfer() / layout.sector_size));
  CommandResult r;
  for (int attempt = 0; attempt < 2; ++attempt) {
    const uint32_t total = count + extra;
    reply_.resize(size_t{total} * layout.sector_size);
    r = CommandResult{};
    for (uint32_t done = 0; done < total && r.ok();) {
      const uint32_t n = std::min(per_run, total - done);
      r = read_cd_run(lba + static_cast<Lba>(done), n, request,
                      std::span(reply_).subspan(size_t{done} * layout.sector_size, size_t{n} * layout.sector_size));
      if (r.ok() && !r.whole()) r = short_read(r, size_t{n} * layout.sector_size);
      done += n;
    }
    if (r.ok() || extra == 0 || r.transport != TransportError::None) break;
    // Perhaps only the sectors after the run (read for their late C2) do not exist or do not
    // read: try without them. A medium error says where it failed when it can.
    const SenseClass k = classify(r.sense);
    const bool beyond =
        k == SenseClass::LbaOutOfRange ||
        (k == SenseClass::ReadError &&
         (!r.sense.information || static_cast<Lba>(*r.sense.information) >= lba + static_cast<Lba>(count)));
    if (!beyond) break;
    extra = 0;
  }
  if (!r.ok()) return r;
  // Read without the extra sectors: the last sectors' late C2 was never delivered.
  if (c2_tail_missing) *c2_tail_missing = shift != 0 && extra == 0;
  const uint32_t total = count + extra;
  for (uint32_t i = 0; i < count; ++i) {
    const uint8_t* s = reply_.data() + size_t{i} * layout.sector_size;
    if (!main.empty()) std::memcpy(main.data() + size_t{i} * layout.main_size, s, layout.main_size);
    if (!sub.empty() && layout.sub_size)
      std::memcpy(sub.data() + size_t{i} * layout.sub_size, s + sub_at, layout.sub_size);
    if (!c2.empty() && layout.c2_size) {
      uint8_t* out = c2.data() + size_t{i} * kC2Size;
      for (size_t k = 0; k < kC2Size; ++k) {  // stream byte 294 * i + k + shift
        const size_t pos = size_t{i} * kC2Size + k + shift;
        const size_t src = pos / kC2Size;
        out[k] = src < total ? reply_[src * layout.sector_size + c2_at + pos % kC2Size] : 0;
      }
    }
  }
  return r;
}

CommandResult Drive::read_cdda(Lba lba, uint32_t count, std::span<uint8_t> main, std::span<uint8_t> sub) {
  constexpr size_t kMain = 2352, kSub = 96, kSize = kMain + kSub;
  if (main.size() < size_t{count} * kMain || sub.size() < size_t{count} * kSub)
    throw std::invalid_argument("Drive::read_cdda: buffers smaller than the count");
  const auto per_run = static_cast<uint32_t>(std::max<size_t>(1, transport_.max_transfer() / kSize));
  CommandResult r;
  for (uint32_t done = 0; done < count && r.ok();) {
    const uint32_t n = std::min(per_run, count - done);
    reply_.resize(size_t{n} * kSize);
    r = send(cdb::plextor_read_cdda(lba + static_cast<Lba>(done), n, PlextorSubcode::RawPw), Direction::FromDevice,
             reply_, std::chrono::milliseconds(60000));
    if (r.ok() && !r.whole()) r = short_read(r, reply_.size());
    if (!r.ok()) break;
    for (uint32_t i = 0; i < n; ++i) {
      const uint8_t* s = reply_.data() + size_t{i} * kSize;
      std::memcpy(main.data() + size_t{done + i} * kMain, s, kMain);
      std::memcpy(sub.data() + size_t{done + i} * kSub, s + kMain, kSub);
    }
    done += n;
  }
  return r;
}

std::vector<uint8_t> Drive::read_mediatek_cache(size_t max_bytes, CommandResult* result) {
  constexpr size_t kChunk = 64 * 1024;
  std::vector<uint8_t> cache;
  CommandResult r;
  while (cache.size() < max_bytes) {
    const size_t n = std::min({kChunk, max_bytes - cache.size(), std::max<size_t>(transport_.max_transfer(), 2048)});
    reply_.resize(n);
    r = send(cdb::mediatek_read_cache(static_cast<uint32_t>(cache.size()), static_cast<uint32_t>(n)),
             Direction::FromDevice, reply_);
    if (!r.ok()) break;
    const size_t got = n - std::min<size_t>(n, r.residual);
    cache.insert(cache.end(), reply_.begin(), reply_.begin() + static_cast<ptrdiff_t>(got));
    if (got < n) break;  // the cache ends here
  }
  if (result) *result = r;
  return cache;
}

CommandResult Drive::eject() {
  CommandResult r = send(cdb::prevent_allow_medium_removal(false));
  if (unit_attention(r)) r = send(cdb::prevent_allow_medium_removal(false));
  if (!r.ok() && r.transport != TransportError::None) return r;
  for (int i = 0; i < 3; ++i)
    if (r = send(cdb::start_stop_unit(cdb::StartStop::Eject)); !unit_attention(r)) break;
  return r;
}

CommandResult Drive::load() {
  CommandResult r;
  for (int i = 0; i < 3; ++i)
    if (r = send(cdb::start_stop_unit(cdb::StartStop::Load)); !unit_attention(r)) break;
  return r;
}

CommandResult Drive::lock(bool locked) { return send(cdb::prevent_allow_medium_removal(locked)); }

CommandResult Drive::set_speed(double read_x, double write_x) {
  return send(cdb::set_cd_speed(kbps(read_x), kbps(write_x)));
}

}  // namespace dw::scsi

// Recording: SEND OPC INFORMATION, SEND CUE SHEET, WRITE(10), SYNCHRONIZE CACHE, CLOSE TRACK/SESSION and BLANK on the
// virtual drive's recordable media, checked like a strict drive (reference/mmc.md
// "Disc-at-once writing").
#include <algorithm>
#include <chrono>
#include <cmath>
#include <optional>
#include <stdexcept>
#include <string>

#include "disc/rw_interleave.hpp"
#include "disc/subchannel.hpp"
#include "scsi/virtual/vd_context.hpp"

namespace dw::vdrive {

namespace {
constexpr uint8_t kTao = 1, kSao = 2, kRaw = 3;
constexpr uint64_t kCalibrationUs = 500'000;  // OPC: drive time of one power calibration

// TAO: the cue-sheet data form of the write parameters page's data block type (byte 4): raw
// audio or Mode 1 user data; nullopt for the others (not modelled).
std::optional<uint8_t> tao_form(uint8_t block_type) {
  if (block_type == 0) return 0x00;
  if (block_type == 8) return 0x10;
  return std::nullopt;
}

// Mode page 05's MCN (bytes 16-31, MCVAL bit 7 of byte 16, digits at 17-29) or ISRC (bytes 32-47,
// TCVAL bit 7 of byte 32, characters at 33-44) when valid.
std::string page_code(const std::vector<uint8_t>& page, size_t at, size_t len) {
  if (page.size() < at + 1 + len || !(page[at] & 0x80)) return {};
  return std::string(page.begin() + static_cast<std::ptrdiff_t>(at + 1),
                     page.begin() + static_cast<std::ptrdiff_t>(at + 1 + len));
}
// RAW: the bytes per block the host sends for data block type `block_type` (1: 2352 + 16 P-Q,
// 2: + 96 packed P-W, 3: + 96 raw P-W), and the same blocks converted to 2352 + raw P-W, which is
// what the drive records (disc/subchannel.hpp has both forms).
size_t raw_wire_block(uint8_t block_type) { return block_type == 1 ? 2352 + kPqSize : 2352 + kSubchannelSize; }

std::vector<uint8_t> raw_blocks_as_recorded(uint8_t block_type, std::span<const uint8_t> data, RwStream& rw) {
  const size_t wire = raw_wire_block(block_type), blocks = data.size() / wire;
  std::vector<uint8_t> out(blocks * (2352 + kSubchannelSize));
  for (size_t i = 0; i < blocks; ++i) {
    const uint8_t* in = data.data() + i * wire;
    uint8_t* to = out.data() + i * (2352 + kSubchannelSize);
    std::copy(in, in + 2352, to);
    const std::span<uint8_t, kSubchannelSize> sub(to + 2352, kSubchannelSize);
    if (block_type == 1)
      raw_from_pq16(std::span<const uint8_t, kPqSize>(in + 2352, kPqSize), sub);
    else {  // 2: the drive interleaves the packs (its delay lines run on from the lead-in start)
      rw.push(std::span<const uint8_t, kSubchannelSize>(in + 2352, kSubchannelSize), sub);
      for (size_t j = 0; j < kSubchannelSize; ++j)
        sub[j] = static_cast<uint8_t>((in[2352 + j] & 0xC0) | (sub[j] & 0x3F));
    }
  }
  return out;
}
}  // namespace

bool VirtualDrive::blank_answer(Ctx& c) {
  if (media_) return false;
  const uint8_t op = c.cdb[0];
  if (op == 0x28 || op == 0xA8 || op == 0xBE || op == 0xD8)
    c.fail(scsi::sense_key::kIllegalRequest, 0x21, 0x00);  // nothing recorded there
  else
    c.invalid_field();
  return true;
}

void VirtualDrive::send_cue_sheet(Ctx& c) {
  if (!need_media(c)) return;
  if (!recordable_ || personality_.max_write_speed <= 0) return c.fail(scsi::sense_key::kIllegalRequest, 0x30, 0x05);
  const uint32_t len = be24(c.cdb, 6);
  if (len > c.data.size()) return c.fail(scsi::sense_key::kIllegalRequest, 0x1A, 0x00);
  const std::vector<uint8_t> page = mode_page(0x05);
  if ((page[2] & 0x0F) != kSao) return c.fail(scsi::sense_key::kIllegalRequest, 0x2C, 0x00);
  const auto state = recordable_->state();
  if (state != RecordableMedia::State::Blank && state != RecordableMedia::State::Appendable)
    return c.fail(scsi::sense_key::kIllegalRequest, 0x2C, 0x00);
  if (cue_sheets_refused_ < faults_.cue_sheet_refusals) {  // a picky drive (fault plan)
    ++cue_sheets_refused_;
    cue_sheet_error_ = "refused by the fault plan (refuse_cue_sheet)";
    return c.fail(scsi::sense_key::kIllegalRequest, 0x26, 0x00);
  }
  try {
    auto sheet = CueSheet::parse(c.data.first(len), recordable_->program_start(), recordable_->capacity());
    recordable_->set_cue_sheet(std::move(sheet), page[8]);
  } catch (const std::invalid_argument& e) {
    cue_sheet_error_ = e.what();
    return c.fail(scsi::sense_key::kIllegalRequest, 0x26, 0x00);
  }
  c.reply.transferred = len;
}

void VirtualDrive::write10(Ctx& c) {
  if (!need_media(c)) return;
  if (!recordable_) return c.fail(scsi::sense_key::kIllegalRequest, 0x30, 0x05);  // pressed media
  if (recordable_->state() == RecordableMedia::State::Complete && !spoiled_)
    return c.fail(scsi::sense_key::kIllegalRequest, 0x2C, 0x00);
  const auto lba = static_cast<Lba>(be32(c.cdb, 2));
  const uint32_t blocks = be16(c.cdb, 7);
  const std::vector<uint8_t> page = mode_page(0x05);
  const uint8_t type = page[2] & 0x0F;
  const bool test = page[2] & 0x10, bufe = page[2] & 0x40;
  if (spoiled_) return c.fail(spoiled_->key, spoiled_->asc, spoiled_->ascq);
  // Faults first: a calibration that fails or a disc pulled out leaves nothing started.
  if (!check_write_faults(c, lba, blocks, test, bufe)) return;
  // RAW starts on a blank disc at the ATIP's lead-in start, on one left appendable at the next
  // session's lead-in (READ DISC INFORMATION); the LBA check below refuses any other block.
  const auto state = recordable_->state();
  if (type == kRaw && !recordable_->raw() &&
      (state == RecordableMedia::State::Blank || state == RecordableMedia::State::Appendable)) {
    try {
      recordable_->start_raw(2448);
    } catch (const std::invalid_argument& e) {
      cue_sheet_error_ = e.what();
      return c.fail(scsi::sense_key::kIllegalRequest, 0x2C, 0x00);
    }
    raw_rw_.reset();  // the R-W interleave's delay lines start again with each session's lead-in
  }
  if (type == kTao && !recordable_->tao_track_open()) {  // the first WRITE of a track starts it
    const auto form = tao_form(page[4]);
    if (!form) return c.fail(scsi::sense_key::kIllegalRequest, 0x64, 0x00);  // illegal mode for this track
    if (lba != recordable_->tao_start()) return c.fail(scsi::sense_key::kIllegalRequest, 0x21, 0x02);
    try {
      recordable_->start_tao_track(page[3] & 0x0F, *form, page[8], page_code(page, 16, 13), page_code(page, 32, 12));
    } catch (const std::invalid_argument& e) {
      cue_sheet_error_ = e.what();
      return c.fail(scsi::sense_key::kIllegalRequest, 0x2C, 0x00);
    }
  }
  if (type == kSao && !recordable_->has_cue_sheet()) return c.fail(scsi::sense_key::kIllegalRequest, 0x2C, 0x00);
  if (type != kSao && type != kRaw && type != kTao) return c.fail(scsi::sense_key::kIllegalRequest, 0x2C, 0x00);
  if (lba != recordable_->next_writable()) return c.fail(scsi::sense_key::kIllegalRequest, 0x21, 0x02);
  if (recordable_->raw() && int64_t{lba} + blocks > recordable_->capacity() + kFirstLeadOutSectors)
    return c.fail(scsi::sense_key::kIllegalRequest, 0x21, 0x00);  // past the last possible lead-out
  if (blocks == 0) return;
  size_t bytes = 0;
  for (uint32_t i = 0; i < blocks; ++i) {
    const size_t size = recordable_->block_size_at(lba + static_cast<Lba>(i));
    if (size == 0) return c.fail(scsi::sense_key::kIllegalRequest, 0x21, 0x02);  // a block the drive generates
    bytes += size;
  }
  const uint8_t raw_block_type = recordable_->raw() ? page[4] : kRaw;
  if (raw_block_type != kRaw) bytes = size_t{blocks} * raw_wire_block(raw_block_type);
  if (bytes != c.data.size()) return c.invalid_field();  // the transfer does not match the block sizes
  // Underrun: with BUFE off, a host that pauses longer than the buffer lasts ruins the disc.
  const auto now = std::chrono::steady_clock::now();
  if (last_write_ && !bufe && buffered_bytes(now) == 0) {
    spoiled_ = Spoiled{scsi::sense_key::kMediumError, 0x0C, 0x09};
    return c.fail(scsi::sense_key::kMediumError, 0x0C, 0x09);
  }
  last_write_ = now;
  write_block_bytes_ = static_cast<uint32_t>(bytes / blocks);
  if (raw_block_type != kRaw)
    recordable_->write(lba, blocks, raw_blocks_as_recorded(raw_block_type, c.data, raw_rw_), test);
  else
    recordable_->write(lba, blocks, c.data, test);
  clock_.write(blocks, write_speed_ > 0 ? write_speed_ : personality_.max_write_speed);
  c.reply.transferred = bytes;
}

// The write buffer (the personality's size) as the underrun model keeps it: the host keeps it
// topped up - each WRITE of a run leaves it full - and while the host is away the drive records
// from it at the write speed, whole sectors of 2352 bytes, 75 x speed a second. Empty outside a
// run (before its first WRITE, after SYNCHRONIZE CACHE, CLOSE SESSION or BLANK). With BUFE off,
// a WRITE that finds it empty is an underrun. READ BUFFER CAPACITY reports it.
uint64_t VirtualDrive::buffered_bytes(std::chrono::steady_clock::time_point now) const {
  if (!last_write_) return 0;
  const uint64_t size = uint64_t{static_cast<uint32_t>(personality_.buffer_kib)} * 1024;
  const double speed = write_speed_ > 0 ? write_speed_ : personality_.max_write_speed;
  const double away_s = std::chrono::duration<double>(now - *last_write_).count();
  const double recorded = std::floor(away_s * 75.0 * speed) * 2352.0;
  return recorded >= double(size) ? 0 : size - static_cast<uint64_t>(recorded);
}

// The fault plan's recording faults (docs/virtual-drive.md "Faults"): the medium pulled out, a
// disc the laser cannot be calibrated for, a block that cannot be recorded, the buffer running dry.
bool VirtualDrive::check_write_faults(Ctx& c, Lba lba, uint32_t blocks, bool test, bool bufe) {
  const auto reaches = [&](Lba at) { return at >= lba && int64_t{at} < int64_t{lba} + blocks; };
  if (faults_.remove_at && reaches(*faults_.remove_at)) {
    remove();
    tray_open_ = false;
    c.fail(scsi::sense_key::kNotReady, 0x3A, 0x00);
    return false;
  }
  if (test) return true;  // the laser is off: nothing to calibrate, record or run dry
  if (!calibrated_) {     // the drive calibrates before the first block it records
    clock_.wait_us(kCalibrationUs);
    if (faults_.power_calibration_fails) {
      c.fail(scsi::sense_key::kMediumError, 0x73, 0x03);  // power calibration area error
      return false;
    }
    calibrated_ = true;
  }
  for (const LbaRange& r : faults_.write_errors)
    if (int64_t{r.first} < int64_t{lba} + blocks && lba < int64_t{r.first} + r.count) {
      spoiled_ = Spoiled{scsi::sense_key::kMediumError, 0x0C, 0x00};
      c.fail(scsi::sense_key::kMediumError, 0x0C, 0x00);
      return false;
    }
  if (faults_.underrun_at && reaches(*faults_.underrun_at) && !bufe) {
    spoiled_ = Spoiled{scsi::sense_key::kMediumError, 0x0C, 0x09};
    c.fail(scsi::sense_key::kMediumError, 0x0C, 0x09);
    return false;
  }
  return true;
}

void VirtualDrive::synchronize_cache(Ctx& c) {
  if (!need_media(c)) return;
  if (!recordable_ || recordable_->state() == RecordableMedia::State::Complete) return;  // nothing buffered
  if (spoiled_) return c.fail(spoiled_->key, spoiled_->asc, spoiled_->ascq);
  if (recordable_->state() == RecordableMedia::State::Blank ||
      recordable_->state() == RecordableMedia::State::Appendable) {
    last_write_.reset();
    // After a simulation the disc stays blank (or appendable) and ready for the real write.
    if (mode_page(0x05)[2] & 0x10) recordable_->abandon();
    return;
  }
  if (recordable_->tao()) {  // TAO on CD: the track written so far is closed; CLOSE SESSION fixes the disc
    last_write_.reset();
    if (recordable_->tao_track_open() && recordable_->next_writable() > recordable_->tao_start())
      recordable_->close_tao_track();
    return;
  }
  finalise_recording(c);
}

// The recording becomes the disc in the drive (SAO, RAW: SYNCHRONIZE CACHE; TAO: CLOSE SESSION).
// A SAO session written with mode page 05's multisession field 11b leaves the disc open for the
// next session.
void VirtualDrive::finalise_recording(Ctx& c) {
  if (!recordable_->complete_written()) return c.fail(scsi::sense_key::kIllegalRequest, 0x2C, 0x00);
  try {
    recorded_ = recordable_->finalise((mode_page(0x05)[3] >> 6) == 3);
  } catch (const std::exception& e) {
    cue_sheet_error_ = e.what();
    return c.fail(scsi::sense_key::kMediumError, 0x72, 0x00);  // session fixation error
  }
  media_ = std::make_shared<PressedMedia>(recorded_, personality_.write_offset);
  last_write_.reset();
  forget_reads();
  clock_.wait_us(2'000'000);  // writing the lead-in and lead-out
}

// SEND OPC INFORMATION: DoOpc (byte 1 bit 0) runs the power calibration, which on recordable
// media always succeeds; a parameter list (OPC values from an earlier run) is taken as is.
void VirtualDrive::send_opc(Ctx& c) {
  if (!need_media(c)) return;
  if (!recordable_) return c.fail(scsi::sense_key::kIllegalRequest, 0x30, 0x05);  // pressed media
  const uint16_t len = be16(c.cdb, 7);
  if (len > c.data.size()) return c.fail(scsi::sense_key::kIllegalRequest, 0x1A, 0x00);
  if (c.at(1) & 0x01) {
    clock_.wait_us(kCalibrationUs);
    if (faults_.power_calibration_fails) return c.fail(scsi::sense_key::kMediumError, 0x73, 0x03);
    calibrated_ = true;
  }
  c.reply.transferred = len;
}

// CLOSE TRACK/SESSION (5Bh), byte 2 function: 1 closes the TAO track being written, 2 the session
// (lead-in and lead-out: the disc is complete; multisession is not modelled).
void VirtualDrive::close_track(Ctx& c) {
  if (!need_media(c)) return;
  if (!recordable_ || media_ || !recordable_->tao()) return c.fail(scsi::sense_key::kIllegalRequest, 0x2C, 0x00);
  const uint8_t function = c.at(2) & 0x07;
  if (function == 1) {
    if (!recordable_->tao_track_open()) return;  // nothing open: nothing to do
    try {
      recordable_->close_tao_track();
    } catch (const std::invalid_argument& e) {
      cue_sheet_error_ = e.what();
      return c.fail(scsi::sense_key::kIllegalRequest, 0x2C, 0x00);
    }
    return;
  }
  if (function != 2) return c.invalid_field();
  finalise_recording(c);
}

void VirtualDrive::blank_media(Ctx& c) {
  if (!need_media(c)) return;
  if (!recordable_ || recordable_->kind() != RecordableMedia::Kind::CdRw)
    return c.fail(scsi::sense_key::kIllegalRequest, 0x30, 0x05);
  const uint8_t type = c.at(1) & 0x07;
  if (type > 1) return c.invalid_field();
  recordable_->blank();
  blanked(type == 0 ? 600'000'000 : 60'000'000);  // full: minutes; minimal: about a minute
}

// What a blanked rewritable disc no longer has: the recording read back, a spoiled state, the
// laser's calibration for it. `us`: the drive time blanking takes.
void VirtualDrive::blanked(uint64_t us) {
  media_.reset();
  recorded_.reset();
  spoiled_.reset();
  calibrated_ = false;
  last_write_.reset();
  forget_reads();
  clock_.wait_us(us);
}

}  // namespace dw::vdrive

#include "scsi/virtual/virtual_drive.hpp"

#include <algorithm>

#include "scsi/virtual/vd_context.hpp"

namespace dw::vdrive {

namespace {

size_t cdb_length(uint8_t opcode) {
  if (opcode == 0xF1) return 10;  // MediaTek cache read (reference/mmc.md)
  switch (opcode >> 5) {
    case 0: return 6;
    case 1:
    case 2: return 10;
    case 4: return 16;
    default: return 12;
  }
}

// Commands a drive answers while a unit attention is pending or it is not ready (MMC: these
// report state rather than use the medium).
bool exempt(uint8_t opcode) { return opcode == 0x12 || opcode == 0x03 || opcode == 0x46 || opcode == 0x4A; }

// BLANK (A1h, byte 1 bit 4) and SYNCHRONIZE CACHE (35h, byte 1 bit 1) with IMMED set.
bool immediate(std::span<const uint8_t> cdb) {
  return (cdb[0] == 0xA1 && (cdb[1] & 0x10)) || (cdb[0] == 0x35 && (cdb[1] & 0x02));
}

}  // namespace

VirtualDrive::VirtualDrive(Personality personality, TimingMode timing, FaultPlan faults)
    : personality_(std::move(personality)), clock_(timing), faults_(std::move(faults)), rng_(faults_.seed) {}

VirtualDrive::~VirtualDrive() = default;

// A new or changed medium: nothing read before counts (cache, head position, fault attempts).
void VirtualDrive::forget_reads() {
  cache_begin_ = cache_end_ = 0;
  cache_jitter_ = 0;
  head_ = 0;
  attempts_.clear();
}

void VirtualDrive::insert(std::shared_ptr<PressedMedia> media) {
  immed_polls_ = 0;  // a new medium or none: nothing runs on it
  media_ = std::move(media);
  dvdr_.reset();
  tray_open_ = false;
  spinning_ = false;
  unit_attention_ = true;
  media_event_ = 2;  // new media
  forget_reads();
}

void VirtualDrive::insert_blank(std::shared_ptr<RecordableMedia> media) {
  immed_polls_ = 0;  // a new medium or none: nothing runs on it
  media_.reset();
  recorded_.reset();
  recordable_ = std::move(media);
  dvdr_.reset();
  tray_open_ = false;
  spinning_ = false;
  unit_attention_ = true;
  media_event_ = 2;
  spoiled_.reset();
  calibrated_ = false;
  last_write_.reset();
  forget_reads();
}

void VirtualDrive::insert_blank_dvd(std::shared_ptr<DvdRecordableMedia> media) {
  insert_blank(nullptr);
  dvdr_ = std::move(media);
  if (dvdr_->overwritable() && dvdr_->formatted()) overwrite_changed();  // a formatted BD-RE reads at once
}

void VirtualDrive::remove() {
  immed_polls_ = 0;  // a new medium or none: nothing runs on it
  media_.reset();
  recordable_.reset();
  dvdr_.reset();
  spinning_ = false;
  media_event_ = 3;  // media removal
  forget_reads();
}

Reply VirtualDrive::execute(std::span<const uint8_t> cdb, std::span<uint8_t> data, bool data_out) {
  Ctx c{cdb, data, data_out, {}};
  const uint64_t started = clock_.now_us();
  ++command_count_;
  clock_.command();
  if (cdb.empty()) {
    c.fail(scsi::sense_key::kIllegalRequest, 0x20, 0x00);
    return c.reply;
  }
  const uint8_t op = cdb[0];
  for (uint32_t n : faults_.medium_changes)
    if (n == command_count_) {
      unit_attention_ = true;
      media_event_ = 2;
      cache_begin_ = cache_end_ = 0;
    }
  for (auto& h : faults_.hangs) {
    if (h.opcode != op) continue;
    if (h.lba && (cdb.size() < 6 || static_cast<Lba>(be32(cdb, 2)) != *h.lba)) continue;
    if (h.times != 0 && h.fired >= h.times) continue;
    ++h.fired;
    c.reply.hung = true;
    return c.reply;
  }

  static const std::map<uint8_t, Handler> table{
      {0x00, &VirtualDrive::test_unit_ready},   {0x03, &VirtualDrive::request_sense},
      {0x12, &VirtualDrive::inquiry},           {0x1B, &VirtualDrive::start_stop},
      {0x1E, &VirtualDrive::prevent_allow},     {0x25, &VirtualDrive::read_capacity},
      {0x28, &VirtualDrive::read_user_data},    {0x2A, &VirtualDrive::write10},
      {0x35, &VirtualDrive::synchronize_cache}, {0x3C, &VirtualDrive::read_buffer},
      {0x5B, &VirtualDrive::close_track},       {0x5D, &VirtualDrive::send_cue_sheet},
      {0xA1, &VirtualDrive::blank_media},       {0x42, &VirtualDrive::read_subchannel},
      {0x43, &VirtualDrive::read_toc},          {0x46, &VirtualDrive::get_configuration},
      {0x4A, &VirtualDrive::event_status},      {0x51, &VirtualDrive::disc_information},
      {0x52, &VirtualDrive::track_information}, {0x55, &VirtualDrive::mode_select},
      {0x5A, &VirtualDrive::mode_sense},        {0x15, &VirtualDrive::mode_select6},
      {0x1A, &VirtualDrive::mode_sense6},       {0x5C, &VirtualDrive::buffer_capacity},
      {0xA8, &VirtualDrive::read_user_data},    {0xAC, &VirtualDrive::get_performance},
      {0xAD, &VirtualDrive::disc_structure},    {0xBB, &VirtualDrive::set_speed},
      {0xBE, &VirtualDrive::read_cd},           {0xD8, &VirtualDrive::read_cdda_d8},
      {0xF1, &VirtualDrive::read_cache_f1},     {0x01, &VirtualDrive::rezero},
      {0x44, &VirtualDrive::read_header},       {0x54, &VirtualDrive::send_opc},
  };
  // A short transfer gives back the buffer's tail as it was: what the buffer holds now.
  FaultPlan::ShortTransfer* short_transfer = data_out ? nullptr : short_transfer_for(cdb);
  std::vector<uint8_t> before;
  if (short_transfer) before.assign(data.begin(), data.end());
  auto it = table.find(op);
  const Handler dvd = dvd_handler(op);  // blank DVD-R media: its own answers (vd_write_dvd.cpp)
  if (!dvd && (it == table.end() || (op == 0xD8 && personality_.leadin != LeadInAccess::PlextorD8) ||
               (op == 0xF1 && personality_.leadin != LeadInAccess::MediaTekCache))) {
    c.fail(scsi::sense_key::kIllegalRequest, 0x20, 0x00);
  } else if (cdb.size() < cdb_length(op)) {
    c.invalid_field();
  } else if (unit_attention_ && !exempt(op)) {
    unit_attention_ = false;
    c.fail(scsi::sense_key::kUnitAttention, 0x28, 0x00);
  } else if (immed_polls_ > 0 && (op == 0x00 || op == 0x03 || !exempt(op))) {
    operation_in_progress(c);
  } else {
    bool not_ready = false;
    for (const auto& nr : faults_.not_ready)
      if (command_count_ > nr.after_commands && command_count_ <= uint64_t{nr.after_commands} + nr.commands)
        not_ready = true;
    if (not_ready && !exempt(op) && op != 0x12)
      c.fail(scsi::sense_key::kNotReady, 0x04, 0x01);
    else
      (this->*(dvd ? dvd : it->second))(c);
  }
  if (!c.failed() && immediate(cdb)) immed_polls_ = kImmedPolls;
  if (short_transfer && !c.failed() && c.reply.transferred) cut_transfer(c, *short_transfer, before);
  // The sense REQUEST SENSE returns next: this command's (none when it succeeded).
  if (op != 0x03) last_sense_ = c.reply.sense;
  c.reply.drive_us = clock_.now_us() - started;
  return c.reply;
}

// An IMMED operation still running (it returned GOOD at once; its work is done, but the drive
// says so only after kImmedPolls polls, whatever the timing mode, so that a host's polling runs
// with timing=instant too): TEST UNIT READY and any command that needs the medium answer 02/04/07
// (LOGICAL UNIT NOT READY, OPERATION IN PROGRESS), REQUEST SENSE returns that sense; both carry
// the progress indication (SKSV, bytes 16-17: polls done / kImmedPolls of 65536). TEST UNIT
// READY and REQUEST SENSE are the polls.
void VirtualDrive::operation_in_progress(Ctx& c) {
  const uint8_t op = c.cdb[0];
  const auto progress = static_cast<uint16_t>((kImmedPolls - immed_polls_) * 65536 / kImmedPolls);
  auto sense = scsi::build_fixed_sense(scsi::sense_key::kNotReady, 0x04, 0x07, std::nullopt, progress);
  if (op == 0x00 || op == 0x03) --immed_polls_;
  if (op == 0x03) {
    last_sense_.clear();
    return c.respond(sense, c.at(4));
  }
  c.reply.status = 2;
  c.reply.sense = std::move(sense);
  c.reply.transferred = 0;
}

bool VirtualDrive::need_media(Ctx& c) {
  if ((media_ || recordable_ || dvdr_) && !tray_open_) {
    if (!spinning_) {
      clock_.spin_up();
      spinning_ = true;
    }
    return true;
  }
  c.fail(scsi::sense_key::kNotReady, 0x3A, tray_open_ ? 0x02 : 0x01);
  return false;
}

}  // namespace dw::vdrive

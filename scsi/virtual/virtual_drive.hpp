// The virtual drive: an MMC target. It receives CDBs and answers with the bytes, status and sense
// a real drive would give, over pressed media (any Disc + SectorSource), with a personality, a
// timing model and injected faults. Used in-process through VirtualTransport, so the host's real
// MMC code runs against it. Behaviour and limits: docs/virtual-drive.md.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <span>
#include <string>
#include <vector>

#include "disc/rw_interleave.hpp"
#include "scsi/virtual/dvd_recordable_media.hpp"
#include "scsi/virtual/faults.hpp"
#include "scsi/virtual/personality.hpp"
#include "scsi/virtual/pressed_media.hpp"
#include "scsi/virtual/recordable_media.hpp"
#include "scsi/virtual/timing.hpp"

namespace dw::vdrive {

/// What the target answers to one command.
struct Reply {
  uint8_t status = 0;          ///< 0 GOOD, 2 CHECK CONDITION
  std::vector<uint8_t> sense;  ///< fixed-format sense with CHECK CONDITION
  size_t transferred = 0;      ///< data-in bytes written / data-out bytes taken
  bool hung = false;           ///< the command never completes (the host must time out)
  uint64_t drive_us = 0;       ///< drive time the command took
};

class VirtualDrive {
 public:
  VirtualDrive(Personality personality, TimingMode timing = TimingMode::Realistic, FaultPlan faults = {});
  ~VirtualDrive();

  /// Inserts pressed media (tray closed, a unit attention is reported once, as real drives do).
  void insert(std::shared_ptr<PressedMedia> media);
  /// Inserts blank recordable media (CD-R or CD-RW).
  void insert_blank(std::shared_ptr<RecordableMedia> media);
  /// Inserts blank DVD-R, DVD+R or DVD-RW media.
  void insert_blank_dvd(std::shared_ptr<DvdRecordableMedia> media);
  /// Takes the medium out (tray open).
  void remove();
  /// The recordable medium, when one is inserted.
  [[nodiscard]] const RecordableMedia* recordable() const { return recordable_.get(); }
  /// The DVD-R medium, when one is inserted.
  [[nodiscard]] const DvdRecordableMedia* dvd_recordable() const { return dvdr_.get(); }
  /// What was recorded and finalised on the recordable medium (nullptr before that).
  [[nodiscard]] std::shared_ptr<SectorSource> recorded() const { return recorded_; }
  /// Why the last cue sheet was refused (what a strict drive's firmware would log).
  [[nodiscard]] const std::string& last_refusal() const { return cue_sheet_error_; }
  [[nodiscard]] bool has_media() const { return media_ != nullptr || recordable_ != nullptr || dvdr_ != nullptr; }
  [[nodiscard]] const PressedMedia* media() const { return media_.get(); }
  [[nodiscard]] const Personality& personality() const { return personality_; }
  [[nodiscard]] const TimingModel& clock() const { return clock_; }
  [[nodiscard]] uint64_t commands() const { return command_count_; }

  /// Executes one command. `data` is the data-in buffer (its size is the host's transfer length)
  /// or the data-out bytes.
  Reply execute(std::span<const uint8_t> cdb, std::span<uint8_t> data, bool data_out);

 private:
  struct Ctx;
  using Handler = void (VirtualDrive::*)(Ctx&);

  // Identity and state (vd_identity.cpp).
  void inquiry(Ctx& c);
  void test_unit_ready(Ctx& c);
  void request_sense(Ctx& c);
  void get_configuration(Ctx& c);
  void mode_sense(Ctx& c);
  void mode_sense6(Ctx& c);
  void mode_select(Ctx& c);
  void mode_select6(Ctx& c);
  bool mode_pages(Ctx& c, uint8_t pc, uint8_t code, std::vector<uint8_t>& r) const;
  void select_pages(Ctx& c, std::span<const uint8_t> data, size_t first_page);
  void start_stop(Ctx& c);
  void prevent_allow(Ctx& c);
  void event_status(Ctx& c);
  void set_speed(Ctx& c);
  void get_performance(Ctx& c);
  void buffer_capacity(Ctx& c);
  void read_buffer(Ctx& c);
  // Tables (vd_toc.cpp).
  void read_toc(Ctx& c);
  void disc_information(Ctx& c);
  void track_information(Ctx& c);
  void invisible_track_information(Ctx& c);
  void read_subchannel(Ctx& c);
  void read_capacity(Ctx& c);
  void disc_structure(Ctx& c);
  void bd_disc_structure(Ctx& c);  // (vd_bd_structure.cpp)
  // Sectors (vd_read.cpp).
  void read_cd(Ctx& c);
  void read_user_data(Ctx& c);
  void read_cdda_d8(Ctx& c);
  void read_cache_f1(Ctx& c);
  void read_header(Ctx& c);
  void rezero(Ctx& c);

  // Recording (vd_write.cpp).
  void send_cue_sheet(Ctx& c);
  void send_opc(Ctx& c);
  void write10(Ctx& c);
  void synchronize_cache(Ctx& c);
  void blank_media(Ctx& c);
  void close_track(Ctx& c);
  void finalise_recording(Ctx& c);
  bool blank_answer(Ctx& c);

  // Recording on DVD-R (vd_write_dvd.cpp).
  [[nodiscard]] Handler dvd_handler(uint8_t opcode) const;
  [[nodiscard]] bool dvd_write_parameters_ok(std::span<const uint8_t> page) const;
  void dvd_recorded(std::shared_ptr<SectorSource> disc);
  void read_format_capacities(Ctx& c);
  void dvd_read_capacity(Ctx& c);
  void dvd_disc_information(Ctx& c);
  void dvd_track_information(Ctx& c);
  void reserve_track(Ctx& c);
  void dvd_write10(Ctx& c);
  void dvd_synchronize_cache(Ctx& c);
  void dvd_close_track(Ctx& c);
  void dvd_blank(Ctx& c);
  void set_streaming(Ctx& c);
  // DVD+RW and DVD-RW Restricted Overwrite (vd_write_dvd_overwrite.cpp).
  [[nodiscard]] Handler overwrite_handler(uint8_t opcode) const;
  void append_formattable_descriptors(std::vector<uint8_t>& r) const;
  void overwrite_changed();
  void overwrite_format_unit(Ctx& c);
  void overwrite_format_capacities(Ctx& c);
  void overwrite_write10(Ctx& c);
  void overwrite_nothing_to_close(Ctx& c);
  void overwrite_disc_information(Ctx& c);
  void overwrite_track_information(Ctx& c);
  // BD-R and unformatted BD-RE formatting (vd_format_bd.cpp).
  void bd_format_unit(Ctx& c);

  // Shared helpers.
  bool need_media(Ctx& c);
  void operation_in_progress(Ctx& c);
  bool check_faults_before(Ctx& c, Lba first, uint32_t count);
  bool check_ecc(Ctx& c, Lba first, uint32_t count, std::span<const uint8_t> as_audio);
  FaultPlan::ShortTransfer* short_transfer_for(std::span<const uint8_t> cdb);
  void cut_transfer(Ctx& c, FaultPlan::ShortTransfer& t, std::span<const uint8_t> before);
  /// The fault plan's recording faults for a WRITE of `blocks` at `lba`; false after failing it.
  bool check_write_faults(Ctx& c, Lba lba, uint32_t blocks, bool test, bool bufe);
  void blanked(uint64_t us);
  [[nodiscard]] uint64_t buffered_bytes(std::chrono::steady_clock::time_point now) const;
  void seek_and_read(Lba first, uint32_t count);
  void audio_stream(Lba lba, uint32_t count, std::span<uint8_t> out, size_t stride, int jitter);
  void apply_sector_faults(Lba lba, std::span<uint8_t> main, std::span<uint8_t> c2, std::span<uint8_t> sub);
  uint32_t attempt(Lba lba) const;
  void c2_of(Lba lba, std::span<uint8_t> out) const;
  void count_attempts(Lba first, uint32_t count, bool cached);
  bool cached(Lba first, uint32_t count) const;
  [[nodiscard]] std::vector<uint8_t> mode_page(uint8_t page) const;
  int jitter_for_read();
  int stream_jitter(Lba first, uint32_t count);
  void forget_reads();

  Personality personality_;
  TimingModel clock_;
  FaultPlan faults_;
  std::shared_ptr<PressedMedia> media_;
  std::shared_ptr<RecordableMedia> recordable_;
  std::shared_ptr<DvdRecordableMedia> dvdr_;
  std::shared_ptr<SectorSource> recorded_;
  /// A recording spoiled by an underrun (03/0C/09) or a write error (03/0C/00): every later
  /// WRITE and SYNCHRONIZE CACHE answers the same sense.
  struct Spoiled {
    uint8_t key, asc, ascq;
  };
  std::optional<Spoiled> spoiled_;
  uint32_t cue_sheets_refused_ = 0;  ///< by the fault plan's refuse_cue_sheet
  /// The laser power is calibrated for the medium: by SEND OPC INFORMATION, or by the first real
  /// WRITE (drives calibrate then when the host did not ask); 0.5 s of drive time either way.
  bool calibrated_ = false;
  std::string cue_sheet_error_;  ///< why the last cue sheet or finalisation was refused
  /// The last WRITE of a CD recording run (unset outside one): the write buffer's state
  /// (buffered_bytes, vd_write.cpp).
  std::optional<std::chrono::steady_clock::time_point> last_write_;
  uint32_t write_block_bytes_ = 2048;  ///< bytes per block of the last WRITE
  uint16_t blank_progress_ = 0;
  bool tray_open_ = false;
  bool locked_ = false;
  bool spinning_ = false;
  bool unit_attention_ = false;
  /// An IMMED BLANK or SYNCHRONIZE CACHE still "running": the polls (TEST UNIT READY, REQUEST
  /// SENSE) that will still find it in progress (docs/virtual-drive.md "IMMED").
  uint32_t immed_polls_ = 0;
  static constexpr uint32_t kImmedPolls = 3;
  uint8_t media_event_ = 0;  ///< GESN media event code waiting to be reported
  std::vector<uint8_t> last_sense_;
  uint64_t command_count_ = 0;
  Lba head_ = 0;  ///< where the pickup is (last sector read)
  Lba cache_begin_ = 0, cache_end_ = 0;
  /// RAW data block type 2: the R-W pack interleave's delay lines, from the first RAW WRITE on.
  RwStream raw_rw_{RwStream::Direction::Interleave};
  /// The read-ahead beyond this point is still being read from the disc: a hit there waits for it.
  Lba paid_end_ = 0;
  std::map<Lba, uint32_t> attempts_;  ///< reads of fault-covered sectors
  int cache_jitter_ = 0;              ///< the jitter the cached stream was read with
  double read_speed_ = 0;             ///< x selected by SET CD SPEED (0 = max)
  double write_speed_ = 0;
  uint8_t read_retries_ = 0x20;  ///< page 01
  std::vector<uint8_t> page05_;
  std::array<uint8_t, 4> volume_{0xFF, 0xFF, 0x00, 0x00};  ///< page 0E: output ports 0-3
  std::mt19937 rng_;
  std::vector<uint8_t> scratch_;
};

}  // namespace dw::vdrive

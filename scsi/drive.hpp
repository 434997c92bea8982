// Drive: one optical drive seen through a Transport - its identity, capabilities, the quirks
// table's entry for it, its medium (profile, TOC, full TOC, CD-Text), READ CD with the drive's
// sector order and C2 shift undone, and tray, lock and speed control. Commands go out as the
// builders in mmc_cdb.hpp make them; answers come back through the parsers next to them.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "disc/cdtext.hpp"
#include "disc/disc.hpp"
#include "scsi/drive_quirks.hpp"
#include "scsi/mmc_config.hpp"
#include "scsi/mmc_disc_info.hpp"
#include "scsi/mmc_read_cd.hpp"
#include "scsi/mmc_toc.hpp"
#include "scsi/transport.hpp"

namespace dw::scsi {

struct CapabilitiesPage;

struct DriveIdentity {
  std::string vendor, product, revision, serial;
  friend bool operator==(const DriveIdentity&, const DriveIdentity&) = default;
};

/// What the drive says it can do (GET CONFIGURATION; older drives: mode page 2A).
struct DriveCapabilities {
  std::vector<uint16_t> profiles;  ///< all profiles the drive supports
  bool cd_read = false, c2 = false, cdtext = false;
  bool cd_write = false, sao = false, raw = false, raw_multisession = false, test_write = false, bufe = false;
  bool dvd_r_write = false;
  uint32_t max_cue_sheet = 0;
  /// Mode page 2A byte 5 bit 1: audio reads start exactly where asked, whatever came before
  /// (false also when the drive has no page 2A: then nothing says it does).
  bool accurate_stream = false;
  /// Mode page 2A: the fastest read and write speeds in kB/s (1x CD = 176.4 kB/s; 0 unknown) and
  /// the write speeds offered for the loaded medium, fastest first.
  uint16_t max_read_kbps = 0, max_write_kbps = 0;
  std::vector<uint16_t> write_speeds_kbps;
  /// Where the capabilities came from, and what could not be read ("GET CONFIGURATION refused:
  /// ... (capabilities from mode page 2A)"), for logs and drive-info.
  std::vector<std::string> notes;
};

/// The medium in the drive, as far as the commands of this layer tell.
struct MediaInfo {
  bool present = false;
  uint16_t profile = 0;  ///< current profile (0008 CD-ROM, 0009 CD-R, ...)
  std::string profile_name;
};

/// One READ CD, split: `main` gets count * main_size bytes, `c2` count * 294 (when asked),
/// `sub` count * 96 or 16 (when asked). C2 is realigned to its sector when the drive delivers
/// it late (quirks c2_shift); `c2_tail_missing` is set when the sectors needed for that could not
/// be read (past the end of the readable area, or a read error in them - the sense information
/// says where): the last sectors' C2 then reads as no error.
struct ReadCdRequest {
  SectorType type = SectorType::Any;
  ReadCdSelection selection = ReadCdSelection::raw();
};

/// The drive's answers behind read_disc, byte for byte (empty when the command failed or was
/// not needed): for dumps, which keep what the drive said.
struct DiscResponses {
  std::vector<uint8_t> toc, full_toc, cdtext;
  std::vector<uint8_t> session_info;  ///< format 1, asked only when the full TOC is refused
};

class Drive {
 public:
  /// Does not send anything; call probe() first.
  explicit Drive(Transport& transport);

  /// INQUIRY, unit serial number, GET CONFIGURATION, mode page 2A and the quirks table. Returns
  /// INQUIRY's result (it must succeed); the others are optional: a drive that refuses GET
  /// CONFIGURATION or answers it malformed is described from page 2A instead (older drives know
  /// only that page), with a note in capabilities().notes.
  CommandResult probe();
  [[nodiscard]] const DriveIdentity& identity() const { return identity_; }
  [[nodiscard]] const DriveCapabilities& capabilities() const { return caps_; }
  [[nodiscard]] const DriveQuirks& quirks() const { return quirks_; }
  [[nodiscard]] Transport& transport() { return transport_; }

  /// TEST UNIT READY.
  CommandResult test_unit_ready();
  /// Polls TEST UNIT READY through unit attentions and "becoming ready" (up to `attempts`);
  /// returns the last result.
  CommandResult wait_ready(int attempts = 20);
  /// Current profile and presence.
  MediaInfo media();

  /// The disc's table of contents: the full TOC (format 2) when the drive gives it, else the
  /// format 0 TOC with format 1's last session (scsi::disc_from_toc); data track modes from each track's first
  /// header; CD-Text (format 5), MCN and ISRCs (READ SUB-CHANNEL) when present. Throws InputError
  /// when the drive's answer is malformed; returns nullopt with `result` set when the TOC could
  /// not be read (blank media, no medium).
  std::optional<Disc> read_disc(CommandResult* result = nullptr, DiscResponses* responses = nullptr);
  /// READ DISC INFORMATION: blank / incomplete / complete, erasable, sessions, lead-in.
  std::optional<DiscInformation> disc_information(CommandResult* result = nullptr);
  /// READ TOC format 4 of recordable media (nullopt on pressed media, which has none).
  std::optional<Atip> atip(CommandResult* result = nullptr);

  /// READ CD of `count` sectors from `lba` into the split buffers (see ReadCdRequest). The
  /// transfer is cut into runs that fit the transport's limit.
  CommandResult read_cd(Lba lba, uint32_t count, const ReadCdRequest& request, std::span<uint8_t> main,
                        std::span<uint8_t> c2, std::span<uint8_t> sub, bool* c2_tail_missing = nullptr);

  /// Plextor READ CDDA (D8, vendor) of `count` sectors from `lba` with raw P-W: 2352 main bytes
  /// (audio-style: data sectors still scrambled, not offset-corrected) into `main` and 96 raw
  /// interleaved P-W bytes into `sub` per sector. On drives whose quirks say LeadInAccess::PlextorD8
  /// it reaches the lead-in (negative LBAs before the first pregap); other drives answer 05/20/00.
  /// Cut into runs that fit the transport's limit; returns the first failing result. Throws
  /// std::invalid_argument when a buffer is smaller than `count` sectors.
  CommandResult read_cdda(Lba lba, uint32_t count, std::span<uint8_t> main, std::span<uint8_t> sub);

  /// MediaTek cache read (F1, vendor): the drive's read cache from its start, 64 KiB a command,
  /// until the drive refuses a read or `max_bytes` are read (the cache size is not reported; the
  /// largest known is 8 MiB, redumper drive/mediatek.ixx). Returns what was read; `result` (when
  /// given) gets the first read that failed, or the last one. Other drives refuse the first read
  /// (05/20/00): the vector is then empty.
  std::vector<uint8_t> read_mediatek_cache(size_t max_bytes, CommandResult* result = nullptr);

  /// START STOP UNIT (eject unlocks first). A unit attention (a medium change or reset being
  /// reported: the command did not run, and the report is now consumed) is answered by sending
  /// the command again, up to three times in all.
  CommandResult eject();
  CommandResult load();
  CommandResult lock(bool locked);
  /// SET CD SPEED in x (1x = 176.4 kB/s); 0 = the fastest.
  CommandResult set_speed(double read_x, double write_x = 0);

  /// Sends any command (for what has no method yet); the data buffer's size is the transfer.
  CommandResult send(std::vector<uint8_t> cdb, Direction direction = Direction::None, std::span<uint8_t> data = {},
                     std::chrono::milliseconds timeout = std::chrono::milliseconds(30000));

 private:
  std::optional<Disc> disc_from_toc(CommandResult* result, DiscResponses* responses);
  void caps_from_configuration(const Configuration& conf);
  void caps_from_page_2a(const CapabilitiesPage& page, bool describe);
  void add_codes(Disc& disc);
  CommandResult read_cd_run(Lba lba, uint32_t count, const ReadCdRequest& request, std::span<uint8_t> reply);
  Transport& transport_;
  DriveIdentity identity_;
  DriveCapabilities caps_;
  DriveQuirks quirks_;
  std::vector<uint8_t> reply_;
};

}  // namespace dw::scsi

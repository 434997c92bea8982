// Drive personalities: how the virtual drive behaves, as data. Each row models a class of real
// drive (the `model_of` field says which and where its figures come from); tests and users pick
// one with `virtual:IMAGE?drive=NAME`.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace dw::vdrive {

/// Order of the parts of a READ CD reply sector.
enum class SectorOrder : uint8_t { MainC2Sub, MainSubC2 };

/// How the lead-in can be reached.
enum class LeadInAccess : uint8_t { None, PlextorD8, MediaTekCache };

struct Personality {
  std::string name;        ///< the `drive=` value
  std::string vendor;      ///< INQUIRY, 8 chars max
  std::string product;     ///< INQUIRY, 16 chars max
  std::string revision;    ///< INQUIRY, 4 chars max
  std::string serial;      ///< VPD page 80
  std::string model_of;    ///< which real drive this models and the source of its figures
  int read_offset = 0;     ///< samples; positive: the drive returns audio that many samples early
  int write_offset = 0;    ///< samples the recorder shifts audio by when writing
  bool c2 = true;          ///< reports C2 error pointers
  int c2_shift_bytes = 0;  ///< C2 bits delivered this many sectors late
  SectorOrder order = SectorOrder::MainC2Sub;
  int pregap_min_lba = 0;    ///< lowest LBA READ CD accepts (0 or down to -150)
  int leadout_overread = 0;  ///< sectors past the lead-out start READ CD accepts
  LeadInAccess leadin = LeadInAccess::None;
  bool data_as_audio = true;    ///< CD-DA reads of data sectors return them scrambled
  bool accurate_stream = true;  ///< no jitter on audio reads
  int jitter_samples = 0;       ///< max shift of a non-accurate audio read, in samples
  int cache_sectors = 1024;     ///< read cache (and read-ahead) size
  /// MediaTek F1: the ring of 0xB00-byte entries the cache is (sector L in entry L mod N) and the
  /// bytes F1 reads (the ring, then bytes that are not part of it); MTK3 figures by default
  /// (redumper drive/mediatek.ixx: 3 MiB, 1070 entries).
  int cache_ring_entries = 1070;
  int cache_read_bytes = 3 * 1024 * 1024;
  bool fua_honoured = true;   ///< READ(10/12) FUA bypasses the cache
  bool cdtext_read = true;    ///< READ TOC format 5 supported
  bool rw_corrected = true;   ///< READ CD subchannel 100b (R-W de-interleaved and corrected)
  bool full_toc_read = true;  ///< READ TOC format 2 supported (old drives: format 0 only)
  /// READ TRACK INFORMATION answered on pressed (CD-ROM) media; some drives answer it only on
  /// recordable media and refuse it (05/24/00) on a pressed disc.
  bool cd_track_info = true;
  double max_read_speed = 48;   ///< x (1x = 75 sectors/s)
  double max_write_speed = 48;  ///< x; 0 = not a recorder
  bool cav = true;              ///< read speed grows with radius (CAV); else constant (CLV)
  bool raw_write = true;        ///< write type RAW (3) supported
  /// RAW multisession (CD Mastering feature byte 4 bit 4): page 05 with write type RAW and
  /// multisession 11b (open next) is taken; without it, refused with 05/26/00.
  bool raw_multisession = true;
  /// RAW data block types accepted (bit N = type N): 1 raw + P-Q (2368), 2 raw + packed P-W,
  /// 3 raw + raw P-W (2448). Others refused with 05/26/00, as recorders that lack one do.
  uint8_t raw_block_types = 0b1110;
  bool test_write = true;
  bool bufe = true;       ///< buffer-underrun-free recording
  int buffer_kib = 2048;  ///< write buffer size
};

/// Every built-in personality, the default ("generic") first.
std::span<const Personality> personalities();
/// The personality called `name`, or nullptr.
const Personality* find_personality(std::string_view name);

}  // namespace dw::vdrive

// GET CONFIGURATION: the current profile, the profile list and the features, with the bits of
// the features a ripper and a burner decide by. Facts: reference/mmc.md "GET CONFIGURATION",
// MMC-5 sections 5.2 and 5.3 (feature descriptors).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace dw::scsi {

struct Feature {
  uint16_t code = 0;
  uint8_t version = 0;  ///< byte 2 bits 5-2
  bool persistent = false, current = false;
  std::vector<uint8_t> data;  ///< the additional bytes after the 4-byte feature header
  friend bool operator==(const Feature&, const Feature&) = default;
};

struct Profile {
  uint16_t number = 0;
  bool current = false;
  friend bool operator==(const Profile&, const Profile&) = default;
};

/// Feature 001E CD Read.
struct CdReadFeature {
  bool dap = false;       ///< digital audio play (bit 7)
  bool c2_flags = false;  ///< C2 error pointers (bit 1)
  bool cd_text = false;   ///< READ TOC format 5 (bit 0)
};
/// Feature 002D CD Track At Once.
struct CdTaoFeature {
  bool buf = false, rw_raw = false, rw_pack = false, test_write = false, cd_rw = false, rw_subcode = false;
  uint16_t data_types = 0;  ///< bit n = data block type n supported
};
/// Feature 002E CD Mastering (SAO and RAW).
struct CdMasteringFeature {
  bool buf = false, sao = false, raw_multisession = false, raw = false, test_write = false, cd_rw = false, rw = false;
  uint32_t max_cue_sheet_length = 0;
};
/// Feature 002F DVD-R/-RW Write.
struct DvdRWriteFeature {
  bool buf = false, rdl = false, test_write = false, dvd_rw_sl = false;
};
/// Feature 0107 Real-Time Streaming.
struct RealTimeStreamingFeature {
  bool rbcb = false, scs = false, mp2a = false, wspd = false, sw = false;
};

struct Configuration {
  uint32_t data_length = 0;  ///< as announced (bytes after the length field)
  uint16_t current_profile = 0;
  std::vector<Profile> profiles;  ///< from feature 0000
  std::vector<Feature> features;  ///< in the drive's order, 0000 included
  bool truncated = false;         ///< the drive announced more than was received; whole features were kept
  std::optional<CdReadFeature> cd_read;
  std::optional<CdTaoFeature> cd_tao;
  std::optional<CdMasteringFeature> cd_mastering;
  std::optional<DvdRWriteFeature> dvd_r_write;
  std::optional<RealTimeStreamingFeature> real_time_streaming;

  [[nodiscard]] const Feature* find(uint16_t code) const;
  [[nodiscard]] bool has_profile(uint16_t number) const;
};

/// Parses a GET CONFIGURATION response: the 8-byte header (data length, current profile at 6-7)
/// and feature descriptors. The data length may exceed the bytes received - drives keep the full
/// length when the allocation was smaller - then `truncated` is set and a feature cut at the end
/// is dropped. Throws dw::InputError ("GET CONFIGURATION response") for: fewer than 8 bytes, a
/// data length below 4, a feature that overruns a complete response, a profile list whose length
/// is not a multiple of 4, or a decoded feature (001E, 002D, 002E, 002F, 0107) with fewer
/// additional bytes than its layout has.
Configuration parse_configuration(std::span<const uint8_t> response);

/// "CD-ROM", "DVD+R DL", ... for the profiles of reference/mmc.md; "unknown" otherwise.
const char* profile_name(uint16_t profile);

}  // namespace dw::scsi

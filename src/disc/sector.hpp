// Raw sectors: headers, XA subheaders, encode from user data, verify at an expected LBA, and
// classify an unknown sector. Facts: reference/cd-physical.md, "Raw 2352-byte sector".
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "disc/msf.hpp"
#include "disc/sector_layout.hpp"

namespace dw {

/// What a sector holds, as far as its layout goes.
enum class SectorKind : uint8_t { Audio, Mode0, Mode1, Mode2Formless, Mode2Form1, Mode2Form2 };
const char* to_string(SectorKind kind);
/// User bytes per sector of a kind: 2352, 0 (Mode 0 carries none), 2048, 2336, 2048, 2324.
size_t user_size(SectorKind kind);

struct SectorHeader {
  BcdMsf address;
  uint8_t mode = 0;
  friend bool operator==(const SectorHeader&, const SectorHeader&) = default;
};

/// CD-ROM XA subheader (stored twice at 16..23).
struct Subheader {
  uint8_t file = 0, channel = 0, submode = 0, coding = 0;
  [[nodiscard]] bool form2() const { return submode & layout::kSubmodeForm2; }
  friend bool operator==(const Subheader&, const Subheader&) = default;
};

bool has_sync(std::span<const uint8_t> sector);
void write_sync(std::span<uint8_t, layout::kSector> sector);
SectorHeader read_header(std::span<const uint8_t, layout::kSector> sector);
/// Writes the BCD MSF of `lba` and `mode`; throws std::out_of_range when the LBA has no BCD MSF.
void write_header(std::span<uint8_t, layout::kSector> sector, Lba lba, uint8_t mode);
/// First and second copy of the XA subheader.
std::array<Subheader, 2> read_subheaders(std::span<const uint8_t, layout::kSector> sector);
void write_subheader(std::span<uint8_t, layout::kSector> sector, Subheader sub);

/// Builds a full raw sector: sync, header, subheader (Form 1/2: `sub` with the FORM 2 bit set or
/// cleared to match `kind`), user data, EDC, ECC. `user` must hold exactly user_size(kind) bytes
/// (Mode 0: none; audio: the 2352 bytes, copied). `form2_edc` false leaves a Form 2 EDC of 0
/// ("not computed"), which some discs have. Throws std::invalid_argument on a wrong user size
/// and std::out_of_range when the LBA has no BCD MSF.
void encode_sector(SectorKind kind, Lba lba, std::span<const uint8_t> user, std::span<uint8_t, layout::kSector> out,
                   Subheader sub = {}, bool form2_edc = true);

/// What verify_sector found wrong; an empty set means the sector is what it claims to be.
struct SectorFaults {
  static constexpr uint16_t kSync = 0x001;               ///< sync pattern damaged
  static constexpr uint16_t kHeaderAddress = 0x002;      ///< header MSF is not the expected LBA
  static constexpr uint16_t kHeaderBcd = 0x004;          ///< header MSF is not valid BCD
  static constexpr uint16_t kMode = 0x008;               ///< mode byte is not 0, 1 or 2
  static constexpr uint16_t kUnexpectedKind = 0x010;     ///< not the kind the caller expected
  static constexpr uint16_t kSubheaderMismatch = 0x020;  ///< the two XA subheader copies differ
  static constexpr uint16_t kEdc = 0x040;
  static constexpr uint16_t kEccP = 0x080;
  static constexpr uint16_t kEccQ = 0x100;
  static constexpr uint16_t kReservedNotZero = 0x200;  ///< Mode 1 bytes 2068..2075
  static constexpr uint16_t kMode0NotZero = 0x400;     ///< Mode 0 data not all zero
  uint16_t bits = 0;
  [[nodiscard]] bool ok() const { return bits == 0; }
  [[nodiscard]] bool has(uint16_t f) const { return bits & f; }
  /// "ok", or the faults in words, e.g. "EDC, ECC P, ECC Q".
  [[nodiscard]] std::string describe() const;
  friend bool operator==(SectorFaults, SectorFaults) = default;
};

struct SectorCheck {
  SectorKind kind = SectorKind::Audio;  ///< the kind the sector was checked as
  SectorFaults faults;
};

/// Checks a raw sector that should be at `expected_lba`. Without `expected_kind` the kind comes
/// from the header mode and, for Mode 2, the first subheader copy (Form 1 or 2). Audio is not
/// checked (nothing to check). Mode 2 formless only has its sync and header checked.
SectorCheck verify_sector(std::span<const uint8_t, layout::kSector> sector, Lba expected_lba,
                          std::optional<SectorKind> expected_kind = std::nullopt);

enum class SectorClass : uint8_t { AudioLike, Mode0, Mode1, Mode2Formless, Mode2Form1, Mode2Form2, Scrambled };
const char* to_string(SectorClass c);

/// Classifies an unknown raw sector: no sync (or a sync followed by an impossible header) is
/// audio-like; a data sector whose header only makes sense after descrambling is Scrambled;
/// otherwise the mode, and for Mode 2 the form when the subheader copies agree (formless when
/// they do not and neither form's EDC checks out).
SectorClass classify_sector(std::span<const uint8_t, layout::kSector> sector);

}  // namespace dw

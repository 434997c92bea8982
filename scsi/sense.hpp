// Sense data: decoding the fixed (70h/71h) and descriptor (72h/73h) formats, classifying the
// key/ASC/ASCQ into what a ripper or burner must do, and building sense (for the virtual drive).
// Facts: reference/mmc.md, "Sense data".
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace dw::scsi {

namespace sense_key {
inline constexpr uint8_t kNoSense = 0x0, kRecovered = 0x1, kNotReady = 0x2, kMediumError = 0x3, kHardwareError = 0x4,
                         kIllegalRequest = 0x5, kUnitAttention = 0x6, kDataProtect = 0x7, kBlankCheck = 0x8,
                         kAbortedCommand = 0xB;
}

struct Sense {
  bool valid = false;         ///< a recognised response code with key/ASC/ASCQ present
  uint8_t response_code = 0;  ///< 0x70/0x71 fixed, 0x72/0x73 descriptor
  uint8_t key = 0, asc = 0, ascq = 0;
  std::optional<uint32_t> information;  ///< fixed bytes 3-6 when VALID, or descriptor type 0
  std::optional<uint16_t> progress;     ///< sense-key specific progress (0..65535) when SKSV
  [[nodiscard]] bool deferred() const { return response_code == 0x71 || response_code == 0x73; }
  friend bool operator==(const Sense&, const Sense&) = default;
};

/// Decodes sense bytes. Never throws and never reads past `bytes`: a short, truncated or
/// unknown-format buffer gives `valid == false` (with whatever fields were present).
Sense parse_sense(std::span<const uint8_t> bytes);

/// What the sense means for the caller (reference/mmc.md table).
enum class SenseClass : uint8_t {
  None,                 ///< no sense / recovered error
  NoMedium,             ///< 02/3A
  BecomingReady,        ///< 02/04/01
  OperationInProgress,  ///< 02/04/04, 02/04/07, 02/04/08
  NotReady,             ///< other 02
  MediumChanged,        ///< 06/28
  Reset,                ///< 06/29
  UnitAttention,        ///< other 06
  ReadError,            ///< 03/11/xx
  SeekError,            ///< 03/02/00, 03/15/xx
  BufferUnderrun,       ///< 03/0C/09
  WriteError,           ///< 03/0C/xx
  PowerCalibration,     ///< 03/73/xx
  MediumError,          ///< other 03
  HardwareError,        ///< 04
  InvalidOpcode,        ///< 05/20/00
  LbaOutOfRange,        ///< 05/21/00, 05/63/00 (end of user area)
  InvalidCdbField,      ///< 05/24/00
  InvalidParameter,     ///< 05/26/00
  SequenceError,        ///< 05/2C/00
  IncompatibleMedium,   ///< 05/30/xx
  IllegalMode,          ///< 05/64/00
  IllegalRequest,       ///< other 05
  BlankCheck,           ///< 08
  Aborted,              ///< 0B
  Other,
};

enum class Reaction : uint8_t {
  None,          ///< nothing to do
  AskForDisc,    ///< no medium: ask the user
  WaitAndRetry,  ///< becoming ready
  Poll,          ///< operation in progress: poll until it ends
  RereadToc,     ///< medium may have changed: re-read the TOC first
  Reinitialise,  ///< power on / reset
  RetrySector,   ///< bad sector: the retry policy decides
  RetryThenMarkBad,
  FallBack,         ///< command or option unsupported: use another way
  StopOverread,     ///< past the lead-out
  TryVariant,       ///< cue sheet / mode page refused: try the next variant
  WrongSectorType,  ///< ask with another sector type
  GiveUp,           ///< the job cannot go on (incompatible medium, write failed)
  Retry,            ///< aborted: send again
};

SenseClass classify(const Sense& sense);
Reaction reaction(SenseClass cls);
const char* to_string(SenseClass cls);
const char* to_string(Reaction r);
/// Plain words for the key/ASC/ASCQ ("L-EC uncorrectable error"), from a table of the codes
/// drives use; "ASC 0xNN ASCQ 0xNN" for others.
std::string describe(const Sense& sense);
/// "KK/AA/QQ" in hex.
std::string code_string(const Sense& sense);

/// Fixed-format sense (18 bytes, response code 0x70) as a drive sends it.
std::vector<uint8_t> build_fixed_sense(uint8_t key, uint8_t asc, uint8_t ascq,
                                       std::optional<uint32_t> information = std::nullopt,
                                       std::optional<uint16_t> progress = std::nullopt);

}  // namespace dw::scsi

#include "scsi/sense.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "scsi/transport.hpp"

namespace dw::scsi {

namespace {

uint32_t be32(std::span<const uint8_t> b, size_t at) {
  return (uint32_t(b[at]) << 24) | (uint32_t(b[at + 1]) << 16) | (uint32_t(b[at + 2]) << 8) | b[at + 3];
}

Sense parse_fixed(std::span<const uint8_t> b) {
  Sense s;
  s.response_code = b[0] & 0x7F;
  if (b.size() < 3) return s;
  s.key = b[2] & 0x0F;
  if (b.size() >= 7 && (b[0] & 0x80)) s.information = be32(b, 3);
  // Byte 7 is the additional length: ASC/ASCQ exist only when it and the buffer reach them.
  size_t available = b.size();
  if (b.size() >= 8) available = std::min(available, size_t(8) + b[7]);
  if (available >= 14) {
    s.asc = b[12];
    s.ascq = b[13];
  } else if (available < 13) {
    s.valid = true;  // key only (some old drives send 8 bytes); ASC/ASCQ stay 0
    return s;
  } else {
    s.asc = b[12];
  }
  if (available >= 18 && (b[15] & 0x80)) s.progress = uint16_t((b[16] << 8) | b[17]);
  s.valid = true;
  return s;
}

Sense parse_descriptor(std::span<const uint8_t> b) {
  Sense s;
  s.response_code = b[0] & 0x7F;
  if (b.size() < 4) return s;
  s.key = b[1] & 0x0F;
  s.asc = b[2];
  s.ascq = b[3];
  s.valid = true;
  if (b.size() < 8) return s;
  size_t end = std::min(b.size(), size_t(8) + b[7]);
  for (size_t at = 8; at + 2 <= end;) {
    uint8_t type = b[at], len = b[at + 1];
    if (at + 2 + len > end) break;
    if (type == 0x00 && len >= 10) {  // information: bytes 4..11, we keep the low 32 bits
      s.information = be32(b, at + 8);
    } else if (type == 0x02 && len >= 6 && (b[at + 4] & 0x80)) {  // sense-key specific
      s.progress = uint16_t((b[at + 5] << 8) | b[at + 6]);
    }
    at += 2 + size_t(len);
  }
  return s;
}

struct Meaning {
  uint8_t asc;
  int ascq;  // -1: any
  const char* text;
};

// The codes optical drives use (SPC/MMC ASC-ASCQ assignments).
constexpr std::array kMeanings{
    Meaning{0x00, 0x00, "no additional sense information"},
    Meaning{0x02, 0x00, "no seek complete"},
    Meaning{0x04, 0x00, "logical unit not ready"},
    Meaning{0x04, 0x01, "logical unit is in process of becoming ready"},
    Meaning{0x04, 0x02, "logical unit not ready, initializing command required"},
    Meaning{0x04, 0x04, "logical unit not ready, format in progress"},
    Meaning{0x04, 0x07, "logical unit not ready, operation in progress"},
    Meaning{0x04, 0x08, "logical unit not ready, long write in progress"},
    Meaning{0x09, -1, "track following error"},
    Meaning{0x0C, 0x00, "write error"},
    Meaning{0x0C, 0x07, "write error, recovery needed"},
    Meaning{0x0C, 0x09, "write error, loss of streaming (buffer underrun)"},
    Meaning{0x11, 0x00, "unrecovered read error"},
    Meaning{0x11, 0x05, "L-EC uncorrectable error"},
    Meaning{0x11, 0x06, "CIRC unrecovered error"},
    Meaning{0x15, -1, "random positioning error"},
    Meaning{0x1A, 0x00, "parameter list length error"},
    Meaning{0x20, 0x00, "invalid command operation code"},
    Meaning{0x21, 0x00, "logical block address out of range"},
    Meaning{0x21, 0x02, "invalid address for write"},
    Meaning{0x24, 0x00, "invalid field in CDB"},
    Meaning{0x26, 0x00, "invalid field in parameter list"},
    Meaning{0x28, 0x00, "not ready to ready change, medium may have changed"},
    Meaning{0x29, -1, "power on, reset, or bus device reset occurred"},
    Meaning{0x2C, 0x00, "command sequence error"},
    Meaning{0x30, 0x00, "incompatible medium installed"},
    Meaning{0x30, 0x02, "cannot read medium, incompatible format"},
    Meaning{0x30, 0x05, "cannot write medium, incompatible format"},
    Meaning{0x30, -1, "incompatible medium"},
    Meaning{0x3A, -1, "medium not present"},
    Meaning{0x3E, -1, "logical unit has not self-configured yet"},
    Meaning{0x53, 0x02, "medium removal prevented"},
    Meaning{0x57, 0x00, "unable to recover table-of-contents"},
    Meaning{0x5A, 0x01, "operator medium removal request"},
    Meaning{0x63, 0x00, "end of user area encountered on this track"},
    Meaning{0x64, 0x00, "illegal mode for this track"},
    Meaning{0x72, -1, "session fixation error"},
    Meaning{0x73, 0x00, "CD control error"},
    Meaning{0x73, 0x03, "power calibration area error"},
    Meaning{0x73, -1, "power calibration / program memory area error"},
};

}  // namespace

const char* to_string(TransportError error) {
  switch (error) {
    case TransportError::None: return "none";
    case TransportError::Timeout: return "timeout";
    case TransportError::NoDevice: return "device gone";
    case TransportError::HostError: return "host error";
    case TransportError::Unsupported: return "unsupported by transport";
  }
  return "?";
}

Sense parse_sense(std::span<const uint8_t> bytes) {
  if (bytes.empty()) return {};
  switch (bytes[0] & 0x7F) {
    case 0x70:
    case 0x71: return parse_fixed(bytes);
    case 0x72:
    case 0x73: return parse_descriptor(bytes);
    default: {
      Sense s;
      s.response_code = bytes[0] & 0x7F;
      return s;
    }
  }
}

SenseClass classify(const Sense& s) {
  if (!s.valid) return SenseClass::Other;
  switch (s.key) {
    case sense_key::kNoSense:
    case sense_key::kRecovered: return SenseClass::None;
    case sense_key::kNotReady:
      if (s.asc == 0x3A) return SenseClass::NoMedium;
      if (s.asc == 0x04 && s.ascq == 0x01) return SenseClass::BecomingReady;
      if (s.asc == 0x04 && (s.ascq == 0x04 || s.ascq == 0x07 || s.ascq == 0x08)) return SenseClass::OperationInProgress;
      return SenseClass::NotReady;
    case sense_key::kUnitAttention:
      if (s.asc == 0x28) return SenseClass::MediumChanged;
      if (s.asc == 0x29) return SenseClass::Reset;
      if (s.asc == 0x3A) return SenseClass::NoMedium;
      return SenseClass::UnitAttention;
    case sense_key::kMediumError:
      if (s.asc == 0x11) return SenseClass::ReadError;
      if (s.asc == 0x02 || s.asc == 0x15) return SenseClass::SeekError;
      if (s.asc == 0x0C && s.ascq == 0x09) return SenseClass::BufferUnderrun;
      if (s.asc == 0x0C) return SenseClass::WriteError;
      if (s.asc == 0x73) return SenseClass::PowerCalibration;
      return SenseClass::MediumError;
    case sense_key::kHardwareError: return SenseClass::HardwareError;
    case sense_key::kIllegalRequest:
      if (s.asc == 0x20) return SenseClass::InvalidOpcode;
      if (s.asc == 0x21 || s.asc == 0x63) return SenseClass::LbaOutOfRange;
      if (s.asc == 0x24) return SenseClass::InvalidCdbField;
      if (s.asc == 0x26) return SenseClass::InvalidParameter;
      if (s.asc == 0x2C) return SenseClass::SequenceError;
      if (s.asc == 0x30) return SenseClass::IncompatibleMedium;
      if (s.asc == 0x64) return SenseClass::IllegalMode;
      if (s.asc == 0x3A) return SenseClass::NoMedium;
      return SenseClass::IllegalRequest;
    case sense_key::kBlankCheck: return SenseClass::BlankCheck;
    case sense_key::kAbortedCommand: return SenseClass::Aborted;
    default: return SenseClass::Other;
  }
}

Reaction reaction(SenseClass cls) {
  switch (cls) {
    case SenseClass::None: return Reaction::None;
    case SenseClass::NoMedium: return Reaction::AskForDisc;
    case SenseClass::BecomingReady: return Reaction::WaitAndRetry;
    case SenseClass::OperationInProgress: return Reaction::Poll;
    case SenseClass::NotReady: return Reaction::WaitAndRetry;
    case SenseClass::MediumChanged: return Reaction::RereadToc;
    case SenseClass::Reset: return Reaction::Reinitialise;
    case SenseClass::UnitAttention: return Reaction::Retry;
    case SenseClass::ReadError: return Reaction::RetrySector;
    case SenseClass::SeekError: return Reaction::RetryThenMarkBad;
    case SenseClass::MediumError: return Reaction::RetryThenMarkBad;
    case SenseClass::InvalidOpcode:
    case SenseClass::InvalidCdbField: return Reaction::FallBack;
    case SenseClass::LbaOutOfRange: return Reaction::StopOverread;
    case SenseClass::InvalidParameter: return Reaction::TryVariant;
    case SenseClass::IllegalMode: return Reaction::WrongSectorType;
    case SenseClass::Aborted: return Reaction::Retry;
    case SenseClass::BufferUnderrun:
    case SenseClass::WriteError:
    case SenseClass::PowerCalibration:
    case SenseClass::HardwareError:
    case SenseClass::SequenceError:
    case SenseClass::IncompatibleMedium:
    case SenseClass::IllegalRequest:
    case SenseClass::BlankCheck:
    case SenseClass::Other: return Reaction::GiveUp;
  }
  return Reaction::GiveUp;
}

const char* to_string(SenseClass cls) {
  switch (cls) {
    case SenseClass::None: return "none";
    case SenseClass::NoMedium: return "no medium";
    case SenseClass::BecomingReady: return "becoming ready";
    case SenseClass::OperationInProgress: return "operation in progress";
    case SenseClass::NotReady: return "not ready";
    case SenseClass::MediumChanged: return "medium changed";
    case SenseClass::Reset: return "reset";
    case SenseClass::UnitAttention: return "unit attention";
    case SenseClass::ReadError: return "read error";
    case SenseClass::SeekError: return "seek error";
    case SenseClass::BufferUnderrun: return "buffer underrun";
    case SenseClass::WriteError: return "write error";
    case SenseClass::PowerCalibration: return "power calibration error";
    case SenseClass::MediumError: return "medium error";
    case SenseClass::HardwareError: return "hardware error";
    case SenseClass::InvalidOpcode: return "invalid opcode";
    case SenseClass::LbaOutOfRange: return "LBA out of range";
    case SenseClass::InvalidCdbField: return "invalid field in CDB";
    case SenseClass::InvalidParameter: return "invalid field in parameter list";
    case SenseClass::SequenceError: return "command sequence error";
    case SenseClass::IncompatibleMedium: return "incompatible medium";
    case SenseClass::IllegalMode: return "illegal mode for this track";
    case SenseClass::IllegalRequest: return "illegal request";
    case SenseClass::BlankCheck: return "blank check";
    case SenseClass::Aborted: return "aborted command";
    case SenseClass::Other: return "other";
  }
  return "?";
}

const char* to_string(Reaction r) {
  switch (r) {
    case Reaction::None: return "none";
    case Reaction::AskForDisc: return "ask for a disc";
    case Reaction::WaitAndRetry: return "wait and retry";
    case Reaction::Poll: return "poll";
    case Reaction::RereadToc: return "re-read the TOC";
    case Reaction::Reinitialise: return "re-initialise";
    case Reaction::RetrySector: return "retry policy";
    case Reaction::RetryThenMarkBad: return "retry, then mark bad";
    case Reaction::FallBack: return "fall back";
    case Reaction::StopOverread: return "stop overread";
    case Reaction::TryVariant: return "try a variant";
    case Reaction::WrongSectorType: return "ask with another sector type";
    case Reaction::GiveUp: return "give up";
    case Reaction::Retry: return "retry";
  }
  return "?";
}

std::string describe(const Sense& s) {
  if (!s.valid) return "no valid sense data";
  for (const auto& m : kMeanings)
    if (m.asc == s.asc && (m.ascq < 0 || m.ascq == s.ascq)) return m.text;
  return fmt::format("ASC 0x{:02X} ASCQ 0x{:02X}", s.asc, s.ascq);
}

std::string code_string(const Sense& s) { return fmt::format("{:02X}/{:02X}/{:02X}", s.key, s.asc, s.ascq); }

std::vector<uint8_t> build_fixed_sense(uint8_t key, uint8_t asc, uint8_t ascq, std::optional<uint32_t> information,
                                       std::optional<uint16_t> progress) {
  std::vector<uint8_t> b(18, 0);
  b[0] = 0x70;
  if (information) {
    b[0] |= 0x80;
    b[3] = uint8_t(*information >> 24);
    b[4] = uint8_t(*information >> 16);
    b[5] = uint8_t(*information >> 8);
    b[6] = uint8_t(*information);
  }
  b[2] = key & 0x0F;
  b[7] = 10;
  b[12] = asc;
  b[13] = ascq;
  if (progress) {
    b[15] = 0x80;
    b[16] = uint8_t(*progress >> 8);
    b[17] = uint8_t(*progress);
  }
  return b;
}

std::string CommandResult::describe() const {
  if (transport != TransportError::None)
    return transport_detail.empty() ? to_string(transport)
                                    : fmt::format("{}: {}", to_string(transport), transport_detail);
  if (status == kStatusGood) return "GOOD";
  if (status == kStatusCheckCondition)
    return fmt::format("CHECK CONDITION {} {}", code_string(sense), scsi::describe(sense));
  return fmt::format("status 0x{:02X}", status);
}

}  // namespace dw::scsi

// Transport: executes one CDB against a drive and returns what happened as a value. A failed
// command is data for the caller's retry policy, never an exception. Implementations: Linux SG_IO
// (sg_transport), libcdio (cdio_transport) and the in-process virtual drive (virtual_transport).
// Facts: reference/mmc.md, "Transport".
#pragma once

#include <chrono>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "scsi/sense.hpp"

namespace dw::scsi {

/// Direction of the data phase.
enum class Direction : uint8_t { None, FromDevice, ToDevice };

/// SCSI status bytes a transport can report.
inline constexpr uint8_t kStatusGood = 0x00;
inline constexpr uint8_t kStatusCheckCondition = 0x02;
inline constexpr uint8_t kStatusBusy = 0x08;

/// What went wrong below the SCSI layer (no status from the drive at all).
enum class TransportError : uint8_t {
  None,         ///< the command reached the drive; see status and sense
  Timeout,      ///< the host gave up waiting
  NoDevice,     ///< the device went away (unplugged, closed)
  HostError,    ///< the host adapter / kernel reported an error
  Unsupported,  ///< this transport cannot send this command (e.g. CDB too long)
};
const char* to_string(TransportError error);

/// The outcome of one command.
struct CommandResult {
  TransportError transport = TransportError::None;
  std::string transport_detail;           ///< errno text or host/driver status when transport != None
  uint8_t status = kStatusGood;           ///< SCSI status byte
  Sense sense;                            ///< decoded when status is CHECK CONDITION
  std::vector<uint8_t> sense_bytes;       ///< as the drive sent them
  uint32_t residual = 0;                  ///< bytes of the data buffer not transferred
  std::chrono::microseconds duration{0};  ///< host time; the virtual drive reports its own clock

  /// GOOD status and no transport error.
  [[nodiscard]] bool ok() const { return transport == TransportError::None && status == kStatusGood; }
  /// ok() and every byte asked for arrived (a read whose sectors can all be trusted).
  [[nodiscard]] bool whole() const { return ok() && residual == 0; }
  /// One line for logs: "GOOD", "CHECK CONDITION 05/24/00 invalid field in CDB", "timeout".
  [[nodiscard]] std::string describe() const;
};

/// One command to send.
struct Command {
  std::vector<uint8_t> cdb;  ///< 6, 10, 12 or 16 bytes
  Direction direction = Direction::None;
  std::span<uint8_t> data;  ///< data-in buffer or data-out bytes (size = transfer length)
  std::chrono::milliseconds timeout{30000};
};

class Transport {
 public:
  virtual ~Transport() = default;
  /// Sends the command and waits for it. Never throws for a command the drive rejects.
  virtual CommandResult execute(const Command& command) = 0;
  /// The name the user knows the device by ("/dev/sr0", "virtual:disc.cue").
  [[nodiscard]] virtual std::string name() const = 0;
  /// Largest data transfer of one command in bytes.
  [[nodiscard]] virtual size_t max_transfer() const = 0;
};

}  // namespace dw::scsi

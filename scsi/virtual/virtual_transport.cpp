#include "scsi/virtual/virtual_transport.hpp"

namespace dw::vdrive {

scsi::CommandResult VirtualTransport::execute(const scsi::Command& command) {
  scsi::CommandResult r;
  if (command.cdb.size() > 16) {
    r.transport = scsi::TransportError::Unsupported;
    r.transport_detail = "CDB longer than 16 bytes";
    return r;
  }
  if (command.data.size() > max_transfer()) {
    // What the kernel answers for a transfer above the queue limit.
    r.transport = scsi::TransportError::HostError;
    r.transport_detail = "transfer larger than the device's limit";
    return r;
  }
  const Reply reply = drive_->execute(command.cdb, command.data, command.direction == scsi::Direction::ToDevice);
  if (reply.hung) {
    r.transport = scsi::TransportError::Timeout;
    r.transport_detail = "the command did not complete";
    r.duration = command.timeout;
    return r;
  }
  r.status = reply.status;
  r.sense_bytes = reply.sense;
  if (!reply.sense.empty()) r.sense = scsi::parse_sense(reply.sense);
  r.residual = static_cast<uint32_t>(command.data.size() - std::min(command.data.size(), reply.transferred));
  r.duration = std::chrono::microseconds(reply.drive_us);
  return r;
}

}  // namespace dw::vdrive

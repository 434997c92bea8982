#include "cli/device.hpp"

#include <spdlog/spdlog.h>

#include "formats/ccd_image.hpp"
#include "formats/image.hpp"
#include "scsi/sg_transport.hpp"
#include "scsi/virtual/faults.hpp"
#include "scsi/virtual/pressed_media.hpp"
#include "scsi/virtual/recordable_media.hpp"
#include "scsi/virtual/virtual_drive.hpp"
#include "scsi/virtual/virtual_spec.hpp"
#include "scsi/virtual/virtual_transport.hpp"

namespace dw::cli {

namespace {

OpenedDevice open_virtual(const std::string& name) {
  const vdrive::VirtualSpec spec = vdrive::parse_virtual_spec(name);
  if (spec.blank)
    throw vdrive::SpecError(
        "virtual blank media (virtual:blank) is not available yet: the recorder side of the "
        "virtual drive is still being built (see docs/virtual-drive.md)");
  vdrive::FaultPlan faults;
  if (spec.faults) faults = vdrive::load_faults(*spec.faults);
  Image image = open_image(spec.image);
  for (const auto& note : image.notes) spdlog::debug("{}: {}", spec.image, note);
  std::shared_ptr<SectorSource> source(std::move(image.source));
  auto drive =
      std::make_shared<vdrive::VirtualDrive>(*vdrive::find_personality(spec.drive), spec.timing, std::move(faults));
  drive->insert(std::make_shared<vdrive::PressedMedia>(source, spec.pressing_offset));
  spdlog::debug("virtual drive '{}' with {} loaded", spec.drive, spec.image);
  OpenedDevice dev;
  dev.virtual_drive = drive;
  dev.transport = std::make_unique<vdrive::VirtualTransport>(drive, name);
  return dev;
}

}  // namespace

std::vector<std::string> OpenedDevice::close() {
  std::vector<std::string> written;
  if (virtual_drive && !save_path.empty() && virtual_drive->recorded()) {
    for (const auto& p : write_ccd(*virtual_drive->recorded(), save_path, true)) written.push_back(p.string());
    spdlog::info("recorded disc saved as {}", save_path);
  }
  save_path.clear();
  return written;
}

OpenedDevice open_device(const std::string& name, bool exclusive) {
  (void)exclusive;
  if (vdrive::is_virtual(name)) return open_virtual(name);
  throw vdrive::SpecError(
      "real drives are opened through SG_IO, which this build does not have yet; use "
      "virtual:IMAGE");
}

}  // namespace dw::cli

// `discwright drives`: the optical drives of this machine (sysfs and libcdio), with their
// identity and whether a disc is in them.
#include <fmt/format.h>

#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/registry.hpp"
#include "scsi/device_discovery.hpp"
#include "scsi/device_error.hpp"
#include "scsi/drive.hpp"
#include "scsi/sg_transport.hpp"

namespace dw::cli {

namespace {

struct DrivesOptions {
  bool json = false;
};

// "yes", "no", or why it could not be asked (permissions, busy).
std::string media_state(const scsi::DeviceInfo& d) {
  try {
    scsi::SgTransport t(d.path);
    scsi::Drive drive(t);
    return drive.media().present ? "yes" : "no";
  } catch (const scsi::DeviceError& e) {
    return std::string("unknown (") + e.problem() + ")";
  }
}

int run_drives(const DrivesOptions& opt) {
  const auto drives = scsi::discover_drives();
  if (opt.json) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& d : drives)
      list.push_back({{"path", d.path},
                      {"sg", d.sg_path},
                      {"vendor", d.vendor},
                      {"model", d.model},
                      {"revision", d.revision},
                      {"aliases", d.aliases},
                      {"media", media_state(d)}});
    std::cout << list.dump(2) << "\n";
    return kExitOk;
  }
  if (drives.empty()) {
    fmt::print(
        "No optical drives found (looked in /sys/class/block/sr* and asked libcdio).\n"
        "A USB drive shows up as /dev/srN once plugged in; without one, use a virtual drive:\n"
        "  discwright drive-info 'virtual:disc.cue?drive=plextor'\n");
    return kExitOk;
  }
  fmt::print("{:<12} {:<10} {:<9} {:<17} {:<5} {}\n", "device", "generic", "vendor", "model", "rev", "disc");
  for (const auto& d : drives)
    fmt::print("{:<12} {:<10} {:<9} {:<17} {:<5} {}\n", d.path, d.sg_path.empty() ? "-" : d.sg_path, d.vendor, d.model,
               d.revision, media_state(d));
  return kExitOk;
}

}  // namespace

void register_drives(CLI::App& app) {
  auto opt = std::make_shared<DrivesOptions>();
  auto* sub = app.add_subcommand("drives",
                                 "List the optical drives of this machine: device path, SCSI generic device, vendor,\n"
                                 "model, firmware revision, and whether a disc is in. Virtual drives (virtual:IMAGE)\n"
                                 "need no listing: every command that takes a device accepts them.\n\n"
                                 "Examples:\n"
                                 "  discwright drives\n"
                                 "  discwright drives --json");
  sub->add_flag("--json", opt->json, "Print a JSON list: path, sg, vendor, model, revision, aliases, media");
  sub->footer(kExitCodeHelp);
  add_handler(sub, [opt] { return run_drives(*opt); });
}

}  // namespace dw::cli

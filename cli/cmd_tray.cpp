// `discwright eject DEVICE` and `discwright load DEVICE`: open and close the tray.
#include <fmt/format.h>

#include <iostream>

#include "cli/commands.hpp"
#include "cli/device.hpp"
#include "cli/exit_codes.hpp"
#include "cli/registry.hpp"
#include "scsi/drive.hpp"

namespace dw::cli {

namespace {

struct TrayOptions {
  std::string device;
  bool json = false;
};

int run_tray(const TrayOptions& opt, bool eject) {
  OpenedDevice dev = open_device(opt.device);
  scsi::Drive drive(*dev.transport);
  const scsi::CommandResult r = eject ? drive.eject() : drive.load();
  dev.close();
  if (opt.json)
    std::cout << fmt::format(R"({{"device": "{}", "action": "{}", "ok": {}, "result": "{}"}})", opt.device,
                             eject ? "eject" : "load", r.ok() ? "true" : "false", r.describe())
              << "\n";
  if (!r.ok()) {
    std::cerr << fmt::format("discwright: {}: {} failed: {}\n", opt.device, eject ? "eject" : "load", r.describe());
    return kExitDevice;
  }
  return kExitOk;
}

void register_one(CLI::App& app, bool eject) {
  auto opt = std::make_shared<TrayOptions>();
  auto* sub =
      app.add_subcommand(eject ? "eject" : "load",
                         eject ? "Open the drive's tray (the lock a program left is released first).\n\n"
                                 "Examples:\n  discwright eject /dev/sr0\n  discwright eject 'virtual:disc.cue'"
                               : "Close the drive's tray and load the disc.\n\nExamples:\n  discwright load /dev/sr0");
  sub->add_option("DEVICE", opt->device, "/dev/srN, or virtual:IMAGE")->required();
  sub->add_flag("--json", opt->json, "Print the outcome as JSON");
  sub->footer(kExitCodeHelp);
  add_handler(sub, [opt, eject] { return run_tray(*opt, eject); });
}

}  // namespace

void register_tray(CLI::App& app) {
  register_one(app, true);
  register_one(app, false);
}

}  // namespace dw::cli

// discwright: one binary, one subcommand per job.
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "disc/error.hpp"
#include "scsi/device_error.hpp"
#include "scsi/virtual/virtual_spec.hpp"

int main(int argc, char** argv) {
  CLI::App app{"discwright - archival optical disc ripper and burner"};
  app.footer(dw::cli::kExitCodeHelp);
  app.set_version_flag("--version", std::string("discwright ") + DW_VERSION);
  int verbosity = 0;
  app.add_flag("-v,--verbose", verbosity, "More detail in logs (repeat for debug output)");
  app.require_subcommand(1);

  dw::cli::register_burn(app);
  dw::cli::register_convert(app);
  dw::cli::register_emulate(app);
  dw::cli::register_drive_info(app);
  dw::cli::register_drives(app);
  dw::cli::register_identify(app);
  dw::cli::register_info(app);
  dw::cli::register_rip(app);
  dw::cli::register_selftest(app);
  dw::cli::register_tray(app);
  dw::cli::register_verify(app);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return dw::cli::kExitUsage;
  }
  // Logs go to stderr: stdout carries the results (and --json must stay parseable).
  spdlog::set_default_logger(spdlog::stderr_color_mt("discwright"));
  spdlog::set_level(verbosity >= 2 ? spdlog::level::debug : verbosity == 1 ? spdlog::level::info : spdlog::level::warn);
  try {
    return dw::cli::run_selected(app);
  } catch (const dw::vdrive::SpecError& e) {
    std::cerr << "discwright: " << e.what() << "\n";
    return dw::cli::kExitUsage;
  } catch (const dw::scsi::DeviceError& e) {
    std::cerr << "discwright: " << e.what() << "\n";
    return dw::cli::kExitDevice;
  } catch (const dw::InputError& e) {
    std::cerr << "discwright: " << e.what() << "\n";
    return dw::cli::kExitBadInput;
  } catch (const CLI::Error& e) {  // a check that needed more than the parser knew
    std::cerr << "discwright: " << e.what() << "\n";
    return dw::cli::kExitUsage;
  } catch (const dw::ModelError& e) {
    std::cerr << "discwright: the image describes an impossible disc: " << e.what() << "\n";
    return dw::cli::kExitBadInput;
  } catch (const std::exception& e) {  // file system and the like: name it, never a stack of noise
    std::cerr << "discwright: " << e.what() << "\n";
    return dw::cli::kExitBadInput;
  }
}

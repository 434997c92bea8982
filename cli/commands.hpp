// Registration of the subcommands with the argument parser, and dispatch.
#pragma once

#include <CLI/CLI.hpp>

namespace dw::cli {

/// `discwright selftest`: golden vectors of the disc physics and checksums, run in-process.
void register_selftest(CLI::App& app);
/// `discwright info IMAGE`: the disc an image describes.
void register_info(CLI::App& app);
/// `discwright identify FILE...`: what files really are.
void register_identify(CLI::App& app);
/// `discwright convert IN OUT`: reader -> writer, refusing silent loss.
void register_convert(CLI::App& app);
/// `discwright verify IMAGE`: every sector checked, per-track hashes.
void register_verify(CLI::App& app);

/// `discwright drives`: the optical drives of this machine.
void register_drives(CLI::App& app);
/// `discwright drive-info DEVICE`: identity, capabilities, quirks, medium.
void register_drive_info(CLI::App& app);
/// `discwright eject DEVICE` and `discwright load DEVICE`.
void register_tray(CLI::App& app);

/// `discwright rip DEVICE -o DIR` and `discwright split DUMP -o DIR`.
void register_rip(CLI::App& app);
/// `discwright burn IMAGE DEVICE` and `discwright blank DEVICE`.
void register_burn(CLI::App& app);
/// `discwright emulate`: a virtual drive as /dev/sr0 for other programs.
void register_emulate(CLI::App& app);
/// Runs the subcommand the user chose; returns the process exit code.
int run_selected(CLI::App& app);

}  // namespace dw::cli

// Running a program against a virtual drive seen as /dev/sr0, for other subcommands: `burn` uses
// it to hand a virtual DVD or BD to libburn, which opens drives itself.
#pragma once

#include <string>
#include <vector>

namespace dw::cli {

/// Runs `program` (its argv; the first is the executable) against the virtual drive `spec` as
/// /dev/sr0, as `discwright emulate SPEC -- PROGRAM...` does: the drive in this process, the
/// program in a private namespace with the preload library; what the drive's `save=` asks for is
/// written when the program has exited. Returns the program's exit code (128+N for a signal).
/// Throws scsi::DeviceError when this machine cannot run it (no user namespaces, no preload
/// library) and vdrive::SpecError for a bad spec.
int emulate_program(const std::string& spec, const std::vector<std::string>& program);

}  // namespace dw::cli

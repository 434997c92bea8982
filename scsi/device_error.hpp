// DeviceError: a device that cannot be opened or used at all (missing, no permission, not a drive).
// Distinct from a command outcome: those are values (CommandResult), this stops before any command.
#pragma once

#include <cerrno>
#include <stdexcept>
#include <string>
#include <system_error>

namespace dw::scsi {

class DeviceError : public std::runtime_error {
 public:
  /// "<path>: <problem>", e.g. "/dev/sr0: cannot open: Permission denied".
  DeviceError(std::string path, std::string problem, int error_number = 0)
      : std::runtime_error(path + ": " + problem),
        path_(std::move(path)),
        problem_(std::move(problem)),
        errno_(error_number) {}
  /// From an errno value: the problem is "<what>: <strerror text>".
  static DeviceError from_errno(std::string path, const std::string& what, int error_number) {
    return DeviceError(std::move(path), what + ": " + std::generic_category().message(error_number), error_number);
  }
  [[nodiscard]] const std::string& path() const { return path_; }
  [[nodiscard]] const std::string& problem() const { return problem_; }
  /// The errno behind it, 0 when the problem is not an OS error (wrong file type, no driver).
  [[nodiscard]] int error_number() const { return errno_; }

 private:
  std::string path_, problem_;
  int errno_ = 0;
};

}  // namespace dw::scsi

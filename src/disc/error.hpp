// Typed errors for malformed outside input (image files, cue sheets, drive responses).
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>

namespace dw {

/// Malformed or unusable input. Names where (file or stream, and a line or byte offset when
/// known) and what is wrong; `what()` gives the combined message, e.g.
/// "disc.cue:12: INDEX time 00:61:00 has seconds >= 60".
class InputError : public std::runtime_error {
 public:
  InputError(std::string source, std::string problem, std::optional<uint64_t> offset = std::nullopt,
             std::optional<int> line = std::nullopt);
  [[nodiscard]] const std::string& source() const { return source_; }
  [[nodiscard]] const std::string& problem() const { return problem_; }
  [[nodiscard]] std::optional<uint64_t> offset() const { return offset_; }
  [[nodiscard]] std::optional<int> line() const { return line_; }

 private:
  std::string source_, problem_;
  std::optional<uint64_t> offset_;
  std::optional<int> line_;
};

/// A disc model that breaks its own rules (track numbers out of order, index 1 missing, ...).
class ModelError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace dw

// Typed errors for malformed outside input (image files, cue sheets, drive responses).
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace dw {

/// `raw` (text from an input file, or a name) made safe to print to a terminal: control
/// characters (C0, DEL, and C1 in UTF-8) and bytes that are not valid UTF-8 by RFC 3629
/// (utf8_sequence: overlong forms and surrogates included) become \xNN, so an escape sequence
/// in a file is shown as "\x1b[2J" and never acted on. Valid UTF-8 text stays.
std::string printable_text(std::string_view raw);

/// Malformed or unusable input. Names where (file or stream, and a line or byte offset when
/// known) and what is wrong; `what()` gives the combined message, e.g.
/// "disc.cue:12: INDEX time 00:61:00 has seconds >= 60". The problem (and the source in
/// `what()`) go through printable_text, so input text quoted in a message is safe to print.
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

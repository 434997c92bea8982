#include "disc/error.hpp"

#include <fmt/format.h>

#include "disc/utf8.hpp"

namespace dw {

std::string printable_text(std::string_view raw) {
  std::string out;
  out.reserve(raw.size());
  for (size_t i = 0; i < raw.size();) {
    // A well-formed UTF-8 sequence stays unless it is a control character (C0, DEL, C1). A byte
    // that starts none (stray continuation, bad lead, overlong, surrogate, cut short) is escaped
    // alone and the bytes after it are looked at again.
    const auto seq = utf8_sequence(raw, i);
    const size_t n = seq ? seq->length : 1;
    const bool control = seq && (seq->code_point < 0x20 || (seq->code_point >= 0x7F && seq->code_point < 0xA0));
    if (seq && !control)
      out.append(raw.substr(i, n));
    else
      for (size_t k = 0; k < n; ++k) out += fmt::format("\\x{:02x}", static_cast<unsigned char>(raw[i + k]));
    i += n;
  }
  return out;
}

namespace {
std::string compose(const std::string& source, const std::string& problem, std::optional<uint64_t> offset,
                    std::optional<int> line) {
  if (line) return fmt::format("{}:{}: {}", source, *line, problem);
  if (offset) return fmt::format("{} (offset {}): {}", source, *offset, problem);
  return fmt::format("{}: {}", source, problem);
}
}  // namespace

InputError::InputError(std::string source, std::string problem, std::optional<uint64_t> offset, std::optional<int> line)
    : std::runtime_error(compose(printable_text(source), printable_text(problem), offset, line)),
      source_(std::move(source)),
      problem_(printable_text(problem)),
      offset_(offset),
      line_(line) {}

}  // namespace dw

#include "disc/error.hpp"

#include <fmt/format.h>

namespace dw {

std::string printable_text(std::string_view raw) {
  std::string out;
  out.reserve(raw.size());
  const auto escape = [&](unsigned char c) { out += fmt::format("\\x{:02x}", c); };
  for (size_t i = 0; i < raw.size();) {
    const auto c = static_cast<unsigned char>(raw[i]);
    if (c < 0x80) {
      if (c < 0x20 || c == 0x7F)
        escape(c);
      else
        out += static_cast<char>(c);
      ++i;
      continue;
    }
    // A UTF-8 sequence: its length from the lead byte, continuation bytes 10xxxxxx, no overlong
    // two-byte form (C0, C1) and nothing past U+10FFFF (F5..FF).
    const size_t n = (c & 0xE0) == 0xC0 && c >= 0xC2   ? 2
                     : (c & 0xF0) == 0xE0              ? 3
                     : (c & 0xF8) == 0xF0 && c <= 0xF4 ? 4
                                                       : 0;
    bool ok = n != 0 && i + n <= raw.size();
    for (size_t k = 1; ok && k < n; ++k) ok = (static_cast<unsigned char>(raw[i + k]) & 0xC0) == 0x80;
    const bool c1 = ok && n == 2 && c == 0xC2 && static_cast<unsigned char>(raw[i + 1]) < 0xA0;  // U+0080..U+009F
    if (!ok) {
      escape(c);
      ++i;
    } else if (c1) {
      escape(c);
      escape(static_cast<unsigned char>(raw[i + 1]));
      i += 2;
    } else {
      out.append(raw.substr(i, n));
      i += n;
    }
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

#include "formats/sheet_text.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <optional>

#include "disc/error.hpp"
#include "disc/utf8.hpp"

namespace dw {

namespace {

// The code points of `s` when it is valid UTF-8 (RFC 3629), else nullopt.
std::optional<std::u32string> decode_utf8(std::string_view s) {
  std::u32string out;
  for (size_t i = 0; i < s.size();) {
    const auto c = utf8_sequence(s, i);
    if (!c) return std::nullopt;
    out.push_back(c->code_point);
    i += c->length;
  }
  return out;
}

// "U+2603 (☃)"; invisible characters (format, bidirectional and tag characters) by number only.
std::string name_character(char32_t cp) {
  const bool invisible = (cp >= 0x2000 && cp <= 0x206F) || cp == 0xFEFF || (cp >= 0xFFF9 && cp <= 0xFFFB) ||
                         (cp >= 0xE0000 && cp <= 0xE007F);
  std::string name = fmt::format("U+{:04X}", static_cast<uint32_t>(cp));
  if (invisible) return name;
  name += " (";
  append_utf8(name, cp);
  return name + ')';
}

}  // namespace

std::string cdtext_latin1(std::string_view value, std::string_view item, int line, std::vector<SheetNote>& notes) {
  const auto points = decode_utf8(value);
  if (!points || std::all_of(points->begin(), points->end(), [](char32_t cp) { return cp < 0x80; }))
    return std::string(value);
  std::string out, missing;
  std::u32string named;
  for (const char32_t cp : *points) {
    if (cp <= 0xFF) {
      out += static_cast<char>(cp);
      continue;
    }
    out += '?';
    if (named.find(cp) != std::u32string::npos) continue;
    named.push_back(cp);
    missing += (missing.empty() ? "" : ", ") + name_character(cp);
  }
  if (named.empty())
    notes.push_back({line, fmt::format("{} is UTF-8 text: stored as ISO 8859-1, CD-Text's character set", item)});
  else
    notes.push_back({line,
                     fmt::format("{} is UTF-8 text: stored as ISO 8859-1, CD-Text's character set, which lacks {}: "
                                 "each written as '?'",
                                 item, missing),
                     true});
  return out;
}

void report_sheet_notes(const std::vector<SheetNote>& sheet_notes, const std::string& source,
                        std::vector<std::string>& notes) {
  for (const SheetNote& n : sheet_notes) {
    std::string text = printable_text(fmt::format("{}:{}: {}", source, n.line, n.text));
    if (n.warning)
      spdlog::warn("{}", text);
    else
      spdlog::info("{}", text);
    notes.push_back(std::move(text));
  }
}

}  // namespace dw

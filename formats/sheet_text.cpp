#include "formats/sheet_text.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <optional>

#include "disc/error.hpp"

namespace dw {

namespace {

// The code points of `s` when it is valid UTF-8 (no overlong forms, surrogates or values past
// U+10FFFF), else nullopt.
std::optional<std::u32string> decode_utf8(std::string_view s) {
  std::u32string out;
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    size_t n = 0;
    char32_t cp = 0, min = 0;
    if (c < 0x80) {
      n = 1, cp = c;
    } else if ((c & 0xE0) == 0xC0) {
      n = 2, cp = c & 0x1F, min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
      n = 3, cp = c & 0x0F, min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
      n = 4, cp = c & 0x07, min = 0x10000;
    } else {
      return std::nullopt;
    }
    if (i + n > s.size()) return std::nullopt;
    for (size_t k = 1; k < n; ++k) {
      const auto b = static_cast<unsigned char>(s[i + k]);
      if ((b & 0xC0) != 0x80) return std::nullopt;
      cp = (cp << 6) | (b & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return std::nullopt;
    out.push_back(cp);
    i += n;
  }
  return out;
}

std::string encode_utf8(char32_t cp) {
  std::string out;
  if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
  }
  out += static_cast<char>(0x80 | (cp & 0x3F));
  return out;
}

// "U+2603 (☃)"; invisible characters (format, bidirectional and tag characters) by number only.
std::string name_character(char32_t cp) {
  const bool invisible = (cp >= 0x2000 && cp <= 0x206F) || cp == 0xFEFF || (cp >= 0xFFF9 && cp <= 0xFFFB) ||
                         (cp >= 0xE0000 && cp <= 0xE007F);
  return invisible ? fmt::format("U+{:04X}", static_cast<uint32_t>(cp))
                   : fmt::format("U+{:04X} ({})", static_cast<uint32_t>(cp), encode_utf8(cp));
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

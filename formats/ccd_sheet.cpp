#include "formats/ccd_sheet.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>

#include "disc/cdtext.hpp"
#include "disc/error.hpp"

namespace dw {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

struct Value {
  std::string text;
  int line;
};
using Section = std::map<std::string, Value>;  // lower-case key -> value

class Parser {
 public:
  Parser(std::string_view text, const std::string& source) : text_(text), source_(source) {}

  CcdSheet run() {
    split();
    CcdSheet s;
    const Section* clone = find("clonecd");
    if (!clone) fail(1, "no [CloneCD] section: not a CloneCD control file");
    s.version = static_cast<int>(number(*clone, "version", 1, 99, "[CloneCD]", true).value_or(0));
    const Section* disc = find("disc");
    if (!disc) fail(1, "no [Disc] section");
    const auto toc_entries = number(*disc, "tocentries", 0, 1000, "[Disc]", true);
    s.sessions = static_cast<int>(number(*disc, "sessions", 1, 99, "[Disc]", true).value_or(1));
    s.scrambled = number(*disc, "datatracksscrambled", 0, 1, "[Disc]", false).value_or(0) == 1;
    if (auto it = disc->find("catalog"); it != disc->end()) {
      s.catalog = it->second.text;
      if (s.catalog.size() != 13 || !std::all_of(s.catalog.begin(), s.catalog.end(), ::isdigit))
        fail(it->second.line, fmt::format("CATALOG '{}' must be 13 digits", s.catalog));
    }
    for (int k = 0; k < static_cast<int>(*toc_entries); ++k) {
      const std::string name = fmt::format("entry {}", k);
      const Section* e = find(name);
      if (!e) fail(section_line_end_, fmt::format("[Disc] TocEntries={} but there is no [Entry {}]", *toc_entries, k));
      s.entries.push_back(entry(*e, name));
    }
    if (find(fmt::format("entry {}", *toc_entries)))
      fail(line_of(fmt::format("entry {}", *toc_entries)),
           fmt::format("[Entry {}] is beyond [Disc] TocEntries={}", *toc_entries, *toc_entries));
    for (const auto& [name, sec] : sections_)
      if (name.rfind("track ", 0) == 0) s.tracks.push_back(track(name, sec));
    std::sort(s.tracks.begin(), s.tracks.end(),
              [](const CcdTrack& a, const CcdTrack& b) { return a.number < b.number; });
    if (const Section* t = find("cdtext")) s.cdtext = cdtext(*t);
    return s;
  }

 private:
  [[noreturn]] void fail(int line, const std::string& what) const {
    throw InputError(source_, what, std::nullopt, line);
  }

  void split() {
    std::string current;
    int line = 0;
    size_t at = 0;
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") text_.remove_prefix(3);
    while (at <= text_.size()) {
      size_t end = text_.find('\n', at);
      if (end == std::string_view::npos) end = text_.size();
      std::string_view l = trim(text_.substr(at, end - at));
      ++line;
      at = end + 1;
      if (l.empty() || l.front() == ';' || l.front() == '#') continue;
      if (l.front() == '[') {
        if (l.back() != ']') fail(line, fmt::format("section header '{}' has no closing ']'", l));
        current = lower(trim(l.substr(1, l.size() - 2)));
        if (sections_.count(current))
          fail(line, fmt::format("section [{}] appears twice", trim(l.substr(1, l.size() - 2))));
        sections_[current];
        section_lines_[current] = line;
        continue;
      }
      const size_t eq = l.find('=');
      if (eq == std::string_view::npos) fail(line, fmt::format("'{}' is not KEY=VALUE", l));
      if (current.empty()) fail(line, "a value before any [section]");
      const std::string key = lower(trim(l.substr(0, eq)));
      sections_[current][key] = Value{std::string(trim(l.substr(eq + 1))), line};
      section_line_end_ = line;
    }
  }

  const Section* find(const std::string& name) const {
    auto it = sections_.find(name);
    return it == sections_.end() ? nullptr : &it->second;
  }
  int line_of(const std::string& name) const {
    auto it = section_lines_.find(name);
    return it == section_lines_.end() ? 0 : it->second;
  }

  // Decimal, or hex with 0x (Point, ADR, Control); negative for ALBA/PLBA.
  std::optional<int64_t> number(const Section& sec, const std::string& key, int64_t lo, int64_t hi,
                                const std::string& where, bool required) const {
    auto it = sec.find(key);
    if (it == sec.end()) {
      if (required) fail(section_line_end_, fmt::format("{} has no {}=", where, key));
      return std::nullopt;
    }
    const std::string& t = it->second.text;
    int64_t v = 0;
    const bool hex = t.size() > 2 && t[0] == '0' && (t[1] == 'x' || t[1] == 'X');
    const char* b = t.data() + (hex ? 2 : 0);
    const auto [ptr, ec] = std::from_chars(b, t.data() + t.size(), v, hex ? 16 : 10);
    if (ec != std::errc() || ptr != t.data() + t.size() || t.empty())
      fail(it->second.line, fmt::format("{} {}='{}' is not a number", where, key, t));
    if (v < lo || v > hi) fail(it->second.line, fmt::format("{} {}={} is outside {}..{}", where, key, v, lo, hi));
    return v;
  }

  CcdEntry entry(const Section& e, const std::string& name) const {
    const std::string where = fmt::format("[{}]", name);
    const auto u8 = [&](const char* key, int64_t hi) {
      return static_cast<uint8_t>(*number(e, key, 0, hi, where, true));
    };
    CcdEntry c;
    c.session = u8("session", 99);
    c.point = u8("point", 255);
    c.adr = u8("adr", 15);
    c.control = u8("control", 15);
    c.tno = u8("trackno", 255);
    c.amin = u8("amin", 255);
    c.asec = u8("asec", 255);
    c.aframe = u8("aframe", 255);
    c.zero = u8("zero", 255);
    c.pmin = u8("pmin", 255);
    c.psec = u8("psec", 255);
    c.pframe = u8("pframe", 255);
    c.line = line_of(name);
    return c;
  }

  CcdTrack track(const std::string& name, const Section& sec) const {
    const std::string where = fmt::format("[{}]", name);
    CcdTrack t;
    int64_t n = 0;
    const std::string num = name.substr(6);
    const auto [ptr, ec] = std::from_chars(num.data(), num.data() + num.size(), n);
    if (ec != std::errc() || ptr != num.data() + num.size() || n < 1 || n > 99)
      fail(line_of(name), fmt::format("{} is not a track number 1..99", where));
    t.number = static_cast<uint8_t>(n);
    t.line = line_of(name);
    t.mode = static_cast<int>(*number(sec, "mode", 0, 2, where, true));
    for (const auto& [key, value] : sec) {
      if (key.rfind("index ", 0) == 0) {
        const auto idx =
            number(Section{{"i", Value{key.substr(6), value.line}}}, "i", 0, 99, where + " INDEX number", true);
        t.indices[static_cast<uint8_t>(*idx)] = static_cast<Lba>(*number(sec, key, -450150, 404849, where, true));
      } else if (key == "isrc") {
        if (value.text.size() != 12)
          fail(value.line, fmt::format("{} ISRC '{}' must be 12 characters", where, value.text));
        t.isrc = value.text;
      } else if (key == "flags") {
        for (size_t at = 0; at < value.text.size();) {
          size_t end = value.text.find(' ', at);
          if (end == std::string::npos) end = value.text.size();
          const std::string f = lower(value.text.substr(at, end - at));
          if (f == "dcp")
            t.flags |= Control::kCopyPermitted;
          else if (f == "pre")
            t.flags |= Control::kPreEmphasis;
          else if (f == "4ch")
            t.flags |= Control::kFourChannel;
          else if (!f.empty())
            fail(value.line, fmt::format("{} unknown FLAGS value '{}' (DCP, PRE, 4CH)", where, f));
          at = end + 1;
        }
      }
    }
    if (!t.indices.count(1)) fail(t.line, fmt::format("{} has no INDEX 1=", where));
    return t;
  }

  std::vector<uint8_t> cdtext(const Section& sec) const {
    const auto count = number(sec, "entries", 0, 8 * 256, "[CDText]", true);
    std::vector<uint8_t> packs;
    for (int64_t k = 0; k < *count; ++k) {
      auto it = sec.find(fmt::format("entry {}", k));
      if (it == sec.end())
        fail(line_of("cdtext"), fmt::format("[CDText] Entries={} but Entry {} is missing", *count, k));
      CdTextPack p{};
      size_t n = 0;
      for (size_t i = 0; i < it->second.text.size();) {
        while (i < it->second.text.size() && it->second.text[i] == ' ') ++i;
        if (i >= it->second.text.size()) break;
        unsigned v = 0;
        const auto [ptr, ec] = std::from_chars(it->second.text.data() + i,
                                               it->second.text.data() + std::min(i + 2, it->second.text.size()), v, 16);
        if (ec != std::errc() || n >= 16)
          fail(it->second.line, fmt::format("[CDText] Entry {} must be 16 hex bytes", k));
        p[n++] = static_cast<uint8_t>(v);
        i = static_cast<size_t>(ptr - it->second.text.data());
      }
      if (n != 16) fail(it->second.line, fmt::format("[CDText] Entry {} must be 16 hex bytes, has {}", k, n));
      cdtext_set_crc(p);  // CloneCD does not store the CRC
      packs.insert(packs.end(), p.begin(), p.end());
    }
    return packs;
  }

  std::string_view text_;
  const std::string& source_;
  std::map<std::string, Section> sections_;
  std::map<std::string, int> section_lines_;
  int section_line_end_ = 0;
};

}  // namespace

CcdSheet parse_ccd(std::string_view text, const std::string& source) { return Parser(text, source).run(); }

std::vector<uint8_t> ccd_full_toc(const CcdSheet& sheet) {
  std::vector<uint8_t> r(4);
  uint8_t first = 99, last = 1;
  for (const CcdEntry& e : sheet.entries) {
    r.insert(r.end(), {e.session, static_cast<uint8_t>(e.adr << 4 | e.control), e.tno, e.point, e.amin, e.asec,
                       e.aframe, e.zero, e.pmin, e.psec, e.pframe});
    first = std::min(first, e.session);
    last = std::max(last, e.session);
  }
  const size_t length = r.size() - 2;
  r[0] = static_cast<uint8_t>(length >> 8);
  r[1] = static_cast<uint8_t>(length);
  r[2] = sheet.entries.empty() ? 1 : first;
  r[3] = sheet.entries.empty() ? 1 : last;
  return r;
}

}  // namespace dw

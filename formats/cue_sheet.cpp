#include "formats/cue_sheet.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>

#include "disc/error.hpp"

namespace dw {

namespace {

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

constexpr std::array<std::string_view, 12> kCdTextCommands = {"TITLE",     "PERFORMER", "SONGWRITER", "COMPOSER",
                                                              "ARRANGER",  "MESSAGE",   "DISC_ID",    "GENRE",
                                                              "TOC_INFO1", "TOC_INFO2", "UPC_EAN",    "SIZE_INFO"};

// One line split into words; quoted words keep their spaces. `rest` is everything after the
// command word, for REM.
struct Line {
  std::vector<std::string> words;
  std::string rest;
};

class Parser {
 public:
  Parser(std::string_view text, const std::string& source) : text_(text), source_(source) {}

  CueSheet run() {
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") text_.remove_prefix(3);  // UTF-8 BOM
    size_t at = 0;
    while (at <= text_.size()) {
      size_t end = text_.find('\n', at);
      if (end == std::string_view::npos) end = text_.size();
      std::string_view raw = text_.substr(at, end - at);
      if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
      ++line_;
      const Line l = split(raw);
      if (!l.words.empty()) last_content_line_ = line_;
      handle(l);
      at = end + 1;
    }
    if (sheet_.tracks.empty()) fail(1, "there must be at least one TRACK command");
    close_track(last_content_line_);
    for (size_t i = 0; i < sheet_.files.size(); ++i)
      if (!cue_file_used(sheet_, i))
        sheet_.notes.push_back({sheet_.files[i].line,
                                fmt::format("FILE \"{}\" has no INDEX after it: it is not part of the disc and is not "
                                            "read",
                                            sheet_.files[i].name),
                                true});
    std::stable_sort(sheet_.notes.begin(), sheet_.notes.end(),
                     [](const SheetNote& a, const SheetNote& b) { return a.line < b.line; });
    return std::move(sheet_);
  }

 private:
  [[noreturn]] void fail(int line, const std::string& what) const {
    throw InputError(source_, what, std::nullopt, line);
  }
  [[noreturn]] void fail(const std::string& what) const { fail(line_, what); }

  Line split(std::string_view raw) const {
    Line l;
    size_t i = 0;
    bool first = true;
    while (i < raw.size()) {
      while (i < raw.size() && std::isspace(static_cast<unsigned char>(raw[i]))) ++i;
      if (i >= raw.size()) break;
      if (!first && l.rest.empty()) l.rest = std::string(raw.substr(i));
      std::string word;
      if (raw[i] == '"') {
        const size_t close = raw.find('"', i + 1);
        if (close == std::string_view::npos) fail("a quoted string has no closing quote");
        word = std::string(raw.substr(i + 1, close - i - 1));
        i = close + 1;
      } else {
        const size_t start = i;
        while (i < raw.size() && !std::isspace(static_cast<unsigned char>(raw[i]))) ++i;
        word = std::string(raw.substr(start, i - start));
      }
      l.words.push_back(std::move(word));
      first = false;
    }
    return l;
  }

  int32_t msf(const std::string& text, const char* what) const {
    const auto c1 = text.find(':'), c2 = c1 == std::string::npos ? c1 : text.find(':', c1 + 1);
    if (c2 == std::string::npos || text.find(':', c2 + 1) != std::string::npos)
      fail(fmt::format("illegal {} offset '{}' (not of the form MM:SS:FF)", what, text));
    const std::string m = text.substr(0, c1), s = text.substr(c1 + 1, c2 - c1 - 1), f = text.substr(c2 + 1);
    if (!all_digits(m) || !all_digits(s) || !all_digits(f) || m.size() > 3 || s.size() > 2 || f.size() > 2)
      fail(fmt::format("illegal {} offset '{}' (not of the form MM:SS:FF)", what, text));
    const int mi = std::stoi(m), si = std::stoi(s), fi = std::stoi(f);
    if (si >= 60) fail(fmt::format("{} offset {} has seconds >= 60", what, text));
    if (fi >= kFramesPerSecond) fail(fmt::format("{} offset {} has frames >= 75", what, text));
    return (mi * 60 + si) * kFramesPerSecond + fi;
  }

  CueTrack& track(const std::string& command) {
    if (!current_) fail(fmt::format("{} command must come after TRACK", command));
    return sheet_.tracks.back();
  }

  void before_index(const std::string& command) {
    track(command);
    if (!sheet_.tracks.back().indices.empty())
      fail(fmt::format("{} command must come after TRACK but before INDEX", command));
  }

  void close_track(int at_line) {
    if (!current_) return;
    const CueTrack& t = sheet_.tracks.back();
    if (t.type.name == "MODEx/2xxx") return;  // EAC's placeholder for a data track it did not extract
    if (std::none_of(t.indices.begin(), t.indices.end(), [](const CueIndex& i) { return i.number == 1; }))
      fail(at_line, fmt::format("TRACK {:02} (line {}) has no INDEX 01", t.number, t.line));
  }

  void handle(const Line& l) {
    if (l.words.empty()) return;
    const std::string cmd = upper(l.words[0]);
    const auto arg = [&](size_t i) -> const std::string* { return i < l.words.size() ? &l.words[i] : nullptr; };
    if (cmd == "REM") {
      remark(l);
    } else if (cmd == "CATALOG") {
      if (!sheet_.catalog.empty() || catalog_seen_) fail("found multiple CATALOG commands");
      catalog_seen_ = true;
      const std::string* n = arg(1);
      if (!n || n->empty()) fail("CATALOG is missing catalog number");
      if (n->size() != 13 || !all_digits(*n)) fail(fmt::format("CATALOG number '{}' must be 13 decimal digits", *n));
      sheet_.catalog = *n;
    } else if (cmd == "CDTEXTFILE") {
      if (!arg(1)) fail("CDTEXTFILE is missing a file name");
      sheet_.cdtextfile = *arg(1);
    } else if (cmd == "FILE") {
      file(l);
    } else if (cmd == "TRACK") {
      new_track(l);
    } else if (cmd == "FLAGS") {
      before_index("FLAGS");
      if (flags_seen_) fail("found multiple FLAGS commands");
      flags_seen_ = true;
      CueTrack& t = sheet_.tracks.back();
      for (size_t i = 1; i < l.words.size(); ++i) {
        const std::string f = upper(l.words[i]);
        if (f == "DCP")
          t.flags |= Control::kCopyPermitted;
        else if (f == "4CH")
          t.flags |= Control::kFourChannel;
        else if (f == "PRE")
          t.flags |= Control::kPreEmphasis;
        else if (f == "SCMS")
          t.scms = true;
        else if (f == "DATA") {
        }  // written by some tools; the track type already says it
        else
          fail(fmt::format("unknown FLAGS value '{}' (DCP, 4CH, PRE, SCMS)", l.words[i]));
      }
    } else if (cmd == "ISRC") {
      before_index("ISRC");
      CueTrack& t = sheet_.tracks.back();
      if (!t.isrc.empty()) fail("found multiple ISRC commands");
      if (!arg(1) || arg(1)->empty()) fail("ISRC is missing ISRC number");
      t.isrc = isrc(*arg(1));
    } else if (cmd == "PREGAP") {
      before_index("PREGAP");
      if (!arg(1)) fail("PREGAP is missing its length");
      sheet_.tracks.back().pregap = msf(*arg(1), "PREGAP");
    } else if (cmd == "POSTGAP") {
      CueTrack& t = track("POSTGAP");
      if (t.indices.empty()) fail("POSTGAP command must come after the track's INDEX lines");
      if (!arg(1)) fail("POSTGAP is missing its length");
      t.postgap = msf(*arg(1), "POSTGAP");
    } else if (cmd == "INDEX") {
      index(l);
    } else if (std::find(kCdTextCommands.begin(), kCdTextCommands.end(), cmd) != kCdTextCommands.end()) {
      const std::string value = arg(1) ? cdtext_latin1(*arg(1), cmd, line_, sheet_.notes) : std::string();
      (current_ ? sheet_.tracks.back().cdtext : sheet_.cdtext)[cmd] = value;
    } else {
      fail(fmt::format("unknown command '{}'", l.words[0]));
    }
  }

  void remark(const Line& l) {
    const std::string key = l.words.size() > 1 ? upper(l.words[1]) : std::string();
    const auto mark = [&]() -> CueSessionMark& {
      if (!pending_) pending_ = CueSessionMark{0, {}, {}, {}, line_};
      return *pending_;
    };
    if (key == "SESSION" && l.words.size() > 2 && all_digits(l.words[2])) {
      if (l.words[2].size() > 2 || std::stoi(l.words[2]) == 0)
        fail(fmt::format("REM SESSION {} must be a session number from 1 to 99", l.words[2]));
      mark().session = std::stoi(l.words[2]);
    } else if (key == "LEAD-OUT" && l.words.size() > 2) {
      mark().leadout = msf(l.words[2], "REM LEAD-OUT");
    } else if (key == "LEAD-IN" && l.words.size() > 2) {
      mark().leadin = msf(l.words[2], "REM LEAD-IN");
    } else if (key == "PREGAP" && l.words.size() > 2) {
      mark().pregap = msf(l.words[2], "REM PREGAP");
    } else {
      sheet_.remarks.push_back(l.rest);
    }
  }

  void file(const Line& l) {
    if (l.words.size() < 2) fail("FILE is missing a file name");
    if (l.words.size() < 3)
      fail(fmt::format("FILE \"{}\" is missing its type (BINARY, MOTOROLA, WAVE, AIFF, MP3)", l.words[1]));
    const std::string type = upper(l.words[2]);
    CueFile f{l.words[1], CueFileType::Binary, line_};
    if (type == "BINARY")
      f.type = CueFileType::Binary;
    else if (type == "MOTOROLA")
      f.type = CueFileType::Motorola;
    else if (type == "WAVE")
      f.type = CueFileType::Wave;
    else if (type == "AIFF")
      f.type = CueFileType::Aiff;
    else if (type == "MP3")
      f.type = CueFileType::Mp3;
    else
      fail(fmt::format("unknown FILE type '{}' (BINARY, MOTOROLA, WAVE, AIFF, MP3)", l.words[2]));
    sheet_.files.push_back(std::move(f));
  }

  void new_track(const Line& l) {
    close_track(line_);
    if (l.words.size() < 2) fail("TRACK is missing track number");
    if (!all_digits(l.words[1])) fail(fmt::format("TRACK has invalid track number '{}'", l.words[1]));
    if (l.words[1].size() > 3) fail(fmt::format("TRACK number {} must be between 1 and 99", l.words[1]));
    const int n = std::stoi(l.words[1]);
    if (n == 0) fail("TRACK number must be greater than 0");
    if (n > 99) fail(fmt::format("TRACK number {} must be between 1 and 99", n));
    if (!sheet_.tracks.empty() && n != sheet_.tracks.back().number + 1)
      fail(fmt::format("TRACK numbers must be sequential: {:02} follows {:02}", n, sheet_.tracks.back().number));
    if (l.words.size() < 3) fail("TRACK is missing a track type after the track number");
    const auto type = cue_track_type(l.words[2]);
    if (!type) fail(fmt::format("unknown TRACK type '{}'", l.words[2]));
    CueTrack t;
    t.number = static_cast<uint8_t>(n);
    t.type = *type;
    if (!sheet_.files.empty()) t.file = sheet_.files.size() - 1;
    t.session = pending_;
    pending_.reset();
    t.line = line_;
    sheet_.tracks.push_back(std::move(t));
    current_ = true;
    flags_seen_ = false;
  }

  void index(const Line& l) {
    if (!current_) fail("found INDEX before any TRACK");
    CueTrack& t = sheet_.tracks.back();
    if (l.words.size() < 2) fail("INDEX is missing index number");
    if (!all_digits(l.words[1])) fail(fmt::format("INDEX has invalid index number '{}'", l.words[1]));
    if (l.words[1].size() > 3) fail(fmt::format("INDEX number {} must be between 0 and 99", l.words[1]));
    const int n = std::stoi(l.words[1]);
    if (n > 99) fail(fmt::format("INDEX number {} must be between 0 and 99", n));
    if (t.indices.empty() && n > 1) fail("first INDEX number of a TRACK must be 0 or 1");
    if (!t.indices.empty() && n != t.indices.back().number + 1)
      fail(fmt::format("INDEX numbers must be sequential: {:02} follows {:02}", n, t.indices.back().number));
    if (l.words.size() < 3) fail("INDEX is missing an offset after the index number");
    const int32_t frames = msf(l.words[2], "INDEX");
    const size_t f = sheet_.files.empty() ? kCueNoFile : sheet_.files.size() - 1;
    if (sheet_.tracks.size() == 1 && t.indices.empty() && frames != 0)
      fail(
          fmt::format("first INDEX of the first TRACK must be at 00:00:00, not {} (the bytes before it would belong "
                      "to no track)",
                      l.words[2]));
    if (last_index_ && last_index_->file == f && frames <= last_index_->frames)
      fail(fmt::format("INDEX offsets must increase within a FILE: {} is not after {}", l.words[2],
                       Msf::from_frames(last_index_->frames)->str()));
    t.indices.push_back({static_cast<uint8_t>(n), frames, f, line_});
    last_index_ = t.indices.back();
  }

  std::string isrc(const std::string& text) const {
    std::string code;
    for (char c : text)
      if (c != '-') code += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    const bool ok =
        code.size() == 12 &&
        std::all_of(code.begin(), code.begin() + 5,
                    [](char c) { return std::isdigit(static_cast<unsigned char>(c)) || (c >= 'A' && c <= 'Z'); }) &&
        all_digits(std::string_view(code).substr(5));
    if (!ok) fail(fmt::format("invalid ISRC number '{}' (5 letters or digits, then 7 digits)", text));
    return code;
  }

  std::string_view text_;
  const std::string& source_;
  CueSheet sheet_;
  int line_ = 0, last_content_line_ = 0;
  bool current_ = false, flags_seen_ = false, catalog_seen_ = false;
  std::optional<CueSessionMark> pending_;
  std::optional<CueIndex> last_index_;
};

}  // namespace

std::optional<CueTrackType> cue_track_type(std::string_view name) {
  static const CueTrackType kTypes[] = {
      {"AUDIO", TrackMode::Audio, 2352, false},
      {"CDG", TrackMode::Audio, 2448, true},
      {"MODE1/2048", TrackMode::Mode1, 2048, false},
      {"MODE1/2352", TrackMode::Mode1, 2352, false},
      {"MODE2/2336", TrackMode::Mode2Xa, 2336, false},
      {"MODE2/2352", TrackMode::Mode2Xa, 2352, false},
      {"MODE2/2048", TrackMode::Mode2Xa, 2048, false},
      {"MODE2/2324", TrackMode::Mode2Xa, 2324, false},
      {"CDI/2336", TrackMode::CdI, 2336, false},
      {"CDI/2352", TrackMode::CdI, 2352, false},
      {"MODE0/2352", TrackMode::Mode0, 2352, false},
      // EAC writes this for a data track it did not extract; the mode is unknown until read.
      {"MODEx/2xxx", TrackMode::Mode1, 2352, false},
  };
  const std::string u = upper(name);
  for (const auto& t : kTypes)
    if (upper(t.name) == u) return t;
  return std::nullopt;
}

bool cue_file_used(const CueSheet& sheet, size_t file) {
  return std::any_of(sheet.tracks.begin(), sheet.tracks.end(), [&](const CueTrack& t) {
    return std::any_of(t.indices.begin(), t.indices.end(), [&](const CueIndex& x) { return x.file == file; });
  });
}

CueSheet parse_cue_sheet(std::string_view text, const std::string& source) { return Parser(text, source).run(); }

}  // namespace dw

// identify: text formats (CUE sheet, cdrdao TOC, CloneCD .ccd, VMDK descriptor) by their
// keywords. Not a parser: the readers do that; this only tells the dialects apart, tolerating
// a UTF-8 BOM, CRLF line ends and any case. Facts: reference/image-formats.md.
#include <algorithm>
#include <cctype>

#include "formats/identify_detail.hpp"

namespace dw::identify_detail {

namespace {

constexpr size_t kTextWindow = 64 * 1024;  // sheets are small; look no further
constexpr size_t kMaxLines = 20000;

std::string upper(std::string_view s) {
  std::string u(s);
  for (char& c : u) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return u;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> tokens(std::string_view s) {
  std::vector<std::string_view> t;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
    if (i >= s.size()) break;
    size_t j = i;
    if (s[i] == '"') {  // a quoted string is one token
      j = s.find('"', i + 1);
      j = j == std::string_view::npos ? s.size() : j + 1;
    } else {
      while (j < s.size() && s[j] != ' ' && s[j] != '\t') ++j;
    }
    t.push_back(s.substr(i, j - i));
    i = j;
  }
  return t;
}

bool digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool msf(std::string_view s) {  // mm:ss:ff
  const auto a = s.find(':'), b = s.rfind(':');
  return a != std::string_view::npos && a != b && digits(s.substr(0, a)) && digits(s.substr(a + 1, b - a - 1)) &&
         digits(s.substr(b + 1));
}

std::string unquote(std::string_view s) {
  if (s.size() >= 2 && s.front() == '"' && s.back() == '"') s = s.substr(1, s.size() - 2);
  return printable(s);
}

bool one_of(const std::string& s, std::initializer_list<const char*> words) {
  return std::any_of(words.begin(), words.end(), [&](const char* w) { return s == w; });
}

// Whether the window is text: no control bytes but tab, CR, LF, form feed and DOS EOF (0x1A).
bool looks_like_text(std::string_view s) {
  return !s.empty() && std::none_of(s.begin(), s.end(), [](char ch) {
    const auto c = static_cast<uint8_t>(ch);
    return c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1A;
  });
}

struct Scores {
  int cue = 0, toc = 0;
  size_t cue_tracks = 0, cue_files = 0, toc_tracks = 0;
  std::string cue_first_file, toc_first_file, toc_type;
};

void score_line(std::string_view line, Scores& s) {
  if (line.substr(0, 2) == "//") {
    ++s.toc;
    return;
  }
  const auto t = tokens(line);
  if (t.empty()) return;
  const std::string k = upper(t[0]);
  const std::string last = upper(t.back());
  if (k == "FILE" && t.size() >= 3 && one_of(last, {"BINARY", "MOTOROLA", "WAVE", "AIFF", "MP3"})) {
    s.cue += 2;
    if (s.cue_files++ == 0) s.cue_first_file = unquote(t[1]);
  } else if ((k == "FILE" || k == "AUDIOFILE") && t.size() >= 3 && (digits(t[2]) || msf(t[2]))) {
    s.toc += 2;
    if (s.toc_first_file.empty()) s.toc_first_file = unquote(t[1]);
  } else if (k == "DATAFILE" && t.size() >= 2) {
    s.toc += 2;
    if (s.toc_first_file.empty()) s.toc_first_file = unquote(t[1]);
  } else if (k == "TRACK" && t.size() >= 3 && digits(t[1])) {
    s.cue += 2;
    ++s.cue_tracks;
  } else if (k == "TRACK" && t.size() >= 2 &&
             one_of(upper(t[1]), {"AUDIO", "MODE0", "MODE1", "MODE1_RAW", "MODE2", "MODE2_FORM1", "MODE2_FORM2",
                                  "MODE2_FORM_MIX", "MODE2_RAW"})) {
    s.toc += 2;
    ++s.toc_tracks;
  } else if (k == "INDEX" && t.size() == 3 && digits(t[1]) && msf(t[2])) {
    s.cue += 1;
  } else if (k == "INDEX" && t.size() == 2 && msf(t[1])) {
    s.toc += 1;
  } else if (one_of(k, {"CD_DA", "CD_ROM", "CD_ROM_XA", "CD_I"}) && t.size() == 1) {
    s.toc += 3;
    if (s.toc_type.empty()) s.toc_type = k;
  } else if (one_of(k, {"CD_TEXT", "SILENCE", "ZERO", "START", "PRE_EMPHASIS", "TWO_CHANNEL_AUDIO",
                        "FOUR_CHANNEL_AUDIO", "LANGUAGE_MAP"})) {
    s.toc += 1;
  } else if (k == "CATALOG" && t.size() == 2) {
    (t[1].front() == '"' ? s.toc : s.cue) += 1;  // cdrdao quotes the number, CUE does not
  } else if (one_of(k, {"REM", "FLAGS", "POSTGAP", "CDTEXTFILE", "PERFORMER", "SONGWRITER"})) {
    s.cue += 1;
  }
}

Identification finish(Result& r, std::string summary, std::string advice) {
  r.id.summary = std::move(summary);
  r.id.advice = std::move(advice);
  return std::move(r.id);
}

}  // namespace

std::optional<Identification> probe_text(const Input& in) {
  const auto head = in.bytes.head();
  std::string_view text(reinterpret_cast<const char*>(head.data()), std::min(head.size(), kTextWindow));
  const bool bom = text.substr(0, 3) == "\xEF\xBB\xBF";
  if (bom) text.remove_prefix(3);
  if (!looks_like_text(text)) return std::nullopt;
  const bool crlf = text.find("\r\n") != std::string_view::npos;

  Scores s;
  bool ccd = false, vmdk = false;
  std::string section, ccd_version, ccd_sessions, ccd_entries, create_type;
  size_t ccd_tracks = 0;
  size_t lines = 0;
  for (size_t pos = 0; pos < text.size() && lines < kMaxLines; ++lines) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = trim(text.substr(pos, end - pos));
    pos = end + 1;
    if (line.empty()) continue;
    if (line.substr(0, 21) == "# Disk DescriptorFile") vmdk = true;
    if (line.front() == '[' && line.back() == ']') {
      section = upper(line.substr(1, line.size() - 2));
      if (section == "CLONECD") ccd = true;
      if (section.rfind("TRACK ", 0) == 0) ++ccd_tracks;
      continue;
    }
    const auto eq = line.find('=');
    if (eq != std::string_view::npos) {
      const std::string key = upper(trim(line.substr(0, eq)));
      const std::string value = printable(trim(line.substr(eq + 1)));
      if (section == "CLONECD" && key == "VERSION") ccd_version = value;
      if (section == "DISC" && key == "SESSIONS") ccd_sessions = value;
      if (section == "DISC" && key == "TOCENTRIES") ccd_entries = value;
      if (key == "CREATETYPE") create_type = unquote(trim(line.substr(eq + 1)));
      continue;
    }
    score_line(line, s);
  }

  const auto common = [&](Result& r) {
    if (bom) r.add("bom", "utf-8");
    r.add("line_endings", crlf ? "crlf" : "lf");
  };
  if (vmdk) {
    Result r(FileKind::Vmdk);
    r.add("variant", "text descriptor");
    if (!create_type.empty()) r.add("create_type", create_type);
    return finish(r, "VMware VMDK descriptor" + (create_type.empty() ? "" : " (" + create_type + ")"),
                  "a VMware disk descriptor: its extents are the files it names; convert with qemu-img convert -O raw; "
                  "it is not a CD image");
  }
  if (ccd) {
    Result r(FileKind::CloneCdCcd);
    if (!ccd_version.empty()) r.add("version", ccd_version);
    if (!ccd_sessions.empty()) r.add("sessions", ccd_sessions);
    if (!ccd_entries.empty()) r.add("toc_entries", ccd_entries);
    r.add("tracks", ccd_tracks);
    common(r);
    return finish(r, "CloneCD control file (" + std::to_string(ccd_tracks) + " track(s))",
                  "a CloneCD control file: open it; the .img (sectors) and .sub (subchannel) of the same name must be "
                  "next to it");
  }
  if (s.cue >= 2 && s.cue > s.toc && (s.cue_tracks || s.cue_files)) {
    Result r(FileKind::Cue);
    r.add("tracks", s.cue_tracks).add("files", s.cue_files);
    if (!s.cue_first_file.empty()) r.add("first_file", s.cue_first_file);
    common(r);
    return finish(
        r, "CUE sheet (" + std::to_string(s.cue_tracks) + " track(s) in " + std::to_string(s.cue_files) + " file(s))",
        "a CUE sheet: open it (not the data file) with discwright or any cue-aware tool; the files it names "
        "must be next to it");
  }
  if (s.toc >= 2 && s.toc > s.cue && (s.toc_tracks || !s.toc_type.empty())) {
    Result r(FileKind::CdrdaoToc);
    if (!s.toc_type.empty()) r.add("disc_type", s.toc_type);
    r.add("tracks", s.toc_tracks);
    if (!s.toc_first_file.empty()) r.add("first_file", s.toc_first_file);
    common(r);
    return finish(r, "cdrdao TOC file (" + std::to_string(s.toc_tracks) + " track(s))",
                  "a cdrdao TOC file: use it with cdrdao or discwright; the files it names must be next to it (raw "
                  "audio in TOC images is big-endian)");
  }
  return std::nullopt;
}

}  // namespace dw::identify_detail

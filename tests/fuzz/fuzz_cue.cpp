// Cue sheet parser: any text parses or throws InputError with a line inside the text; what
// parses obeys the grammar's promises (tracks sequential, indices sequential, each track but
// EAC's placeholder has INDEX 01, notes name a line of the text), and its layout is a valid disc
// or an InputError.
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "disc/error.hpp"
#include "formats/cue_reader.hpp"
#include "formats/cue_sheet.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  dw::CueSheet s;
  try {
    s = dw::parse_cue_sheet(text, "fuzz.cue");
  } catch (const dw::InputError& e) {
    const auto lines = static_cast<int>(std::count(text.begin(), text.end(), '\n')) + 1;
    if (!e.line() || *e.line() < 1 || *e.line() > lines) std::abort();
    return 0;
  }
  if (s.tracks.empty()) std::abort();
  // Notes about CD-Text conversions name a line of the text.
  const auto lines = static_cast<int>(std::count(text.begin(), text.end(), '\n')) + 1;
  for (const auto& n : s.notes)
    if (n.line < 1 || n.line > lines) std::abort();
  for (size_t i = 0; i < s.tracks.size(); ++i) {
    const auto& t = s.tracks[i];
    if (t.number < 1 || t.number > 99 || (i > 0 && t.number != s.tracks[i - 1].number + 1)) std::abort();
    if (t.file && *t.file >= s.files.size()) std::abort();
    for (size_t k = 0; k < t.indices.size(); ++k) {
      const auto& x = t.indices[k];
      if (x.number > 99 || x.frames < 0 || (k > 0 && x.number != t.indices[k - 1].number + 1)) std::abort();
      if (x.file != dw::kCueNoFile && x.file >= s.files.size()) std::abort();
    }
    const bool has1 = std::any_of(t.indices.begin(), t.indices.end(), [](const auto& x) { return x.number == 1; });
    if (!has1 && t.type.name != "MODEx/2xxx") std::abort();
  }
  // Lay the sheet out over files of made-up sizes (some not whole sectors): a valid Disc whose
  // extents stay inside their files, or an InputError; nothing else.
  std::vector<dw::CueFileData> files;
  for (size_t i = 0; i < s.files.size(); ++i)
    files.push_back(dw::CueFileData{nullptr, 0, (size % 977 + 31 * i) * 2352 + i % 3});
  try {
    const dw::CueLayout l = dw::layout_cue(s, files, "fuzz.cue");
    l.disc.validate();
    for (const auto& e : l.extents)
      if (e.first < l.begin || e.first + static_cast<int64_t>(e.count) > l.end) std::abort();
    // A file's left-over bytes are fewer than one of its sectors.
    for (const auto& p : l.partial)
      if (p.left_over == 0 || p.left_over >= p.sector_size || p.left_over > p.size) std::abort();
  } catch (const dw::InputError&) {
  }
  return 0;
}

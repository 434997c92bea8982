// cdrdao TOC files: any text parses or throws InputError with a line inside the text (and its
// notes name lines inside it); what parses lays out (without files) into a valid Disc or an InputError.
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "disc/error.hpp"
#include "formats/toc_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  dw::TocSheet s;
  try {
    s = dw::parse_toc(text, "fuzz.toc");
  } catch (const dw::InputError& e) {
    const auto lines = static_cast<int>(std::count(text.begin(), text.end(), '\n')) + 1;
    if (!e.line() || *e.line() < 1 || *e.line() > lines) std::abort();
    return 0;
  }
  if (s.tracks.empty() || s.tracks.size() > 99) std::abort();
  const auto lines = static_cast<int>(std::count(text.begin(), text.end(), '\n')) + 1;
  for (const auto& n : s.notes)
    if (n.line < 1 || n.line > lines) std::abort();
  try {
    const auto l = dw::layout_toc(
        s, [](const std::string&, int) { return std::nullopt; }, "fuzz.toc");
    l.disc.validate();
    for (const auto& e : l.extents)
      if (e.first < l.begin || e.first + static_cast<int64_t>(e.count) > l.end) std::abort();
  } catch (const dw::InputError&) {
  }
  return 0;
}

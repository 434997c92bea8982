// The UTF-8 decoder on arbitrary bytes: every sequence it accepts is the one shortest encoding
// of a Unicode scalar value (re-encoding gives the same bytes back, so no overlong, surrogate or
// value past U+10FFFF gets through), valid_utf8 agrees with walking the sequences, and what
// printable_text and latin1_to_utf8 make of the bytes is valid UTF-8 without control bytes.
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "disc/error.hpp"
#include "disc/utf8.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view s(reinterpret_cast<const char*>(data), size);
  bool all = true;
  for (size_t i = 0; i < s.size();) {
    const auto c = dw::utf8_sequence(s, i);
    if (!c) {
      all = false;
      ++i;
      continue;
    }
    if (c->length < 1 || c->length > 4 || c->length > s.size() - i) std::abort();
    std::string again;
    dw::append_utf8(again, c->code_point);
    if (again != s.substr(i, c->length)) std::abort();
    i += c->length;
  }
  if (dw::valid_utf8(s) != all) std::abort();

  const std::string shown = dw::printable_text(s);
  if (!dw::valid_utf8(shown)) std::abort();
  if (std::any_of(shown.begin(), shown.end(), [](char ch) { return static_cast<uint8_t>(ch) < 0x20 || ch == 0x7F; }))
    std::abort();
  for (size_t i = 0; i < shown.size();) {  // nor C1 controls (U+0080..U+009F)
    const auto c = dw::utf8_sequence(shown, i);
    if (c->code_point >= 0x80 && c->code_point <= 0x9F) std::abort();
    i += c->length;
  }

  const std::string latin1 = dw::latin1_to_utf8(s);
  const auto high = static_cast<size_t>(std::count_if(s.begin(), s.end(), [](char ch) { return ch & 0x80; }));
  if (!dw::valid_utf8(latin1) || latin1.size() != size + high) std::abort();
  return 0;
}

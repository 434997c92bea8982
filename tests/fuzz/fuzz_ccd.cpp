// CloneCD control files: any text parses or throws InputError with a line inside the text, and
// a parsed sheet either makes a valid Disc or an InputError (never a crash or another error).
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "disc/error.hpp"
#include "formats/ccd_image.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  dw::CcdSheet s;
  try {
    s = dw::parse_ccd(text, "fuzz.ccd");
  } catch (const dw::InputError& e) {
    const auto lines = static_cast<int>(std::count(text.begin(), text.end(), '\n')) + 1;
    if (!e.line() || *e.line() < 0 || *e.line() > lines) std::abort();
    return 0;
  }
  try {
    dw::ccd_disc(s, "fuzz.ccd").validate();
  } catch (const dw::InputError&) {
  }
  return 0;
}

// Input text in messages: control characters and bytes that are not UTF-8 are shown as \xNN, so
// a file cannot send escape sequences to the terminal through an error message; UTF-8 stays.
#include "disc/error.hpp"

#include <gtest/gtest.h>

namespace dw {
namespace {

TEST(PrintableText, ControlCharactersAreEscaped) {
  EXPECT_EQ(printable_text("\x1b[2J\x1b]0;pwned\x07"), "\\x1b[2J\\x1b]0;pwned\\x07");
  EXPECT_EQ(printable_text(std::string("a\0b\tc\nd\x7f", 8)), "a\\x00b\\x09c\\x0ad\\x7f");
  // UTF-8 stays: é (c3 a9), ☃ (e2 98 83), 😀 (f0 9f 98 80); backslashes too.
  EXPECT_EQ(printable_text("Caf\xC3\xA9 \xE2\x98\x83 \xF0\x9F\x98\x80 C:\\x"),
            "Caf\xC3\xA9 \xE2\x98\x83 \xF0\x9F\x98\x80 C:\\x");
  // C1 controls in UTF-8 (U+009B, the 8-bit CSI: c2 9b) and bytes that are not UTF-8 (a Latin-1
  // é, a cut-off sequence, an overlong C0 form) are escaped byte by byte.
  EXPECT_EQ(printable_text("\xC2\x9B"
                           "2J"),
            "\\xc2\\x9b2J");
  EXPECT_EQ(printable_text("Caf\xE9"), "Caf\\xe9");
  EXPECT_EQ(printable_text("\xE2\x98"), "\\xe2\\x98");
  EXPECT_EQ(printable_text("\xC0\xAF"), "\\xc0\\xaf");
}

TEST(PrintableText, InputErrorsAreSafeToPrint) {
  const InputError e("d\x1b.cue", "unknown command '\x1b[2J'", std::nullopt, 3);
  EXPECT_STREQ(e.what(), "d\\x1b.cue:3: unknown command '\\x1b[2J'");
  EXPECT_EQ(e.problem(), "unknown command '\\x1b[2J'");
  EXPECT_EQ(e.source(), "d\x1b.cue");  // the path itself, for opening it again
}

}  // namespace
}  // namespace dw

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

TEST(PrintableText, OverlongsSurrogatesAndOutOfRangeAreEscaped) {
  // RFC 3629 forbids them all: three- and four-byte overlongs (U+0000, U+002F, U+07FF, U+FFFF),
  // surrogate halves U+D800 and U+DFFF, and U+110000; each byte is escaped.
  EXPECT_EQ(printable_text("a\xE0\x80\x80z"), "a\\xe0\\x80\\x80z");
  EXPECT_EQ(printable_text("\xE0\x80\xAF"), "\\xe0\\x80\\xaf");
  EXPECT_EQ(printable_text("\xE0\x9F\xBF"), "\\xe0\\x9f\\xbf");
  EXPECT_EQ(printable_text("\xF0\x8F\xBF\xBF"), "\\xf0\\x8f\\xbf\\xbf");
  EXPECT_EQ(printable_text("\xED\xA0\x80"), "\\xed\\xa0\\x80");
  EXPECT_EQ(printable_text("\xED\xBF\xBF"), "\\xed\\xbf\\xbf");
  EXPECT_EQ(printable_text("\xF4\x90\x80\x80"), "\\xf4\\x90\\x80\\x80");
  // The characters just inside those limits stay: U+0800, U+D7FF, U+E000, U+10000, U+10FFFF.
  const std::string inside = "\xE0\xA0\x80 \xED\x9F\xBF \xEE\x80\x80 \xF0\x90\x80\x80 \xF4\x8F\xBF\xBF";
  EXPECT_EQ(printable_text(inside), inside);
  // A bad lead byte does not swallow a good character after it: c3 then é (c3 a9).
  EXPECT_EQ(printable_text("\xC3\xC3\xA9"), "\\xc3\xC3\xA9");
}

TEST(PrintableText, InputErrorsAreSafeToPrint) {
  const InputError e("d\x1b.cue", "unknown command '\x1b[2J'", std::nullopt, 3);
  EXPECT_STREQ(e.what(), "d\\x1b.cue:3: unknown command '\\x1b[2J'");
  EXPECT_EQ(e.problem(), "unknown command '\\x1b[2J'");
  EXPECT_EQ(e.source(), "d\x1b.cue");  // the path itself, for opening it again
}

}  // namespace
}  // namespace dw

// UTF-8 by RFC 3629: the vectors are hand-encoded from the table in its section 3 and the
// well-formed byte sequences of its section 4 (and the Unicode standard's table 3-7).
#include "disc/utf8.hpp"

#include <gtest/gtest.h>

#include <string>

namespace dw {
namespace {

// The code point and length at the start of `bytes`, or (-1, 0) when rejected.
std::pair<int64_t, size_t> decode(std::string_view bytes) {
  const auto c = utf8_sequence(bytes, 0);
  if (!c) return {-1, 0};
  return {static_cast<int64_t>(c->code_point), c->length};
}

using Decoded = std::pair<int64_t, size_t>;
const Decoded kRejected{-1, 0};

TEST(Utf8, BoundariesOfEachLength) {
  EXPECT_EQ(decode(std::string_view("\x00", 1)), Decoded(0x00, 1));
  EXPECT_EQ(decode("\x7F"), Decoded(0x7F, 1));
  EXPECT_EQ(decode("\xC2\x80"), Decoded(0x80, 2));
  EXPECT_EQ(decode("\xDF\xBF"), Decoded(0x7FF, 2));
  EXPECT_EQ(decode("\xE0\xA0\x80"), Decoded(0x800, 3));
  EXPECT_EQ(decode("\xEF\xBF\xBF"), Decoded(0xFFFF, 3));
  EXPECT_EQ(decode("\xF0\x90\x80\x80"), Decoded(0x10000, 4));
  EXPECT_EQ(decode("\xF4\x8F\xBF\xBF"), Decoded(0x10FFFF, 4));
  EXPECT_EQ(decode("\xF4\x90\x80\x80"), kRejected);  // U+110000
  // Either side of the surrogates.
  EXPECT_EQ(decode("\xED\x9F\xBF"), Decoded(0xD7FF, 3));
  EXPECT_EQ(decode("\xEE\x80\x80"), Decoded(0xE000, 3));
}

TEST(Utf8, OverlongFormsAreRejected) {
  EXPECT_EQ(decode("\xC0\x80"), kRejected);          // U+0000 in two bytes
  EXPECT_EQ(decode("\xC1\xBF"), kRejected);          // U+007F in two bytes
  EXPECT_EQ(decode("\xE0\x80\x80"), kRejected);      // U+0000 in three bytes
  EXPECT_EQ(decode("\xE0\x9F\xBF"), kRejected);      // U+07FF in three bytes
  EXPECT_EQ(decode("\xF0\x80\x80\x80"), kRejected);  // U+0000 in four bytes
  EXPECT_EQ(decode("\xF0\x8F\xBF\xBF"), kRejected);  // U+FFFF in four bytes
}

TEST(Utf8, SurrogatesAndBadLeadBytesAreRejected) {
  EXPECT_EQ(decode("\xED\xA0\x80"), kRejected);  // U+D800
  EXPECT_EQ(decode("\xED\xBF\xBF"), kRejected);  // U+DFFF
  EXPECT_EQ(decode("\xF5\x80\x80\x80"), kRejected);
  EXPECT_EQ(decode("\xF7\xBF\xBF\xBF"), kRejected);
  EXPECT_EQ(decode("\xFE"), kRejected);
  EXPECT_EQ(decode("\xFF"), kRejected);
  EXPECT_EQ(decode("\x80"), kRejected);  // a continuation byte with no lead
  EXPECT_EQ(decode("\xBF"), kRejected);
}

TEST(Utf8, CutShortSequencesAreRejected) {
  EXPECT_EQ(decode("\xE2\x82"), kRejected);  // € without its last byte, at the end
  EXPECT_EQ(decode("\xE2\x82"
                   "A"),
            kRejected);                          // ... or followed by ASCII
  EXPECT_EQ(decode("\xF0\x9F\x98"), kRejected);  // 😀 without its last byte
  EXPECT_EQ(decode("\xC3"
                   "\xC3\xA9"),
            kRejected);  // a lead byte followed by a lead byte
  EXPECT_EQ(decode("\xC3"), kRejected);
}

TEST(Utf8, DecodesAtAnyPosition) {
  const std::string_view s = "a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80";  // a é € 😀
  const auto a = utf8_sequence(s, 0), e = utf8_sequence(s, 1), euro = utf8_sequence(s, 3), smile = utf8_sequence(s, 6);
  ASSERT_TRUE(a && e && euro && smile);
  EXPECT_EQ(a->code_point, U'a');
  EXPECT_EQ(e->code_point, 0xE9u);
  EXPECT_EQ(e->length, 2u);
  EXPECT_EQ(euro->code_point, 0x20ACu);
  EXPECT_EQ(euro->length, 3u);
  EXPECT_EQ(smile->code_point, 0x1F600u);
  EXPECT_EQ(smile->length, 4u);
  EXPECT_FALSE(utf8_sequence(s, 2));         // the middle of é
  EXPECT_FALSE(utf8_sequence(s, 9));         // the last byte of 😀
  EXPECT_FALSE(utf8_sequence(s, s.size()));  // past the end
  EXPECT_FALSE(utf8_sequence("", 0));
}

TEST(Utf8, ValidMeansEverySequenceIsWellFormed) {
  EXPECT_TRUE(valid_utf8(""));
  EXPECT_TRUE(valid_utf8("plain ASCII"));
  EXPECT_TRUE(valid_utf8("Caf\xC3\xA9 \xE2\x98\x83 \xF0\x9F\x98\x80"));
  EXPECT_TRUE(valid_utf8(std::string_view("a\0b", 3)));
  EXPECT_FALSE(valid_utf8("Caf\xE9"));  // ISO 8859-1 é
  EXPECT_FALSE(valid_utf8("ok \xE0\x80\x80"));
  EXPECT_FALSE(valid_utf8("ok \xED\xA0\x80 ok"));
  EXPECT_FALSE(valid_utf8("\xE2\x82"));
}

TEST(Utf8, EncodesEachLength) {
  const auto encode = [](char32_t cp) {
    std::string s;
    append_utf8(s, cp);
    return s;
  };
  EXPECT_EQ(encode(0x41), "A");
  EXPECT_EQ(encode(0x7F), "\x7F");
  EXPECT_EQ(encode(0x80), "\xC2\x80");
  EXPECT_EQ(encode(0xE9), "\xC3\xA9");
  EXPECT_EQ(encode(0x7FF), "\xDF\xBF");
  EXPECT_EQ(encode(0x800), "\xE0\xA0\x80");
  EXPECT_EQ(encode(0x20AC), "\xE2\x82\xAC");
  EXPECT_EQ(encode(0xFFFF), "\xEF\xBF\xBF");
  EXPECT_EQ(encode(0x10000), "\xF0\x90\x80\x80");
  EXPECT_EQ(encode(0x1F600), "\xF0\x9F\x98\x80");
  EXPECT_EQ(encode(0x10FFFF), "\xF4\x8F\xBF\xBF");
  // Not characters: U+FFFD (ef bf bd) instead, so the output stays UTF-8.
  EXPECT_EQ(encode(0xD800), "\xEF\xBF\xBD");
  EXPECT_EQ(encode(0xDFFF), "\xEF\xBF\xBD");
  EXPECT_EQ(encode(0x110000), "\xEF\xBF\xBD");
  std::string s = "x";
  append_utf8(s, 0xE9);
  EXPECT_EQ(s, "x\xC3\xA9");  // appends
}

TEST(Utf8, EncodeThenDecodeGivesTheCodePointBack) {
  for (const char32_t cp : {0x00u, 0x24u, 0x7Fu, 0x80u, 0xA2u, 0x3A9u, 0x7FFu, 0x800u, 0x20ACu, 0xD7FFu, 0xE000u,
                            0xFFFDu, 0xFFFFu, 0x10000u, 0x10348u, 0x1F600u, 0xFFFFFu, 0x10FFFFu}) {
    std::string s;
    append_utf8(s, cp);
    const auto c = utf8_sequence(s, 0);
    ASSERT_TRUE(c) << std::hex << static_cast<uint32_t>(cp);
    EXPECT_EQ(c->code_point, cp);
    EXPECT_EQ(c->length, s.size());
    EXPECT_EQ(c->length, cp < 0x80 ? 1u : cp < 0x800 ? 2u : cp < 0x10000 ? 3u : 4u);
  }
}

TEST(Utf8, Latin1BytesBecomeTheirCodePoints) {
  EXPECT_EQ(latin1_to_utf8("Caf\xE9"), "Caf\xC3\xA9");
  EXPECT_EQ(latin1_to_utf8("\x7F\x80\xA0\xFF"), "\x7F\xC2\x80\xC2\xA0\xC3\xBF");
  EXPECT_EQ(latin1_to_utf8(std::string_view("a\0", 2)), std::string("a\0", 2));
  EXPECT_EQ(latin1_to_utf8(""), "");
}

}  // namespace
}  // namespace dw

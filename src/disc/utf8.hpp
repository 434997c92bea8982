// UTF-8 by RFC 3629: the one decoder and encoder of the project, so that every place that asks
// "is this UTF-8?" (error messages, identify, JSON output, sheet text) gives the same answer.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace dw {

/// One decoded character: its code point and the number of bytes it took.
struct Utf8Char {
  char32_t code_point;
  size_t length;
};

/// The character whose encoding starts at `s[pos]`, or nullopt when `pos` is past the end or
/// the bytes there are not a well-formed sequence by RFC 3629 section 4: a continuation byte
/// (80..BF) as lead, C0, C1 or F5..FF as lead, a sequence cut short by a byte that is not a
/// continuation or by the end of `s`, an overlong form of any length (E0 80..9F, F0 80..8F),
/// a surrogate (ED A0..BF: U+D800..DFFF) or a code point past U+10FFFF (F4 90..BF).
std::optional<Utf8Char> utf8_sequence(std::string_view s, size_t pos);

/// Whether all of `s` is well-formed UTF-8 (utf8_sequence succeeds from start to end).
bool valid_utf8(std::string_view s);

/// Appends the UTF-8 encoding of `cp` (1 to 4 bytes). A value that is not a Unicode scalar
/// value (a surrogate D800..DFFF, or past 10FFFF) is written as U+FFFD REPLACEMENT CHARACTER,
/// so the output is always valid UTF-8.
void append_utf8(std::string& out, char32_t cp);

/// ISO 8859-1 bytes as UTF-8: each byte is the code point of the same value (80..FF take 2 bytes).
std::string latin1_to_utf8(std::string_view latin1);

}  // namespace dw

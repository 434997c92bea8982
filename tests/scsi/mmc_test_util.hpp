// Shared checks for the MMC response parsers: any prefix of a response either parses or throws
// dw::InputError (never crashes, never another exception), and the short ones must throw.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <span>
#include <vector>

#include "disc/error.hpp"

namespace dw::scsi::test {

/// Parses every prefix of `bytes` shorter than the whole; prefixes below `must_throw_below`
/// must throw InputError, the rest may parse or throw InputError.
template <typename Parse>
void check_prefixes(const std::vector<uint8_t>& bytes, size_t must_throw_below, Parse parse) {
  for (size_t n = 0; n < bytes.size(); ++n) {
    const std::vector<uint8_t> prefix(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(n));
    bool threw = false;
    try {
      parse(std::span<const uint8_t>(prefix));
    } catch (const dw::InputError& e) {
      threw = true;
      EXPECT_FALSE(e.problem().empty());
    }
    if (n < must_throw_below) {
      EXPECT_TRUE(threw) << "prefix of " << n << " bytes was accepted";
    }
  }
}

/// Expects an InputError whose message names `source`.
template <typename Parse>
void expect_input_error(const std::vector<uint8_t>& bytes, const char* source, Parse parse) {
  try {
    parse(std::span<const uint8_t>(bytes));
    ADD_FAILURE() << "no InputError";
  } catch (const dw::InputError& e) {
    EXPECT_EQ(e.source(), source);
  }
}

}  // namespace dw::scsi::test

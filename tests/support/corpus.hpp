// Access to ../shared/corpus for conformance tests; tests skip cleanly when it is absent.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace dw::test {

/// The corpus folder (DW_CORPUS env var, else the configured path); empty when absent.
std::filesystem::path corpus_dir();
/// Path of a corpus file, or empty when the corpus (or the file) is absent.
std::filesystem::path corpus_file(const std::string& relative);
/// Whole file as bytes (test inputs are small).
std::vector<uint8_t> read_file(const std::filesystem::path& path);

}  // namespace dw::test

/// Skips the current test with a clear message when the corpus file is not there.
#define DW_REQUIRE_CORPUS_FILE(var, relative)                                              \
  const auto var = ::dw::test::corpus_file(relative);                                      \
  if (var.empty())                                                                         \
  GTEST_SKIP() << "corpus file " << (relative) << " not found (../shared/corpus absent); " \
               << "set DW_CORPUS to its folder to run this test"

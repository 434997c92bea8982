#include "corpus.hpp"

#include <cstdlib>
#include <fstream>
#include <iterator>

namespace dw::test {

std::filesystem::path corpus_dir() {
  std::filesystem::path dir = std::getenv("DW_CORPUS") ? std::getenv("DW_CORPUS") : DW_CORPUS_DIR;
  std::error_code ec;
  return std::filesystem::is_directory(dir, ec) ? dir : std::filesystem::path{};
}

std::filesystem::path corpus_file(const std::string& relative) {
  auto dir = corpus_dir();
  if (dir.empty()) return {};
  auto path = dir / relative;
  std::error_code ec;
  return std::filesystem::exists(path, ec) ? path : std::filesystem::path{};
}

std::vector<uint8_t> read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + path.string());
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace dw::test

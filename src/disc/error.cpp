#include "disc/error.hpp"

#include <fmt/format.h>

namespace dw {

namespace {
std::string compose(const std::string& source, const std::string& problem, std::optional<uint64_t> offset,
                    std::optional<int> line) {
  if (line) return fmt::format("{}:{}: {}", source, *line, problem);
  if (offset) return fmt::format("{} (offset {}): {}", source, *offset, problem);
  return fmt::format("{}: {}", source, problem);
}
}  // namespace

InputError::InputError(std::string source, std::string problem, std::optional<uint64_t> offset, std::optional<int> line)
    : std::runtime_error(compose(source, problem, offset, line)),
      source_(std::move(source)),
      problem_(std::move(problem)),
      offset_(offset),
      line_(line) {}

}  // namespace dw

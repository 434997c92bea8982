// Golden vectors for `discwright selftest`. Each value comes from ../shared/reference or from
// bytes of corpus files written by other tools, never from discwright's own output.
#include <fmt/format.h>

#include "cli/selftest.hpp"
#include "disc/msf.hpp"

namespace dw::cli {

namespace {
template <typename A, typename B>
void expect_eq(std::vector<std::string>& failures, const char* what, const A& got, const B& want) {
  if (!(got == want)) failures.push_back(fmt::format("{}: got {}, want {}", what, got, want));
}

void msf_group(std::vector<std::string>& f) {
  expect_eq(f, "LBA 0 -> MSF", lba_to_msf(0)->str(), "00:02:00");
  expect_eq(f, "LBA -150 -> MSF", lba_to_msf(-150)->str(), "00:00:00");
  expect_eq(f, "LBA -151 -> MSF", lba_to_msf(-151)->str(), "99:59:74");
  expect_eq(f, "LBA -45150 -> MSF", lba_to_msf(-45150)->str(), "90:00:00");
  expect_eq(f, "MSF 99:59:74 -> LBA", *msf_to_lba({99, 59, 74}), -151);
  expect_eq(f, "MSF 90:00:00 -> LBA", *msf_to_lba({90, 0, 0}), -45150);
  expect_eq(f, "MSF 89:59:74 -> LBA", *msf_to_lba({89, 59, 74}), 404849);
  expect_eq(f, "overburn MSF 95:00:00 -> LBA", *msf_to_lba({95, 0, 0}, MsfRule::Overburn), 427350);
  expect_eq(f, "BCD of 59", int(Bcd::of(59).byte()), 0x59);
}
}  // namespace

std::vector<SelftestGroup> selftest_groups() {
  return {
      {"msf", "LBA/MSF/BCD with the lead-in rule and overburn", msf_group},
  };
}

}  // namespace dw::cli

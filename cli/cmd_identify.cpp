// `discwright identify FILE...`: what each file really is, and what to open it with.
#include <fmt/format.h>

#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/registry.hpp"
#include "disc/error.hpp"
#include "formats/identify.hpp"

namespace dw::cli {

namespace {

struct IdentifyOptions {
  std::vector<std::string> files;
  bool json = false;
};

int run_identify(const IdentifyOptions& opt) {
  nlohmann::json all = nlohmann::json::array();
  int status = kExitOk;
  for (const auto& f : opt.files) {
    try {
      const Identification id = identify_file(f);
      if (opt.json) {
        nlohmann::json details = nlohmann::json::object();
        for (const auto& [k, v] : id.details) details[k] = v;
        all.push_back({{"file", f},
                       {"kind", id.name},
                       {"optical", id.optical()},
                       {"summary", id.summary},
                       {"details", details},
                       {"advice", id.advice}});
      } else {
        fmt::print("{}: {}\n", f, id.summary);
        for (const auto& [k, v] : id.details) fmt::print("  {:<16} {}\n", k, v);
        fmt::print("  -> {}\n", id.advice);
      }
    } catch (const InputError& e) {
      status = kExitBadInput;
      if (opt.json)
        all.push_back({{"file", f}, {"error", e.what()}});
      else
        std::cerr << "discwright: " << e.what() << "\n";
    }
  }
  if (opt.json) std::cout << all.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  return status;
}

}  // namespace

void register_identify(CLI::App& app) {
  auto opt = std::make_shared<IdentifyOptions>();
  auto* sub =
      app.add_subcommand("identify",
                         "Tell what files really are: ISO 9660 (label, El Torito, isohybrid), UDF, raw CD\n"
                         "sectors (2352/2448 bytes, their modes, scrambled or not), audio-only BIN, CloneCD,\n"
                         "NRG, MDS, cdrdao TOC, CUE - and, for files that are not disc images (floppy, MBR/GPT\n"
                         "disk images, VHD, VMDK, qcow2, DMG, gzip, xz), what to use instead. Only the start\n"
                         "and end of each file are read.\n\n"
                         "Examples:\n"
                         "  discwright identify mystery.img\n"
                         "  discwright identify --json *.bin *.iso");
  sub->add_option("FILE", opt->files, "Files to identify")->required();
  sub->add_flag("--json", opt->json, "Print a JSON list: file, kind, optical, summary, details, advice");
  sub->footer(kExitCodeHelp);
  add_handler(sub, [opt] { return run_identify(*opt); });
}

}  // namespace dw::cli

// discwright: one binary, one subcommand per job.
#include <spdlog/sinks/base_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cctype>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "disc/error.hpp"
#include "scsi/device_error.hpp"
#include "scsi/virtual/virtual_spec.hpp"

namespace {

// The top-level help lists each command with its description's first clause (up to the first
// ": " or the end of its first sentence); `discwright COMMAND --help` shows the whole text with its examples.
class CommandListFormatter : public CLI::Formatter {
 public:
  std::string make_subcommand(const CLI::App* sub) const override {
    std::string text = sub->get_description();
    std::replace(text.begin(), text.end(), '\n', ' ');
    text.erase(std::unique(text.begin(), text.end(), [](char a, char b) { return a == ' ' && b == ' '; }), text.end());
    // A sentence ends at ". " before a capital, so "e.g. with" does not end one.
    size_t end = text.find(": ");
    for (size_t dot = text.find(". "); dot != std::string::npos && dot < end; dot = text.find(". ", dot + 1))
      if (dot + 2 < text.size() && std::isupper(static_cast<unsigned char>(text[dot + 2]))) end = dot;
    text = text.substr(0, end);
    if (!text.empty() && text.back() == '.') text.pop_back();
    std::stringstream out;
    CLI::detail::format_help(out, sub->get_display_name(true), text, column_width_);
    return out.str();
  }
};

// Edit distance, for "did you mean" on a mistyped command.
size_t distance(const std::string& a, const std::string& b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = up;
    }
  }
  return row[b.size()];
}

// The first word that is not an option, when it names no command: the message says so (CLI11
// would say "A subcommand is required") and suggests the nearest command.
std::string unknown_command(const CLI::App& app, int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const std::string word = argv[i];
    if (word.empty() || word[0] == '-') continue;
    std::string nearest, names;
    size_t best = 3;  // suggest only what is a few edits away
    for (const CLI::App* sub : app.get_subcommands({})) {
      const std::string& name = sub->get_name();
      if (name == word) return {};
      names += (names.empty() ? "" : ", ") + name;
      if (const size_t d = distance(word, name); d < best) {
        best = d;
        nearest = name;
      }
    }
    return "unknown command '" + word + "'" + (nearest.empty() ? "" : "; did you mean '" + nearest + "'?") +
           "\nCommands: " + names + ". See discwright --help, or discwright COMMAND --help.";
  }
  return {};
}

// With --json, log lines on stderr are JSON too ({"event": "log", "level", "message"}), one per
// line like the progress events, so a reader of stderr's JSON lines never meets plain text.
class JsonLogSink final : public spdlog::sinks::base_sink<std::mutex> {
 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    const auto level = spdlog::level::to_string_view(msg.level);
    std::cerr << nlohmann::json{{"event", "log"},
                                {"level", std::string(level.data(), level.size())},
                                {"message", std::string(msg.payload.data(), msg.payload.size())}}
                     .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)
              << "\n";
  }
  void flush_() override { std::cerr.flush(); }
};

// With --json anywhere on the command line, an error that ends the command is also printed to
// stdout as {"error": "...", "exit_code": N}, so a script reading stdout always gets JSON.
int fail(bool json, int code, const std::string& message) {
  std::cerr << "discwright: " << message << "\n";
  if (json)
    std::cout << nlohmann::json{{"error", message}, {"exit_code", code}}.dump(2, ' ', false,
                                                                              nlohmann::json::error_handler_t::replace)
              << "\n";
  return code;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "discwright - archival optical disc ripper and burner\n"
      "`discwright help COMMAND` (or `discwright COMMAND --help`) explains a command, with examples."};
  app.formatter(std::make_shared<CommandListFormatter>());
  app.footer(dw::cli::kExitCodeHelp);
  app.set_version_flag("--version", std::string("discwright ") + DW_VERSION);
  int verbosity = 0;
  app.add_flag("-v,--verbose", verbosity, "More detail in logs (repeat for debug output)");
  app.require_subcommand(1);
  // Options a command does not know go to the top level, so -v works after the command too
  // (`discwright rip -v ...`); set before the commands are added, which inherit it.
  app.fallthrough();

  dw::cli::register_burn(app);
  dw::cli::register_convert(app);
  dw::cli::register_emulate(app);
  dw::cli::register_drive_info(app);
  dw::cli::register_drives(app);
  dw::cli::register_identify(app);
  dw::cli::register_info(app);
  dw::cli::register_rip(app);
  dw::cli::register_selftest(app);
  dw::cli::register_tray(app);
  dw::cli::register_verify(app);

  // `discwright help [COMMAND]` is `discwright [COMMAND] --help`.
  std::vector<std::string> args(argv + 1, argv + argc);
  if (!args.empty() && args[0] == "help") {
    args.erase(args.begin());
    args.emplace_back("--help");
  }
  bool json = false;
  for (const std::string& a : args) json = json || a == "--json";
  std::vector<char*> cargs{argv[0]};
  for (std::string& a : args) cargs.push_back(a.data());
  argc = static_cast<int>(cargs.size());
  argv = cargs.data();
  if (const std::string unknown = unknown_command(app, argc, argv); !unknown.empty())
    return fail(json, dw::cli::kExitUsage, unknown);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    return fail(json, dw::cli::kExitUsage, std::string(e.what()) + " (see --help)");
  }
  // Logs go to stderr: stdout carries the results (and --json must stay parseable).
  if (json)
    spdlog::set_default_logger(std::make_shared<spdlog::logger>("discwright", std::make_shared<JsonLogSink>()));
  else
    spdlog::set_default_logger(spdlog::stderr_color_mt("discwright"));
  spdlog::set_level(verbosity >= 2 ? spdlog::level::debug : verbosity == 1 ? spdlog::level::info : spdlog::level::warn);
  try {
    return dw::cli::run_selected(app);
  } catch (const dw::vdrive::SpecError& e) {
    return fail(json, dw::cli::kExitUsage, e.what());
  } catch (const dw::scsi::DeviceError& e) {
    return fail(json, dw::cli::kExitDevice, e.what());
  } catch (const dw::InputError& e) {
    return fail(json, dw::cli::kExitBadInput, e.what());
  } catch (const CLI::Error& e) {  // a check that needed more than the parser knew
    return fail(json, dw::cli::kExitUsage, e.what());
  } catch (const dw::ModelError& e) {
    return fail(json, dw::cli::kExitBadInput, std::string("the image describes an impossible disc: ") + e.what());
  } catch (const std::filesystem::filesystem_error& e) {  // the path and the system's reason, not the library's
    const std::string path = e.path1().empty() ? "" : e.path1().string() + ": ";
    return fail(json, dw::cli::kExitBadInput, path + e.code().message());
  } catch (const std::exception& e) {  // the rest: name it, never a stack of noise
    return fail(json, dw::cli::kExitBadInput, e.what());
  }
}

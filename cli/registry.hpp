// How a subcommand file hands its run function to the dispatcher.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>

namespace dw::cli {

/// Registers what runs when `sub` is the chosen subcommand; `run` returns the exit code.
void add_handler(const CLI::App* sub, std::function<int()> run);

}  // namespace dw::cli

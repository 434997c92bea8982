// `discwright convert IN OUT`: reader -> writer, lossless unless the user accepts the loss.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/progress.hpp"
#include "cli/registry.hpp"
#include "disc/error.hpp"
#include "formats/audio_tracks.hpp"
#include "formats/ccd_image.hpp"
#include "formats/conversion.hpp"
#include "formats/cue_writer.hpp"
#include "formats/image.hpp"
#include "formats/iso_writer.hpp"
#include "formats/nrg_writer.hpp"
#include "formats/output_file.hpp"

namespace dw::cli {

namespace {

struct ConvertOptions {
  std::string in, out, to;
  int track = 0;
  bool allow_lossy = false, force = false, json = false;
};

std::string target_format(const ConvertOptions& opt) {
  if (!opt.to.empty()) return opt.to;
  std::string ext = std::filesystem::path(opt.out).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (ext == ".cue") return "cue";
  if (ext == ".iso") return "iso";
  if (ext == ".ccd") return "ccd";
  if (ext == ".nrg") return "nrg";
  throw CLI::ValidationError(
      "OUT", fmt::format("cannot tell the format from '{}': give --to cue|cue-single|ccd|nrg|iso|flac|wav", opt.out));
}

int run_convert(const ConvertOptions& given) {
  ConvertOptions opt = given;
  // OUT is a folder when it ends with a separator or is one (created when missing): the name
  // comes from the input's, made safe to stay inside it. With --to and no extension, OUT gets the
  // format's extension.
  const bool audio = opt.to == "flac" || opt.to == "wav";
  static const std::map<std::string, std::string> ext = {
      {"cue", ".cue"}, {"cue-single", ".cue"}, {"ccd", ".ccd"}, {"nrg", ".nrg"}, {"iso", ".iso"}};
  const bool folder = opt.out.ends_with('/') || std::filesystem::is_directory(opt.out);
  if (folder && !audio) {
    if (opt.to.empty())
      throw CLI::ValidationError("OUT", fmt::format("{} is a folder: give the format with --to", opt.out));
    opt.out = (std::filesystem::path(opt.out) /
               (safe_file_name(std::filesystem::path(opt.in).stem().string()) + ext.at(opt.to)))
                  .string();
  } else if (!audio && !opt.to.empty() && ext.count(opt.to) && std::filesystem::path(opt.out).extension().empty()) {
    opt.out += ext.at(opt.to);
  }
  const std::string to = target_format(opt);
  if (opt.track > 0 && to != "iso")
    throw CLI::ValidationError("--track", fmt::format("extracts one data track into an ISO; {} output keeps every "
                                                      "track",
                                                      to));
  Image image = open_image(opt.in);
  const std::optional<uint8_t> track =
      opt.track > 0 ? std::optional<uint8_t>(static_cast<uint8_t>(opt.track)) : std::nullopt;
  std::vector<Loss> losses;
  try {
    losses = conversion_losses(*image.source, to, track);
  } catch (const InputError& e) {
    if (e.source() == "--track") throw CLI::ValidationError("--track", e.problem());  // the command line's fault
    if (to != "iso" || track) throw;
    throw InputError(e.source(), e.problem() + "; choose one with --track N");
  }
  // Asking for one track with --track is asking for the loss of the others.
  if (track) std::erase_if(losses, [](const Loss& l) { return l.kind == LossKind::OtherTracks; });
  std::vector<std::string> lost;
  for (const Loss& l : losses) lost.push_back(l.what);
  if (!lost.empty() && !opt.allow_lossy) {
    const std::string refusal = fmt::format("converting {} to {} would lose:", opt.in, to);
    std::cerr << "discwright: " << refusal << "\n";
    for (const auto& l : lost) std::cerr << "  - " << l << "\n";
    std::cerr << "Nothing was written. Use --allow-lossy to convert anyway.\n";
    if (opt.json)  // the refusal on stdout too, as every error that ends a command with --json
      std::cout << nlohmann::json{{"error", refusal + " " + fmt::format("{}", fmt::join(lost, "; "))},
                                  {"lost", lost},
                                  {"exit_code", kExitBadInput}}
                       .dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
                << "\n";
    return kExitBadInput;
  }
  Progress progress("convert", "sectors");
  const auto report = [&](uint64_t d, uint64_t t) { progress.update(d, t); };
  std::vector<std::string> written;
  if (to == "iso") {
    write_iso(*image.source, opt.out, track, opt.force, report);
    written.push_back(opt.out);
  } else if (to == "nrg") {
    write_nrg(*image.source, opt.out, opt.force, report);
    written.push_back(opt.out);
  } else if (to == "flac" || to == "wav") {
    // OUT is the folder; the files are named after the input, as a rip names them after --name.
    const std::string stem = safe_file_name(std::filesystem::path(opt.in).stem().string());
    std::vector<std::string> notes;
    for (const auto& p :
         write_audio_tracks(*image.source, opt.out, stem, to == "flac" ? AudioFormat::Flac : AudioFormat::Wav,
                            opt.force, report, &notes))
      written.push_back(p.string());
    if (written.empty()) {
      progress.finish();
      std::cerr << fmt::format("discwright: {} has no audio tracks: nothing was written\n", opt.in);
      return kExitBadInput;
    }
  } else if (to == "ccd") {
    for (const auto& p : write_ccd(*image.source, opt.out, opt.force, report)) written.push_back(p.string());
  } else {
    for (const auto& p :
         write_cue(*image.source, opt.out, to == "cue-single" ? CueStyle::Single : CueStyle::Redump, opt.force, report))
      written.push_back(p.string());
  }
  progress.finish();
  if (opt.json) {
    std::cout << nlohmann::json{{"in", opt.in},     {"out", opt.out}, {"to", to},
                                {"files", written}, {"lost", lost},   {"notes", image.notes}}
                     .dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
              << "\n";
  } else {
    fmt::print("{} -> {} ({}): wrote {} file(s)\n", opt.in, opt.out, to, written.size());
    for (const auto& w : written) fmt::print("  {}\n", w);
    for (const auto& l : lost) fmt::print("  lost (allowed): {}\n", l);
  }
  return kExitOk;
}

}  // namespace

void register_convert(CLI::App& app) {
  auto opt = std::make_shared<ConvertOptions>();
  auto* sub =
      app.add_subcommand("convert",
                         "Convert an image to another format. Lossless by default: a conversion that would\n"
                         "drop something (tracks, subchannel, Form 2 sectors, damage marks) is refused with\n"
                         "the list of what would be lost, unless --allow-lossy. Output files are written under\n"
                         "a temporary name and renamed when complete; existing files need --force.\n\n"
                         "Formats: cue (redump style: one .bin per track), cue-single (one .bin), ccd (CloneCD\n"
                         ".ccd/.img/.sub with the full TOC and subchannel), nrg (Nero v2 disc-at-once; 2448-byte\n"
                         "sectors when the source has subchannel of its own), iso, flac and wav (one file per\n"
                         "audio track, gaps appended, and \"NAME (audio).cue\" / \"NAME (audio WAV).cue\"; OUT is\n"
                         "the folder, NAME the input's; data tracks are left out, so --allow-lossy for mixed mode).\n\n"
                         "Examples:\n"
                         "  discwright convert game.cue out/Game.cue\n"
                         "  discwright convert --to cue-single album.cue one/Album.cue\n"
                         "  discwright convert --track 1 mixed.cue data.iso\n"
                         "  discwright convert --to flac album.cue music/");
  sub->add_option("IN", opt->in,
                  "Source image (.cue, .ccd, .nrg, .toc, .iso; a .bin/.img is opened through the sheet beside it)")
      ->required();
  sub->add_option("OUT", opt->out,
                  "Output file (.cue, .ccd, .nrg or .iso; data files go beside a .cue or .ccd), or a folder\n(with "
                  "--to; the name is the input's; always a folder for flac and wav)")
      ->required();
  sub->add_option("--to", opt->to, "Output format (default: from OUT's extension)")
      ->check(CLI::IsMember({"cue", "cue-single", "ccd", "nrg", "iso", "flac", "wav"}));
  sub->add_option("--track", opt->track, "ISO: extract this data track (the other tracks are left out on purpose)")
      ->check(CLI::Range(1, 99));
  sub->add_flag("--allow-lossy", opt->allow_lossy, "Convert even when something would be lost (it is listed)");
  sub->add_flag("--force", opt->force, "Overwrite existing output files");
  sub->add_flag("--json", opt->json, "Print a JSON summary: files written, what was lost, reader notes");
  sub->footer(kExitCodeHelp);
  add_handler(sub, [opt] { return run_convert(*opt); });
}

}  // namespace dw::cli

// `discwright info IMAGE`: what the image says the disc is - sessions, tracks, indices, gaps,
// flags, ISRC, MCN, CD-Text, lead-out and the disc ids - without reading its sectors.
#include <fmt/format.h>

#include <iostream>
#include <nlohmann/json.hpp>

#include "checksum/disc_ids.hpp"
#include "cli/commands.hpp"
#include "cli/disc_json.hpp"
#include "cli/exit_codes.hpp"
#include "cli/registry.hpp"
#include "disc/error.hpp"
#include "formats/image.hpp"

namespace dw::cli {

namespace {

struct InfoOptions {
  std::string image;
  bool json = false;
};

nlohmann::json ids_json(const Disc& disc) {
  nlohmann::json ids = nlohmann::json::object();
  if (disc.media != MediaKind::Cd) return ids;
  ids["cddb"] = fmt::format("{:08x}", cddb_id(disc));
  try {
    const AccurateRipIds ar = accuraterip_ids(disc);
    ids["accuraterip"] = {
        {"id1", fmt::format("{:08x}", ar.id1)}, {"id2", fmt::format("{:08x}", ar.id2)}, {"path", ar.path()}};
    ids["musicbrainz"] = musicbrainz_id(disc);
    ids["musicbrainz_toc"] = musicbrainz_toc(disc);
  } catch (const ModelError&) {
    // No audio track: neither AccurateRip nor MusicBrainz has an id for the disc.
  }
  return ids;
}

void print_text(const std::string& name, const Image& image, const nlohmann::json& ids) {
  const Disc& d = image.disc();
  fmt::print("{}: {}, {} session(s), {} track(s), lead-out at LBA {} ({})\n", name,
             image.description.empty() ? image.format + " image" : image.description, d.sessions.size(),
             d.track_count(), d.leadout(), cue_time_label(d.leadout()));
  if (!d.mcn.empty()) fmt::print("MCN: {}\n", d.mcn);
  fmt::print("{:>3}  {:>3}  {:<8}  {:>7}  {:>7}  {:>7}  {:>7}  {:<11}  {:<12}  {}\n", "#", "ses", "type", "pregap",
             "start", "end", "length", "flags", "ISRC", "indices");
  for (const Session& s : d.sessions) {
    for (const Track& t : s.tracks) {
      std::string flags, more;
      if (t.control.copy_permitted()) flags += "dcp ";
      if (t.control.pre_emphasis()) flags += "pre ";
      if (t.control.four_channel()) flags += "4ch ";
      for (const Index& x : t.indices)
        if (x.number >= 2) more += fmt::format("{:02}@{} ", x.number, x.lba);
      if (t.pregap_generated) more += fmt::format("(pregap {} generated) ", t.pregap_generated);
      if (t.postgap_generated) more += fmt::format("(postgap {} generated) ", t.postgap_generated);
      const auto i0 = t.index(0);
      fmt::print("{:>3}  {:>3}  {:<8}  {:>7}  {:>7}  {:>7}  {:>7}  {:<11}  {:<12}  {}\n", t.number, s.number,
                 track_type_name(t.mode), i0 ? std::to_string(*i0) : "-", t.start(), d.track_end(t.number) - 1,
                 d.track_length(t.number), flags.empty() ? "-" : flags, t.isrc.empty() ? "-" : t.isrc, more);
    }
    if (d.sessions.size() > 1) fmt::print("     session {} lead-out at LBA {}\n", s.number, s.leadout);
  }
  if (!d.cdtext.empty()) {
    const nlohmann::json text = cdtext_json(d.cdtext);
    for (const auto& b : text["blocks"]) {
      fmt::print("CD-Text block {} (language 0x{:02x}):\n", b["block"].get<int>(), b["language"].get<int>());
      for (const auto& [k, v] : b["disc"].items())
        fmt::print("  disc     {:<10} {}\n", k, printable_text(v.get<std::string>()));
      for (const auto& [track, fields] : b["tracks"].items())
        for (const auto& [k, v] : fields.items())
          fmt::print("  track {:>2} {:<10} {}\n", track, k, printable_text(v.get<std::string>()));
    }
  }
  if (ids.contains("cddb")) fmt::print("CDDB id: {}\n", ids["cddb"].get<std::string>());
  if (ids.contains("accuraterip"))
    fmt::print("AccurateRip: {}-{} ({})\n", ids["accuraterip"]["id1"].get<std::string>(),
               ids["accuraterip"]["id2"].get<std::string>(), ids["accuraterip"]["path"].get<std::string>());
  if (ids.contains("musicbrainz")) fmt::print("MusicBrainz disc id: {}\n", ids["musicbrainz"].get<std::string>());
  if (!image.notes.empty()) {
    fmt::print("Notes:\n");
    for (const auto& n : image.notes) fmt::print("  - {}\n", printable_text(n));
  }
}

// Where the image's subchannel comes from: "image", "synthesised", or - for images that store
// only R-W (cdrdao RW / RW_RAW tracks) - "image R-W, synthesised P and Q" (the sectors say so).
std::string subchannel_kind(SectorSource& source) {
  if (source.subchannel_origin() != SubchannelOrigin::Source) return "synthesised";
  if (source.end() <= source.begin()) return "image";
  std::vector<uint8_t> main(2352), sub(96);
  SectorState state;
  source.read(source.begin(), 1, main, sub, {&state, 1});
  return state.provenance & SectorState::kSubSynthesized ? "image R-W, synthesised P and Q" : "image";
}

int run_info(const InfoOptions& opt) {
  const Image image = open_image(opt.image);
  const nlohmann::json ids = ids_json(image.disc());
  if (opt.json) {
    nlohmann::json out = disc_json(image.disc());
    out["file"] = opt.image;
    out["format"] = image.format;
    out["ids"] = ids;
    out["notes"] = image.notes;
    out["subchannel"] = subchannel_kind(*image.source);
    std::cout << out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  } else {
    print_text(opt.image, image, ids);
  }
  return kExitOk;
}

}  // namespace

void register_info(CLI::App& app) {
  auto opt = std::make_shared<InfoOptions>();
  auto* sub = app.add_subcommand("info",
                                 "Show what an image says the disc is: sessions, tracks (type, pregap, start, end,\n"
                                 "indices, flags, ISRC), MCN, CD-Text, lead-out, disc ids (CDDB, AccurateRip,\n"
                                 "MusicBrainz), and what the reader had to assume or generate.\n"
                                 "Sectors are not read; use `verify` for that.\n\n"
                                 "Examples:\n"
                                 "  discwright info album.cue\n"
                                 "  discwright info --json game.cue | jq '.tracks[].start'");
  sub->add_option("IMAGE", opt->image,
                  "Image file (.cue, .ccd, .nrg, .toc, .iso; a .bin/.img is opened through the sheet beside it)")
      ->required();
  sub->add_flag("--json", opt->json,
                "Print JSON: format, sessions, leadout, catalog, tracks[{number, session, type, start,\n"
                "pregap_start, end, indices, flags, isrc}], cdtext, ids, notes");
  sub->footer(kExitCodeHelp);
  add_handler(sub, [opt] { return run_info(*opt); });
}

}  // namespace dw::cli

#include "formats/cue_writer.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <memory>

#include "disc/cdtext.hpp"
#include "disc/error.hpp"
#include "formats/output_file.hpp"
#include "formats/sector_copy.hpp"
#include "formats/write_behind.hpp"

namespace dw {

const char* cue_track_type(TrackMode mode) {
  switch (mode) {
    case TrackMode::Audio: return "AUDIO";
    case TrackMode::Mode0: return "MODE0/2352";
    case TrackMode::Mode1: return "MODE1/2352";
    case TrackMode::Mode2Formless:
    case TrackMode::Mode2Xa: return "MODE2/2352";
    case TrackMode::CdI: return "CDI/2352";
  }
  return "AUDIO";
}

const char* cue_cdtext_command(uint8_t type) {
  switch (type) {
    case 0x80: return "TITLE";
    case 0x81: return "PERFORMER";
    case 0x82: return "SONGWRITER";
    case 0x83: return "COMPOSER";
    case 0x84: return "ARRANGER";
    case 0x85: return "MESSAGE";
    case 0x86: return "DISC_ID";
    case 0x87: return "GENRE";
    case 0x8E: return "UPC_EAN";
    default: return nullptr;
  }
}

std::string cue_msf(int64_t frames) { return frames_to_msf(static_cast<int32_t>(frames))->str(); }

std::string cue_flags_line(Control control) {
  std::string flags;
  if (control.copy_permitted()) flags += " DCP";
  if (control.four_channel()) flags += " 4CH";
  if (control.pre_emphasis()) flags += " PRE";
  return flags.empty() ? std::string() : fmt::format("    FLAGS{}\n", flags);
}

std::string cue_cdtext_lines(const CdTextBlock& block, uint8_t track, const char* indent) {
  std::string s;
  for (const auto& [key, value] : block.text) {
    const char* command = cue_cdtext_command(key.first);
    if (key.second != track || !command || (track != 0 && key.first >= 0x86)) continue;
    if (value.find_first_of("\"\r\n") != std::string::npos) continue;
    s += fmt::format("{}{} \"{}\"\n", indent, command, value);
  }
  return s;
}

namespace {

// The sectors of a track a file holds: from its pregap start (less a generated pregap) to its
// end (less a generated postgap). The first track of a later session starts at index 1: the
// pregap there is described by REM PREGAP, as redump does.
std::pair<Lba, Lba> stored_range(const Disc& disc, const Track& t, bool first_of_later_session) {
  Lba first = first_of_later_session ? t.start() : t.pregap_start() + t.pregap_generated;
  const Lba end = disc.track_end(t.number) - t.postgap_generated;
  return {first, end};
}

}  // namespace

bool cdtext_fits_sheet(const CdText& text, const Disc& disc) {
  if (text.blocks.size() != 1) return text.blocks.empty();
  const CdTextBlock& b = text.blocks[0];
  if (b.block != 0 || b.language != 0x09 || b.character_code != 0 || b.double_byte) return false;
  if (b.first_track != disc.first_track() || b.last_track != disc.last_track()) return false;
  for (const auto& [type, bytes] : b.binary)
    if (type != 0x87 || std::any_of(bytes.begin(), bytes.end(), [](uint8_t x) { return x != 0; })) return false;
  for (const auto& [key, value] : b.text) {
    if (!cue_cdtext_command(key.first) || (key.second != 0 && key.first >= 0x86)) return false;
    if (value.find_first_of("\"\r\n") != std::string::npos) return false;
  }
  return true;
}

CuePlan plan_cue(const Disc& disc, const std::string& stem, CueStyle style) {
  disc.validate();
  CuePlan plan;
  std::string& s = plan.sheet;
  if (!disc.mcn.empty()) s += fmt::format("CATALOG {}\n", disc.mcn);
  const bool text_lines = cdtext_fits_sheet(disc.cdtext, disc);
  if (!text_lines) {
    plan.cdtext_file = stem + ".cdt";
    s += fmt::format("CDTEXTFILE \"{}\"\n", plan.cdtext_file);
  }
  const auto text_of = [&](uint8_t track, const char* indent) {
    if (text_lines && !disc.cdtext.empty()) s += cue_cdtext_lines(disc.cdtext.blocks[0], track, indent);
  };
  text_of(0, "");
  const auto tracks = disc.tracks();
  const size_t width = disc.last_track() >= 10 ? 2 : 1;
  const bool multisession = disc.sessions.size() > 1;
  int64_t file_frames = 0;  // single style: frames written to the one file so far
  if (style == CueStyle::Single) plan.files.push_back({stem + ".bin", 0, 0});
  for (const Session& session : disc.sessions) {
    for (size_t k = 0; k < session.tracks.size(); ++k) {
      const Track& t = session.tracks[k];
      const bool later_first = k == 0 && session.number > 1;
      auto [first, end] = stored_range(disc, t, later_first);
      if (&t == tracks.front()) first = 0;  // track 1's file starts at LBA 0 (before it: Track 0)
      if (later_first) {
        const Session& prev = disc.sessions[session.number - 2];
        const int32_t pregap = t.start() - disc.q_pregap_start(t.number);
        if (style == CueStyle::Redump) {
          const int32_t leadout = t.start() - prev.leadout - kLeadInSectors - pregap;
          s += fmt::format("REM LEAD-OUT {}\nREM SESSION {:02}\nREM LEAD-IN {}\nREM PREGAP {}\n", cue_msf(leadout),
                           session.number, cue_msf(kLeadInSectors), cue_msf(pregap));
        } else {
          s += fmt::format("REM LEAD-OUT {}\nREM SESSION {:02}\n", cue_msf(file_frames), session.number);
        }
      } else if (multisession && &t == tracks.front()) {
        s += "REM SESSION 01\n";
      }
      if (style == CueStyle::Redump) {
        const std::string name =
            disc.track_count() == 1 ? stem + ".bin" : fmt::format("{} (Track {:0{}}).bin", stem, t.number, width);
        s += fmt::format("FILE \"{}\" BINARY\n", name);
        plan.files.push_back({name, first, end});
        file_frames = 0;
      } else if (&t == tracks.front()) {
        s += fmt::format("FILE \"{}\" BINARY\n", plan.files[0].name);
      }
      s += fmt::format("  TRACK {:02} {}\n", t.number, cue_track_type(t.mode));
      text_of(t.number, "    ");
      if (!t.isrc.empty()) s += fmt::format("    ISRC {}\n", t.isrc);
      s += cue_flags_line(t.control);
      if (t.pregap_generated > 0) s += fmt::format("    PREGAP {}\n", cue_msf(t.pregap_generated));
      bool any_index = false;
      for (const Index& x : t.indices) {
        if (x.lba < first) continue;  // generated, or before a later session's index 1
        if (!any_index && x.lba > first)
          s += fmt::format("    INDEX 00 {}\n", cue_msf(file_frames));  // data before index 1
        s += fmt::format("    INDEX {:02} {}\n", x.number, cue_msf(file_frames + (x.lba - first)));
        any_index = true;
      }
      if (t.postgap_generated > 0) s += fmt::format("    POSTGAP {}\n", cue_msf(t.postgap_generated));
      file_frames += end - first;
      if (style == CueStyle::Single) plan.files[0].end = end;
      if (style == CueStyle::Single && &t == tracks.front()) plan.files[0].first = first;
      if (style == CueStyle::Single && (t.pregap_generated || t.postgap_generated || later_first))
        plan.notes.push_back(
            fmt::format("track {:02}: gaps not stored in the file are described in the sheet", t.number));
    }
  }
  return plan;
}

std::vector<std::filesystem::path> write_cue(SectorSource& source, const std::filesystem::path& cue_path,
                                             CueStyle style, bool force,
                                             const std::function<void(uint64_t, uint64_t)>& progress) {
  const Disc& disc = source.disc();
  const CuePlan plan = plan_cue(disc, cue_path.stem().string(), style);
  const auto dir = cue_path.parent_path();
  std::vector<std::unique_ptr<OutputFile>> outs;
  uint64_t total = 0, done = 0;
  for (const auto& f : plan.files) total += static_cast<uint64_t>(f.end - f.first);
  constexpr uint32_t kChunk = 1024;
  // Two buffers: one is being written (WriteBehind) while the other is filled.
  std::vector<uint8_t> buffers[2] = {std::vector<uint8_t>(kChunk * 2352), std::vector<uint8_t>(kChunk * 2352)};
  int turn = 0;
  for (const auto& f : plan.files) {
    outs.push_back(std::make_unique<OutputFile>(dir / f.name, force));
    // In one file, sessions follow each other without their lead-out/lead-in gap.
    std::vector<std::pair<Lba, Lba>> ranges;
    if (style == CueStyle::Redump) {
      ranges.push_back({f.first, f.end});
    } else {
      for (const Session& session : disc.sessions)
        for (size_t k = 0; k < session.tracks.size(); ++k) {
          const Track& t = session.tracks[k];
          auto r = stored_range(disc, t, k == 0 && session.number > 1);
          if (&t == disc.tracks().front()) r.first = 0;
          ranges.push_back(r);
        }
    }
    WriteBehind behind(*outs.back());
    for (auto [first, end] : ranges) {
      for (Lba at = first; at < end;) {
        auto n = static_cast<uint32_t>(std::min<Lba>(kChunk, end - at));
        // Bytes the source stores as they are: copied by the kernel, like cp, as far as they go.
        // The copy runs on the WriteBehind thread while the next chunk is read.
        if (std::optional<StoredRun> stored = stored_main(source, at, 1)) {
          n = static_cast<uint32_t>(std::min<Lba>(stored->count, end - at));
          behind.copy_from(std::move(stored->file), stored->offset, uint64_t{n} * 2352);
        } else {
          const auto chunk = std::span(buffers[turn]).first(size_t{n} * 2352);
          turn ^= 1;
          read_padded(source, at, n, chunk, {}, nullptr);
          behind.write(chunk);
        }
        at += static_cast<Lba>(n);
        done += n;
        if (progress) progress(done, total);
      }
    }
    behind.wait();
  }
  // Data the source holds before LBA 0 (an NRG's track 1 pregap, a dump's lead-in side) goes to
  // redump's "(Track 0).bin", listed in DATs but not in the sheet; silence there is not kept.
  if (style == CueStyle::Redump && source.begin() < 0) {
    const auto n = static_cast<uint32_t>(std::min<Lba>(0, source.end()) - source.begin());
    std::vector<uint8_t> before(size_t{n} * 2352);
    source.read(source.begin(), n, before, {}, {});
    if (std::any_of(before.begin(), before.end(), [](uint8_t b) { return b != 0; })) {
      outs.push_back(std::make_unique<OutputFile>(dir / (cue_path.stem().string() + " (Track 0).bin"), force));
      outs.back()->write(before);
    }
  }
  if (!plan.cdtext_file.empty()) {
    outs.push_back(std::make_unique<OutputFile>(dir / plan.cdtext_file, force));
    outs.back()->write(cdtext_bytes(build_cdtext_packs(disc.cdtext)));
  }
  outs.push_back(std::make_unique<OutputFile>(cue_path, force));
  outs.back()->write(plan.sheet);
  std::vector<std::filesystem::path> written;
  for (auto& o : outs) {
    o->commit();
    written.push_back(o->path());
  }
  return written;
}

}  // namespace dw

#include "formats/audio_tracks.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <memory>
#include <optional>

#include "disc/error.hpp"
#include "disc/utf8.hpp"
#include "formats/cue_writer.hpp"
#include "formats/flac_encoder.hpp"
#include "formats/output_file.hpp"
#include "formats/sector_copy.hpp"
#include "formats/wave_file.hpp"

namespace dw {

namespace {

constexpr uint32_t kChunkSectors = 256;

bool silent(SectorSource& source, Lba first, Lba end) {
  std::vector<uint8_t> buffer(size_t{kChunkSectors} * kRawSectorSize);
  for (Lba at = first; at < end;) {
    const auto n = static_cast<uint32_t>(std::min<Lba>(kChunkSectors, end - at));
    const auto chunk = std::span(buffer).first(size_t{n} * kRawSectorSize);
    read_padded(source, at, n, chunk, {}, nullptr);
    if (std::any_of(chunk.begin(), chunk.end(), [](uint8_t b) { return b != 0; })) return false;
    at += static_cast<Lba>(n);
  }
  return true;
}

// What the tags and the sheet's text lines come from: CD-Text block 0 when it is single-byte
// text (the sheet cannot carry double-byte strings, and their encodings are not ours to guess).
const CdTextBlock* usable_text(const Disc& disc, std::vector<std::string>& notes) {
  if (disc.cdtext.empty()) return nullptr;
  const CdTextBlock& b = disc.cdtext.blocks.front();
  if (b.block != 0 || b.double_byte || b.character_code > 0x01) {
    notes.push_back("CD-Text is not in ISO 8859-1 or ASCII: left out of the audio sheet and the tags");
    return nullptr;
  }
  if (disc.cdtext.blocks.size() > 1)
    notes.push_back("CD-Text blocks other than block 0 (other languages) are not in the audio sheet or the tags");
  return &b;
}

std::optional<std::string> text_of(const CdTextBlock* block, uint8_t type, uint8_t track) {
  if (!block) return std::nullopt;
  const auto it = block->text.find({type, track});
  if (it == block->text.end() || it->second.empty()) return std::nullopt;
  return it->second;
}

struct TagSource {
  const Disc& disc;
  const CdTextBlock* text;
  uint8_t last_audio = 0;

  // `t` is null for hidden track one audio (track number 0): the disc's tags only.
  std::vector<std::pair<std::string, std::string>> tags(const Track* t) const {
    std::vector<std::pair<std::string, std::string>> out;
    // CD-Text strings of a single-byte block are ISO 8859-1 (character code 0x00) or ASCII
    // (0x01); Vorbis comments are UTF-8.
    const auto add = [&](const char* name, const std::optional<std::string>& value) {
      if (value) out.emplace_back(name, latin1_to_utf8(*value));
    };
    const uint8_t n = t ? t->number : 0;
    if (t) add("TITLE", text_of(text, 0x80, n));
    auto artist = t ? text_of(text, 0x81, n) : std::nullopt;
    add("ARTIST", artist ? artist : text_of(text, 0x81, 0));
    add("ALBUM", text_of(text, 0x80, 0));
    add("ALBUMARTIST", text_of(text, 0x81, 0));
    out.emplace_back("TRACKNUMBER", std::to_string(n));
    out.emplace_back("TRACKTOTAL", std::to_string(last_audio));
    if (t && !t->isrc.empty()) out.emplace_back("ISRC", t->isrc);
    if (!disc.mcn.empty()) out.emplace_back("CATALOG", disc.mcn);
    std::optional<std::string> genre = text_of(text, 0x87, 0);
    if (!genre && text) {
      const auto code = text->binary.find(0x87);
      if (code != text->binary.end() && code->second.size() == 2) {
        const std::string name = cdtext_genre_name(static_cast<uint16_t>(code->second[0] << 8 | code->second[1]));
        if (!name.empty() && name != "Not Defined") genre = name;
      }
    }
    add("GENRE", genre);
    return out;
  }
};

}  // namespace

std::string cdtext_genre_name(uint16_t code) {
  // The genre codes of CD-Text (the codes libcdio's cdtext.h lists, 0 = not used).
  static constexpr std::array<const char*, 29> kNames = {"",
                                                         "Not Defined",
                                                         "Adult Contemporary",
                                                         "Alternative Rock",
                                                         "Childrens Music",
                                                         "Classical",
                                                         "Contemporary Christian",
                                                         "Country",
                                                         "Dance",
                                                         "Easy Listening",
                                                         "Erotic",
                                                         "Folk",
                                                         "Gospel",
                                                         "Hip Hop",
                                                         "Jazz",
                                                         "Latin",
                                                         "Musical",
                                                         "New Age",
                                                         "Opera",
                                                         "Operetta",
                                                         "Pop Music",
                                                         "Rap",
                                                         "Reggae",
                                                         "Rock Music",
                                                         "Rhythm & Blues",
                                                         "Sound Effects",
                                                         "Soundtrack",
                                                         "Spoken Word",
                                                         "World Music"};
  return code < kNames.size() ? kNames[code] : "";
}

AudioPlan plan_audio_tracks(SectorSource& source, const std::string& stem, AudioFormat format) {
  const Disc& disc = source.disc();
  disc.validate();
  AudioPlan plan;
  const std::string base = safe_file_name(stem);
  const char* ext = format == AudioFormat::Flac ? ".flac" : ".wav";
  plan.sheet_name = base + (format == AudioFormat::Flac ? " (audio).cue" : " (audio WAV).cue");
  const auto tracks = disc.tracks();
  const size_t width = disc.last_track() >= 10 ? 2 : 1;
  const auto file_name = [&](uint8_t n) {
    return disc.track_count() == 1 && n != 0 ? base + ext : fmt::format("{} (Track {:0{}}){}", base, n, width, ext);
  };

  TagSource tags{disc, usable_text(disc, plan.notes)};
  size_t audio_sessions = 0;
  for (const Session& s : disc.sessions) {
    const bool any = std::any_of(s.tracks.begin(), s.tracks.end(), [](const Track& t) { return !t.is_data(); });
    audio_sessions += any ? 1 : 0;
  }
  for (const Track* t : tracks)
    if (!t->is_data()) tags.last_audio = t->number;
  if (tags.last_audio == 0) {
    plan.notes.push_back("the disc has no audio tracks: no audio files written");
    return plan;
  }

  std::string& s = plan.sheet;
  if (!disc.mcn.empty()) s += fmt::format("CATALOG {}\n", disc.mcn);
  if (tags.text) s += cue_cdtext_lines(*tags.text, 0, "");
  bool open = false;  // plan.files.back() may take the next track's pregap
  const Session* open_session = nullptr;
  for (size_t i = 0; i < tracks.size(); ++i) {
    const Track& t = *tracks[i];
    const Session* session = disc.session_of(t.number);
    if (session != open_session) open = false;
    open_session = session;
    if (t.is_data()) {
      s += fmt::format("REM TRACK {:02} {} (data): not in these files\n", t.number, cue_track_type(t.mode));
      plan.notes.push_back(fmt::format("track {:02} is a data track: not in the audio files", t.number));
      open = false;
      continue;
    }
    // Audio in more than one session: each session's first audio track says so (IsoBuster's
    // REM SESSION, without the lead-out: the files do not hold the gap between sessions).
    if (audio_sessions > 1 && std::none_of(session->tracks.begin(), session->tracks.end(),
                                           [&](const Track& x) { return !x.is_data() && x.number < t.number; }))
      s += fmt::format("REM SESSION {:02}\n", session->number);

    std::string block = fmt::format("  TRACK {:02} AUDIO\n", t.number);
    if (tags.text) block += cue_cdtext_lines(*tags.text, t.number, "    ");
    if (!t.isrc.empty()) block += fmt::format("    ISRC {}\n", t.isrc);
    block += cue_flags_line(t.control);

    const Lba start = t.start();
    const Lba gap = &t == tracks.front() ? std::min<Lba>(0, start) : t.pregap_start();
    const std::string file_line = fmt::format("FILE \"{}\" WAVE\n", file_name(t.number));
    Lba file_first = start;
    if (open && gap < start) {
      // Gaps appended: the pregap is the end of the previous file.
      s += block;
      s += fmt::format("    INDEX 00 {}\n", cue_msf(gap - plan.files.back().first));
      s += file_line;
    } else if (gap < start && !silent(source, gap, start)) {
      if (&t == tracks.front()) {  // hidden track one audio: a file of its own
        const std::string hidden = file_name(0);
        s += fmt::format("FILE \"{}\" WAVE\n", hidden) + block + "    INDEX 00 00:00:00\n" + file_line;
        plan.files.push_back({hidden, 0, gap, start, tags.tags(nullptr)});
        plan.notes.push_back(fmt::format("hidden track one audio ({} sectors before track {:02}) is in {}", start - gap,
                                         t.number, hidden));
      } else {  // no file before it holds audio: the pregap opens the track's own file
        s += file_line + block + "    INDEX 00 00:00:00\n";
        file_first = gap;
      }
    } else {
      s += file_line + block;
      if (gap < start) {
        s += fmt::format("    PREGAP {}\n", cue_msf(start - gap));
        plan.notes.push_back(fmt::format("track {:02}: its pregap of {} sectors is digital silence, written as PREGAP",
                                         t.number, start - gap));
      }
    }
    for (const Index& x : t.indices)
      if (x.number >= 1) s += fmt::format("    INDEX {:02} {}\n", x.number, cue_msf(x.lba - file_first));
    const bool next_in_file =
        i + 1 < tracks.size() && !tracks[i + 1]->is_data() && disc.session_of(tracks[i + 1]->number) == session;
    const Lba end = next_in_file ? tracks[i + 1]->start() : disc.track_end(t.number);
    plan.files.push_back({file_name(t.number), t.number, file_first, end, tags.tags(&t)});
    open = true;
  }
  return plan;
}

std::vector<std::filesystem::path> write_audio_tracks(SectorSource& source, const std::filesystem::path& dir,
                                                      const std::string& stem, AudioFormat format, bool force,
                                                      const std::function<void(uint64_t, uint64_t)>& progress,
                                                      std::vector<std::string>* notes) {
  const AudioPlan plan = plan_audio_tracks(source, stem, format);
  if (notes) notes->insert(notes->end(), plan.notes.begin(), plan.notes.end());
  if (plan.files.empty()) return {};
  // The sheet is opened first so that an existing one stops the job before any encoding.
  auto sheet = std::make_unique<OutputFile>(dir / plan.sheet_name, force);
  std::vector<std::unique_ptr<OutputFile>> outs;
  uint64_t total = 0, done = 0;
  for (const auto& f : plan.files) total += static_cast<uint64_t>(f.end - f.first);
  std::vector<uint8_t> buffer(size_t{kChunkSectors} * kRawSectorSize);
  for (const auto& f : plan.files) {
    outs.push_back(std::make_unique<OutputFile>(dir / f.name, force));
    OutputFile& out = *outs.back();
    const auto sectors = static_cast<uint64_t>(f.end - f.first);
    std::unique_ptr<FlacEncoder> flac;
    if (format == AudioFormat::Flac) {
      FlacOptions options;
      options.total_samples = sectors * (kRawSectorSize / 4);
      options.tags = f.tags;
      flac = std::make_unique<FlacEncoder>(out, options);
    } else {
      out.write(wave_header(sectors * kRawSectorSize));
    }
    for (Lba at = f.first; at < f.end;) {
      const auto n = static_cast<uint32_t>(std::min<Lba>(kChunkSectors, f.end - at));
      const auto chunk = std::span(buffer).first(size_t{n} * kRawSectorSize);
      read_padded(source, at, n, chunk, {}, nullptr);
      if (flac)
        flac->write(chunk);
      else
        out.write(chunk);
      at += static_cast<Lba>(n);
      done += n;
      if (progress) progress(done, total);
    }
    if (flac) flac->finish();
  }
  sheet->write(plan.sheet);
  std::vector<std::filesystem::path> written;
  for (auto& o : outs) {
    o->commit();
    written.push_back(o->path());
  }
  sheet->commit();
  written.push_back(sheet->path());
  return written;
}

}  // namespace dw

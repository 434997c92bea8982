#include "formats/cue_reader.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <optional>

#include "disc/cdtext.hpp"
#include "disc/error.hpp"
#include "formats/sector_copy.hpp"
#include "formats/wave_file.hpp"

namespace dw {

namespace {

constexpr int32_t kSessionOneLeadOut = kFirstLeadOutSectors, kLaterLeadOut = kLaterLeadOutSectors;

Storage storage_for(const CueTrackType& t, CueFileType file_type) {
  if (t.mode == TrackMode::Audio) return file_type == CueFileType::Motorola ? Storage::RawSwapped : Storage::Raw;
  switch (t.sector_size) {
    case 2048: return t.mode == TrackMode::Mode1 ? Storage::Mode1User : Storage::Form1User;
    case 2324: return Storage::Form2User;
    case 2336: return Storage::Mode2NoSync;
    default: return Storage::Raw;
  }
}

std::optional<uint8_t> cdtext_pack_type(const std::string& key) {
  static const std::array<std::pair<const char*, uint8_t>, 9> kTypes = {{{"TITLE", 0x80},
                                                                         {"PERFORMER", 0x81},
                                                                         {"SONGWRITER", 0x82},
                                                                         {"COMPOSER", 0x83},
                                                                         {"ARRANGER", 0x84},
                                                                         {"MESSAGE", 0x85},
                                                                         {"DISC_ID", 0x86},
                                                                         {"GENRE", 0x87},
                                                                         {"UPC_EAN", 0x8E}}};
  for (const auto& [name, type] : kTypes)
    if (key == name) return type;
  return std::nullopt;
}

// One INDEX line in sheet order, with the track it belongs to.
struct FlatIndex {
  size_t track;
  const CueIndex* index;
};

class Layouter {
 public:
  Layouter(const CueSheet& sheet, const std::vector<CueFileData>& files, const std::string& source)
      : s_(sheet), files_(files), source_(source), frame_(files.size(), 0), byte_(files.size(), 0) {}

  CueLayout run() {
    for (size_t ti = 0; ti < s_.tracks.size(); ++ti)
      for (const CueIndex& x : s_.tracks[ti].indices) flat_.push_back({ti, &x});
    check();
    Session session;
    for (size_t ti = 0; ti < s_.tracks.size(); ++ti) {
      const CueTrack& ct = s_.tracks[ti];
      if (ct.session && ct.session->session > static_cast<int>(session.number)) {
        close_session(session, *ct.session, ct);
        session = Session{};
        session.number = static_cast<uint8_t>(ct.session->session);
      }
      session.tracks.push_back(lay_track(ti, session.tracks.empty() && session.number > 1));
    }
    session.leadout = lba_;
    out_.disc.sessions.push_back(std::move(session));
    finish();
    return std::move(out_);
  }

 private:
  [[noreturn]] void fail(int line, const std::string& what) const {
    throw InputError(source_, what, std::nullopt, line);
  }

  void check() const {
    for (const CueTrack& t : s_.tracks) {
      if (t.indices.empty())
        fail(t.line, fmt::format("TRACK {:02} is EAC's \"{}\" placeholder: the data track was not extracted, so this "
                                 "sheet does not describe a whole disc",
                                 t.number, t.type.name));
      for (const CueIndex& x : t.indices)
        if (x.file == kCueNoFile || x.file >= files_.size()) fail(x.line, "INDEX comes before any FILE line");
    }
    for (size_t i = 0; i < s_.files.size(); ++i) {
      const CueFile& f = s_.files[i];
      if (f.type == CueFileType::Aiff || f.type == CueFileType::Mp3)
        fail(f.line,
             fmt::format("FILE \"{}\" is {}: not supported; convert it to WAVE (44.1 kHz, 16-bit, stereo) or BINARY",
                         f.name, f.type == CueFileType::Aiff ? "AIFF" : "MP3"));
      check_size(i);
    }
  }

  // A FILE that holds not even one sector of the first track in it cannot be laid out; say so
  // at its line rather than as an invalid disc later.
  void check_size(size_t f) const {
    const CueTrack* first = nullptr;
    for (const FlatIndex& x : flat_)
      if (x.index->file == f) {
        first = &s_.tracks[x.track];
        break;
      }
    if (!first) return;  // no INDEX in it: not part of the disc (the parser noted it)
    const CueFile& file = s_.files[f];
    const uint64_t size = files_[f].size;
    const bool wave = file.type == CueFileType::Wave;
    if (size == 0) fail(file.line, fmt::format("FILE \"{}\" {}", file.name, wave ? "holds no WAVE data" : "is empty"));
    if (size < first->type.sector_size)
      fail(file.line, fmt::format("FILE \"{}\" holds {} bytes{}, less than one {}-byte sector", file.name, size,
                                  wave ? " of WAVE data" : "", first->type.sector_size));
  }

  [[nodiscard]] bool single_file() const { return files_.size() == 1; }

  // Ends the current session before `next` (the first track of a new session).
  void close_session(Session& session, const CueSessionMark& mark, const CueTrack& next) {
    if (mark.session != session.number + 1)
      fail(mark.line, fmt::format("REM SESSION {:02} follows session {:02}", mark.session, session.number));
    if (session.tracks.empty())
      fail(mark.line,
           fmt::format("REM SESSION {:02} comes before any TRACK of session {:02}", mark.session, session.number));
    const bool has_index0 = next.indices.front().number == 0;
    const int32_t leadout_len = session.number == 1 ? kSessionOneLeadOut : kLaterLeadOut;
    Lba first;
    if (single_file()) {
      // IsoBuster/ImgBurn: REM LEAD-OUT is where this session's lead-out starts (absolute);
      // the data track follows after the standard lead-out + lead-in + pregap, or where the
      // file puts it when the file holds the gap.
      session.leadout = cut_leadout_.value_or(lba_);
      first = std::max(lba_, session.leadout + leadout_len + kLeadInSectors + (has_index0 ? 0 : kPregapSectors));
    } else {
      // redump: REM LEAD-OUT / LEAD-IN / PREGAP are durations.
      session.leadout = lba_;
      first = lba_ + mark.leadout.value_or(leadout_len) + mark.leadin.value_or(kLeadInSectors) +
              (has_index0 ? 0 : mark.pregap.value_or(kPregapSectors));
    }
    session.type = session_type(session);
    set_point_controls(session);
    out_.disc.sessions.push_back(session);
    if (!single_file() && mark.pregap && !has_index0 && *mark.pregap != kPregapSectors) session_pregap_ = *mark.pregap;
    cut_leadout_.reset();
    // The pregap the sheet does not store (before index 1, or the explicit index 0) holds empty
    // sectors of the track's kind on the disc, as a drive would read them.
    const int32_t implied = has_index0 ? 0 : (single_file() ? kPregapSectors : mark.pregap.value_or(kPregapSectors));
    if (implied > 0 && next.type.mode != TrackMode::Audio)
      out_.extents.push_back(
          Extent::generated(first - implied, static_cast<uint32_t>(implied), gap_kind(next.type.mode)));
    lba_ = first;
  }

  // A0/A1/A2 carry the CONTROL of the first/last track on pressed discs.
  static void set_point_controls(Session& s) {
    s.a0_control = s.tracks.front().control;
    s.a1_control = s.a2_control = s.tracks.back().control;
  }

  static DiscType session_type(const Session& s) {
    for (const Track& t : s.tracks) {
      if (t.mode == TrackMode::CdI) return DiscType::CdI;
      if (t.mode == TrackMode::Mode2Xa) return DiscType::CdRomXa;
    }
    return DiscType::CdDaOrCdRom;
  }

  Track lay_track(size_t ti, bool first_of_later_session) {
    const CueTrack& ct = s_.tracks[ti];
    Track t;
    t.number = ct.number;
    t.mode = ct.type.mode;
    t.control.bits = static_cast<uint8_t>(ct.flags | (ct.type.mode == TrackMode::Audio ? 0 : Control::kData));
    if (ct.isrc.find_first_not_of('0') != std::string::npos) t.isrc = ct.isrc;
    if (first_of_later_session && session_pregap_) {
      t.indices.push_back({0, lba_ - *session_pregap_});
      session_pregap_.reset();
    }
    if (ct.pregap > 0) {
      t.pregap_generated = ct.pregap;
      t.indices.push_back({0, lba_});
      out_.extents.push_back(Extent::generated(lba_, static_cast<uint32_t>(ct.pregap), gap_kind(t.mode)));
      lba_ += ct.pregap;
    }
    const Storage storage = storage_for(ct.type, CueFileType::Binary);
    for (size_t k = 0; k < flat_.size(); ++k) {
      if (flat_[k].track != ti) continue;
      const CueIndex& x = *flat_[k].index;
      if (!(x.number == 0 && ct.pregap > 0)) t.indices.push_back({x.number, lba_});
      lay_pieces(ct, k, storage);
    }
    if (ct.postgap > 0) {
      t.postgap_generated = ct.postgap;
      out_.extents.push_back(Extent::generated(lba_, static_cast<uint32_t>(ct.postgap), gap_kind(t.mode)));
      lba_ += ct.postgap;
    }
    return t;
  }

  // Sectors from index k up to the next index (or the end of its file, continuing into the
  // next file when the next index is in a later one: EAC's non-compliant layout).
  void lay_pieces(const CueTrack& ct, size_t k, Storage storage) {
    const CueIndex& x = *flat_[k].index;
    const CueIndex* next = k + 1 < flat_.size() ? flat_[k + 1].index : nullptr;
    if (x.frames != frame_[x.file])
      fail(x.line, fmt::format("INDEX {:02} at {} leaves sectors of FILE \"{}\" before it that belong to no track",
                               x.number, Msf::from_frames(x.frames)->str(), s_.files[x.file].name));
    if (next && next->file == x.file) {
      int32_t end = next->frames;
      // IsoBuster: REM LEAD-OUT inside this file cuts the session's last track.
      const CueTrack& next_track = s_.tracks[flat_[k + 1].track];
      const bool new_session =
          &next_track.indices.front() == next && next_track.session && next_track.session->leadout && single_file();
      if (new_session && *next_track.session->leadout > x.frames && *next_track.session->leadout < end) {
        const int32_t cut = *next_track.session->leadout;
        piece(ct, x.file, cut - x.frames, storage, next->line);
        cut_leadout_ = lba_;
        out_.notes.push_back(
            fmt::format("{} sectors between the lead-out at {} and track {:02} are kept but belong to no track",
                        end - cut, Msf::from_frames(cut)->str(), next_track.number));
        piece(ct, x.file, end - cut, storage, next->line);
        return;
      }
      piece(ct, x.file, end - x.frames, storage, next->line);
      return;
    }
    piece_to_end(ct, x.file, storage, x.line);
    if (next && next->frames > 0) piece(ct, next->file, next->frames, storage, next->line);
  }

  uint32_t sector_size(const CueTrack& ct) const { return ct.type.sector_size; }

  void piece(const CueTrack& ct, size_t f, int32_t sectors, Storage storage, int line) {
    const CueFileData& fd = files_[f];
    const uint64_t bytes = static_cast<uint64_t>(sectors) * sector_size(ct);
    if (byte_[f] + bytes > fd.size)
      fail(line,
           fmt::format(
               "this INDEX is past the end of FILE \"{}\" ({} bytes; {} sectors of {} bytes are wanted from byte {})",
               s_.files[f].name, fd.size, sectors, sector_size(ct), byte_[f]));
    add_extent(ct, f, static_cast<uint32_t>(sectors), storage);
  }

  void piece_to_end(const CueTrack& ct, size_t f, Storage storage, int line) {
    const CueFileData& fd = files_[f];
    const uint64_t left = fd.size - std::min(fd.size, byte_[f]);
    const uint64_t sectors = left / sector_size(ct);
    if (left % sector_size(ct) != 0) {
      out_.notes.push_back(
          fmt::format("FILE \"{}\" ends with {} bytes that do not fill a {}-byte sector; they are not part of the disc",
                      s_.files[f].name, left % sector_size(ct), sector_size(ct)));
      out_.partial.push_back({fd.file ? fd.file->name() : s_.files[f].name, fd.size,
                              s_.files[f].type == CueFileType::Wave, sector_size(ct), left % sector_size(ct)});
    }
    if (sectors > 500'000)
      fail(line, fmt::format("FILE \"{}\" holds {} sectors, more than any CD", s_.files[f].name, sectors));
    add_extent(ct, f, static_cast<uint32_t>(sectors), storage);
  }

  void add_extent(const CueTrack& ct, size_t f, uint32_t sectors, Storage storage) {
    if (sectors == 0) return;
    const CueFileData& fd = files_[f];
    if (ct.type.mode == TrackMode::Audio) storage = storage_for(ct.type, s_.files[f].type);
    Extent e = Extent::stored(lba_, sectors, storage, fd.file, fd.offset + byte_[f], sector_size(ct));
    if (ct.type.subchannel) e.embedded_sub = SubLayout::Interleaved;
    out_.extents.push_back(std::move(e));
    lba_ += static_cast<Lba>(sectors);
    frame_[f] += static_cast<int32_t>(sectors);
    byte_[f] += static_cast<uint64_t>(sectors) * sector_size(ct);
  }

  void finish() {
    Disc& d = out_.disc;
    d.sessions.back().type = session_type(d.sessions.back());
    set_point_controls(d.sessions.back());
    // EAC writes zeros when a disc has no MCN / a track no ISRC: that is "none", not a code.
    if (s_.catalog.find_first_not_of('0') != std::string::npos)
      d.mcn = s_.catalog;
    else if (!s_.catalog.empty())
      out_.notes.push_back("CATALOG 0000000000000 means no MCN; none is kept");
    out_.begin = 0;
    out_.end = lba_;
    CdTextBlock block;
    block.first_track = s_.tracks.front().number;
    block.last_track = s_.tracks.back().number;
    const auto add = [&](const std::map<std::string, std::string>& fields, uint8_t track) {
      for (const auto& [key, value] : fields) {
        const auto type = cdtext_pack_type(key);
        if (!type) {
          out_.notes.push_back(
              fmt::format("CD-Text field {} of track {} is not written to the disc model", key, track));
          continue;
        }
        if (!value.empty()) block.text[{*type, track}] = value;
      }
    };
    add(s_.cdtext, 0);
    for (const CueTrack& t : s_.tracks) add(t.cdtext, t.number);
    if (!block.text.empty()) d.cdtext.blocks.push_back(std::move(block));
    try {
      d.validate();
    } catch (const ModelError& e) {
      throw InputError(source_, fmt::format("the sheet does not describe a valid disc: {}", e.what()));
    }
  }

  const CueSheet& s_;
  const std::vector<CueFileData>& files_;
  const std::string& source_;
  CueLayout out_;
  std::vector<FlatIndex> flat_;
  std::vector<int32_t> frame_;  // sectors of each file laid out so far
  std::vector<uint64_t> byte_;  // bytes of each file laid out so far
  Lba lba_ = 0;
  std::optional<Lba> cut_leadout_;
  std::optional<int32_t> session_pregap_;
};

}  // namespace

CueLayout layout_cue(const CueSheet& sheet, const std::vector<CueFileData>& files, const std::string& source) {
  return Layouter(sheet, files, source).run();
}

Image read_cue(const std::filesystem::path& path) {
  const auto sheet_file = ImageFile::open(path);
  const auto bytes = sheet_file->read_all(1 << 20);
  const std::string source = path.string();
  const CueSheet sheet =
      parse_cue_sheet(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()), source);
  Image image;
  image.format = "cue";
  report_sheet_notes(sheet.notes, source, image.notes);
  std::vector<CueFileData> files;
  for (size_t i = 0; i < sheet.files.size(); ++i) {
    const CueFile& f = sheet.files[i];
    CueFileData d;
    if (!cue_file_used(sheet, i)) {  // holds nothing of the disc: not looked for
      files.push_back(std::move(d));
      continue;
    }
    const FoundFile found = find_sheet_file(path, f.name, f.line, sheet.files.size() == 1);
    if (found.fallback) image.notes.push_back(fmt::format("FILE \"{}\" was found as {}", f.name, found.path.string()));
    d.file = ImageFile::open(found.path);
    d.size = d.file->size();
    if (is_flac(*d.file))
      throw InputError(source, fmt::format("FILE \"{}\" is a FLAC file: {}", f.name, kFlacInSheetAdvice), std::nullopt,
                       f.line);
    if (f.type == CueFileType::Wave) {
      const WaveData w = read_wave_header(*d.file);
      d.offset = w.offset;
      d.size = w.size;
    }
    files.push_back(std::move(d));
  }
  CueLayout layout = layout_cue(sheet, files, source);
  if (!sheet.cdtextfile.empty()) {
    const FoundFile found = find_sheet_file(path, sheet.cdtextfile, 0, false);
    const auto packs = ImageFile::open(found.path)->read_all(8 * 256 * 18 + 4);
    CdText text = parse_cdtext(packs, found.path.string());
    if (!layout.disc.cdtext.empty())
      image.notes.push_back("CD-Text comes from CDTEXTFILE; the sheet's TITLE/PERFORMER/... lines are not used");
    layout.disc.cdtext = std::move(text);
  }
  image.notes.insert(image.notes.end(), layout.notes.begin(), layout.notes.end());
  if (std::any_of(layout.extents.begin(), layout.extents.end(), [](const Extent& e) {
        return e.storage != Storage::Raw && e.storage != Storage::RawSwapped && e.storage != Storage::Generated;
      }))
    image.notes.push_back("sync, headers, EDC and ECC of cooked data sectors are generated");
  if (std::any_of(layout.extents.begin(), layout.extents.end(),
                  [](const Extent& e) { return e.storage == Storage::Generated; }))
    image.notes.push_back("PREGAP/POSTGAP sectors are generated (silence, or empty sectors of the track's mode)");
  auto extent_source =
      std::make_unique<ExtentSectorSource>(std::move(layout.disc), layout.begin, layout.end, std::move(layout.extents));
  extent_source->set_partial_sectors(std::move(layout.partial));
  image.source = std::move(extent_source);
  image.notes.push_back(image.source->subchannel_origin() == SubchannelOrigin::Source
                            ? "subchannel comes from the CDG files"
                            : "subchannel is synthesised from the TOC (a cue sheet stores none)");
  return image;
}

}  // namespace dw

#include "formats/nrg_image.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <map>
#include <optional>

#include "disc/cdtext.hpp"
#include "disc/error.hpp"
#include "formats/sector_copy.hpp"

namespace dw {

namespace {

constexpr uint64_t kMaxChain = 16 << 20;  // chunk chains are a few KiB; anything this big is not one

uint64_t be(const uint8_t* p, int n) {
  uint64_t v = 0;
  for (int i = 0; i < n; ++i) v = v << 8 | p[i];
  return v;
}

struct ModeInfo {
  uint32_t size;
  Storage storage;
  TrackMode mode;
  bool sub;
};

std::optional<ModeInfo> mode_info(uint32_t code) {
  switch (code) {
    case 0x00: return ModeInfo{2048, Storage::Mode1User, TrackMode::Mode1, false};
    case 0x02: return ModeInfo{2048, Storage::Form1User, TrackMode::Mode2Xa, false};
    case 0x03: return ModeInfo{2336, Storage::Mode2NoSync, TrackMode::Mode2Xa, false};
    case 0x05: return ModeInfo{2352, Storage::Raw, TrackMode::Mode1, false};
    case 0x06: return ModeInfo{2352, Storage::Raw, TrackMode::Mode2Xa, false};
    case 0x07: return ModeInfo{2352, Storage::Raw, TrackMode::Audio, false};
    case 0x0F: return ModeInfo{2448, Storage::Raw, TrackMode::Mode1, true};
    case 0x10: return ModeInfo{2448, Storage::Raw, TrackMode::Audio, true};
    case 0x11: return ModeInfo{2448, Storage::Raw, TrackMode::Mode2Xa, true};
    default: return std::nullopt;
  }
}

// When mode and size disagree, the size wins (reference): pick the storage that fits the size.
ModeInfo fit_size(ModeInfo m, uint32_t size) {
  if (m.size == size) return m;
  const bool audio = m.mode == TrackMode::Audio;
  switch (size) {
    case 2048: return {2048, m.mode == TrackMode::Mode1 ? Storage::Mode1User : Storage::Form1User, m.mode, false};
    case 2336: return {2336, Storage::Mode2NoSync, audio ? TrackMode::Mode2Xa : m.mode, false};
    case 2352: return {2352, Storage::Raw, m.mode, false};
    case 2448: return {2448, Storage::Raw, m.mode, true};
    default: return m;
  }
}

struct CueEntry {
  uint8_t control, track, index;
  Lba lba;
};

struct DaoTrack {
  std::string isrc;
  uint32_t size;
  uint32_t mode;
  uint64_t index0, index1, end;
};

struct TaoTrack {
  uint64_t offset, length;
  uint32_t mode;
  Lba start;
};

// One session's chunks, as found before its SINF.
struct SessionChunks {
  std::vector<CueEntry> cues;
  std::vector<DaoTrack> dao;
  std::vector<TaoTrack> tao;
  std::string upc;
  uint16_t toc_type = 0;
  uint8_t first_track = 0;  // DAOX/DAOI: number of the session's first track
  uint32_t sinf_tracks = 0;
  uint64_t at = 0;  // chunk offset, for messages
};

class NrgParser {
 public:
  NrgParser(std::span<const uint8_t> chain, uint64_t chain_offset, uint64_t file_size, const std::string& source)
      : chain_(chain), base_(chain_offset), file_size_(file_size), source_(source) {}

  NrgLayout run() {
    read_chunks();
    lay_out();
    return std::move(out_);
  }

 private:
  [[noreturn]] void fail(uint64_t at, const std::string& what) const { throw InputError(source_, what, at); }

  void read_chunks() {
    size_t at = 0;
    SessionChunks current;
    bool ended = false;
    while (at + 8 <= chain_.size()) {
      const uint8_t* c = chain_.data() + at;
      const std::string id(reinterpret_cast<const char*>(c), 4);
      if (id == "NER5" || id == "NERO") break;  // the footer: a chain without END!
      const uint64_t size = be(c + 4, 4);
      const uint64_t where = base_ + at;
      if (size > chain_.size() - at - 8)
        fail(where, fmt::format("{} chunk of {} bytes runs past the end of the chunk chain ({} bytes left)", id, size,
                                chain_.size() - at - 8));
      const std::span<const uint8_t> body = chain_.subspan(at + 8, static_cast<size_t>(size));
      current.at = current.at ? current.at : where;
      if (id == "CUEX" || id == "CUES") {
        cues(body, id == "CUEX", where, current);
      } else if (id == "DAOX" || id == "DAOI") {
        dao(body, id == "DAOX", where, current);
      } else if (id == "ETN2" || id == "ETNF") {
        tao(body, id == "ETN2", where, current);
      } else if (id == "SINF") {
        if (body.size() < 4) fail(where, "SINF chunk is shorter than 4 bytes");
        current.sinf_tracks = static_cast<uint32_t>(be(body.data(), 4));
        sessions_.push_back(std::move(current));
        current = SessionChunks{};
      } else if (id == "CDTX") {
        cdtext_ = std::vector<uint8_t>(body.begin(), body.end());
        cdtext_at_ = where;
      } else if (id == "MTYP") {
        if (body.size() >= 4) out_.notes.push_back(fmt::format("Nero media type mask 0x{:08x}", be(body.data(), 4)));
      } else if (id == "END!") {
        ended = true;
        break;
      }
      // DINF, TOCT, RELO, AFNM, VOLM and anything unknown: skipped by size.
      at += 8 + static_cast<size_t>(size);
    }
    if (!current.cues.empty() || !current.dao.empty() || !current.tao.empty()) sessions_.push_back(std::move(current));
    if (!ended) out_.notes.push_back("the chunk chain has no END! chunk");
    if (sessions_.empty()) fail(base_, "the chunk chain describes no track (no DAOX/DAOI or ETN2/ETNF chunk)");
  }

  void cues(std::span<const uint8_t> body, bool v2, uint64_t where, SessionChunks& s) {
    if (body.size() % 8)
      fail(where, fmt::format("{} chunk size {} is not a multiple of 8", v2 ? "CUEX" : "CUES", body.size()));
    for (size_t i = 0; i < body.size(); i += 8) {
      const uint8_t* e = body.data() + i;
      const auto bcd = [&](uint8_t b) -> uint8_t {
        if ((b & 0x0F) > 9 || (b >> 4) > 9)
          fail(where + 8 + i, fmt::format("{} entry has a non-BCD number 0x{:02x}", v2 ? "CUEX" : "CUES", b));
        return static_cast<uint8_t>((b >> 4) * 10 + (b & 0x0F));
      };
      CueEntry c{};
      c.control = static_cast<uint8_t>(e[0] >> 4);
      c.track = e[1] == 0xAA ? kLeadOutTrack : bcd(e[1]);
      c.index = bcd(e[2]);
      if (v2) {
        c.lba = static_cast<Lba>(static_cast<int32_t>(be(e + 4, 4)));
      } else {
        const auto l = bcd_msf_to_lba(BcdMsf{Bcd::raw(e[5]), Bcd::raw(e[6]), Bcd::raw(e[7])});
        if (!l) fail(where + 8 + i, "CUES entry has an invalid BCD address");
        c.lba = *l;
      }
      s.cues.push_back(c);
    }
  }

  void dao(std::span<const uint8_t> body, bool v2, uint64_t where, SessionChunks& s) {
    const size_t per = v2 ? 42 : 30;
    if (body.size() < 22) fail(where, fmt::format("{} chunk is shorter than its 22-byte header", v2 ? "DAOX" : "DAOI"));
    s.upc.assign(reinterpret_cast<const char*>(body.data() + 4), 14);
    s.toc_type = static_cast<uint16_t>(be(body.data() + 18, 2));
    const uint8_t first = body[20], last = body[21];
    s.first_track = first;
    if (first < 1 || last > 99 || last < first)
      fail(where + 8 + 20, fmt::format("{} chunk says tracks {}..{}", v2 ? "DAOX" : "DAOI", first, last));
    const size_t count = last - first + 1;
    if (body.size() < 22 + count * per)
      fail(where, fmt::format("{} chunk of {} bytes cannot hold {} tracks of {} bytes", v2 ? "DAOX" : "DAOI",
                              body.size(), count, per));
    for (size_t k = 0; k < count; ++k) {
      const uint8_t* t = body.data() + 22 + k * per;
      DaoTrack d;
      d.isrc.assign(reinterpret_cast<const char*>(t), 12);
      d.size = static_cast<uint32_t>(be(t + 12, 2));
      d.mode = t[14];
      const int w = v2 ? 8 : 4;
      d.index0 = be(t + 18, w);
      d.index1 = be(t + 18 + w, w);
      d.end = be(t + 18 + 2 * w, w);
      const uint64_t at = where + 8 + 22 + k * per;
      if (!mode_info(d.mode)) fail(at, fmt::format("track {}: unknown mode code 0x{:02x}", first + k, d.mode));
      if (d.size != 2048 && d.size != 2336 && d.size != 2352 && d.size != 2448)
        fail(at, fmt::format("track {}: sector size {} is not 2048, 2336, 2352 or 2448", first + k, d.size));
      if (d.index0 > d.index1 || d.index1 > d.end || d.end > base_)
        fail(at, fmt::format("track {}: offsets {}/{}/{} are out of order or past the data area ({} bytes)", first + k,
                             d.index0, d.index1, d.end, base_));
      if ((d.index1 - d.index0) % d.size || (d.end - d.index1) % d.size)
        fail(at, fmt::format("track {}: offsets {}/{}/{} are not whole {}-byte sectors apart", first + k, d.index0,
                             d.index1, d.end, d.size));
      s.dao.push_back(d);
    }
  }

  void tao(std::span<const uint8_t> body, bool v2, uint64_t where, SessionChunks& s) {
    const size_t per = v2 ? 32 : 20;
    if (body.size() % per)
      fail(where, fmt::format("{} chunk size {} is not a multiple of {}", v2 ? "ETN2" : "ETNF", body.size(), per));
    for (size_t i = 0; i < body.size(); i += per) {
      const uint8_t* e = body.data() + i;
      TaoTrack t;
      const int w = v2 ? 8 : 4;
      t.offset = be(e, w);
      t.length = be(e + w, w);
      t.mode = static_cast<uint32_t>(be(e + 2 * w, 4));
      t.start = static_cast<Lba>(static_cast<int32_t>(be(e + 2 * w + 4, 4)));
      const auto m = mode_info(t.mode);
      const uint64_t at = where + 8 + i;
      if (!m) fail(at, fmt::format("track entry {}: unknown mode code 0x{:02x}", i / per + 1, t.mode));
      if (t.offset > base_ || t.length > base_ - t.offset)
        fail(at, fmt::format("track entry {}: bytes {}..{} are past the data area ({} bytes)", i / per + 1, t.offset,
                             t.offset + t.length, base_));
      if (t.length % m->size || t.length == 0)
        fail(at, fmt::format("track entry {}: length {} is not a whole number of {}-byte sectors", i / per + 1,
                             t.length, m->size));
      s.tao.push_back(t);
    }
  }

  void lay_out() {
    Disc& d = out_.disc;
    uint8_t next_number = 0;
    Lba prev_leadout = 0;
    out_.begin = 0;
    for (size_t si = 0; si < sessions_.size(); ++si) {
      const SessionChunks& sc = sessions_[si];
      Session s;
      s.number = static_cast<uint8_t>(si + 1);
      if (!sc.dao.empty())
        dao_session(sc, s, next_number);
      else if (!sc.tao.empty())
        tao_session(sc, s, next_number,
                    si == 0 ? 0
                            : prev_leadout + (si == 1 ? kFirstLeadOutSectors : kLaterLeadOutSectors) + kLeadInSectors +
                                  kPregapSectors);
      else
        fail(sc.at, fmt::format("session {} has no DAOX/DAOI or ETN2/ETNF chunk", si + 1));
      if (sc.sinf_tracks && sc.sinf_tracks != s.tracks.size())
        out_.notes.push_back(fmt::format("session {}: SINF says {} tracks, the layout chunks {}", si + 1,
                                         sc.sinf_tracks, s.tracks.size()));
      next_number = static_cast<uint8_t>(s.tracks.back().number + 1);
      prev_leadout = s.leadout;
      s.a0_control = s.tracks.front().control;
      s.a1_control = s.a2_control = s.tracks.back().control;
      d.sessions.push_back(std::move(s));
    }
    out_.end = d.sessions.back().leadout;
    if (!cdtext_.empty())
      d.cdtext = parse_cdtext(cdtext_, fmt::format("{} CDTX chunk at offset {}", source_, cdtext_at_));
    try {
      d.validate();
    } catch (const ModelError& e) {
      throw InputError(source_, fmt::format("the chunks do not describe a valid disc: {}", e.what()));
    }
  }

  void dao_session(const SessionChunks& sc, Session& s, uint8_t next_number) {
    const bool upc_digits =
        std::all_of(sc.upc.begin(), sc.upc.begin() + 13, [](char c) { return c >= '0' && c <= '9'; });
    if (upc_digits && sc.upc.find_first_not_of('0', 0) < 13) out_.disc.mcn = sc.upc.substr(0, 13);
    s.type = static_cast<DiscType>(sc.toc_type >> 8 == 0x10 ? 0x10 : sc.toc_type >> 8 == 0x20 ? 0x20 : 0x00);
    // Index LBAs come from the cue entries; the DAO table gives where each track's bytes are.
    std::map<uint8_t, std::vector<Index>> indices;
    std::map<uint8_t, uint8_t> control;
    std::optional<Lba> leadout;
    for (const CueEntry& c : sc.cues) {
      if (c.track == kLeadOutTrack)
        leadout = c.lba;
      else if (c.track > 0) {
        indices[c.track].push_back({c.index, c.lba});
        control[c.track] = c.control;
      }
    }
    Lba prev_end = 0;
    bool prev_end_known = s.number > 1;
    if (s.number > 1) prev_end = out_.disc.sessions.back().leadout + kFirstLeadOutSectors + kLeadInSectors;
    for (size_t k = 0; k < sc.dao.size(); ++k) {
      const DaoTrack& t = sc.dao[k];
      const ModeInfo m = fit_size(*mode_info(t.mode), t.size);
      // The DAO table numbers its tracks (a disc may start at track 4); else they follow on.
      const int base = sc.first_track ? sc.first_track : std::max<int>(next_number, 1);
      const auto number = static_cast<uint8_t>(base + static_cast<int>(k));
      if (k == 0 && s.number == 1 && next_number <= 1 && t.index0 != 0)
        out_.notes.push_back(fmt::format("track {} data starts at byte {} of the file, not 0", number, t.index0));
      Track tr;
      tr.number = number;
      tr.mode = m.mode;
      const bool isrc_ok =
          std::all_of(t.isrc.begin(), t.isrc.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)); });
      if (isrc_ok) tr.isrc = t.isrc;
      // Index 1 from the cue entries when they have it; otherwise right after the previous
      // track (the first track's bytes start at LBA -150, its pregap).
      Lba i1 = prev_end + static_cast<Lba>((t.index1 - t.index0) / t.size);
      if (k == 0 && !prev_end_known) i1 = -kPregapSectors + static_cast<Lba>((t.index1 - t.index0) / t.size);
      for (const Index& x : indices[number])
        if (x.number == 1) i1 = x.lba;
      const Lba i0 = i1 - static_cast<Lba>((t.index1 - t.index0) / t.size);
      const Lba end = i1 + static_cast<Lba>((t.end - t.index1) / t.size);
      if (indices.count(number)) {
        tr.indices = indices[number];
        tr.control.bits = control[number];
      } else {
        if (i0 < i1) tr.indices.push_back({0, i0});
        tr.indices.push_back({1, i1});
        tr.control.bits = m.mode == TrackMode::Audio ? 0 : Control::kData;
      }
      std::sort(tr.indices.begin(), tr.indices.end(),
                [](const Index& a, const Index& b) { return a.number < b.number; });
      // Nero lists index 0 for every track; where it equals index 1 there is no pregap.
      if (tr.indices.size() > 1 && tr.indices[0].number == 0 && tr.indices[0].lba == tr.indices[1].lba)
        tr.indices.erase(tr.indices.begin());
      // The first track of a later session: its standard pregap stays implicit too.
      if (k == 0 && s.number > 1 && tr.indices.size() > 1 && tr.indices[0].number == 0 &&
          tr.indices[1].lba - tr.indices[0].lba == kPregapSectors)
        tr.indices.erase(tr.indices.begin());
      if (m.mode != TrackMode::Audio) tr.control.bits |= Control::kData;
      // The first track's standard pregap (index 0 150 sectors before LBA 0) stays implicit.
      if (tr.indices.size() > 1 && tr.indices[0].number == 0 && tr.indices[0].lba == -kPregapSectors &&
          tr.indices[1].lba == 0)
        tr.indices.erase(tr.indices.begin());
      Extent e = Extent::stored(i0, static_cast<uint32_t>(end - i0), m.storage, nullptr, t.index0, t.size);
      if (m.sub) e.embedded_sub = SubLayout::Interleaved;
      if (e.count) out_.extents.push_back(e);
      out_.begin = std::min(out_.begin, i0);
      s.leadout = end;
      prev_end = end;
      prev_end_known = true;
      s.tracks.push_back(std::move(tr));
    }
    if (leadout && *leadout != s.leadout)
      out_.notes.push_back(fmt::format("session {}: the cue entries put the lead-out at {}, the track data ends at {}",
                                       s.number, *leadout, s.leadout));
    if (s.tracks.empty()) fail(sc.at, fmt::format("session {} has no track", s.number));
  }

  void tao_session(const SessionChunks& sc, Session& s, uint8_t next_number, Lba first) {
    // Track-at-once: each track after the first has 150 gap sectors the file does not hold.
    Lba at = first;
    for (size_t k = 0; k < sc.tao.size(); ++k) {
      const TaoTrack& t = sc.tao[k];
      const ModeInfo m = *mode_info(t.mode);
      const auto number = static_cast<uint8_t>(std::max<int>(next_number, 1) + static_cast<int>(k));
      Track tr;
      tr.number = number;
      tr.mode = m.mode;
      tr.control.bits = m.mode == TrackMode::Audio ? 0 : Control::kData;
      if (k > 0) {
        tr.indices.push_back({0, at});
        out_.extents.push_back(Extent::generated(at, kPregapSectors, gap_kind(m.mode)));
        at += kPregapSectors;
      }
      tr.indices.push_back({1, at});
      const auto sectors = static_cast<Lba>(t.length / m.size);
      Extent e = Extent::stored(at, static_cast<uint32_t>(sectors), m.storage, nullptr, t.offset, m.size);
      if (m.sub) e.embedded_sub = SubLayout::Interleaved;
      out_.extents.push_back(e);
      at += sectors;
      if (t.start + static_cast<Lba>(150 * k) != tr.start())
        out_.notes.push_back(fmt::format("track {}: the file lists start {}, laid out at {} (150-sector gaps added)",
                                         number, t.start, tr.start()));
      s.tracks.push_back(std::move(tr));
    }
    s.type = std::any_of(s.tracks.begin(), s.tracks.end(), [](const Track& t) { return t.mode == TrackMode::Mode2Xa; })
                 ? DiscType::CdRomXa
                 : DiscType::CdDaOrCdRom;
    s.leadout = at;
    out_.notes.push_back("track-at-once image: the 150-sector gap before each track after the first is generated");
  }

  std::span<const uint8_t> chain_;
  uint64_t base_, file_size_;
  const std::string& source_;
  std::vector<SessionChunks> sessions_;
  std::vector<uint8_t> cdtext_;
  uint64_t cdtext_at_ = 0;
  NrgLayout out_;
};

}  // namespace

uint64_t nrg_chain_offset(std::span<const uint8_t> tail, uint64_t file_size, const std::string& source) {
  uint64_t offset = 0;
  if (tail.size() >= 12 && std::memcmp(tail.data() + tail.size() - 12, "NER5", 4) == 0) {
    offset = be(tail.data() + tail.size() - 8, 8);
  } else if (tail.size() >= 8 && std::memcmp(tail.data() + tail.size() - 8, "NERO", 4) == 0) {
    offset = be(tail.data() + tail.size() - 4, 4);
  } else {
    throw InputError(source, "no NER5 or NERO footer at the end of the file: not a Nero image",
                     file_size > 12 ? file_size - 12 : 0);
  }
  if (offset >= file_size || file_size - offset > kMaxChain + 12)
    throw InputError(
        source,
        fmt::format("the footer points the chunk chain at offset {}, which is not in the file's last {} bytes", offset,
                    kMaxChain),
        file_size - std::min<uint64_t>(file_size, 12));
  return offset;
}

NrgLayout parse_nrg(std::span<const uint8_t> chain, uint64_t chain_offset, uint64_t file_size,
                    const std::string& source) {
  return NrgParser(chain, chain_offset, file_size, source).run();
}

Image read_nrg(const std::filesystem::path& path) {
  const auto file = ImageFile::open(path);
  const std::string source = path.string();
  std::vector<uint8_t> tail(static_cast<size_t>(std::min<uint64_t>(file->size(), 12)));
  file->read_at(file->size() - tail.size(), tail);
  const uint64_t offset = nrg_chain_offset(tail, file->size(), source);
  std::vector<uint8_t> chain(static_cast<size_t>(file->size() - offset));
  file->read_at(offset, chain);
  NrgLayout l = parse_nrg(chain, offset, file->size(), source);
  Image image;
  image.format = "nrg";
  image.notes = std::move(l.notes);
  image.notes.push_back(std::memcmp(tail.data() + tail.size() - 12, "NER5", 4) == 0 ? "Nero v2 image (NER5 footer)"
                                                                                    : "Nero v1 image (NERO footer)");
  for (Extent& e : l.extents)
    if (e.storage != Storage::Generated) e.file = file;
  const bool sub =
      std::any_of(l.extents.begin(), l.extents.end(), [](const Extent& e) { return e.embedded_sub.has_value(); });
  if (!sub) image.notes.push_back("subchannel is synthesised from the TOC (the image stores none)");
  image.source = std::make_unique<ExtentSectorSource>(std::move(l.disc), l.begin, l.end, std::move(l.extents));
  return image;
}

}  // namespace dw

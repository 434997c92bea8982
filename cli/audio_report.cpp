#include "cli/audio_report.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <functional>
#include <map>
#include <optional>

#include "checksum/accuraterip_shift.hpp"
#include "checksum/ctdb.hpp"
#include "checksum/ctdb_shift.hpp"
#include "checksum/disc_ids.hpp"
#include "checksum/frame450.hpp"
#include "checksum/shift_search.hpp"
#include "disc/error.hpp"
#include "rip/accuraterip_lookup.hpp"
#include "rip/ctdb_lookup.hpp"

namespace dw::cli {

using nlohmann::json;

namespace {

std::string hex8(uint32_t v) { return fmt::format("{:08x}", v); }

// Frame-450 offset check (how EAC and CUETools use the dBAR's sector-450 checksums): per audio
// track, the shifts within +-5 sectors at which its sector 450 (read-offset-corrected audio) has
// a submission's frame-450 checksum; the shift most tracks agree on confirms the offset (0) or
// says how far the audio lies from the submissions'. Adds "frame450_shifts" to each track of
// `tracks` that has checksums to compare, and returns the agreed shift (null when none).
json frame450_check(SectorSource& audio, const AudioChecksums& sums, const AccurateRipIds& ids,
                    const std::vector<AccurateRipEntry>& entries, json& tracks, rip::RipLog& log) {
  std::map<int32_t, int> votes;
  int compared = 0;
  for (size_t i = 0; i < sums.tracks.size(); ++i) {
    const AudioTrackRange& r = sums.tracks[i].range;
    std::vector<uint32_t> crcs;
    const auto k = static_cast<size_t>(r.ordinal - 1);
    for (const AccurateRipEntry& e : entries)
      if (e.id1 == ids.id1 && e.id2 == ids.id2 && e.cddb == ids.cddb && k < e.tracks.size() &&
          e.tracks[k].confidence != 0 && e.tracks[k].frame450 != 0)  // 0: none recorded (or silence)
        crcs.push_back(e.tracks[k].frame450);
    if (crcs.empty() || r.sectors() <= kArFrame450Sector) continue;
    ++compared;
    const std::vector<int32_t> shifts = frame450_shifts(audio, r, crcs);
    tracks[i]["frame450_shifts"] = shifts;
    if (shifts.empty()) {
      log.info(fmt::format("AccurateRip frame 450: track {:02} matches no submission within {} samples either way",
                           r.number, kFrame450MaxShift));
      continue;
    }
    log.info(
        fmt::format("AccurateRip frame 450: track {:02} matches at shift {:+}", r.number, fmt::join(shifts, ", ")));
    ++votes[*std::min_element(shifts.begin(), shifts.end(),
                              [](int32_t a, int32_t b) { return std::abs(a) < std::abs(b); })];
  }
  if (votes.empty()) return nullptr;
  const auto [shift, n] =
      *std::max_element(votes.begin(), votes.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
  if (shift == 0)
    log.info(fmt::format("AccurateRip frame 450: the offset is confirmed ({} of {} track(s) match at shift +0)", n,
                         compared));
  else
    log.warn(
        fmt::format("AccurateRip frame 450: {} of {} track(s) match at shift {:+}: the audio lies {} samples {} "
                    "than the submissions' (another pressing, or a read offset off by {:+})",
                    n, compared, shift, std::abs(shift), shift > 0 ? "later" : "earlier", shift));
  return shift;
}

// The JSON of one track's AccurateRip verdict: {"result": "match", "version", "confidence",
// "total", "submissions"}, {"result": "no_match", "total", "submissions"} or {"result":
// "not_in_database"}.
json match_json(const ArTrackMatch& m) {
  switch (m.result) {
    case ArTrackMatch::Result::Match:
      return {{"result", "match"},
              {"version", m.version},
              {"confidence", m.confidence},
              {"total", m.total},
              {"submissions", m.submissions}};
    case ArTrackMatch::Result::NoMatch:
      return {{"result", "no_match"}, {"total", m.total}, {"submissions", m.submissions}};
    case ArTrackMatch::Result::NotInDatabase: break;
  }
  return {{"result", "not_in_database"}};
}

// The one extra pass over the audio that gives AccurateRip v1 and the CTDB CRCs at every shift
// (shift_search.hpp), made the first time either check needs it; `why` is logged with it.
using ShiftedAudio = std::function<const ShiftSearch&(const std::string& why)>;

// Shifts whose whole tracks are checked, at most: the frame-450 check may list a few per track.
constexpr size_t kMaxShiftsChecked = 3;

// Where frame 450 finds no shift (no frame-450 checksums submitted, or sector 450 silent): every
// audio track's v1 at every shift within kArSearchRange, from one more pass over `audio`, against
// the v1 checksums the submissions for this disc hold (ShiftSearch). Returns the shifts where
// any track has a submission's v1, most tracks first (at most kMaxShiftsChecked), for the
// whole-track check, which confirms them with v2 too.
std::vector<int32_t> search_v1_shifts(const ShiftedAudio& shifted, const AudioChecksums& sums,
                                      const AccurateRipIds& ids, const std::vector<AccurateRipEntry>& entries,
                                      rip::RipLog& log) {
  std::vector<std::vector<AccurateRipEntry::Track>> submitted(sums.tracks.size());
  for (size_t i = 0; i < sums.tracks.size(); ++i) {
    const auto k = static_cast<size_t>(sums.tracks[i].range.ordinal - 1);
    for (const AccurateRipEntry& e : entries)
      if (e.id1 == ids.id1 && e.id2 == ids.id2 && e.cddb == ids.cddb && k < e.tracks.size())
        submitted[i].push_back(e.tracks[k]);
  }
  const ShiftSearch& search = shifted(fmt::format(
      "AccurateRip: frame 450 found no shift; the whole tracks' v1 at every shift within {} samples either way",
      kArSearchRange));
  const std::vector<ArShiftCandidate> found = find_ar_shifts(search, submitted);
  if (found.empty()) {
    log.info(
        fmt::format("AccurateRip v1 search: at no shift within {} samples either way does a track have a "
                    "submission's v1",
                    kArSearchRange));
    return {};
  }
  std::vector<int32_t> shifts;
  for (const ArShiftCandidate& c : found) {
    if (shifts.size() == kMaxShiftsChecked) {
      log.warn(fmt::format("AccurateRip v1 search: {} shifts found; the whole tracks are checked at the first {} only",
                           found.size(), kMaxShiftsChecked));
      break;
    }
    log.info(
        fmt::format("AccurateRip v1 search: at shift {:+}, {} of {} track(s) have a submission's v1 (confidence "
                    "{} in all)",
                    c.shift, c.tracks, sums.tracks.size(), c.confidence));
    shifts.push_back(c.shift);
  }
  return shifts;
}

// Whole tracks at other shifts (CUETools' "accurately ripped with offset"): when a track does not
// match at the rip's own offset, every audio track's v1/v2 is computed once more over the audio
// moved by each non-zero shift the frame-450 check found, or, when it found none, the v1 search
// found (those most tracks found first, at most kMaxShiftsChecked), in one pass over `audio`, and
// compared with the submissions. Returns the JSON list of {"shift", "found_by" ("frame450" or
// "v1_search"), "accurate", "tracks": [{"number", "accuraterip_v1", "accuraterip_v2", "result",
// ...}]}; `summary` gets a terminal line per shift. The verdict stays about the sectors.
json check_at_shifts(SectorSource& audio, const ShiftedAudio& shifted, const AudioChecksums& sums,
                     const AccurateRipIds& ids, const std::vector<AccurateRipEntry>& entries, const json& tracks,
                     rip::RipLog& log, std::string& summary) {
  std::vector<std::vector<int32_t>> per_track;
  for (const json& t : tracks)
    if (t.contains("frame450_shifts")) per_track.push_back(t["frame450_shifts"].get<std::vector<int32_t>>());
  std::vector<int32_t> shifts = order_frame450_shifts(per_track);
  if (shifts.size() > kMaxShiftsChecked) {
    log.warn(fmt::format("AccurateRip: frame 450 found {} shifts; the whole tracks are checked at the first {} only",
                         shifts.size(), kMaxShiftsChecked));
    shifts.resize(kMaxShiftsChecked);
  }
  const bool by_frame450 = !shifts.empty();
  // Frame 450 at the rip's own offset (shift 0) confirms it: nothing to search for.
  const bool frame450_found_any =
      std::any_of(per_track.begin(), per_track.end(), [](const auto& s) { return !s.empty(); });
  if (!by_frame450 && !frame450_found_any) shifts = search_v1_shifts(shifted, sums, ids, entries, log);
  json out = json::array();
  if (shifts.empty()) return out;
  log.info(
      fmt::format("AccurateRip: checking the whole tracks at shift(s) {:+} (found by {}), one more pass "
                  "over the audio",
                  fmt::join(shifts, ", "), by_frame450 ? "frame 450" : "the v1 search"));
  for (const ShiftedArChecksums& at : compute_shifted_accuraterip(audio, shifts)) {
    AudioChecksums moved = sums;
    for (size_t k = 0; k < moved.tracks.size(); ++k) moved.tracks[k].ar = at.tracks[k];
    const std::vector<ArTrackMatch> matches = match_accuraterip(moved, ids, entries);
    json jt = json::array();
    int accurate = 0;
    unsigned lowest = 0;
    for (size_t k = 0; k < matches.size(); ++k) {
      const ArTrackMatch& m = matches[k];
      const AccurateRipCrc c = at.tracks[k];
      json j = match_json(m);
      j["number"] = m.number;
      j["accuraterip_v1"] = hex8(c.v1);
      j["accuraterip_v2"] = hex8(c.v2);
      jt.push_back(j);
      const std::string head =
          fmt::format("AccurateRip at shift {:+}: track {:02} v1 {:08x} v2 {:08x}", at.shift, m.number, c.v1, c.v2);
      if (m.result == ArTrackMatch::Result::Match) {
        lowest = accurate++ == 0 ? m.confidence : std::min(lowest, m.confidence);
        log.info(fmt::format("{}: accurate (v{}, confidence {} of {})", head, m.version, m.confidence, m.total));
      } else if (m.result == ArTrackMatch::Result::NoMatch) {
        log.warn(
            fmt::format("{}: not accurate ({} submission(s), confidence {} in total)", head, m.submissions, m.total));
      } else {
        log.info(head + ": not in database");
      }
    }
    const std::string line =
        accurate == 0
            ? fmt::format("AccurateRip at shift {:+}: 0 of {} track(s) accurate", at.shift, matches.size())
            : fmt::format(
                  "AccurateRip at shift {:+}: {} of {} track(s) accurate (lowest confidence {}): the audio lies "
                  "{} samples {} than the submissions' (another pressing, or a read offset off by {:+})",
                  at.shift, accurate, matches.size(), lowest, std::abs(at.shift), at.shift > 0 ? "later" : "earlier",
                  at.shift);
    if (accurate == 0)
      log.warn(line);
    else
      log.info(line);
    summary += "\n" + line;
    out.push_back({{"shift", at.shift},
                   {"found_by", by_frame450 ? "frame450" : "v1_search"},
                   {"accurate", accurate},
                   {"tracks", jt}});
  }
  return out;
}

// The CUETools database's verdict on the disc CRC: logged, and returned as the JSON "ctdb" object
// (status found / not_in_database / error; when found, result verified or no_match with the
// matching entries' confidence and every entry's, the submissions); each audio track of `tracks`
// gets its "ctdb" verdict when the answer says something about it; `summary` gets the verdict in
// one line for the terminal.
// A CTDB answer that does not verify the disc (or every track) at the rip's offset: the disc CRC
// and the track CRCs at every shift within kArSearchRange (ctdb_shift.hpp). Logs and returns
// {"shift", "confidence"} for the disc (null when found nowhere); each track not verified at the
// rip's offset that is verified at a shift gets "at_shift": {"shift", "confidence"} in its "ctdb";
// `summary` gets a line when the disc is.
json ctdb_at_shifts(const ShiftedAudio& shifted, const AudioChecksums& sums, const std::string& toc,
                    const std::vector<CtdbEntry>& entries, const CtdbMatch& m, json& tracks, rip::RipLog& log,
                    std::string& summary) {
  const ShiftSearch& search = shifted(
      fmt::format("CTDB: not everything verified at the rip's offset; the CRCs at every shift within {} samples "
                  "either way",
                  kArSearchRange));
  const CtdbShiftMatch at = match_ctdb_at_shifts(search, toc, entries);
  json disc = nullptr;
  if (!m.matched) {
    if (at.disc) {
      disc = {{"shift", at.disc->shift}, {"confidence", at.disc->confidence}};
      const std::string line = fmt::format(
          "CTDB at shift {:+}: verified, confidence {} (of {} submissions): the audio lies {} samples {} than the "
          "entries' (another pressing, or a read offset off by {:+})",
          at.disc->shift, at.disc->confidence, m.total, std::abs(at.disc->shift),
          at.disc->shift > 0 ? "later" : "earlier", at.disc->shift);
      log.info(line);
      summary += "\n" + line;
    } else {
      log.info(
          fmt::format("CTDB: the disc CRC matches no entry at any shift within {} samples either way", kArSearchRange));
    }
  }
  for (size_t i = 0; i < m.tracks.size() && i < at.tracks.size(); ++i) {
    if (m.tracks[i].result == CtdbTrackMatch::Result::Verified) continue;
    const int number = sums.tracks[i].range.number;
    if (const auto& t = at.tracks[i]) {
      tracks[i]["ctdb"]["at_shift"] = {{"shift", t->shift}, {"confidence", t->confidence}};
      log.info(fmt::format("CTDB: track {:02} verified at shift {:+}, confidence {} (of {} submissions)", number,
                           t->shift, t->confidence, m.total));
    } else {
      log.info(fmt::format("CTDB: track {:02} matches no entry at any shift within {} samples either way", number,
                           kArSearchRange));
    }
  }
  return disc;
}

json verify_ctdb(const ShiftedAudio& shifted, const AudioChecksums& sums, const std::string& toc, json& tracks,
                 rip::RipLog& log, std::string& summary) {
  const uint32_t crc = *sums.ctdb;
  const rip::CtdbLookup r = rip::lookup_ctdb(toc);
  json q{{"url", r.url}};
  switch (r.status) {
    case rip::CtdbLookup::Status::Found: {
      std::vector<uint32_t> track_crcs;
      for (const AudioTrackChecksums& t : sums.tracks) track_crcs.push_back(t.ctdb);
      const CtdbMatch m = match_ctdb(crc, track_crcs, toc, r.entries);
      q["status"] = "found";
      q["entries"] = m.entries;
      q["submissions"] = m.total;
      log.info(fmt::format("CTDB: {} entr{} for this TOC, {} submission(s) ({})", m.entries,
                           m.entries == 1 ? "y" : "ies", m.total, r.url));
      for (const CtdbEntry& e : r.entries)
        log.detail(fmt::format("CTDB entry {}: CRC {:08x}, confidence {}, TOC {}", e.id, e.crc32, e.confidence, e.toc));
      if (m.matched) {
        q["result"] = "verified";
        q["confidence"] = m.confidence;
        summary = fmt::format("CTDB: verified, confidence {} (of {} submissions)", m.confidence, m.total);
        log.info(summary);
      } else {
        q["result"] = "no_match";
        summary = "CTDB: no match";
        log.warn(fmt::format("CTDB: no match: CRC {:08x} is not among the {} entr{} for this TOC ({} comparable)", crc,
                             m.entries, m.entries == 1 ? "y" : "ies", m.comparable));
      }
      for (size_t i = 0; i < m.tracks.size(); ++i) {
        const CtdbTrackMatch& t = m.tracks[i];
        const int number = sums.tracks[i].range.number;
        if (t.result == CtdbTrackMatch::Result::Verified) {
          log.info(fmt::format("CTDB: track {:02} verified, confidence {} (of {} submissions)", number, t.confidence,
                               m.total));
          tracks[i]["ctdb"] = {{"result", "verified"}, {"confidence", t.confidence}};
        } else if (t.result == CtdbTrackMatch::Result::NoMatch) {
          log.warn(fmt::format("CTDB: track {:02} no match", number));
          tracks[i]["ctdb"] = {{"result", "no_match"}};
        } else {
          log.info(fmt::format("CTDB: track {:02} cannot be verified (no entry matches as a whole or has track CRCs)",
                               number));
          tracks[i]["ctdb"] = {{"result", "unknown"}};
        }
      }
      const bool every_track = std::all_of(m.tracks.begin(), m.tracks.end(), [](const CtdbTrackMatch& t) {
        return t.result == CtdbTrackMatch::Result::Verified;
      });
      if (m.comparable > 0 && (!m.matched || !every_track))
        q["at_shift"] = ctdb_at_shifts(shifted, sums, toc, r.entries, m, tracks, log, summary);
      break;
    }
    case rip::CtdbLookup::Status::NotInDatabase:
      q["status"] = "not_in_database";
      log.warn(fmt::format("CTDB: not in database ({})", r.url));
      summary = "CTDB: not in database";
      break;
    case rip::CtdbLookup::Status::Failed:
      q["status"] = "error";
      q["error"] = r.error;
      log.warn("CTDB: lookup failed: " + r.error);
      summary = "CTDB: lookup failed (" + r.error + ")";
      break;
  }
  return q;
}

}  // namespace

json verify_audio(const Disc& disc, const AudioChecksums& sums, SectorSource& audio_source, bool query, bool query_ctdb,
                  rip::RipLog& log, std::string& summary) {
  if (sums.tracks.empty()) {
    if (query) log.info("AccurateRip: the disc has no audio track, nothing to look up");
    if (query_ctdb) log.info("CTDB: the disc has no audio track, nothing to look up");
    return nullptr;
  }
  std::optional<ShiftSearch> search;
  const ShiftedAudio shifted = [&](const std::string& why) -> const ShiftSearch& {
    if (!search) {
      log.info(why + ", one more pass over the audio");
      search.emplace(search_shifts(audio_source, kArSearchRange));
    }
    return *search;
  };
  const AccurateRipIds ids = accuraterip_ids(disc);
  const std::string ar_id = fmt::format("{:03}-{:08x}-{:08x}-{:08x}", ids.audio_tracks, ids.id1, ids.id2, ids.cddb);
  json audio{{"accuraterip_id", ar_id},   {"accuraterip_id1", hex8(ids.id1)}, {"accuraterip_id2", hex8(ids.id2)},
             {"cddb_id", hex8(ids.cddb)}, {"ctdb_crc", hex8(*sums.ctdb)},     {"ctdb_toc", ctdb_toc(disc)}};
  log.info("AccurateRip disc id " + ar_id);
  log.info(fmt::format("CDDB/freedb disc id {:08x}", ids.cddb));
  try {
    const std::string mb = musicbrainz_id(disc);
    audio["musicbrainz_id"] = mb;
    log.info("MusicBrainz disc id " + mb);
  } catch (const ModelError& e) {
    log.warn(std::string("MusicBrainz disc id: ") + e.what());
  }
  for (const AudioTrackChecksums& t : sums.tracks)
    log.info(fmt::format("track {:02}: AccurateRip v1 {:08x} v2 {:08x}, frame 450 {}", t.range.number, t.ar.v1, t.ar.v2,
                         t.frame450 ? hex8(*t.frame450) : "- (track shorter than 451 sectors)"));
  log.info(fmt::format("CTDB CRC {:08x} ({} audio sectors)", *sums.ctdb, [&] {
    uint64_t n = 0;
    for (const auto& t : sums.tracks) n += static_cast<uint64_t>(t.range.sectors());
    return n;
  }()));
  log.info("CTDB TOC " + audio["ctdb_toc"].get<std::string>());
  for (const AudioTrackChecksums& t : sums.tracks)
    log.info(fmt::format("track {:02}: CTDB CRC {:08x}", t.range.number, t.ctdb));
  json tracks = json::array();
  for (const AudioTrackChecksums& t : sums.tracks)
    tracks.push_back({{"number", t.range.number},
                      {"start", t.range.start},
                      {"sectors", t.range.sectors()},
                      {"accuraterip_v1", hex8(t.ar.v1)},
                      {"accuraterip_v2", hex8(t.ar.v2)},
                      {"frame450", t.frame450 ? json(hex8(*t.frame450)) : json(nullptr)},
                      {"ctdb_crc", hex8(t.ctdb)}});
  if (query) {
    const rip::AccurateRipLookup r = rip::lookup_accuraterip(ids);
    json q{{"url", r.url}};
    std::vector<ArTrackMatch> matches;
    if (r.status == rip::AccurateRipLookup::Status::Found) {
      q["status"] = "found";
      q["submissions"] = r.entries.size();
      log.info(fmt::format("AccurateRip: {} submission(s) for this disc ({})", r.entries.size(), r.url));
      matches = match_accuraterip(sums, ids, r.entries);
      q["frame450_shift"] = frame450_check(audio_source, sums, ids, r.entries, tracks, log);
    } else if (r.status == rip::AccurateRipLookup::Status::NotInDatabase) {
      q["status"] = "not_in_database";
      log.warn(fmt::format("AccurateRip: disc not in the AccurateRip database ({})", r.url));
      matches = match_accuraterip(sums, ids, {});
    } else {
      q["status"] = "error";
      q["error"] = r.error;
      log.warn("AccurateRip lookup failed: " + r.error);
      summary = "AccurateRip: lookup failed (" + r.error + ")";
    }
    audio["accuraterip"] = q;
    int matched = 0;
    for (size_t i = 0; i < matches.size(); ++i) {
      const ArTrackMatch& m = matches[i];
      json& jt = tracks[i];
      jt["accuraterip"] = match_json(m);
      switch (m.result) {
        case ArTrackMatch::Result::Match:
          ++matched;
          log.info(fmt::format("AccurateRip: track {:02} matches (v{}, confidence {} of {})", m.number, m.version,
                               m.confidence, m.total));
          break;
        case ArTrackMatch::Result::NoMatch:
          log.warn(fmt::format("AccurateRip: track {:02} does not match ({} submission(s), confidence {} in total)",
                               m.number, m.submissions, m.total));
          break;
        case ArTrackMatch::Result::NotInDatabase:
          log.info(fmt::format("AccurateRip: track {:02} not in database", m.number));
          break;
      }
    }
    if (!matches.empty())
      summary = fmt::format("AccurateRip: {} of {} track(s) match{}", matched, matches.size(),
                            r.status == rip::AccurateRipLookup::Status::NotInDatabase ? " (disc not in database)" : "");
    if (r.status == rip::AccurateRipLookup::Status::Found) {
      const bool any_mismatch = std::any_of(matches.begin(), matches.end(), [](const ArTrackMatch& m) {
        return m.result == ArTrackMatch::Result::NoMatch;
      });
      std::string lines;
      audio["accuraterip"]["shifts"] =
          any_mismatch ? check_at_shifts(audio_source, shifted, sums, ids, r.entries, tracks, log, lines)
                       : json::array();
      summary += lines;
    }
  }
  if (query_ctdb) {
    std::string line;
    audio["ctdb"] = verify_ctdb(shifted, sums, ctdb_toc(disc), tracks, log, line);
    summary += (summary.empty() ? "" : "\n") + line;
  }
  audio["tracks"] = tracks;
  return audio;
}

}  // namespace dw::cli

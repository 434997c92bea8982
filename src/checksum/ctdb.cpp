#include "checksum/ctdb.hpp"

#include <expat.h>
#include <fmt/format.h>
#include <zlib.h>

#include <algorithm>
#include <charconv>
#include <limits>
#include <memory>
#include <stdexcept>

#include "disc/error.hpp"

namespace dw {

uint64_t CtdbCrc::counted_end(uint64_t total_samples) {
  return total_samples > 2 * kCtdbSkipSamples + total_samples % kCtdbSkipSamples
             ? total_samples - kCtdbSkipSamples - total_samples % kCtdbSkipSamples
             : kCtdbSkipSamples;
}

CtdbCrc::CtdbCrc(uint64_t total_bytes, uint64_t begin_byte, uint64_t end_byte)
    : total_bytes_(total_bytes),
      begin_byte_(begin_byte),
      end_byte_(end_byte),
      crc_(static_cast<uint32_t>(crc32_z(0, nullptr, 0))) {}

CtdbCrc::CtdbCrc(uint64_t total_samples)
    : CtdbCrc(total_samples * 4, kCtdbSkipSamples * 4, counted_end(total_samples) * 4) {}

CtdbCrc CtdbCrc::track(uint64_t disc_samples, uint64_t first, uint64_t count) {
  const auto clamp = [&](uint64_t s) { return std::clamp(s, first, first + count) - first; };
  return {count * 4, clamp(kCtdbSkipSamples) * 4, clamp(counted_end(disc_samples)) * 4};
}

void CtdbCrc::update(std::span<const uint8_t> pcm) {
  const uint64_t from = std::max(fed_, begin_byte_), to = std::min(fed_ + pcm.size(), end_byte_);
  if (from < to) crc_ = static_cast<uint32_t>(crc32_z(crc_, pcm.data() + (from - fed_), to - from));
  fed_ += pcm.size();
}

uint32_t CtdbCrc::finish() const {
  if (fed_ != total_bytes_)
    throw std::logic_error(fmt::format("CTDB: fed {} bytes, the disc has {}", fed_, total_bytes_));
  return crc_;
}

std::string ctdb_toc(const Disc& disc) {
  std::string s;
  for (const Track* t : disc.tracks()) s += fmt::format("{}{}:", t->control.data() ? "-" : "", t->start());
  if (s.empty()) throw ModelError("disc has no track for a CTDB TOC");
  return s + std::to_string(disc.leadout());
}

namespace {

// The sectors between a session's last audio track and the next session's first track on an
// Enhanced CD: lead-out 6750, lead-in 4500, pregap 150 (CUETools' 152 * 75).
constexpr uint32_t kEnhancedCdGap = 11400;

template <typename T>
std::optional<T> parse_number(std::string_view text, int base) {
  T v{};
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v, base);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return v;
}

std::optional<uint32_t> parse_hex32(std::string_view text) {
  return text.size() <= 8 ? parse_number<uint32_t>(text, 16) : std::nullopt;
}

}  // namespace

std::optional<CtdbTocAudio> ctdb_toc_audio(const std::string& toc) {
  std::vector<uint32_t> offsets;
  std::vector<bool> data;
  for (size_t at = 0;;) {
    const size_t colon = std::min(toc.find(':', at), toc.size());
    std::string_view part(toc.data() + at, colon - at);
    const bool is_data = !part.empty() && part.front() == '-';
    if (is_data) part.remove_prefix(1);
    const auto v = parse_number<uint32_t>(part, 10);
    if (!v || (!offsets.empty() && *v < offsets.back())) return std::nullopt;
    offsets.push_back(*v);
    data.push_back(is_data);
    if (colon == toc.size()) break;
    at = colon + 1;
  }
  const size_t tracks = offsets.size() - 1;  // the last offset is the lead-out
  if (tracks == 0 || data.back()) return std::nullopt;
  size_t first = 0;
  while (first < tracks && data[first]) ++first;
  size_t end = first;
  while (end < tracks && !data[end]) ++end;
  if (first == tracks) return std::nullopt;
  const uint32_t audio_end = end < tracks ? offsets[end] - kEnhancedCdGap : offsets[tracks];
  if (end < tracks && (offsets[end] < kEnhancedCdGap || audio_end < offsets[end - 1])) return std::nullopt;
  return CtdbTocAudio{offsets[first], audio_end - offsets[first], static_cast<uint32_t>(end - first)};
}

namespace {

// expat callbacks collect the entries; the first problem stops the parser and is kept.
struct ParseState {
  XML_Parser parser = nullptr;
  std::vector<CtdbEntry> entries;
  std::string problem;
  int depth = 0;
  bool root_seen = false;

  void stop(std::string why) {
    if (problem.empty()) problem = std::move(why);
    XML_StopParser(parser, XML_FALSE);
  }
};

void on_entry(ParseState& st, const XML_Char** attrs) {
  CtdbEntry e;
  bool has_toc = false;
  const size_t n = st.entries.size() + 1;
  for (const XML_Char** a = attrs; a[0]; a += 2) {
    const std::string_view name(a[0]), value(a[1]);
    const auto bad = [&] { st.stop(fmt::format("entry {}: {}=\"{}\" is not valid", n, name, value.substr(0, 64))); };
    if (name == "crc32") {
      const auto v = parse_hex32(value);
      if (!v) return bad();
      e.crc32 = *v;
    } else if (name == "confidence") {
      const auto v = parse_number<uint32_t>(value, 10);
      if (!v || *v > 1000000000u) return bad();
      e.confidence = *v;
    } else if (name == "id") {
      const auto v = parse_number<int64_t>(value, 10);
      if (!v) return bad();
      e.id = *v;
    } else if (name == "stride") {
      const auto v = parse_number<uint32_t>(value, 10);
      if (!v) return bad();
      e.stride = *v;
    } else if (name == "toc") {
      e.toc = value;
      has_toc = true;
    } else if (name == "hasparity") {
      e.has_parity = !value.empty();
    } else if (name == "trackcrcs") {
      for (size_t at = 0; at < value.size();) {
        const size_t space = std::min(value.find(' ', at), value.size());
        const auto v = parse_hex32(value.substr(at, space - at));
        if (!v || e.track_crcs.size() == 99) return bad();
        e.track_crcs.push_back(*v);
        at = space + 1;
      }
    }
  }
  if (!has_toc) return;  // CUETools skips such entries too
  if (st.entries.size() == kCtdbMaxEntries) return st.stop(fmt::format("more than {} entries", kCtdbMaxEntries));
  st.entries.push_back(std::move(e));
}

void XMLCALL on_start(void* user, const XML_Char* name, const XML_Char** attrs) {
  auto& st = *static_cast<ParseState*>(user);
  const std::string_view n(name);
  if (st.depth == 0) {
    if (n != "ctdb") return st.stop(fmt::format("the root element is <{}>, not <ctdb>", n.substr(0, 64)));
    st.root_seen = true;
  } else if (st.depth == 1 && n == "entry") {
    on_entry(st, attrs);
  }
  ++st.depth;
}

void XMLCALL on_end(void* user, const XML_Char*) { --static_cast<ParseState*>(user)->depth; }

void XMLCALL on_doctype(void* user, const XML_Char*, const XML_Char*, const XML_Char*, int) {
  static_cast<ParseState*>(user)->stop("a DOCTYPE is not allowed in a CTDB answer");
}

}  // namespace

std::vector<CtdbEntry> parse_ctdb_response(std::span<const uint8_t> xml, const std::string& source) {
  std::unique_ptr<XML_ParserStruct, void (*)(XML_Parser)> parser(XML_ParserCreate(nullptr), XML_ParserFree);
  if (!parser) throw std::bad_alloc();
  ParseState st;
  st.parser = parser.get();
  XML_SetUserData(st.parser, &st);
  XML_SetElementHandler(st.parser, on_start, on_end);
  XML_SetStartDoctypeDeclHandler(st.parser, on_doctype);
  // In chunks: XML_Parse takes an int length.
  constexpr size_t kChunk = 1u << 20;
  size_t at = 0;
  do {
    const size_t n = std::min(kChunk, xml.size() - at);
    const bool last = at + n == xml.size();
    if (XML_Parse(st.parser, reinterpret_cast<const char*>(xml.data() + at), static_cast<int>(n), last) !=
        XML_STATUS_OK) {
      const auto line = static_cast<int>(XML_GetCurrentLineNumber(st.parser));
      if (!st.problem.empty()) throw InputError(source, st.problem, std::nullopt, line);
      throw InputError(source,
                       fmt::format("not well-formed XML (column {}): {}", XML_GetCurrentColumnNumber(st.parser),
                                   XML_ErrorString(XML_GetErrorCode(st.parser))),
                       std::nullopt, line);
    }
    at += n;
  } while (at < xml.size());
  if (!st.root_seen) throw InputError(source, "no <ctdb> element");
  return st.entries;
}

bool ctdb_comparable(const CtdbEntry& e, const std::optional<CtdbTocAudio>& ours) {
  const auto theirs = ctdb_toc_audio(e.toc);
  return ours && theirs && theirs->sectors == ours->sectors && (e.stride == 0 || e.stride == kCtdbSkipSamples);
}

CtdbMatch match_ctdb(uint32_t crc, std::span<const uint32_t> track_crcs, const std::string& disc_toc,
                     const std::vector<CtdbEntry>& entries) {
  CtdbMatch m;
  m.entries = entries.size();
  m.tracks.resize(track_crcs.size());
  const auto ours = ctdb_toc_audio(disc_toc);
  for (const CtdbEntry& e : entries) {
    m.total += e.confidence;
    if (!ctdb_comparable(e, ours)) continue;
    ++m.comparable;
    const bool whole = e.crc32 == crc;
    if (whole) {
      m.matched = true;
      m.confidence += e.confidence;
    }
    const bool per_track = e.track_crcs.size() == track_crcs.size();
    for (size_t i = 0; i < track_crcs.size(); ++i) {
      CtdbTrackMatch& t = m.tracks[i];
      if (!whole && !per_track) continue;
      if (whole || e.track_crcs[i] == track_crcs[i]) {
        t.result = CtdbTrackMatch::Result::Verified;
        t.confidence += e.confidence;
      } else if (t.result == CtdbTrackMatch::Result::Unknown) {
        t.result = CtdbTrackMatch::Result::NoMatch;
      }
    }
  }
  return m;
}

}  // namespace dw

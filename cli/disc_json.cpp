#include "cli/disc_json.hpp"

#include <string>

#include "disc/utf8.hpp"

namespace dw::cli {

const char* track_type_name(TrackMode mode) {
  switch (mode) {
    case TrackMode::Audio: return "audio";
    case TrackMode::Mode0: return "mode0";
    case TrackMode::Mode1: return "mode1";
    case TrackMode::Mode2Formless: return "mode2";
    case TrackMode::Mode2Xa: return "mode2_xa";
    case TrackMode::CdI: return "cdi";
  }
  return "unknown";
}

namespace {

const char* field_name(uint8_t type) {
  switch (type) {
    case 0x80: return "title";
    case 0x81: return "performer";
    case 0x82: return "songwriter";
    case 0x83: return "composer";
    case 0x84: return "arranger";
    case 0x85: return "message";
    case 0x86: return "disc_id";
    case 0x87: return "genre";
    case 0x8D: return "closed";
    case 0x8E: return "upc_isrc";
    default: return nullptr;
  }
}

std::string fmt_hex(const std::string& bytes) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (char ch : bytes) {
    const auto c = static_cast<unsigned char>(ch);
    out += digits[c >> 4];
    out += digits[c & 15];
  }
  return out;
}

}  // namespace

std::string to_utf8(const std::string& bytes) { return valid_utf8(bytes) ? bytes : latin1_to_utf8(bytes); }

nlohmann::json cdtext_json(const CdText& text) {
  nlohmann::json blocks = nlohmann::json::array();
  for (const CdTextBlock& b : text.blocks) {
    nlohmann::json disc = nlohmann::json::object(), tracks = nlohmann::json::object();
    for (const auto& [key, value] : b.text) {
      const char* name = field_name(key.first);
      if (!name) continue;
      // Double-byte (MS-JIS, Korean, Chinese) blocks are shown as hex: we do not convert them.
      const nlohmann::json v = b.double_byte ? nlohmann::json(fmt_hex(value)) : nlohmann::json(to_utf8(value));
      if (key.second == 0)
        disc[name] = v;
      else
        tracks[std::to_string(key.second)][name] = v;
    }
    blocks.push_back({{"block", b.block},
                      {"language", b.language},
                      {"character_code", b.character_code},
                      {"double_byte", b.double_byte},
                      {"disc", disc},
                      {"tracks", tracks}});
  }
  return {{"blocks", blocks}};
}

nlohmann::json disc_json(const Disc& disc) {
  nlohmann::json tracks = nlohmann::json::array(), sessions = nlohmann::json::array();
  for (const Session& s : disc.sessions) {
    sessions.push_back({{"number", s.number}, {"leadout", s.leadout}, {"tracks", s.tracks.size()}});
    for (const Track& t : s.tracks) {
      nlohmann::json indices = nlohmann::json::object(), flags = nlohmann::json::array();
      for (const Index& x : t.indices) indices[std::to_string(x.number)] = x.lba;
      if (t.control.copy_permitted()) flags.push_back("dcp");
      if (t.control.pre_emphasis()) flags.push_back("pre");
      if (t.control.four_channel()) flags.push_back("4ch");
      const auto index0 = t.index(0);
      tracks.push_back({{"number", t.number},
                        {"session", s.number},
                        {"type", track_type_name(t.mode)},
                        {"start", t.start()},
                        {"pregap_start", index0 ? nlohmann::json(*index0) : nlohmann::json(nullptr)},
                        {"end", disc.track_end(t.number) - 1},
                        {"length", disc.track_length(t.number)},
                        {"indices", indices},
                        {"flags", flags},
                        {"isrc", t.isrc.empty() ? nlohmann::json(nullptr) : nlohmann::json(t.isrc)},
                        {"pregap_generated", t.pregap_generated},
                        {"postgap_generated", t.postgap_generated}});
    }
  }
  return {{"sessions", disc.sessions.size()},
          {"session_list", sessions},
          {"leadout", disc.leadout()},
          {"catalog", disc.mcn.empty() ? nlohmann::json(nullptr) : nlohmann::json(disc.mcn)},
          {"media", disc.media == MediaKind::Cd    ? "cd"
                    : disc.media == MediaKind::Dvd ? "dvd"
                                                   : "bd"},
          {"tracks", tracks},
          {"cdtext", disc.cdtext.empty() ? nlohmann::json(nullptr) : cdtext_json(disc.cdtext)}};
}

}  // namespace dw::cli

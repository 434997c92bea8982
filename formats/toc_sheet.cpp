#include "formats/toc_sheet.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>

#include "disc/error.hpp"

namespace dw {

namespace {

struct Token {
  enum class Kind : uint8_t { Word, String, Symbol, End } kind = Kind::End;
  std::string text;
  int line = 0;
};

class Lexer {
 public:
  Lexer(std::string_view text, const std::string& source) : t_(text), source_(source) {}

  Token next() {
    skip();
    Token tok;
    tok.line = line_;
    if (at_ >= t_.size()) return tok;
    const char c = t_[at_];
    if (c == '"') {
      tok.kind = Token::Kind::String;
      ++at_;
      while (true) {
        if (at_ >= t_.size() || t_[at_] == '\n')
          throw InputError(source_, "a quoted string has no closing quote", std::nullopt, tok.line);
        const char d = t_[at_++];
        if (d == '"') break;
        if (d == '\\' && at_ < t_.size()) {
          const char e = t_[at_];
          if (e >= '0' && e <= '7') {  // octal \ooo
            int v = 0, n = 0;
            while (n < 3 && at_ < t_.size() && t_[at_] >= '0' && t_[at_] <= '7') v = v * 8 + (t_[at_++] - '0'), ++n;
            tok.text += static_cast<char>(v);
          } else {
            tok.text += e;
            ++at_;
          }
          continue;
        }
        tok.text += d;
      }
      return tok;
    }
    if (c == '{' || c == '}' || c == ',' || c == ':') {
      tok.kind = Token::Kind::Symbol;
      tok.text = std::string(1, c);
      ++at_;
      return tok;
    }
    tok.kind = Token::Kind::Word;
    while (at_ < t_.size() && !std::isspace(static_cast<unsigned char>(t_[at_])) && t_[at_] != '{' && t_[at_] != '}' &&
           t_[at_] != ',' && t_[at_] != '"' && !(t_[at_] == '/' && at_ + 1 < t_.size() && t_[at_ + 1] == '/'))
      tok.text += t_[at_++];
    // MSF values are words with colons: join "1" ":" "0" ":" "0" written without spaces.
    return tok;
  }

 private:
  void skip() {
    while (at_ < t_.size()) {
      if (t_[at_] == '\n') {
        ++line_;
        ++at_;
      } else if (std::isspace(static_cast<unsigned char>(t_[at_]))) {
        ++at_;
      } else if (t_[at_] == '/' && at_ + 1 < t_.size() && t_[at_ + 1] == '/') {
        while (at_ < t_.size() && t_[at_] != '\n') ++at_;
      } else {
        break;
      }
    }
  }
  std::string_view t_;
  const std::string& source_;
  size_t at_ = 0;
  int line_ = 1;
};

struct ModeDef {
  const char* name;
  TrackMode mode;
  uint32_t size;
};
constexpr ModeDef kModes[] = {{"AUDIO", TrackMode::Audio, 2352},         {"MODE0", TrackMode::Mode0, 2336},
                              {"MODE1", TrackMode::Mode1, 2048},         {"MODE1_RAW", TrackMode::Mode1, 2352},
                              {"MODE2", TrackMode::Mode2Formless, 2336}, {"MODE2_FORM1", TrackMode::Mode2Xa, 2048},
                              {"MODE2_FORM2", TrackMode::Mode2Xa, 2324}, {"MODE2_FORM_MIX", TrackMode::Mode2Xa, 2336},
                              {"MODE2_RAW", TrackMode::Mode2Xa, 2352}};

const std::map<std::string, uint8_t>& cdtext_types() {
  static const std::map<std::string, uint8_t> m = {
      {"TITLE", 0x80},   {"PERFORMER", 0x81}, {"SONGWRITER", 0x82}, {"COMPOSER", 0x83},  {"ARRANGER", 0x84},
      {"MESSAGE", 0x85}, {"DISC_ID", 0x86},   {"GENRE", 0x87},      {"TOC_INFO1", 0x88}, {"TOC_INFO2", 0x89},
      {"UPC_EAN", 0x8E}, {"ISRC", 0x8E},      {"SIZE_INFO", 0x8F}};
  return m;
}

uint8_t language_code(const std::string& s) {
  static const std::map<std::string, uint8_t> codes = {{"EN", 0x09}, {"DE", 0x08}, {"FR", 0x0F}, {"ES", 0x0A},
                                                       {"IT", 0x15}, {"NL", 0x1D}, {"JA", 0x69}};
  auto it = codes.find(s);
  return it == codes.end() ? 0x09 : it->second;
}

class Parser {
 public:
  Parser(std::string_view text, const std::string& source) : lex_(text, source), source_(source) { advance(); }

  TocSheet run() {
    while (tok_.kind != Token::Kind::End) statement();
    if (sheet_.tracks.empty()) fail("the TOC has no TRACK");
    for (auto& b : sheet_.cdtext.blocks) {
      b.first_track = 1;
      b.last_track = static_cast<uint8_t>(sheet_.tracks.size());
    }
    // A block's ENCODING_ may come after its strings: they are converted once it is known.
    for (const TextItem& x : text_items_) {
      CdTextBlock& b = block(x.block);
      if (b.character_code != 0x00 || b.double_byte) continue;
      std::string& value = b.text[x.key];
      value = cdtext_latin1(value, x.name, x.line, sheet_.notes);
    }
    return std::move(sheet_);
  }

 private:
  [[noreturn]] void fail(const std::string& what) const { throw InputError(source_, what, std::nullopt, tok_.line); }
  void advance() { tok_ = lex_.next(); }
  bool word(const char* w) const { return tok_.kind == Token::Kind::Word && tok_.text == w; }
  bool symbol(char c) const { return tok_.kind == Token::Kind::Symbol && tok_.text[0] == c; }
  void expect(char c) {
    if (!symbol(c)) fail(fmt::format("expected '{}' but found '{}'", c, tok_.text));
    advance();
  }
  std::string string_arg(const char* what) {
    if (tok_.kind != Token::Kind::String) fail(fmt::format("{} needs a quoted string", what));
    std::string s = tok_.text;
    advance();
    return s;
  }
  TocTrack& track(const std::string& what) {
    if (sheet_.tracks.empty()) fail(fmt::format("{} must come after TRACK", what));
    return sheet_.tracks.back();
  }

  static bool digits(const std::string& s) { return !s.empty() && std::all_of(s.begin(), s.end(), ::isdigit); }
  // A number of at most three digits (language numbers and codes), or -1.
  static int small(const std::string& s) { return digits(s) && s.size() <= 3 ? std::stoi(s) : -1; }

  // MM:SS:FF (any of them may be one or more digits) -> sectors.
  uint64_t msf(const char* what) {
    if (tok_.kind != Token::Kind::Word) fail(fmt::format("{} needs a time MM:SS:FF", what));
    const std::string t = tok_.text;
    const auto c1 = t.find(':'), c2 = c1 == std::string::npos ? c1 : t.find(':', c1 + 1);
    if (c2 == std::string::npos || t.find(':', c2 + 1) != std::string::npos)
      fail(fmt::format("{} time '{}' is not MM:SS:FF", what, t));
    const std::string m = t.substr(0, c1), s = t.substr(c1 + 1, c2 - c1 - 1), f = t.substr(c2 + 1);
    if (!digits(m) || !digits(s) || !digits(f) || m.size() > 4 || s.size() > 2 || f.size() > 2)
      fail(fmt::format("{} time '{}' is not MM:SS:FF in digits", what, t));
    const uint64_t mi = std::stoull(m), si = std::stoull(s), fi = std::stoull(f);
    if (si >= 60) fail(fmt::format("{} time {} has seconds >= 60", what, t));
    if (fi >= 75) fail(fmt::format("{} time {} has frames >= 75", what, t));
    advance();
    return (mi * 60 + si) * 75 + fi;
  }
  bool is_msf() const { return tok_.kind == Token::Kind::Word && tok_.text.find(':') != std::string::npos; }
  bool is_number() const { return tok_.kind == Token::Kind::Word && digits(tok_.text) && tok_.text.size() <= 15; }

  void statement() {
    if (word("CD_DA") || word("CD_ROM") || word("CD_ROM_XA") || word("CD_I")) {
      sheet_.disc_type = tok_.text;
      advance();
    } else if (word("CATALOG")) {
      advance();
      if (tok_.kind != Token::Kind::String) fail("CATALOG needs a quoted 13-digit number");
      if (tok_.text.size() != 13 || !digits(tok_.text))
        fail(fmt::format("CATALOG \"{}\" must be 13 digits", tok_.text));
      sheet_.catalog = tok_.text;
      advance();
    } else if (word("CD_TEXT")) {
      advance();
      cdtext(sheet_.tracks.size());
    } else if (word("TRACK")) {
      new_track();
    } else if (word("NO")) {
      advance();
      if (word("COPY"))
        track("NO COPY").copy = false;
      else if (word("PRE_EMPHASIS"))
        track("NO PRE_EMPHASIS").pre_emphasis = false;
      else
        fail(fmt::format("NO must be followed by COPY or PRE_EMPHASIS, not '{}'", tok_.text));
      advance();
    } else if (word("COPY")) {
      track("COPY").copy = true;
      advance();
    } else if (word("PRE_EMPHASIS")) {
      track("PRE_EMPHASIS").pre_emphasis = true;
      advance();
    } else if (word("TWO_CHANNEL_AUDIO") || word("FOUR_CHANNEL_AUDIO")) {
      track(tok_.text).four_channel = word("FOUR_CHANNEL_AUDIO");
      advance();
    } else if (word("SWAP")) {
      track("SWAP").swap = true;
      advance();
    } else if (word("ISRC")) {
      advance();
      TocTrack& t = track("ISRC");
      std::string code;
      for (char c : string_arg("ISRC"))
        if (c != '-') code += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      if (code.size() != 12) fail(fmt::format("ISRC '{}' must be 12 characters", code));
      t.isrc = code;
    } else if (word("SILENCE") || word("ZERO")) {
      const bool zero = word("ZERO");
      advance();
      TocTrack& t = track(zero ? "ZERO" : "SILENCE");
      if (zero && tok_.kind == Token::Kind::Word && !is_msf() && !is_number()) advance();  // ZERO's optional data mode
      if (zero && (word("RW") || word("RW_RAW"))) advance();
      TocData d;
      d.kind = zero ? TocData::Kind::Zero : TocData::Kind::Silence;
      d.line = tok_.line;
      d.length = length("SILENCE/ZERO length");
      t.data.push_back(d);
    } else if (word("FILE") || word("AUDIOFILE") || word("DATAFILE") || word("FIFO")) {
      file_statement();
    } else if (word("START")) {
      advance();
      TocTrack& t = track("START");
      uint64_t here = 0;
      for (const TocData& d : t.data) here += d.length.value_or(0);
      t.start = is_msf() ? msf("START") : here;
    } else if (word("PREGAP")) {
      advance();
      track("PREGAP").pregap = msf("PREGAP");
    } else if (word("INDEX")) {
      advance();
      track("INDEX").indices.push_back(msf("INDEX"));
    } else {
      fail(fmt::format("unknown keyword '{}'", tok_.text));
    }
  }

  uint64_t length(const char* what) {
    if (is_msf()) return msf(what);
    if (is_number()) {  // samples
      const uint64_t v = std::stoull(tok_.text);
      advance();
      return (v + 587) / 588;
    }
    fail(fmt::format("{} needs a time MM:SS:FF or a sample count", what));
  }

  void file_statement() {
    const bool data_file = word("DATAFILE") || word("FIFO");
    const std::string kw = tok_.text;
    const int line = tok_.line;
    advance();
    TocTrack& t = track(kw);
    TocData d;
    d.kind = data_file ? TocData::Kind::DataFile : TocData::Kind::AudioFile;
    d.line = line;
    d.file = string_arg(kw.c_str());
    if (tok_.kind == Token::Kind::Word && !tok_.text.empty() && tok_.text[0] == '#') {
      const std::string n = tok_.text.substr(1);
      if (!digits(n) || n.size() > 15) fail(fmt::format("{} byte offset '{}' is not a number", kw, tok_.text));
      d.byte_offset = std::stoull(n);
      advance();
    }
    if (!data_file) {
      if (is_msf())
        d.start_samples = msf("FILE start") * 588;
      else if (is_number()) {
        d.start_samples = std::stoull(tok_.text);
        advance();
      } else
        fail(fmt::format("{} needs a start time (MM:SS:FF or samples)", kw));
    }
    if (is_msf())
      d.length = msf(data_file ? "DATAFILE length" : "FILE length");
    else if (is_number()) {
      const uint64_t v = std::stoull(tok_.text);
      advance();
      if (data_file) {
        d.length = (v + t.sector_size - 1) / t.sector_size;  // bytes
      } else {
        d.length = (v + 587) / 588;
        d.length_samples = v;
      }
    }
    t.data.push_back(d);
  }

  void new_track() {
    advance();
    if (sheet_.tracks.size() >= 99) fail("more than 99 tracks");
    TocTrack t;
    t.line = tok_.line;
    const auto* m = std::find_if(std::begin(kModes), std::end(kModes), [&](const ModeDef& d) { return word(d.name); });
    if (m == std::end(kModes)) fail(fmt::format("unknown track mode '{}'", tok_.text));
    t.mode_name = m->name;
    t.mode = m->mode;
    t.sector_size = m->size;
    advance();
    if (word("RW") || word("RW_RAW")) {
      t.sub = tok_.text;
      advance();
    }
    sheet_.tracks.push_back(std::move(t));
  }

  CdTextBlock& block(int language) {
    for (auto& b : sheet_.cdtext.blocks)
      if (b.block == language) return b;
    CdTextBlock b;
    b.block = static_cast<uint8_t>(language);
    sheet_.cdtext.blocks.push_back(b);
    std::sort(sheet_.cdtext.blocks.begin(), sheet_.cdtext.blocks.end(),
              [](const auto& x, const auto& y) { return x.block < y.block; });
    return block(language);
  }

  void cdtext(size_t track) {
    expect('{');
    while (!symbol('}')) {
      if (tok_.kind == Token::Kind::End) fail("CD_TEXT block is not closed");
      if (word("LANGUAGE_MAP")) {
        advance();
        expect('{');
        while (!symbol('}')) {
          if (tok_.kind == Token::Kind::End) fail("LANGUAGE_MAP is not closed");
          std::string n = tok_.text;
          advance();
          if (!n.empty() && n.back() == ':')
            n.pop_back();
          else
            expect(':');
          if (small(n) < 0 || small(n) > 7) fail(fmt::format("language number '{}' must be 0..7", n));
          const uint8_t code =
              small(tok_.text) >= 0 ? static_cast<uint8_t>(small(tok_.text) & 0xFF) : language_code(tok_.text);
          if (digits(tok_.text) && (small(tok_.text) < 0 || small(tok_.text) > 255))
            fail(fmt::format("language code '{}' must be 0..255", tok_.text));
          advance();
          block(small(n)).language = code;
          if (symbol(',')) advance();
        }
        advance();
      } else if (word("LANGUAGE")) {
        advance();
        if (small(tok_.text) < 0 || small(tok_.text) > 7)
          fail(fmt::format("LANGUAGE number '{}' must be 0..7", tok_.text));
        const int n = small(tok_.text);
        advance();
        expect('{');
        while (!symbol('}')) item(block(n), track);
        advance();
      } else {
        fail(fmt::format("unexpected '{}' in CD_TEXT (LANGUAGE_MAP or LANGUAGE)", tok_.text));
      }
    }
    advance();
  }

  void item(CdTextBlock& b, size_t track) {
    if (tok_.kind == Token::Kind::End) fail("LANGUAGE block is not closed");
    const std::string key = tok_.text;
    if (key.rfind("ENCODING_", 0) == 0) {
      b.character_code = key == "ENCODING_ISO_8859_1" ? 0x00
                         : key == "ENCODING_ASCII"    ? 0x01
                         : key == "ENCODING_MS_JIS"   ? 0x80
                                                      : 0x00;
      b.double_byte = key == "ENCODING_MS_JIS";
      advance();
      return;
    }
    const auto it = cdtext_types().find(key);
    if (it == cdtext_types().end()) fail(fmt::format("unknown CD_TEXT item '{}'", key));
    advance();
    const auto t = static_cast<uint8_t>(track);
    if (tok_.kind == Token::Kind::String) {
      if (!tok_.text.empty() && it->second != 0x8F) {
        b.text[{it->second, t}] = tok_.text;
        std::erase_if(text_items_, [&](const TextItem& x) {
          return x.block == b.block && x.key.first == it->second && x.key.second == t;
        });
        text_items_.push_back({b.block, {it->second, t}, key, tok_.line});
      }
      advance();
      return;
    }
    expect('{');  // binary: { 1, 2, 3 }
    std::vector<uint8_t> bytes;
    while (!symbol('}')) {
      if (!is_number() || std::stoull(tok_.text) > 255)
        fail(fmt::format("CD_TEXT {} byte '{}' must be 0..255", key, tok_.text));
      bytes.push_back(static_cast<uint8_t>(std::stoul(tok_.text)));
      advance();
      if (symbol(',')) advance();
    }
    advance();
    if (it->second == 0x87 && bytes.size() >= 2) {
      b.binary[0x87] = {bytes[0], bytes[1]};
      if (bytes.size() > 2)
        b.text[{0x87, t}] = std::string(bytes.begin() + 2, std::find(bytes.begin() + 2, bytes.end(), 0));
    } else if (it->second == 0x88 || it->second == 0x89) {
      bytes.resize((bytes.size() + 11) / 12 * 12);
      b.binary[it->second] = bytes;
    }
  }

  // A CD_TEXT string as read, to be converted when its block's encoding is known.
  struct TextItem {
    uint8_t block;
    std::pair<uint8_t, uint8_t> key;
    std::string name;
    int line;
  };

  Lexer lex_;
  const std::string& source_;
  Token tok_;
  TocSheet sheet_;
  std::vector<TextItem> text_items_;
};

}  // namespace

TocSheet parse_toc(std::string_view text, const std::string& source) { return Parser(text, source).run(); }

}  // namespace dw

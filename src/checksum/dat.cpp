#include "checksum/dat.hpp"

#include <fmt/format.h>

namespace dw {

std::string xml_escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string dat_rom_line(const std::string& name, const Hashes& h) {
  return fmt::format(R"(<rom name="{}" size="{}" crc="{}" md5="{}" sha1="{}"/>)", xml_escape(name), h.size,
                     h.crc32_hex(), h.md5_hex(), h.sha1_hex());
}

}  // namespace dw

// redump-style DAT lines: <rom name="..." size="..." crc="..." md5="..." sha1="..."/>
#pragma once

#include <string>

#include "checksum/multihash.hpp"

namespace dw {

/// XML-escapes &, <, >, " and ' for attribute values.
std::string xml_escape(const std::string& text);
/// One DAT <rom/> line for a file of `name` with these hashes (size from the hashes).
std::string dat_rom_line(const std::string& name, const Hashes& hashes);

}  // namespace dw

// ISO images: cooked 2048-byte sectors (one Mode 1 or Mode 2 Form 1 data track; CD or DVD size)
// and "raw ISOs" (2352 or 2448 bytes per sector, one data track as read from the disc).
#pragma once

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>

#include "formats/image.hpp"

namespace dw {

/// How an .iso file stores its sectors, decided from its size and first bytes.
enum class IsoLayout : uint8_t { Cooked, Raw2352, Raw2448 };

/// `head`: the file's first bytes (at least 2 sectors when the file has them). Raw layouts need
/// the CD sync pattern at offset 0 and a size that is a multiple of their sector size; cooked
/// needs a multiple of 2048. Throws InputError (naming `source`) when no layout fits, saying what
/// the file looks like instead (whole 2352-byte sectors without sync: raw audio; a sync pattern
/// but a size that is not whole raw sectors: cut short).
IsoLayout detect_iso_layout(std::span<const uint8_t> head, uint64_t size, const std::string& source);

/// Reads an ISO image: one data track from LBA 0. Cooked CD-XA volumes (the "CD-XA001" mark in
/// the primary volume descriptor) become Mode 2 Form 1 sectors, others Mode 1; images larger
/// than any CD are DVD media. Throws InputError for a file that is not an ISO of these kinds; when
/// a sheet in its folder lists the file (find_listing_sheet), the error and, for a file that
/// reads, a note name that sheet. A raw image gets a `description` saying so.
Image read_iso(const std::filesystem::path& path);

}  // namespace dw

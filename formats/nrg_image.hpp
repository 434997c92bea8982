// Nero NRG images: track data from offset 0, a chain of big-endian chunks after it (CUEX/CUES,
// DAOX/DAOI, ETN2/ETNF, SINF, CDTX, MTYP, END!), and a footer pointing at the chain (NER5 v2,
// NERO v1). Facts: reference/image-formats.md "Nero NRG".
#pragma once

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

#include "formats/extent_source.hpp"
#include "formats/image.hpp"

namespace dw {

/// Where the chunk chain starts, from the footer. `tail`: the file's last bytes (at least 12 when
/// the file has them). Throws InputError when there is no NER5/NERO footer or it points outside
/// the file.
uint64_t nrg_chain_offset(std::span<const uint8_t> tail, uint64_t file_size, const std::string& source);

/// What the chunks say, laid out: the Disc, and extents whose `file` is null (offsets are into
/// the NRG file; read_nrg fills the file in). `chain`: the bytes from the chain offset to the end
/// of the file. Pure, for tests and the fuzzer. Throws InputError naming the chunk and the byte
/// offset for anything inconsistent (sizes past the chain or the data area, counts that do not
/// fit their chunk, tracks out of order, unknown mode codes, sessions without tracks).
struct NrgLayout {
  Disc disc;
  Lba begin = 0, end = 0;
  std::vector<Extent> extents;
  std::vector<std::string> notes;
};
NrgLayout parse_nrg(std::span<const uint8_t> chain, uint64_t chain_offset, uint64_t file_size,
                    const std::string& source);

/// Reads an NRG file. Throws InputError for anything wrong.
Image read_nrg(const std::filesystem::path& path);

}  // namespace dw

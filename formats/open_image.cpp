#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "disc/error.hpp"
#include "formats/cue_reader.hpp"
#include "formats/image.hpp"
#include "formats/iso_reader.hpp"

namespace dw {

namespace {

std::string lower_extension(const std::filesystem::path& p) {
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext;
}

}  // namespace

Image open_image(const std::filesystem::path& path) {
  const std::string ext = lower_extension(path);
  if (ext == ".cue") return read_cue(path);
  if (ext == ".iso") return read_iso(path);
  // .bin/.img next to a sheet of the same name: open the sheet, which says what the bytes are.
  if (ext == ".bin" || ext == ".img") {
    auto sibling = path;
    if (std::filesystem::exists(sibling.replace_extension(".cue"))) return read_cue(sibling);
    return read_iso(path);
  }
  throw InputError(path.string(), fmt::format("unsupported image type '{}' (supported: .cue, .iso, .bin, .img)", ext));
}

}  // namespace dw

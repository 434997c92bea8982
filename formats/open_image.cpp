#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "disc/error.hpp"
#include "formats/ccd_image.hpp"
#include "formats/cue_reader.hpp"
#include "formats/image.hpp"
#include "formats/iso_reader.hpp"
#include "formats/nrg_image.hpp"
#include "formats/toc_reader.hpp"

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
  if (ext == ".ccd" || ext == ".sub") return read_ccd(path);
  if (ext == ".nrg") return read_nrg(path);
  if (ext == ".toc") return read_toc(path);
  // .bin/.img next to a control file or sheet of the same name: open that, which says what the
  // bytes are; alone, they are read as an ISO (cooked or raw).
  if (ext == ".bin" || ext == ".img") {
    auto sibling = path;
    if (std::filesystem::exists(sibling.replace_extension(".ccd"))) return read_ccd(path);
    if (std::filesystem::exists(sibling.replace_extension(".cue"))) return read_cue(sibling);
    return read_iso(path);
  }
  throw InputError(
      path.string(),
      fmt::format("unsupported image type '{}' (supported: .cue, .toc, .ccd/.img/.sub, .nrg, .iso, .bin)", ext));
}

}  // namespace dw

#include "scsi/virtual/virtual_spec.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <vector>

#include "scsi/virtual/personality.hpp"

namespace dw::vdrive {

namespace {

constexpr std::string_view kPrefix = "virtual:";

int64_t number(std::string_view key, std::string_view value, int64_t lo, int64_t hi) {
  int64_t v = 0;
  auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
  if (ec != std::errc() || end != value.data() + value.size() || v < lo || v > hi)
    throw SpecError(fmt::format("virtual drive option {}={} is not a number from {} to {}", key, value, lo, hi));
  return v;
}

std::string personality_names() {
  std::string s;
  for (const auto& p : personalities()) s += (s.empty() ? "" : ", ") + p.name;
  return s;
}

}  // namespace

bool is_virtual(std::string_view device) { return device.substr(0, kPrefix.size()) == kPrefix; }

VirtualSpec parse_virtual_spec(std::string_view device) {
  if (!is_virtual(device)) throw SpecError(fmt::format("\"{}\" is not a virtual drive (virtual:IMAGE)", device));
  std::string_view rest = device.substr(kPrefix.size());
  // The options start at the first '?', unless the image's own name holds one: then at the first
  // '?' before which an existing file is named (or nowhere when the whole rest is one).
  size_t q = rest.find('?');
  const auto is_file = [](std::string_view path) {
    std::error_code ec;
    return std::filesystem::is_regular_file(std::filesystem::path(path), ec);
  };
  if (q != std::string_view::npos && rest.substr(0, q) != "blank" && !is_file(rest.substr(0, q))) {
    if (is_file(rest)) {
      q = std::string_view::npos;
    } else {
      for (size_t at = rest.find('?', q + 1); at != std::string_view::npos; at = rest.find('?', at + 1))
        if (is_file(rest.substr(0, at))) {
          q = at;
          break;
        }
    }
  }
  std::string_view target = rest.substr(0, q);
  std::string_view options = q == std::string_view::npos ? std::string_view() : rest.substr(q + 1);
  VirtualSpec spec;
  if (target.empty()) throw SpecError("virtual drive without an image: use virtual:IMAGE or virtual:blank?media=cdr");
  spec.blank = target == "blank";
  if (!spec.blank) spec.image = std::string(target);
  while (!options.empty()) {
    const size_t amp = options.find('&');
    std::string_view item = options.substr(0, amp);
    options = amp == std::string_view::npos ? std::string_view() : options.substr(amp + 1);
    if (item.empty()) continue;
    const size_t eq = item.find('=');
    if (eq == std::string_view::npos || eq == 0)
      throw SpecError(fmt::format("virtual drive option \"{}\" is not KEY=VALUE", item));
    const std::string_view key = item.substr(0, eq), value = item.substr(eq + 1);
    if (key == "drive") {
      if (!find_personality(value))
        throw SpecError(fmt::format("unknown drive personality \"{}\" (known: {})", value, personality_names()));
      spec.drive = std::string(value);
    } else if (key == "faults") {
      spec.faults = std::string(value);
    } else if (key == "timing") {
      if (value == "instant")
        spec.timing = TimingMode::Instant;
      else if (value == "realistic")
        spec.timing = TimingMode::Realistic;
      else
        throw SpecError(fmt::format("timing={} is not instant or realistic", value));
    } else if (key == "offset" && !spec.blank) {
      spec.pressing_offset = static_cast<int>(number(key, value, -100000, 100000));
    } else if (key == "cdtext" && !spec.blank) {
      if (value != "no" && value != "yes") throw SpecError(fmt::format("cdtext={} is not no or yes", value));
      spec.toc_cdtext = value == "yes";
    } else if (key == "trackinfo" && !spec.blank) {
      if (value != "no" && value != "yes") throw SpecError(fmt::format("trackinfo={} is not no or yes", value));
      spec.track_info = value == "yes";
    } else if (key == "media" && spec.blank) {
      if (value != "cdr" && value != "cdrw" && value != "dvdr" && value != "dvdplusr" && value != "dvdrw" &&
          value != "dvdplusrw" && value != "bdre" && value != "bdr")
        throw SpecError(fmt::format("media={} is not cdr, cdrw, dvdr, dvdplusr, dvdrw, dvdplusrw, bdre or bdr", value));
      spec.media = std::string(value);
    } else if (key == "capacity" && spec.blank) {
      spec.capacity = number(key, value, 1, 449849);  // the ATIP lead-out MSF goes to 99:59:74
    } else if (key == "transfer") {
      spec.transfer_kib = static_cast<size_t>(number(key, value, 4, 1024));
    } else if (key == "save" && spec.blank) {
      spec.save = std::string(value);
    } else if (key == "overwrite" && spec.blank) {
      if (value != "no" && value != "yes") throw SpecError(fmt::format("overwrite={} is not no or yes", value));
      spec.overwrite = value == "yes";
    } else if (key == "formatted" && spec.blank) {
      if (value != "no" && value != "yes") throw SpecError(fmt::format("formatted={} is not no or yes", value));
      spec.formatted = value == "yes";
    } else if (key == "raw_blocks" && spec.blank) {
      uint8_t mask = 0;
      for (size_t at = 0; at <= value.size();) {
        const size_t comma = std::min(value.find(',', at), value.size());
        const std::string_view t = value.substr(at, comma - at);
        if (t != "1" && t != "2" && t != "3")
          throw SpecError(fmt::format("raw_blocks={}: \"{}\" is not a RAW data block type (1, 2 or 3)", value, t));
        mask = static_cast<uint8_t>(mask | 1u << (t[0] - '0'));
        at = comma + 1;
      }
      spec.raw_block_types = mask;
    } else if (key == "raw_ms" && spec.blank) {
      if (value != "no" && value != "yes") throw SpecError(fmt::format("raw_ms={} is not no or yes", value));
      spec.raw_multisession = value == "yes";
    } else {
      throw SpecError(fmt::format(
          "unknown virtual drive option \"{}\" for {} (accepted: {})", key, spec.blank ? "blank media" : "an image",
          spec.blank ? "media, capacity, save, overwrite, raw_blocks, raw_ms, formatted, drive, faults, timing, "
                       "transfer"
                     : "drive, faults, timing, offset, cdtext, trackinfo, transfer"));
    }
  }
  if (spec.blank && spec.media.empty())
    throw SpecError("virtual:blank needs media=cdr, cdrw, dvdr, dvdplusr, dvdrw, dvdplusrw, bdre or bdr");
  if (!spec.formatted && spec.media != "bdre") throw SpecError("formatted=no is for media=bdre only");
  if (spec.overwrite && !spec.save) throw SpecError("overwrite=yes is for save=PATH");
  return spec;
}

}  // namespace dw::vdrive

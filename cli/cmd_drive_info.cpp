// `discwright drive-info DEVICE`: what a drive is and can do, what the quirks table knows of it,
// and the disc in it (profile, TOC, CD-Text).
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "cli/device.hpp"
#include "cli/disc_json.hpp"
#include "cli/exit_codes.hpp"
#include "cli/registry.hpp"
#include "scsi/drive.hpp"
#include "scsi/virtual/virtual_drive.hpp"

namespace dw::cli {

namespace {

struct DriveInfoOptions {
  std::string device;
  bool json = false;
};

const char* order_name(scsi::SectorOrder o) {
  switch (o) {
    case scsi::SectorOrder::MainC2Sub: return "main, C2, sub";
    case scsi::SectorOrder::MainSubC2: return "main, sub, C2";
    case scsi::SectorOrder::MainSub: return "main, sub (no C2 with sub)";
    case scsi::SectorOrder::MainC2: return "main, C2 (no sub with C2)";
  }
  return "?";
}

const char* leadin_name(scsi::LeadInAccess a) {
  switch (a) {
    case scsi::LeadInAccess::None: return "none";
    case scsi::LeadInAccess::PlextorD8: return "Plextor READ CDDA (D8)";
    case scsi::LeadInAccess::MediatekF1: return "MediaTek cache read (F1)";
  }
  return "?";
}

const char* status_name(scsi::DiscStatus s) {
  switch (s) {
    case scsi::DiscStatus::Empty: return "blank";
    case scsi::DiscStatus::Incomplete: return "incomplete";
    case scsi::DiscStatus::Complete: return "complete";
    case scsi::DiscStatus::Other: return "other";
  }
  return "?";
}

nlohmann::json quirks_json(const scsi::DriveQuirks& q) {
  return {{"known", q.known},
          {"read_offset", q.offset_known ? nlohmann::json(q.read_offset) : nlohmann::json(nullptr)},
          {"c2_shift_bytes", q.c2_shift},
          {"sector_order", order_name(q.sector_order)},
          {"lead_in", leadin_name(q.lead_in)},
          {"first_lba", q.first_lba},
          {"lead_out_sectors", q.lead_out_sectors},
          {"source", std::string(q.source)}};
}

// Page 2A counts kB/s: 8467 is "48x" of CD's 176.4 kB/s.
std::string speed_label(uint16_t kbps) { return fmt::format("{:.0f}x", kbps / 176.4); }

nlohmann::json caps_json(const scsi::DriveCapabilities& c) {
  nlohmann::json profiles = nlohmann::json::array();
  for (uint16_t p : c.profiles) profiles.push_back(fmt::format("{:04X} {}", p, scsi::profile_name(p)));
  return {{"profiles", profiles},
          {"cd_read", c.cd_read},
          {"c2", c.c2},
          {"cd_text", c.cdtext},
          {"cd_write", c.cd_write},
          {"sao", c.sao},
          {"raw", c.raw},
          {"test_write", c.test_write},
          {"bufe", c.bufe},
          {"dvd_r_write", c.dvd_r_write},
          {"max_read_kbps", c.max_read_kbps},
          {"max_write_kbps", c.max_write_kbps},
          {"write_speeds_kbps", c.write_speeds_kbps},
          {"notes", c.notes}};
}

int run_drive_info(const DriveInfoOptions& opt) {
  OpenedDevice dev = open_device(opt.device);
  scsi::Drive drive(*dev.transport);
  const scsi::CommandResult probe = drive.probe();
  if (!probe.ok()) {
    std::cerr << fmt::format("discwright: {}: INQUIRY failed: {}\n", opt.device, probe.describe());
    return kExitDevice;
  }
  if (!drive.quirks().known)
    spdlog::info("{} {} is not in the quirks table: safe defaults (offset unknown, MMC sector order)",
                 drive.identity().vendor, drive.identity().product);
  const scsi::MediaInfo media = drive.media();
  std::optional<Disc> disc;
  scsi::CommandResult toc_result;
  if (media.present) disc = drive.read_disc(&toc_result);
  std::optional<scsi::DiscInformation> info;
  std::optional<scsi::Atip> atip;
  if (media.present) {
    info = drive.disc_information();
    atip = drive.atip();
  }

  nlohmann::json out = {{"device", opt.device},
                        {"identity",
                         {{"vendor", drive.identity().vendor},
                          {"product", drive.identity().product},
                          {"revision", drive.identity().revision},
                          {"serial", drive.identity().serial}}},
                        {"capabilities", caps_json(drive.capabilities())},
                        {"quirks", quirks_json(drive.quirks())},
                        {"media",
                         {{"present", media.present},
                          {"profile", fmt::format("{:04X}", media.profile)},
                          {"profile_name", media.profile_name}}}};
  if (disc) out["disc"] = disc_json(*disc);
  if (info)
    out["disc_information"] = {
        {"status", status_name(info->status)}, {"erasable", info->erasable}, {"sessions", info->sessions}};
  if (atip)
    out["atip"] = {{"cd_rw", atip->cd_rw},
                   {"lead_in_start", atip->lead_in_start.str()},
                   {"lead_in_lba", atip->lead_in_lba().value_or(0)},
                   {"last_lead_out_start", atip->last_lead_out_start.str()},
                   {"capacity_sectors", msf_to_lba(atip->last_lead_out_start).value_or(0)}};
  if (media.present && !disc && !(info && info->status == scsi::DiscStatus::Empty))
    out["toc_error"] = toc_result.describe();
  if (dev.virtual_drive) out["virtual_clock_us"] = dev.virtual_drive->clock().now_us();
  dev.close();
  if (opt.json) {
    std::cout << out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    return kExitOk;
  }
  const auto& id = drive.identity();
  fmt::print("{}: {} {} {} (serial {})\n", opt.device, id.vendor, id.product, id.revision,
             id.serial.empty() ? "unknown" : id.serial);
  const auto& c = drive.capabilities();
  fmt::print("  reads CD: {}  C2: {}  CD-Text: {}\n", c.cd_read ? "yes" : "no", c.c2 ? "yes" : "no",
             c.cdtext ? "yes" : "no");
  fmt::print("  writes CD: {}  SAO: {}  RAW: {}  test write: {}  BUFE: {}\n", c.cd_write ? "yes" : "no",
             c.sao ? "yes" : "no", c.raw ? "yes" : "no", c.test_write ? "yes" : "no", c.bufe ? "yes" : "no");
  if (c.max_read_kbps || c.max_write_kbps) {
    std::string writes;
    for (uint16_t k : c.write_speeds_kbps) writes += (writes.empty() ? "" : ", ") + speed_label(k);
    fmt::print("  speeds (1x = 176.4 kB/s): read up to {}{}{}\n", c.max_read_kbps ? speed_label(c.max_read_kbps) : "?",
               c.max_write_kbps ? ", write up to " + speed_label(c.max_write_kbps) : "",
               writes.empty() ? "" : "; offered for writing: " + writes);
  }
  for (const std::string& n : c.notes) fmt::print("  note: {}\n", n);
  const auto& q = drive.quirks();
  if (q.known)
    fmt::print(
        "  quirks: read offset {:+}, C2 shift {} bytes, order {}, lead-in {}, pregap from LBA {}\n          ({})\n",
        q.read_offset, q.c2_shift, order_name(q.sector_order), leadin_name(q.lead_in), q.first_lba, q.source);
  else
    fmt::print("  quirks: not in the table (read offset unknown; a rip detects it)\n");
  fmt::print("  medium: {}\n", media.present ? fmt::format("{:04X} {}", media.profile, media.profile_name) : "none");
  if (disc) {
    fmt::print("  {} session(s), tracks {}-{}, lead-out at LBA {}\n", disc->sessions.size(), disc->first_track(),
               disc->last_track(), disc->leadout());
    if (!disc->mcn.empty()) fmt::print("  MCN: {}\n", disc->mcn);
    for (const Track* t : disc->tracks())
      fmt::print("    track {:>2}  {:<8} start {:>7}  control {:X}{}\n", t->number, track_type_name(t->mode),
                 t->start(), t->control.bits, t->isrc.empty() ? "" : "  ISRC " + t->isrc);
    if (!disc->cdtext.empty()) fmt::print("  CD-Text: {} block(s)\n", disc->cdtext.blocks.size());
  } else if (media.present && !(info && info->status == scsi::DiscStatus::Empty)) {
    fmt::print("  TOC: {}\n", toc_result.describe());
  }
  if (info)
    fmt::print("  disc: {}{}, {} session(s)\n", status_name(info->status), info->erasable ? ", erasable" : "",
               info->sessions);
  if (atip)
    fmt::print("  ATIP: {}, lead-in at {} (LBA {}), last lead-out start {} ({} sectors)\n",
               atip->cd_rw ? "CD-RW" : "CD-R", atip->lead_in_start.str(), atip->lead_in_lba().value_or(0),
               atip->last_lead_out_start.str(), msf_to_lba(atip->last_lead_out_start).value_or(0));
  if (dev.virtual_drive) fmt::print("  drive time: {:.3f} s (virtual clock)\n", double(out["virtual_clock_us"]) / 1e6);
  return kExitOk;
}

}  // namespace

void register_drive_info(CLI::App& app) {
  auto opt = std::make_shared<DriveInfoOptions>();
  auto* sub =
      app.add_subcommand("drive-info",
                         "Show a drive and its disc: its identity, what it can read and write, what the quirks\n"
                         "table knows of it (read offset, C2 shift, sector order, lead-in access, with the source\n"
                         "of each fact), and the disc in it: profile, TOC, CD-Text.\n\n"
                         "Examples:\n"
                         "  discwright drive-info /dev/sr0\n"
                         "  discwright drive-info 'virtual:disc.cue?drive=plextor'\n"
                         "  discwright drive-info --json 'virtual:blank?media=cdrw'");
  sub->add_option("DEVICE", opt->device, "/dev/srN, or virtual:IMAGE[?drive=...] (see docs/virtual-drive.md)")
      ->required();
  sub->add_flag("--json", opt->json, "Print JSON: device, identity, capabilities, quirks, media, disc");
  sub->footer(kExitCodeHelp);
  add_handler(sub, [opt] { return run_drive_info(*opt); });
}

}  // namespace dw::cli

#include "cli/device.hpp"

#include <spdlog/spdlog.h>

#include <filesystem>

#include "formats/ccd_image.hpp"
#include "formats/image.hpp"
#include "formats/iso_writer.hpp"
#include "scsi/device_error.hpp"
#include "scsi/sg_transport.hpp"
#include "scsi/virtual/dvd_recordable_media.hpp"
#include "scsi/virtual/faults.hpp"
#include "scsi/virtual/pressed_media.hpp"
#include "scsi/virtual/recordable_media.hpp"
#include "scsi/virtual/virtual_drive.hpp"
#include "scsi/virtual/virtual_spec.hpp"
#include "scsi/virtual/virtual_transport.hpp"

namespace dw::cli {

namespace {

// A recorded DVD as one data track from LBA 0 to its end: what `dd` of the drive gives, and what
// a multi-session DVD's image must be (a later session's ISO tree points at LBAs of the earlier
// ones), so `save=OUT.iso` keeps every session.
class WholeDvd final : public SectorSource {
 public:
  explicit WholeDvd(SectorSource& source) : source_(source) {
    Track track;
    track.mode = TrackMode::Mode1;
    track.control.bits = Control::kData;
    track.indices.push_back({1, 0});
    Session session;
    session.leadout = source.disc().leadout();
    session.a0_control = session.a1_control = session.a2_control = track.control;
    session.tracks.push_back(track);
    disc_.media = source.disc().media;
    disc_.sessions.push_back(session);
  }
  [[nodiscard]] const Disc& disc() const override { return disc_; }
  [[nodiscard]] Lba begin() const override { return source_.begin(); }
  [[nodiscard]] Lba end() const override { return source_.end(); }
  [[nodiscard]] SubchannelOrigin subchannel_origin() const override { return source_.subchannel_origin(); }
  void read(Lba first, uint32_t count, std::span<uint8_t> main, std::span<uint8_t> sub,
            std::span<SectorState> states) override {
    source_.read(first, count, main, sub, states);
  }

 private:
  SectorSource& source_;
  Disc disc_;
};

// What `save=PATH` writes when the command ends: one ISO for DVD and BD media (the whole disc)
// and for a CD saved as PATH.iso (its data track), else the CloneCD set PATH.ccd/.img/.sub. The
// check before the burn and the save after it both ask this, so they agree.
bool saves_iso(bool cd_media, const std::filesystem::path& save) { return !cd_media || save.extension() == ".iso"; }

std::vector<std::filesystem::path> save_files(bool cd_media, const std::filesystem::path& save) {
  if (saves_iso(cd_media, save)) return {save};
  const auto set = ccd_file_set(save);
  return {set.begin(), set.end()};
}

// Before anything is burned: a CD is saved as PATH.ccd or PATH.iso, and no file the save would
// write may exist unless the spec says overwrite=yes (the save itself then replaces them; without
// it, a file that appears meanwhile makes the save fail rather than be replaced).
void check_save(bool cd_media, const std::string& save, bool overwrite) {
  const std::filesystem::path path(save);
  if (save.empty()) throw vdrive::SpecError("save= needs a file name (save=PATH.ccd or save=PATH.iso)");
  if (cd_media && path.extension() != ".ccd" && path.extension() != ".iso")
    throw vdrive::SpecError(
        fmt::format("save={}: a CD is saved as PATH.ccd (CloneCD: .ccd, .img and .sub) or "
                    "PATH.iso (its data track)",
                    save));
  if (overwrite) return;
  for (const auto& f : save_files(cd_media, path))
    if (std::error_code ec; std::filesystem::exists(f, ec))
      throw vdrive::SpecError(
          fmt::format("save={}: {} exists, and the recording would replace it; remove it, choose "
                      "another name, or add &overwrite=yes",
                      save, f.string()));
}

OpenedDevice open_virtual(const std::string& name) {
  const vdrive::VirtualSpec spec = vdrive::parse_virtual_spec(name);
  vdrive::FaultPlan faults;
  if (spec.faults) faults = vdrive::load_faults(*spec.faults);
  if (spec.blank) {
    vdrive::Personality personality = *vdrive::find_personality(spec.drive);
    if (spec.raw_block_types) personality.raw_block_types = *spec.raw_block_types;
    personality.raw_multisession = spec.raw_multisession;
    auto drive = std::make_shared<vdrive::VirtualDrive>(std::move(personality), spec.timing, std::move(faults));
    if (spec.media.starts_with("dvd") || spec.media.starts_with("bd")) {
      using Kind = vdrive::DvdRecordableMedia::Kind;
      const Kind kind = spec.media == "dvdr"        ? Kind::DashR
                        : spec.media == "dvdrw"     ? Kind::DashRw
                        : spec.media == "dvdplusrw" ? Kind::PlusRw
                        : spec.media == "bdre"      ? Kind::BdRe
                        : spec.media == "bdr"       ? Kind::BdR
                                                    : Kind::PlusR;
      const int64_t fallback = kind == Kind::BdRe || kind == Kind::BdR ? vdrive::DvdRecordableMedia::kDefaultBdCapacity
                                                                       : vdrive::DvdRecordableMedia::kDefaultCapacity;
      try {
        auto media = std::make_shared<vdrive::DvdRecordableMedia>(spec.capacity.value_or(fallback), kind);
        if (!spec.formatted) media->unformat_bd_re();
        drive->insert_blank_dvd(std::move(media));
      } catch (const std::invalid_argument& e) {
        throw vdrive::SpecError(fmt::format("capacity={}: {}", *spec.capacity, e.what()));
      }
    } else {
      drive->insert_blank(std::make_shared<vdrive::RecordableMedia>(
          spec.media == "cdrw" ? vdrive::RecordableMedia::Kind::CdRw : vdrive::RecordableMedia::Kind::CdR,
          spec.capacity.value_or(vdrive::RecordableMedia::kDefaultCapacity)));
    }
    if (spec.save)
      check_save(!spec.media.starts_with("dvd") && !spec.media.starts_with("bd"), *spec.save, spec.overwrite);
    OpenedDevice dev;
    dev.virtual_drive = drive;
    dev.save_path = spec.save.value_or("");
    dev.save_overwrite = spec.overwrite;
    dev.transport = std::make_unique<vdrive::VirtualTransport>(
        drive, name, spec.transfer_kib ? *spec.transfer_kib * 1024 : vdrive::VirtualTransport::kDefaultMaxTransfer);
    return dev;
  }
  Image image = open_image(spec.image);
  for (const auto& note : image.notes) spdlog::debug("{}: {}", spec.image, note);
  std::shared_ptr<SectorSource> source(std::move(image.source));
  vdrive::Personality personality = *vdrive::find_personality(spec.drive);
  // cdtext=no: the drive does not answer READ TOC format 5 (the disc's lead-in still carries it).
  personality.cdtext_read = personality.cdtext_read && spec.toc_cdtext;
  // trackinfo=no: READ TRACK INFORMATION refused on the pressed disc, as some drives do.
  personality.cd_track_info = personality.cd_track_info && spec.track_info;
  auto drive = std::make_shared<vdrive::VirtualDrive>(std::move(personality), spec.timing, std::move(faults));
  drive->insert(std::make_shared<vdrive::PressedMedia>(source, spec.pressing_offset));
  spdlog::debug("virtual drive '{}' with {} loaded", spec.drive, spec.image);
  OpenedDevice dev;
  dev.virtual_drive = drive;
  dev.transport = std::make_unique<vdrive::VirtualTransport>(
      drive, name, spec.transfer_kib ? *spec.transfer_kib * 1024 : vdrive::VirtualTransport::kDefaultMaxTransfer);
  return dev;
}

}  // namespace

std::vector<std::string> OpenedDevice::close() {
  std::vector<std::string> written;
  if (virtual_drive && !save_path.empty() && virtual_drive->recorded()) {
    SectorSource& recorded = *virtual_drive->recorded();
    const bool cd = recorded.disc().media == MediaKind::Cd;
    if (!saves_iso(cd, save_path)) {
      for (const auto& p : write_ccd(recorded, save_path, save_overwrite)) written.push_back(p.string());
    } else if (cd) {
      write_iso(recorded, save_path, std::nullopt, save_overwrite);
      written.push_back(save_path);
    } else {  // DVD and BD media have no subchannel or raw sectors to keep: the user data is the disc
      WholeDvd whole(recorded);
      write_iso(whole, save_path, std::nullopt, save_overwrite);
      written.push_back(save_path);
    }
    spdlog::info("recorded disc saved as {}", save_path);
  }
  save_path.clear();
  return written;
}

OpenedDevice open_device(const std::string& name, bool exclusive) {
  if (vdrive::is_virtual(name)) return open_virtual(name);
  if (std::error_code ec; std::filesystem::is_regular_file(name, ec))
    throw scsi::DeviceError(name, fmt::format("a file, not a drive: to use an image as a disc in the virtual drive, "
                                              "give virtual:{}",
                                              name));
  OpenedDevice dev;
  scsi::SgOpenOptions options;
  options.exclusive = exclusive;
  auto sg = std::make_unique<scsi::SgTransport>(name, options);
  if (!sg->read_only_reason().empty())
    spdlog::warn("{}: opened read-only ({}); commands that change the drive may be refused", name,
                 sg->read_only_reason());
  dev.transport = std::move(sg);
  return dev;
}

}  // namespace dw::cli

// Sizes from the MMC-5 READ CD "Number of Bytes Returned" table: sync 12, header 4, sub-header 8,
// user data and EDC/ECC by mode; C2 294 or 296; subchannel 96 or 16.
#include "scsi/mmc_read_cd.hpp"

namespace dw::scsi {

namespace {

struct ModeSizes {
  size_t user, edc_ecc;
  bool has_subheader;
};

ModeSizes mode_sizes(SectorType type) {
  switch (type) {
    case SectorType::Mode2: return {2336, 0, false};
    case SectorType::Mode2Form1: return {2048, 280, true};
    case SectorType::Mode2Form2: return {2324, 4, true};
    default: return {2048, 288, false};  // Mode 1, and Any (see the header)
  }
}

}  // namespace

ReadCdLayout read_cd_layout(const ReadCdSelection& s, SectorType type) {
  ReadCdLayout layout;
  const size_t c2 = s.c2 == C2Mode::None              ? 0
                    : s.c2 == C2Mode::C2              ? kC2Size
                    : s.c2 == C2Mode::C2AndBlockError ? kC2BlockErrorSize
                                                      : 1;
  const size_t sub = s.sub == SubchannelMode::None                                 ? 0
                     : s.sub == SubchannelMode::Raw || s.sub == SubchannelMode::Rw ? kSubchannelSize
                     : s.sub == SubchannelMode::Q                                  ? kSubQSize
                                                                                   : 1;
  if (c2 == 1 || sub == 1) return ReadCdLayout{false};

  const bool full = s.sync && s.headers == HeaderCodes::All && s.user_data && s.edc_ecc;
  size_t main = 0;
  if (type == SectorType::CdDa) {
    // Audio has no sync or headers: the user data flag alone decides.
    main = s.user_data ? kSectorSize : 0;
  } else if (full) {
    main = kSectorSize;
  } else {
    const ModeSizes m = mode_sizes(type);
    if (s.sync) main += 12;
    if (s.headers == HeaderCodes::Header || s.headers == HeaderCodes::All) main += 4;
    if (m.has_subheader && (s.headers == HeaderCodes::SubHeader || s.headers == HeaderCodes::All)) main += 8;
    if (s.user_data) main += m.user;
    if (s.edc_ecc) main += m.edc_ecc;
  }
  layout.main_size = main;
  layout.c2_offset = main;
  layout.c2_size = c2;
  layout.sub_offset = main + c2;
  layout.sub_size = sub;
  layout.sector_size = main + c2 + sub;
  return layout;
}

size_t plextor_cdda_sector_size(PlextorSubcode subcode) {
  switch (subcode) {
    case PlextorSubcode::None: return kSectorSize;
    case PlextorSubcode::Q: return kSectorSize + kSubQSize;
    case PlextorSubcode::RawPw: return kSectorSize + kSubchannelSize;
    case PlextorSubcode::PwOnly: return kSubchannelSize;
  }
  return 0;
}

}  // namespace dw::scsi

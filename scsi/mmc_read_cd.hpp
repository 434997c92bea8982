// READ CD (BE) field selection and the layout of what a drive sends back for it; also the sector
// sizes of the vendor raw reads (Plextor READ CDDA D8, MediaTek cache F1). Facts: reference/mmc.md
// "READ CD (BE)", MMC-5 table "READ CD, Number of Bytes Returned".
#pragma once

#include <cstddef>
#include <cstdint>

namespace dw::scsi {

/// READ CD byte 1 bits 4-2.
enum class SectorType : uint8_t { Any = 0, CdDa = 1, Mode1 = 2, Mode2 = 3, Mode2Form1 = 4, Mode2Form2 = 5 };
/// READ CD byte 9 bits 6-5.
enum class HeaderCodes : uint8_t { None = 0, Header = 1, SubHeader = 2, All = 3 };
/// READ CD byte 9 bits 2-1.
enum class C2Mode : uint8_t { None = 0, C2 = 1, C2AndBlockError = 2 };
/// READ CD byte 10 bits 2-0.
enum class SubchannelMode : uint8_t { None = 0, Raw = 1, Q = 2, Rw = 4 };

/// What READ CD is asked to return per sector (bytes 9 and 10 of the CDB).
struct ReadCdSelection {
  bool sync = true;
  HeaderCodes headers = HeaderCodes::All;
  bool user_data = true;
  bool edc_ecc = true;
  C2Mode c2 = C2Mode::None;
  SubchannelMode sub = SubchannelMode::None;

  /// Everything of the main channel (byte 9 = 0xF8 plus the C2 bits).
  static constexpr ReadCdSelection raw(C2Mode c2 = C2Mode::None, SubchannelMode sub = SubchannelMode::None) {
    return {true, HeaderCodes::All, true, true, c2, sub};
  }
  [[nodiscard]] constexpr uint8_t byte9() const {
    return static_cast<uint8_t>((sync ? 0x80 : 0) | static_cast<uint8_t>(headers) << 5 | (user_data ? 0x10 : 0) |
                                (edc_ecc ? 0x08 : 0) | static_cast<uint8_t>(c2) << 1);
  }
  [[nodiscard]] constexpr uint8_t byte10() const { return static_cast<uint8_t>(sub); }
  /// The selection bytes 9 and 10 of a CDB describe. Reserved bits are ignored; reserved values of the C2
  /// and subchannel fields are kept, and read_cd_layout reports them as `valid == false`.
  static constexpr ReadCdSelection from_bytes(uint8_t b9, uint8_t b10) {
    return {(b9 & 0x80) != 0, static_cast<HeaderCodes>(b9 >> 5 & 3), (b9 & 0x10) != 0,
            (b9 & 0x08) != 0, static_cast<C2Mode>(b9 >> 1 & 3),      static_cast<SubchannelMode>(b10 & 7)};
  }
  friend constexpr bool operator==(const ReadCdSelection&, const ReadCdSelection&) = default;
};

inline constexpr size_t kSectorSize = 2352;
inline constexpr size_t kC2Size = 294;
inline constexpr size_t kC2BlockErrorSize = 296;  // C2 bits, block error byte, pad byte
inline constexpr size_t kSubchannelSize = 96;
inline constexpr size_t kSubQSize = 16;

/// Where the parts of one sector sit in a READ CD reply; a reply of N sectors is N of these back
/// to back. Sizes are 0 for parts not asked for. `valid` is false when byte 9/10 hold a value the
/// drive must reject (C2 field 3, subchannel 3 or 5-7): the sizes are then 0.
struct ReadCdLayout {
  bool valid = true;
  size_t main_size = 0;  ///< sync + headers + user data + EDC/ECC as selected
  size_t c2_offset = 0, c2_size = 0;
  size_t sub_offset = 0, sub_size = 0;
  size_t sector_size = 0;  ///< bytes per sector in the reply
  friend bool operator==(const ReadCdLayout&, const ReadCdLayout&) = default;
};

/// The reply layout for `selection` on a sector of type `type`. Why the type matters: the main
/// channel parts have different sizes per mode (Mode 1 user data 2048 + EDC/ECC 288, Form 2
/// 2324 + 4, ...). For CD-DA any selection that includes user data gives all 2352 bytes. For
/// `Any` the drive picks by what it finds: the caller passes the type it expects to meet; `Any`
/// itself is computed as Mode 1, except that the full selection (sync, all headers, user data,
/// EDC/ECC) is 2352 bytes for every type.
ReadCdLayout read_cd_layout(const ReadCdSelection& selection, SectorType type = SectorType::CdDa);

/// Plextor READ CDDA (D8) byte 10: what follows the 2352 audio bytes.
enum class PlextorSubcode : uint8_t {
  None = 0,    ///< 2352 bytes
  Q = 1,       ///< 2352 + 16 bytes of Q: 2368
  RawPw = 2,   ///< 2352 + 96 raw interleaved P-W: 2448
  PwOnly = 3,  ///< the 96 P-W bytes only
};
/// Bytes per sector of a D8 reply.
size_t plextor_cdda_sector_size(PlextorSubcode subcode);

/// MediaTek cache (F1) entry layout, as redumper's drive/mediatek.ixx maps it: 0xB00 bytes per
/// entry, main data at 0, raw P-W at 0x930, Q at 0x990, C2 at 0x9A4.
namespace mediatek {
inline constexpr size_t kEntrySize = 0xB00;
inline constexpr size_t kMainOffset = 0x000;
inline constexpr size_t kSubchannelOffset = 0x930;
inline constexpr size_t kQOffset = 0x990;
inline constexpr size_t kC2Offset = 0x9A4;
}  // namespace mediatek

}  // namespace dw::scsi

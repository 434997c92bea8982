// Addresses on a CD: logical block addresses, binary MSF and BCD MSF.
//
// Binary and BCD values have distinct types so they cannot be mixed by accident: sector headers
// and Q subchannel carry BCD, READ TOC responses and MMC cue sheets carry binary values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace dw {

/// Logical block address: 0 is the first sector of track 1 index 1 (MSF 00:02:00). Lead-in
/// sectors have negative LBAs.
using Lba = int32_t;

inline constexpr int kFramesPerSecond = 75;
inline constexpr int kFramesPerMinute = 60 * kFramesPerSecond;
inline constexpr Lba kMsfOffset = 150;           // MSF 00:02:00 is LBA 0
inline constexpr int kLeadInMinute = 90;         // MMC: minutes >= 90 are lead-in
inline constexpr int kOverburnWrapMinute = 160;  // redumper's wrap for overburned discs
inline constexpr int kLeadInMinutes = 10;        // lead-in minutes: 90..99 (MMC)
/// MMC: LBA = frames - 450150 for minutes >= 90, so 90:00:00 is LBA -45150, 99:59:74 is -151.
inline constexpr Lba kMmcLeadInBias = (kLeadInMinute + kLeadInMinutes) * kFramesPerMinute + kMsfOffset;

/// How minutes >= 90 are read. `Mmc` is the rule of MMC and Red Book: 90..99 minutes are lead-in
/// (negative LBAs). `Overburn` treats up to 159 minutes as program area (overburned media, binary
/// MSF from READ TOC only) and 160 and above as lead-in, as redumper does.
enum class MsfRule : uint8_t { Mmc, Overburn };

/// A binary minute/second/frame triple.
struct Msf {
  uint8_t m = 0, s = 0, f = 0;
  friend bool operator==(const Msf&, const Msf&) = default;
  /// True when seconds < 60 and frames < 75.
  [[nodiscard]] bool valid() const { return s < 60 && f < kFramesPerSecond; }
  /// Frames counted from 00:00:00, no lead-in rule applied.
  [[nodiscard]] int32_t frames() const { return (m * 60 + s) * kFramesPerSecond + f; }
  /// "MM:SS:FF" (minutes may have three digits).
  [[nodiscard]] std::string str() const;
  /// Splits a plain frame count (>= 0) into MSF; nullopt when minutes would exceed 255.
  static std::optional<Msf> from_frames(int32_t frames);
};

/// One packed BCD byte (two decimal digits). Construct with `Bcd::from_binary` or `Bcd::raw`.
class Bcd {
 public:
  constexpr Bcd() = default;
  /// Wraps a byte read from a header or Q frame as it is, valid or not.
  static constexpr Bcd raw(uint8_t byte) { return Bcd(byte); }
  /// 0..99 -> BCD; nullopt otherwise.
  static constexpr std::optional<Bcd> from_binary(int value) {
    if (value < 0 || value > 99) return std::nullopt;
    return Bcd(static_cast<uint8_t>((value / 10) << 4 | (value % 10)));
  }
  /// Like from_binary, for values known to be in range (asserted in debug builds).
  static constexpr Bcd of(int value) { return Bcd(static_cast<uint8_t>((value / 10) << 4 | (value % 10))); }
  [[nodiscard]] constexpr uint8_t byte() const { return byte_; }
  [[nodiscard]] constexpr bool valid() const { return (byte_ >> 4) < 10 && (byte_ & 0x0F) < 10; }
  /// Decimal value; only meaningful when valid().
  [[nodiscard]] constexpr int value() const { return (byte_ >> 4) * 10 + (byte_ & 0x0F); }
  friend constexpr bool operator==(Bcd, Bcd) = default;

 private:
  constexpr explicit Bcd(uint8_t b) : byte_(b) {}
  uint8_t byte_ = 0;
};

/// MSF as stored in sector headers and Q subchannel.
struct BcdMsf {
  Bcd m, s, f;
  friend bool operator==(const BcdMsf&, const BcdMsf&) = default;
  [[nodiscard]] bool valid() const { return m.valid() && s.valid() && f.valid(); }
};

/// LBA -> binary MSF. Under `Mmc`, LBAs -45150..-151 map to 90:00:00..99:59:74 and LBAs
/// -150..404849 to 00:00:00..89:59:74; anything else is nullopt. Under `Overburn` the program
/// area reaches 159:59:74 (LBA 719849) and the lead-in LBAs -45150..-151 map to minutes
/// 160..169 (binary MSF only: such minutes have no BCD form).
std::optional<Msf> lba_to_msf(Lba lba, MsfRule rule = MsfRule::Mmc);
/// Binary MSF -> LBA with the lead-in rule; nullopt for seconds >= 60 or frames >= 75.
std::optional<Lba> msf_to_lba(Msf msf, MsfRule rule = MsfRule::Mmc);

/// Binary MSF -> BCD MSF; nullopt when minutes > 99.
std::optional<BcdMsf> to_bcd(Msf msf);
/// BCD MSF -> binary MSF; nullopt when any digit is not decimal.
std::optional<Msf> from_bcd(BcdMsf msf);

/// LBA -> BCD MSF (for headers and Q); nullopt outside the BCD range.
std::optional<BcdMsf> lba_to_bcd_msf(Lba lba);
/// BCD MSF -> LBA under the MMC rule; nullopt for invalid BCD or out-of-range fields.
std::optional<Lba> bcd_msf_to_lba(BcdMsf msf);

/// a / b rounded down and up (b > 0), for samples and bytes before LBA 0: which sector holds a
/// position (floor_div(sample, 588)) and how many sectors reach past one (ceil_div).
inline constexpr int64_t floor_div(int64_t a, int64_t b) { return a >= 0 ? a / b : -((-a + b - 1) / b); }
inline constexpr int64_t ceil_div(int64_t a, int64_t b) { return -floor_div(-a, b); }

/// Sector count -> binary MSF duration (no 150 offset), e.g. for cue sheet INDEX times.
std::optional<Msf> frames_to_msf(int32_t frames);

/// How messages label a position's time, so that the two clocks are never confused:
/// "MSF 00:06:25" is the disc's absolute address (LBA 0 = 00:02:00, as the TOC and Q say it),
/// "cue time 00:04:25" the time from LBA 0 (as cue sheets count); "MSF ?" / "cue time ?" when
/// there is none (before LBA 0 for a cue time, past 99:59:74).
std::string msf_label(Lba lba);
std::string cue_time_label(Lba lba);

}  // namespace dw

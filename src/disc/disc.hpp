// The disc model: a TOC and everything around it. Every source of a disc (drive, dump, image
// file) produces one of these, next to a SectorSource for the sectors themselves.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "disc/cdtext.hpp"
#include "disc/msf.hpp"

namespace dw {

inline constexpr int kPregapSectors = 150;
inline constexpr int kLeadInSectors = 4500;
inline constexpr int kFirstLeadOutSectors = 6750;
inline constexpr int kLaterLeadOutSectors = 2250;
inline constexpr uint8_t kLeadOutTrack = 0xAA;

/// Track data layout. XA tracks carry a form per sector, in each sector's subheader.
enum class TrackMode : uint8_t { Audio, Mode0, Mode1, Mode2Formless, Mode2Xa, CdI };
const char* to_string(TrackMode mode);

/// A0 PSEC: disc type of a session.
enum class DiscType : uint8_t { CdDaOrCdRom = 0x00, CdI = 0x10, CdRomXa = 0x20 };

/// The 4-bit CONTROL field of a track (Q byte 0 high nibble; full TOC low nibble).
struct Control {
  static constexpr uint8_t kPreEmphasis = 0x1;  ///< audio: pre-emphasis; data: incremental
  static constexpr uint8_t kCopyPermitted = 0x2;
  static constexpr uint8_t kData = 0x4;
  static constexpr uint8_t kFourChannel = 0x8;
  uint8_t bits = 0;
  [[nodiscard]] bool data() const { return bits & kData; }
  [[nodiscard]] bool copy_permitted() const { return bits & kCopyPermitted; }
  [[nodiscard]] bool pre_emphasis() const { return !data() && (bits & kPreEmphasis); }
  [[nodiscard]] bool four_channel() const { return !data() && (bits & kFourChannel); }
  friend bool operator==(Control, Control) = default;
};

struct Index {
  uint8_t number = 1;  ///< 0..99
  Lba lba = 0;         ///< absolute
  friend bool operator==(const Index&, const Index&) = default;
};

struct Track {
  uint8_t number = 1;  ///< 1..99; the first track of a disc may be > 1
  TrackMode mode = TrackMode::Audio;
  Control control;
  /// Indices sorted by number: index 1 is required, index 0 (pregap) optional, 2..99 as found.
  /// The first track of a session without an explicit index 0 still has the 150-sector pregap
  /// before index 1 that every session starts with (see Disc::q_pregap_start).
  std::vector<Index> indices;
  std::string isrc;               ///< 12 characters, empty when none
  int32_t pregap_generated = 0;   ///< sectors of the pregap not stored in the image (cue PREGAP)
  int32_t postgap_generated = 0;  ///< sectors after the track not stored in the image (POSTGAP)

  /// LBA of index 1.
  [[nodiscard]] Lba start() const;
  /// LBA of index 0 when present, else of index 1: where this track's sectors begin.
  [[nodiscard]] Lba pregap_start() const;
  [[nodiscard]] std::optional<Lba> index(uint8_t number) const;
  [[nodiscard]] bool is_data() const { return mode != TrackMode::Audio; }
  friend bool operator==(const Track&, const Track&) = default;
};

/// B0 of the full TOC (ADR 5): where the next session may start on recordable media.
struct NextProgramArea {
  Msf next_start;              ///< MIN SEC FRAME: start of the next possible program area
  uint8_t mode5_pointers = 0;  ///< ZERO byte: number of ADR-5 pointers
  Msf max_leadout;             ///< PMIN PSEC PFRAME: maximum start of the outermost lead-out
  friend bool operator==(const NextProgramArea&, const NextProgramArea&) = default;
};

/// C0 of the full TOC (ADR 5): recording information.
struct RecordingInfo {
  uint8_t optimum_power = 0;  ///< MIN
  uint8_t special = 0;        ///< SEC: application code / special info
  uint8_t frame = 0;          ///< FRAME (reserved)
  Msf first_leadin;           ///< PMIN PSEC PFRAME: start of the first lead-in
  friend bool operator==(const RecordingInfo&, const RecordingInfo&) = default;
};

/// A full-TOC descriptor the model has no field for (e.g. C1, other ADR-5/ADR-6 points), kept
/// as read so the full TOC round-trips.
using RawTocDescriptor = std::array<uint8_t, 11>;

struct Session {
  uint8_t number = 1;
  DiscType type = DiscType::CdDaOrCdRom;
  std::vector<Track> tracks;
  Lba leadout = 0;                  ///< A2: first sector of this session's lead-out
  std::optional<Lba> leadin_start;  ///< when known (C0, ATIP); otherwise derived
  /// CONTROL nibbles of the A0, A1, A2 descriptors (usually those of the first/last track).
  Control a0_control, a1_control, a2_control;
  std::optional<NextProgramArea> next_program_area;  ///< B0
  std::optional<RecordingInfo> recording_info;       ///< C0
  std::vector<RawTocDescriptor> other_descriptors;   ///< kept as read
  /// MIN SEC FRAME ZERO of ADR-1 full-TOC points (A0, A1, A2, tracks) when a drive reported them
  /// non-zero (the lead-in time it read the point at); canonical TOCs have zeros there.
  std::map<uint8_t, std::array<uint8_t, 4>> toc_point_times;
  friend bool operator==(const Session&, const Session&) = default;
};

/// Where an LBA falls.
struct Position {
  enum class Area : uint8_t { LeadIn, Program, LeadOut, Beyond } area = Area::Beyond;
  uint8_t session = 0;  ///< session number (for lead-in: the session this lead-in opens)
  uint8_t track = 0;    ///< track number in the program area (0xAA in lead-out, 0 in lead-in)
  uint8_t index = 0;    ///< index number in the program area
  friend bool operator==(const Position&, const Position&) = default;
};

enum class MediaKind : uint8_t { Cd, Dvd, Bd };

class Disc {
 public:
  MediaKind media = MediaKind::Cd;
  std::vector<Session> sessions;
  std::string mcn;  ///< 13 digits, empty when none
  CdText cdtext;

  /// Throws ModelError naming the first rule broken: sessions numbered 1..n, tracks numbered
  /// consecutively across sessions, each with index 1, indices ascending in number and LBA,
  /// tracks in LBA order inside their session, lead-out after the last track, ISRC 12 chars,
  /// MCN 13 digits.
  void validate() const;

  [[nodiscard]] const Track* find_track(uint8_t number) const;
  [[nodiscard]] const Session* session_of(uint8_t track_number) const;
  [[nodiscard]] uint8_t first_track() const;
  [[nodiscard]] uint8_t last_track() const;
  [[nodiscard]] size_t track_count() const;
  /// All tracks of all sessions in order.
  [[nodiscard]] std::vector<const Track*> tracks() const;

  /// One past the track's last sector: the next track's pregap start in the same session, or
  /// the session's lead-out.
  [[nodiscard]] Lba track_end(uint8_t number) const;
  /// Sectors from pregap start (index 0 or 1) to track_end.
  [[nodiscard]] int32_t track_length(uint8_t number) const;
  /// Where Q reports index 0 of this track from: index 0 when present; for the first track of
  /// a session without one, 150 sectors before index 1; else index 1. Session 1's first track:
  /// never after LBA -150 (00:00:00), where the program area begins (hidden track one audio has
  /// its index 0 written at LBA 0, where images begin, but Q has index 0 from -150).
  [[nodiscard]] Lba q_pregap_start(uint8_t number) const;

  /// The lead-out of the last session: the disc's true lead-out.
  [[nodiscard]] Lba leadout() const;
  /// First sector of a session's lead-in: its recorded start when known; otherwise 4500 sectors
  /// before its pregap (session 1: -4650, later sessions: lead-out + 6750 / 2250 of the one before).
  [[nodiscard]] Lba leadin_start(const Session& session) const;
  /// One past the last lead-out sector of a session (6750 for session 1, 2250 later).
  [[nodiscard]] Lba leadout_end(const Session& session) const;

  /// Area, session, track and index of any LBA.
  [[nodiscard]] Position locate(Lba lba) const;

  friend bool operator==(const Disc&, const Disc&) = default;
};

}  // namespace dw

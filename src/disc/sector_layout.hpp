// Byte layout of a raw 2352-byte CD sector and the sizes image formats use.
// Facts: reference/cd-physical.md, "Raw 2352-byte sector".
#pragma once

#include <cstddef>
#include <cstdint>

namespace dw::layout {

inline constexpr size_t kSector = 2352;        // raw
inline constexpr size_t kSectorNoSync = 2340;  // header + everything after it
inline constexpr size_t kMode2 = 2336;         // Mode 2 formless user data / everything after the header
inline constexpr size_t kForm1User = 2048;     // Mode 1 and Mode 2 Form 1 user data
inline constexpr size_t kForm2User = 2324;     // Mode 2 Form 2 user data
inline constexpr size_t kWithSubchannel = 2448;

inline constexpr size_t kSyncOffset = 0, kSyncSize = 12;
inline constexpr size_t kHeaderOffset = 12, kHeaderSize = 4;  // M S F (BCD) + mode
inline constexpr size_t kModeOffset = 15;

// Mode 1
inline constexpr size_t kMode1Data = 16;
inline constexpr size_t kMode1Edc = 2064;       // EDC over 0..2063
inline constexpr size_t kMode1Reserved = 2068;  // 8 zero bytes
inline constexpr size_t kReservedSize = 8;

// Mode 2 XA
inline constexpr size_t kSubheader = 16, kSubheaderSize = 8;  // {file, channel, submode, coding} x 2
inline constexpr size_t kForm1Data = 24;
inline constexpr size_t kForm1Edc = 2072;  // EDC over 16..2071
inline constexpr size_t kForm2Data = 24;
inline constexpr size_t kForm2Edc = 2348;  // EDC over 16..2347 (0 = not computed)

// ECC (Mode 1 and Form 1), computed over the bytes from offset 12
inline constexpr size_t kEccP = 2076, kEccPSize = 172;
inline constexpr size_t kEccQ = 2248, kEccQSize = 104;

inline constexpr uint8_t kSubmodeEor = 0x01, kSubmodeVideo = 0x02, kSubmodeAudio = 0x04, kSubmodeData = 0x08,
                         kSubmodeTrigger = 0x10, kSubmodeForm2 = 0x20, kSubmodeRealTime = 0x40, kSubmodeEof = 0x80;

}  // namespace dw::layout

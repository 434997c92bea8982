// The virtual recorder's RAW sessions (scsi/virtual/recordable_media.cpp): what a host writes in
// RAW mode - every lead-in Q frame, the program area's Q, the main channel - is outside input the
// drive decodes into a disc when the session is finalised, session after session. Any frames must
// give a disc or a refusal (an exception the drive turns into sense data), never a crash, and a
// disc that is refused must leave the medium as it was.
// Input: [flags][main byte] then 12-byte Q frames, one per block from the lead-in start; flags
// bit 0: fix each frame's CRC, bit 1: leave session 1 open (11b) and write a second session with
// the frames left, bit 2: close the second session open too.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <memory>
#include <vector>

#include "disc/subchannel.hpp"
#include "disc/subq.hpp"
#include "scsi/virtual/recordable_media.hpp"

namespace {

using dw::Lba;
using dw::vdrive::RecordableMedia;

constexpr Lba kLeadIn = -166;  // a 16-block lead-in before LBA -150
constexpr size_t kBlock = 2352 + 96;

// Writes `count` RAW blocks from the medium's next writable block, their Q from `frames`.
void write_blocks(RecordableMedia& m, const uint8_t*& frames, size_t& left, uint8_t main_byte, bool fix) {
  std::vector<uint8_t> blocks;
  uint32_t count = 0;
  while (left >= 12 && count < 400) {
    std::vector<uint8_t> block(kBlock, main_byte);
    dw::QFrame q{};
    std::copy_n(frames, 12, q.begin());
    if (fix) {
      const uint16_t crc = dw::q_crc(q);
      q[10] = static_cast<uint8_t>(crc >> 8);
      q[11] = static_cast<uint8_t>(crc);
    }
    std::span<uint8_t, 96> sub(block.data() + 2352, 96);
    std::fill(sub.begin(), sub.end(), uint8_t{0});
    dw::insert_channel(sub, dw::Channel::Q, q);
    blocks.insert(blocks.end(), block.begin(), block.end());
    frames += 12;
    left -= 12;
    ++count;
  }
  if (count) m.write(m.next_writable(), count, blocks, false);
}

// Finalises the session; a refusal must leave the sessions closed so far as they were.
bool finalise(RecordableMedia& m, bool open_next) {
  const size_t before = m.sessions();
  try {
    if (!m.complete_written()) return false;
    (void)m.finalise(open_next);
    return true;
  } catch (const std::exception&) {
    if (m.sessions() != before) __builtin_trap();
    return false;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 2) return 0;
  const uint8_t flags = data[0], main_byte = data[1];
  const uint8_t* frames = data + 2;
  size_t left = size - 2;
  RecordableMedia m(RecordableMedia::Kind::CdR, 2000, kLeadIn);
  m.start_raw(kBlock);
  write_blocks(m, frames, left, main_byte, flags & 1);
  if (!finalise(m, flags & 2) || m.state() != RecordableMedia::State::Appendable) return 0;
  try {
    m.start_raw(kBlock);
  } catch (const std::exception&) {
    return 0;
  }
  if (m.next_writable() != m.next_leadin()) __builtin_trap();
  write_blocks(m, frames, left, main_byte, flags & 1);
  (void)finalise(m, flags & 4);
  return 0;
}

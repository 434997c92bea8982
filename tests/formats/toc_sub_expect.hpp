// What the TOC reader's subchannel tests check for every sector: P and Q as the synthesiser makes
// them from the image's TOC (with a good Q CRC), and R-W as the test says.
#pragma once

#include <gtest/gtest.h>

#include <functional>
#include <vector>

#include "disc/subchannel.hpp"
#include "disc/subchannel_synth.hpp"
#include "disc/subq.hpp"
#include "formats/image.hpp"

namespace dw::test {

/// Reads LBAs [0, sectors) of `image`, checks each subchannel byte against synthesised P and Q
/// plus `rw(lba, byte)`, and returns the main channel read with it.
inline std::vector<uint8_t> expect_sub_is_toc_pq_and(Image& image, size_t sectors,
                                                     const std::function<uint8_t(size_t, size_t)>& rw) {
  std::vector<uint8_t> m(sectors * 2352), sub(sectors * 96), made(sectors * 96);
  image.source->read(0, static_cast<uint32_t>(sectors), m, sub, {});
  SubchannelSynthesizer(image.disc()).synthesize_run(0, static_cast<uint32_t>(sectors), made);
  for (size_t l = 0; l < sectors; ++l) {
    const uint8_t* got = sub.data() + l * 96;
    EXPECT_TRUE(q_crc_ok(extract_channel(std::span<const uint8_t, 96>(got, 96), Channel::Q))) << l;
    for (size_t j = 0; j < 96; ++j)
      if (got[j] != ((made[l * 96 + j] & 0xC0) | rw(l, j))) {
        ADD_FAILURE() << "LBA " << l << " byte " << j << ": " << int(got[j]);
        return m;
      }
  }
  return m;
}

}  // namespace dw::test

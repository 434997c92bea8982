#include "disc/edc.hpp"

#include "disc/crc_slicing.hpp"

namespace dw {

namespace {
using EdcCrc = SlicingCrc<0xD8018001u>;
static_assert(EdcCrc::kT[0][1] == 0x90910101u && EdcCrc::kT[0][0x80] == 0xD8018001u,
              "EDC table per reference/cd-physical.md");
}  // namespace

uint32_t edc_compute(std::span<const uint8_t> data, uint32_t crc) { return EdcCrc::update(data, crc); }

}  // namespace dw

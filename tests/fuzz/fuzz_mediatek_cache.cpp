// A MediaTek cache dump (F1 reply) of any bytes: the run extracted never exceeds what was asked or
// what the cache holds, its buffers match its count, and every entry in it whose Q is good gives
// the address its place in the run says.
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <span>

#include "disc/subchannel.hpp"
#include "disc/subq.hpp"
#include "scsi/mediatek_cache.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 3) return 0;
  const dw::Lba from = static_cast<int8_t>(data[0]) * 37;
  const uint32_t max = data[1] | (data[2] & 0x0F) << 8;
  const std::span<const uint8_t> cache(data + 3, size - 3);
  const size_t entries = data[2] >> 4;  // 0: every whole entry
  const dw::scsi::CacheRun run = dw::scsi::extract_cache_run(cache, entries, from, max);
  if (run.count > max || run.count > cache.size() / 0xB00 || (entries && run.count > entries)) std::abort();
  if (run.count == 0 && run.why.empty() && max > 0) std::abort();
  if (run.main.size() != run.count * 2352u || run.sub.size() != run.count * 96u || run.c2.size() != run.count * 294u)
    std::abort();
  for (uint32_t k = 0; k < run.count; ++k) {
    const auto q =
        dw::extract_channel(std::span<const uint8_t, 96>(run.sub.data() + size_t{k} * 96, 96), dw::Channel::Q);
    const auto d = dw::decode_q(q);
    if (!d.crc_ok) continue;
    if (const auto* p = std::get_if<dw::QPosition>(&d.content))
      if (dw::bcd_msf_to_lba(p->absolute) != from + static_cast<dw::Lba>(k)) std::abort();
  }
  return 0;
}

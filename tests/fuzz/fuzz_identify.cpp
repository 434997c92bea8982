// identify on arbitrary bytes: never throws for consistent spans, never reads outside them
// (ASan), and always answers with a kind, its machine name, valid UTF-8 text, a summary and
// advice. The first byte picks the file name, the companions, and whether the file is "larger"
// than the bytes given (head and tail then stand for both ends of a big file).
#include <cstdint>
#include <cstdlib>
#include <span>
#include <string>
#include <vector>

#include "disc/utf8.hpp"
#include "formats/identify.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const uint8_t control = data[0];
  const std::span<const uint8_t> body(data + 1, size - 1);
  static const char* const kNames[] = {"disc.iso", "disc.bin", "disc.img", "disc.nrg",
                                       "disc.cue", "disc.sub", "disc.TOC", "noext"};
  const std::string name = kNames[control & 7];
  std::vector<std::string> companions;
  if (control & 0x08) companions.emplace_back("ccd");
  if (control & 0x10) companions.emplace_back("cue");
  if (control & 0x20) companions.emplace_back("mds");

  std::span<const uint8_t> head = body, tail = body;
  uint64_t file_size = body.size();
  if (control & 0x40) {
    // A big file of which only the two ends are known: head = first half, tail = second half.
    const size_t half = body.size() / 2;
    head = body.first(half);
    tail = body.subspan(half);
    file_size = body.size() + (control & 0x80 ? 4'700'000'000ull : 1'000'000ull);
  } else {
    if (head.size() > dw::kIdentifyHeadSize) head = head.first(dw::kIdentifyHeadSize);
    if (tail.size() > dw::kIdentifyTailSize) tail = tail.last(dw::kIdentifyTailSize);
  }

  const dw::Identification id = dw::identify_bytes(head, tail, file_size, name, companions);
  if (id.kind > dw::FileKind::Zstd || id.name != dw::machine_name(id.kind)) std::abort();
  if ((id.kind == dw::FileKind::Empty) != (file_size == 0)) std::abort();
  if (id.summary.empty() || id.advice.empty()) std::abort();
  if (!dw::valid_utf8(id.summary) || !dw::valid_utf8(id.advice)) std::abort();
  for (const auto& [k, v] : id.details)
    if (k.empty() || !dw::valid_utf8(k) || !dw::valid_utf8(v)) std::abort();
  return 0;
}

#include "disc/msf.hpp"

#include <fmt/format.h>

namespace dw {

std::string Msf::str() const { return fmt::format("{:02}:{:02}:{:02}", m, s, f); }

std::optional<Msf> Msf::from_frames(int32_t frames) {
  if (frames < 0 || frames / kFramesPerMinute > 255) return std::nullopt;
  return Msf{static_cast<uint8_t>(frames / kFramesPerMinute), static_cast<uint8_t>(frames / kFramesPerSecond % 60),
             static_cast<uint8_t>(frames % kFramesPerSecond)};
}

namespace {
int wrap_minute(MsfRule rule) { return rule == MsfRule::Mmc ? kLeadInMinute : kOverburnWrapMinute; }
int32_t lead_in_bias(MsfRule rule) { return (wrap_minute(rule) + kLeadInMinutes) * kFramesPerMinute + kMsfOffset; }
}  // namespace

std::optional<Msf> lba_to_msf(Lba lba, MsfRule rule) {
  const int32_t wrap = wrap_minute(rule) * kFramesPerMinute;
  int32_t frames;
  if (lba >= -kMsfOffset) {
    frames = lba + kMsfOffset;
    if (frames >= wrap) return std::nullopt;
  } else {
    frames = lba + lead_in_bias(rule);
    if (frames < wrap) return std::nullopt;
  }
  return Msf::from_frames(frames);
}

std::optional<Lba> msf_to_lba(Msf msf, MsfRule rule) {
  if (!msf.valid()) return std::nullopt;
  const int32_t frames = msf.frames();
  if (msf.m >= wrap_minute(rule)) {
    if (msf.m >= wrap_minute(rule) + kLeadInMinutes) return std::nullopt;
    return frames - lead_in_bias(rule);
  }
  return frames - kMsfOffset;
}
std::optional<BcdMsf> to_bcd(Msf msf) {
  auto m = Bcd::from_binary(msf.m), s = Bcd::from_binary(msf.s), f = Bcd::from_binary(msf.f);
  if (!m || !s || !f) return std::nullopt;
  return BcdMsf{*m, *s, *f};
}

std::optional<Msf> from_bcd(BcdMsf msf) {
  if (!msf.valid()) return std::nullopt;
  return Msf{static_cast<uint8_t>(msf.m.value()), static_cast<uint8_t>(msf.s.value()),
             static_cast<uint8_t>(msf.f.value())};
}

std::optional<BcdMsf> lba_to_bcd_msf(Lba lba) {
  auto msf = lba_to_msf(lba, MsfRule::Mmc);
  if (!msf) return std::nullopt;
  return to_bcd(*msf);
}

std::optional<Lba> bcd_msf_to_lba(BcdMsf msf) {
  auto bin = from_bcd(msf);
  if (!bin) return std::nullopt;
  return msf_to_lba(*bin, MsfRule::Mmc);
}

std::optional<Msf> frames_to_msf(int32_t frames) { return Msf::from_frames(frames); }

std::string msf_label(Lba lba) {
  const auto m = lba_to_msf(lba);
  return "MSF " + (m ? m->str() : std::string("?"));
}

std::string cue_time_label(Lba lba) {
  const auto m = frames_to_msf(lba);
  return "cue time " + (m ? m->str() : std::string("?"));
}

}  // namespace dw

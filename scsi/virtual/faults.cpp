#include "scsi/virtual/faults.hpp"

#include <fmt/format.h>

#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>
#include <sstream>

#include "disc/error.hpp"

namespace dw::vdrive {

namespace {

using nlohmann::json;

struct Ctx {
  const std::string& source;
  std::string where;
  [[noreturn]] void fail(const std::string& what) const { throw InputError(source, where + what); }
};

int64_t get_int(const json& e, const char* key, const Ctx& c, int64_t lo, int64_t hi, std::optional<int64_t> dflt) {
  auto it = e.find(key);
  if (it == e.end()) {
    if (dflt) return *dflt;
    c.fail(fmt::format("\"{}\" is missing", key));
  }
  if (!it->is_number_integer()) c.fail(fmt::format("\"{}\" must be an integer", key));
  const auto v = it->get<int64_t>();
  if (v < lo || v > hi) c.fail(fmt::format("\"{}\" is {}, outside {}..{}", key, v, lo, hi));
  return v;
}

LbaRange get_range(const json& e, const Ctx& c) {
  LbaRange r;
  r.first = static_cast<Lba>(get_int(e, "lba", c, -500000, 10000000, std::nullopt));
  r.count = static_cast<uint32_t>(get_int(e, "count", c, 1, 10000000, 1));
  return r;
}

uint8_t parse_opcode(const json& e, const Ctx& c) {
  auto it = e.find("opcode");
  if (it == e.end()) c.fail("\"opcode\" is missing");
  if (it->is_number_integer()) {
    auto v = it->get<int64_t>();
    if (v < 0 || v > 255) c.fail("\"opcode\" must be 0..255");
    return static_cast<uint8_t>(v);
  }
  if (it->is_string()) {
    const auto s = it->get<std::string>();
    size_t used = 0;
    unsigned long v = 0;
    try {
      v = std::stoul(s, &used, 0);
    } catch (const std::exception&) {
      used = 0;
    }
    if (used != s.size() || s.empty() || v > 255) c.fail(fmt::format("\"opcode\" \"{}\" is not a number 0..255", s));
    return static_cast<uint8_t>(v);
  }
  c.fail("\"opcode\" must be a number or a string like \"0xBE\"");
}

}  // namespace

bool FaultPlan::empty() const {
  return unreadable.empty() && flaky.empty() && c2.empty() && silent.empty() && q_crc_rate == 0 && !jitter_samples &&
         hangs.empty() && short_transfers.empty() && medium_changes.empty() && not_ready.empty() && !remove_at &&
         write_errors.empty() && !power_calibration_fails && !underrun_at && cue_sheet_refusals == 0;
}

FaultPlan parse_faults(const std::string& text, const std::string& source) {
  json doc;
  try {
    doc = json::parse(text);
  } catch (const json::parse_error& e) {
    throw InputError(source, fmt::format("not valid JSON: {}", e.what()), e.byte);
  } catch (const json::exception& e) {  // e.g. a number too large for any type
    throw InputError(source, fmt::format("not valid JSON: {}", e.what()));
  }
  Ctx top{source, ""};
  if (!doc.is_object()) top.fail("the top level must be an object with a \"faults\" array");
  for (auto it = doc.begin(); it != doc.end(); ++it)
    if (it.key() != "faults" && it.key() != "seed") top.fail(fmt::format("unknown key \"{}\"", it.key()));
  FaultPlan plan;
  plan.seed = static_cast<uint32_t>(get_int(doc, "seed", top, 0, std::numeric_limits<uint32_t>::max(), 1));
  auto list = doc.find("faults");
  if (list == doc.end() || !list->is_array()) top.fail("\"faults\" must be an array");
  for (size_t i = 0; i < list->size(); ++i) {
    const json& e = (*list)[i];
    Ctx c{source, fmt::format("faults[{}]: ", i)};
    if (!e.is_object()) c.fail("each fault must be an object");
    auto type_it = e.find("type");
    if (type_it == e.end() || !type_it->is_string()) c.fail("\"type\" is missing");
    const auto type = type_it->get<std::string>();
    if (type == "unreadable") {
      plan.unreadable.push_back({get_range(e, c), static_cast<uint32_t>(get_int(e, "delay_ms", c, 0, 600000, 3000))});
    } else if (type == "flaky") {
      plan.flaky.push_back({get_range(e, c), static_cast<uint32_t>(get_int(e, "failures", c, 1, 1000, 1))});
    } else if (type == "c2") {
      plan.c2.push_back({get_range(e, c), static_cast<uint32_t>(get_int(e, "bytes", c, 1, 2352, 16))});
    } else if (type == "silent") {
      plan.silent.push_back({get_range(e, c)});
    } else if (type == "q_crc") {
      auto r = e.find("rate");
      if (r == e.end() || !r->is_number()) c.fail("\"rate\" must be a number");
      const double rate = r->get<double>();
      if (!(rate >= 0 && rate <= 1)) c.fail("\"rate\" must be between 0 and 1");
      plan.q_crc_rate = rate;
    } else if (type == "jitter") {
      plan.jitter_samples = static_cast<int>(get_int(e, "samples", c, 0, 1000, std::nullopt));
    } else if (type == "hang") {
      FaultPlan::Hang h;
      h.opcode = parse_opcode(e, c);
      if (e.contains("lba")) h.lba = static_cast<Lba>(get_int(e, "lba", c, -500000, 10000000, std::nullopt));
      h.times = static_cast<uint32_t>(get_int(e, "times", c, 0, 1000000, 0));
      plan.hangs.push_back(h);
    } else if (type == "short_transfer") {
      FaultPlan::ShortTransfer t;
      t.range = get_range(e, c);
      t.bytes = static_cast<uint32_t>(get_int(e, "bytes", c, 1, 16 * 1024 * 1024, std::nullopt));
      t.times = static_cast<uint32_t>(get_int(e, "times", c, 0, 1000000, 0));
      plan.short_transfers.push_back(t);
    } else if (type == "medium_change") {
      plan.medium_changes.push_back(
          static_cast<uint32_t>(get_int(e, "before_command", c, 1, 1000000000, std::nullopt)));
    } else if (type == "not_ready") {
      plan.not_ready.push_back({static_cast<uint32_t>(get_int(e, "after_commands", c, 0, 1000000000, 0)),
                                static_cast<uint32_t>(get_int(e, "commands", c, 1, 1000000, 1))});
    } else if (type == "remove") {
      plan.remove_at = static_cast<Lba>(get_int(e, "lba", c, -500000, 10000000, std::nullopt));
    } else if (type == "write_error") {
      plan.write_errors.push_back(get_range(e, c));
    } else if (type == "power_calibration") {
      plan.power_calibration_fails = true;
    } else if (type == "underrun") {
      plan.underrun_at = static_cast<Lba>(get_int(e, "lba", c, -500000, 10000000, std::nullopt));
    } else if (type == "refuse_cue_sheet") {
      plan.cue_sheet_refusals = static_cast<uint32_t>(get_int(e, "times", c, 1, 1000, 1));
    } else {
      c.fail(fmt::format(
          "unknown type \"{}\" (expected unreadable, flaky, c2, silent, q_crc, jitter, hang, short_transfer, "
          "medium_change, not_ready, remove, write_error, power_calibration, underrun or refuse_cue_sheet)",
          type));
    }
  }
  return plan;
}

FaultPlan load_faults(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path, "cannot open the fault file");
  std::ostringstream text;
  text << in.rdbuf();
  return parse_faults(text.str(), path);
}

}  // namespace dw::vdrive

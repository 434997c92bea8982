#!/usr/bin/env bash
# Runs dw-bench once and prints a Markdown table of every benchmark with its throughput, the
# goal it must meet, and its ratio to BM_Memcpy measured in the same run (these machines are
# noisy; ratios from one run are comparable, absolute figures less so).
# usage: tests/bench/report.sh [BUILD_DIR] [extra dw-bench args]
set -euo pipefail
build=${1:-build}; shift || true
out=$(mktemp)
"$build/bin/dw-bench" --benchmark_format=json --benchmark_repetitions=3 \
  --benchmark_report_aggregates_only=true "$@" >"$out"
python3 - "$out" <<'PY'
import json, sys
data = json.load(open(sys.argv[1]))
rows = [b for b in data["benchmarks"] if b.get("aggregate_name") == "median"]
goals = {  # name prefix -> (kind, value): bytes/s or items/s, from issue 2
    "BM_Edc": ("bytes", 2e9), "BM_SectorVerifyMode1": ("items", 150e3),
    "BM_SectorEncodeMode1": ("items", 150e3), "BM_SubchannelSynthesize": ("items", 1e6),
    "BM_MultiHash": ("bytes", 300e6), "BM_VirtualDriveReadWholeDisc": ("items", 150e3)}
memcpy = {b["run_name"].split("/")[-1]: b.get("bytes_per_second") for b in rows if b["run_name"].startswith("BM_Memcpy")}
base = memcpy.get("1048576") or next(iter(memcpy.values()), None)
ctx = data["context"]
print(f"Machine: {ctx.get('num_cpus')} CPUs at {ctx.get('mhz_per_cpu')} MHz, {ctx.get('date')}, "
      f"build type {ctx.get('library_build_type')} (Google Benchmark), median of 3 repetitions.\n")
print("| benchmark | bytes/s | items/s | goal | met | vs BM_Memcpy/1MiB |")
print("|---|---:|---:|---|---|---:|")
fmt = lambda v, u: "-" if v is None else (f"{v/1e9:.2f} G{u}" if v >= 1e9 else f"{v/1e6:.1f} M{u}" if v >= 1e6 else f"{v/1e3:.1f} k{u}")
for b in rows:
    name = b["run_name"]
    bps, ips = b.get("bytes_per_second"), b.get("items_per_second")
    goal = next((g for p, g in goals.items() if name.startswith(p)), None)
    met = "-"
    gtxt = "-"
    if goal:
        v = bps if goal[0] == "bytes" else ips
        gtxt = f">= {fmt(goal[1], 'B/s' if goal[0]=='bytes' else '/s')}"
        met = "yes" if v and v >= goal[1] else "NO"
    ratio = f"{bps/base:.3f}" if bps and base else "-"
    print(f"| {name} | {fmt(bps,'B/s')} | {fmt(ips,'/s')} | {gtxt} | {met} | {ratio} |")
PY
rm -f "$out"

#!/usr/bin/env bash
# Runs every libFuzzer target in BUILD_DIR/bin for SECONDS each, starting from the seeds in
# tests/fuzz/seeds/<target>/ when present. Exits non-zero when any target finds a crash.
set -euo pipefail
build=${1:?usage: run.sh BUILD_DIR SECONDS}
seconds=${2:-60}
here=$(cd "$(dirname "$0")" && pwd)
corpus=${DW_CORPUS:-$here/../../../shared/corpus}
status=0
shopt -s nullglob
for fuzzer in "$build"/bin/fuzz-*; do
  name=$(basename "$fuzzer")
  work=$(mktemp -d)
  seeds=()
  [ -d "$here/seeds/$name" ] && seeds=("$here/seeds/$name")
  # Real files made by other tools seed the parsers too, when the shared corpus is present
  # (copied to a scratch folder: libFuzzer adds to the first corpus folder only; `-size -1024k`
  # because find rounds -size in MiB up, so -1M would only match empty files).
  pattern=""
  case $name in
    fuzz-cue) pattern='*.cue' ;;
    fuzz-cdtext) pattern='*.cdt' ;;
    fuzz-ccd) pattern='*.ccd' ;;
    fuzz-identify) pattern='*.iso' ;;
    fuzz-nrg) pattern='*.nrg' ;;
    fuzz-toc) pattern='*.toc' ;;
  esac
  if [ -n "$pattern" ] && [ -d "$corpus" ]; then
    mkdir -p "$work/real"
    find "$corpus" -iname "$pattern" -size -1024k -exec cp {} "$work/real/" \; 2>/dev/null || true
    seeds+=("$work/real")
  fi
  echo "-- $name for ${seconds}s"
  if ! "$fuzzer" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="$work/" "$work" "${seeds[@]}" >"$work/log" 2>&1; then
    echo "$name FAILED; log tail:"; tail -40 "$work/log"; status=1
  else
    grep -E "stat::number_of_executed_units" "$work/log" || true
  fi
  rm -rf "$work"
done
exit $status

#!/usr/bin/env bash
# Runs every libFuzzer target in BUILD_DIR/bin for SECONDS each, starting from the seeds in
# tests/fuzz/seeds/<target>/ when present. Exits non-zero when any target finds a crash.
set -euo pipefail
build=${1:?usage: run.sh BUILD_DIR SECONDS}
seconds=${2:-60}
here=$(cd "$(dirname "$0")" && pwd)
status=0
shopt -s nullglob
for fuzzer in "$build"/bin/fuzz-*; do
  name=$(basename "$fuzzer")
  work=$(mktemp -d)
  seeds=()
  [ -d "$here/seeds/$name" ] && seeds=("$here/seeds/$name")
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

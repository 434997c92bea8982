#!/usr/bin/env bash
# Emulation path cost, scripted (docs/performance.md "Emulation"):
#  the per-command overhead of `discwright emulate`: the same host code (our Transport) sends
#  TEST UNIT READY and one-sector READ CD commands to the same virtual drive, once in-process
#  (VirtualTransport) and once as a program inside `discwright emulate` through /dev/sr0 (our
#  SG_IO transport -> preload library -> Unix socket -> drive server). The difference per command
#  is the emulation path's overhead; both measured in this run, one after the other.
#   tests/bench/emulate.sh [BUILD_DIR] [COMMANDS]
set -euo pipefail
build=$(cd "${1:-build}" && pwd)
count=${2:-50000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$build/bin/dw-make-disc" audio "$work/Disc.cue" >/dev/null
rt="$build/bin/dw-emulate-roundtrip"
inproc=$("$rt" "$work/Disc.cue" "$count")
emulated=$("$build/bin/discwright" emulate "virtual:$work/Disc.cue?timing=instant" -- "$rt" /dev/sr0 "$count")
python3 - "$inproc" "$emulated" <<'PY'
import json, sys
a, b = json.loads(sys.argv[1]), json.loads(sys.argv[2])
print(f"{'command':<22} {'in-process us':>14} {'emulated us':>12} {'overhead us':>12}")
for key, name in (("test_unit_ready_us", "TEST UNIT READY"), ("read_cd_2352_us", "READ CD, 1 sector")):
    print(f"{name:<22} {a[key]:>14.2f} {b[key]:>12.2f} {b[key] - a[key]:>12.2f}")
print(f"({a['commands']} commands of each kind per path)")
PY

#!/usr/bin/env bash
# Interrupted rips resume to identical files:
#  1. the disc is removed mid-rip (virtual drive fault): the rip stops with exit status 4 and a
#     message naming --resume; run again with the disc back, --resume completes it;
#  2. a killed rip: what a process killed at any moment leaves (sector data written, its state
#     not yet) is made by resetting the state of a range of sectors to "unread" and scribbling
#     over their bytes; --resume re-reads exactly those and the files are identical.
#   rip_resume.sh BUILD_DIR
set -euo pipefail
build=$(cd "${1:?usage: rip_resume.sh BUILD_DIR}" && pwd)
. "$(dirname "$0")/demo_disc.sh"
demo_disc mixed
echo '{"faults": [{"type": "remove", "lba": 600}]}' >"$work/remove.json"
set +e
"$dw" rip "virtual:$cue?drive=plextor&timing=instant&faults=$work/remove.json" -o "$work/a" --name Demo >"$work/a.out" 2>&1
code=$?
set -e
[ "$code" = 4 ] || { echo "FAIL: a removed disc should stop the rip with exit status 4, got $code"; cat "$work/a.out"; exit 1; }
grep -q -- "--resume" "$work/a.out" || { echo "FAIL: the message does not say how to continue"; cat "$work/a.out"; exit 1; }
[ ! -e "$work/a/Demo.cue" ] || { echo "FAIL: a stopped rip wrote images"; exit 1; }
"$dw" rip "virtual:$cue?drive=plextor&timing=instant" -o "$work/a" --name Demo --resume >/dev/null
for f in "$work/src/"*.bin; do cmp "$f" "$work/a/$(basename "$f")" || { echo "FAIL: $(basename "$f") differs after resume"; exit 1; }; done
grep -q "resuming the dump" "$work/a/Demo.log" || { echo "FAIL: the log does not record the resume"; exit 1; }
# Without --resume an existing dump is refused (exit 2), never overwritten.
set +e
"$dw" rip "virtual:$cue?drive=plextor&timing=instant" -o "$work/a" --name Demo >/dev/null 2>&1
code=$?
set -e
[ "$code" = 2 ] || { echo "FAIL: ripping over an existing dump should be a usage error, got $code"; exit 1; }

# 2. a killed rip
"$dw" rip "virtual:$cue?drive=asus&timing=instant" -o "$work/b" --name Demo >/dev/null
rm "$work/b/"*.bin "$work/b/Demo.cue" "$work/b/Demo.dat"
python3 - "$work/b/Demo.dump" <<'PY'
import json, sys, os
d = sys.argv[1]
m = json.load(open(os.path.join(d, "dump.json")))
first = m["first_lba"]
lo, hi = 300 - first, 700 - first            # sectors 300..699 in drive LBAs
with open(os.path.join(d, "state.bin"), "r+b") as f:
    f.seek(lo * 4); f.write(bytes(4 * (hi - lo)))
with open(os.path.join(d, "main.bin"), "r+b") as f:
    f.seek(lo * 2352); f.write(b"\xA5" * (2352 * (hi - lo)))
PY
"$dw" rip "virtual:$cue?drive=asus&timing=instant" -o "$work/b" --name Demo --resume --json >"$work/b.json" 2>/dev/null
for f in "$work/src/"*.bin; do cmp "$f" "$work/b/$(basename "$f")" || { echo "FAIL: $(basename "$f") differs after resuming a killed rip"; exit 1; }; done
echo "ok: a removed disc stops the rip (exit 4) and --resume completes it; a killed rip resumes; both give files identical to the source"

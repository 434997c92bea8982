#!/usr/bin/env bash
# Burn round trip: a synthetic disc (testdata/make_disc.cpp) is burned in SAO onto a virtual blank
# CD-R (recorder personality PERSONALITY), the recording is saved as a CloneCD image, and that is
# ripped back: every track file, the sheet and the decoded disc (indices, pregaps, MCN, ISRC,
# CD-Text) must equal the source image's; the burn's own verify must have found every sector equal.
#   burn.sh BUILD_DIR KIND [PERSONALITY]      e.g. burn.sh build mixed cheap
set -euo pipefail
build=$(cd "${1:?usage: burn.sh BUILD_DIR KIND [PERSONALITY]}" && pwd)
kind=${2:?usage: burn.sh BUILD_DIR KIND [PERSONALITY]}
drive=${3:-generic}
. "$(dirname "$0")/demo_disc.sh"
demo_disc "$kind"
burned="$work/burned.ccd"
"$dw" burn "$cue" "virtual:blank?media=cdr&drive=$drive&timing=instant&save=$burned" --json --log "$work/burn.log" \
  >"$work/burn.json" 2>"$work/burn.err" || { echo "FAIL: burn exited $?"; cat "$work/burn.json" "$work/burn.err" "$work/burn.log"; exit 1; }
python3 - "$work/burn.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
assert r["verdict"] == "good", r
assert r["verify"]["ok"] and r["verify"]["data_mismatches"] == 0 and r["verify"]["audio_mismatches"] == 0, r
assert len(r["saved"]) == 3, r
assert r["fifo"]["bytes"] == 8 << 20 and r["opc"] == "done", r
PY
grep -q "host FIFO 8 MiB: " "$work/burn.log" || { echo "FAIL: the log does not report the FIFO"; exit 1; }
grep -q "SEND CUE SHEET (standard): GOOD" "$work/burn.log" || { echo "FAIL: the log does not show the cue sheet"; exit 1; }
grep -q "read back as planned" "$work/burn.log" || { echo "FAIL: the log does not show the TOC check"; exit 1; }
"$dw" rip "virtual:$burned?timing=instant" -o "$work/rip" --name Demo --json >"$work/rip.json" 2>"$work/rip.err" || { echo "FAIL: rip of the burned disc exited $?"; cat "$work/rip.err"; exit 1; }
[ "$(disc "$cue")" = "$(disc "$work/rip/Demo.cue")" ] || { echo "FAIL: the burned disc differs from the source"; diff <(disc "$cue") <(disc "$work/rip/Demo.cue"); exit 1; }
for f in "$work/src/"*.bin; do
  cmp "$f" "$work/rip/$(basename "$f")" || { echo "FAIL: $(basename "$f") of the burned disc differs from the source"; exit 1; }
done
cmp "$work/src/Demo.cue" "$work/rip/Demo.cue" || { echo "FAIL: the sheet differs"; diff "$work/src/Demo.cue" "$work/rip/Demo.cue"; exit 1; }
if [ "$kind" = cd-extra ]; then
  # The recorder closed session 1 open for the next: its lead-in carries B0, the next program area
  # at session 1's lead-out + 6750 + 4500. A drive that reads the lead-in (plextor) finds it in Q
  # and in agreement with the full TOC.
  next=$("$dw" info --json "$cue" | python3 -c "
import json, sys
t = [t for t in json.load(sys.stdin)['tracks'] if t['session'] == 1]
print(t[-1]['end'] + 1 + 6750 + 4500)")
  python3 - "$burned" "$next" <<'PY' || { echo "FAIL: the burned disc's B0 pointer"; grep -A10 -i "point=0xb0" "$burned"; exit 1; }
import sys
entries = open(sys.argv[1]).read().split("[Entry")
b0 = [e for e in entries if "Point=0xb0" in e]
assert len(b0) == 1 and "Session=1" in b0[0] and f"ALBA={sys.argv[2]}\n" in b0[0], b0
PY
  "$dw" rip "virtual:$burned?drive=plextor&timing=instant" -o "$work/plex" --name Demo >/dev/null 2>&1 ||
    { echo "FAIL: the plextor rip of the burned CD-Extra"; exit 1; }
  grep -q "lead-in TOC and the full TOC agree: 6 point(s)" "$work/plex/Demo.log" ||
    { echo "FAIL: session 1's lead-in (tracks 1-2, A0-A2, B0) against the full TOC"; grep -i "lead-in" "$work/plex/Demo.log"; exit 1; }
fi
offset=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['verify']['audio_offset'])" "$work/burn.json")
echo "ok: $kind burned on $drive: $(ls "$work/src/"*.bin | wc -l) track files ripped back identical; audio offset $offset"

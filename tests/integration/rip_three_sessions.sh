#!/usr/bin/env bash
# A disc of three sessions (testdata's `three-sessions`: two audio tracks; a Mode 2 XA data track;
# another one) ripped with the full TOC (generic drive) and without it (the cheap personality
# refuses READ TOC format 2), once where the drive answers READ TRACK INFORMATION and once where it
# refuses it on the pressed disc (`trackinfo=no`, Q alone then tells the sessions apart). Each rip
# must give the source's track files and sheet (less the CD-Text the cheap drive cannot read), the
# rips without the full TOC the same sheet as the one with it, the session lines of the Orange
# Book gaps (REM LEAD-OUT 01:30:00 after session 1 and 00:30:00 after session 2, REM LEAD-IN
# 01:00:00, REM PREGAP 00:02:00), the lead-outs where the source's files end, and `split` of the
# kept dump the same files again.
#   rip_three_sessions.sh BUILD_DIR
set -euo pipefail
build=$(cd "${1:?usage: rip_three_sessions.sh BUILD_DIR}" && pwd)
. "$(dirname "$0")/demo_disc.sh"
demo_disc three-sessions
size() { echo $(($(stat -c %s "$work/src/Demo (Track $1).bin") / 2352)); }
# The layout from the source's own files and the Orange Book gaps its sheet states.
leadout1=$(($(size 1) + $(size 2)))
track3=$((leadout1 + 6750 + 4500 + 150))
leadout2=$((track3 + $(size 3)))
track4=$((leadout2 + 2250 + 4500 + 150))
want=$'REM SESSION 01\nREM LEAD-OUT 01:30:00\nREM SESSION 02\nREM LEAD-IN 01:00:00\nREM PREGAP 00:02:00\nREM LEAD-OUT 00:30:00\nREM SESSION 03\nREM LEAD-IN 01:00:00\nREM PREGAP 00:02:00'
grep -v -E '^ *(TITLE|PERFORMER) ' "$work/src/Demo.cue" >"$work/src-notext.cue"
check_rip() {  # DIR SHEET: the track files equal the source's, the sheet equals SHEET
  local n=0
  for f in "$work/src/"*.bin; do
    cmp "$f" "$1/$(basename "$f")" || fail "$1: $(basename "$f") differs from the source"
    n=$((n + 1))
  done
  [ "$n" = 4 ] || fail "$n track files in the source, expected 4"
  cmp "$2" "$1/Demo.cue" || { diff "$2" "$1/Demo.cue"; fail "$1: the sheet differs"; }
  [ "$(grep '^REM' "$1/Demo.cue")" = "$want" ] || { grep '^REM' "$1/Demo.cue"; fail "$1: session lines"; }
  "$dw" split "$1/Demo.dump" -o "$1.again" --name Demo >/dev/null
  for f in "$1/"*.bin "$1/Demo.cue"; do cmp "$f" "$1.again/$(basename "$f")" || fail "$1: split gives another $(basename "$f")"; done
}
"$dw" rip "virtual:$cue?drive=generic&timing=instant" -o "$work/full" --name Demo >/dev/null 2>"$work/full.err" ||
  { cat "$work/full.err"; fail "the rip with the full TOC exited $?"; }
check_rip "$work/full" "$work/src/Demo.cue"
grep -v -E '^ *(TITLE|PERFORMER) ' "$work/full/Demo.cue" >"$work/full-notext.cue"
cmp "$work/src-notext.cue" "$work/full-notext.cue" || fail "the sheet with the full TOC differs from the source's"
for info in yes no; do
  out="$work/cheap-$info"
  "$dw" rip "virtual:$cue?drive=cheap&timing=instant&trackinfo=$info" -o "$out" --name Demo --read-offset 6 --json \
    >"$out.json" 2>"$out.err" || { cat "$out.json" "$out.err"; fail "rip (trackinfo=$info) exited $?"; }
  python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); assert r["verdict"] == "good", r' "$out.json"
  check_rip "$out" "$work/full-notext.cue"
  log="$out/Demo.log"
  grep -q "INFO  no full TOC: sessions 1..3 from READ TOC format 0 and format 1 (the last session starts with track 04)" "$log" ||
    { grep -i session "$log"; fail "trackinfo=$info: the log does not say where the sessions came from"; }
  if [ "$info" = yes ]; then
    lines=("session 2 opens with track 03 at LBA $track3 (READ TRACK INFORMATION)"
      "session 3 opens with track 04 at LBA $track4 (READ TOC format 1 and READ TRACK INFORMATION)")
  else
    lines=("READ TRACK INFORMATION of track 01: CHECK CONDITION 05/24/00 invalid field in CDB"
      "READ TRACK INFORMATION gave no session numbers: Q decides"
      "session 2 opens with track 03 at LBA $track3 (Q at LBA $((track3 - 4651)) is a lead-out frame)"
      "session 3 opens with track 04 at LBA $track4 (READ TOC format 1)")
  fi
  lines+=("session 1: lead-out at LBA $leadout1 from Q (a lead-out frame at the estimate LBA $leadout1)"
    "session 2: lead-out at LBA $leadout2 from Q (a lead-out frame at the estimate LBA $leadout2)")
  for l in "${lines[@]}"; do grep -qF "INFO  $l" "$log" || { grep -i session "$log"; fail "trackinfo=$info: no log line: $l"; }; done
  ! grep -E "WARN .*(session|TRACK INFORMATION)" "$log" || fail "trackinfo=$info: a session warning"
  python3 - "$out/Demo.dump/dump.json" "$leadout1" "$leadout2" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))
assert m["session_first_tracks"] == [3, 4], m.get("session_first_tracks")
assert m["session_leadouts"] == [int(sys.argv[2]), int(sys.argv[3])], m.get("session_leadouts")
PY
done
echo "ok: three sessions (tracks 03 at LBA $track3 and 04 at LBA $track4 open sessions 2 and 3; lead-outs $leadout1, $leadout2) ripped alike with the full TOC, with track information and from Q alone"

#!/usr/bin/env bash
# A CD-Extra (audio session 1, data session 2) ripped on a drive without the full TOC (the cheap
# personality refuses READ TOC format 2): the sessions come from READ TOC format 0, format 1 (the
# last session's first track) and Q in the program area, as redump lays them out. Every track file
# equals the source's redump split, and the sheet equals the source's but for the CD-Text the
# drive cannot read, with the session lines of the Orange Book gap: REM LEAD-OUT 01:30:00 (6750
# sectors), REM LEAD-IN 01:00:00 (4500), REM PREGAP 00:02:00 (150). The lead-out of session 1 is
# where the source's audio files end (their sizes). The drive's read offset (+6, not in the quirks
# table) is given with --read-offset. The drive's audio jitter stays on (up to 3 samples; seed 2 of
# the virtual drive's faults makes the first read of the disc, after the TOC reads moved the head,
# land 3 samples off - without the placement the audio files came out 3 samples shifted): the first read has nothing before it to align with and is placed by
# independent reads (rip_jitter_seeds.sh loops seeds).
#   rip_multisession_toc.sh BUILD_DIR
set -euo pipefail
build=$(cd "${1:?usage: rip_multisession_toc.sh BUILD_DIR}" && pwd)
. "$(dirname "$0")/demo_disc.sh"
demo_disc cd-extra
echo '{"seed": 2, "faults": []}' >"$work/faults.json"
"$dw" rip "virtual:$cue?drive=cheap&timing=instant&faults=$work/faults.json" -o "$work/rip" --name Demo \
  --read-offset 6 --json >"$work/rip.json" 2>"$work/rip.err" || { echo "FAIL: rip exited $?"; cat "$work/rip.json" "$work/rip.err"; exit 1; }
python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); assert r["verdict"] == "good", r' "$work/rip.json"
n=0
for f in "$work/src/"*.bin; do
  cmp "$f" "$work/rip/$(basename "$f")" || { echo "FAIL: $(basename "$f") differs from the source"; exit 1; }
  n=$((n + 1))
done
[ "$n" = 3 ] || { echo "FAIL: $n track files in the source, expected 3"; exit 1; }
# The source's sheet without its CD-Text lines (TITLE, PERFORMER) is the rip's sheet.
grep -v -E '^ *(TITLE|PERFORMER) ' "$work/src/Demo.cue" >"$work/src-notext.cue"
cmp "$work/src-notext.cue" "$work/rip/Demo.cue" || { echo "FAIL: the sheet differs"; diff "$work/src-notext.cue" "$work/rip/Demo.cue"; exit 1; }
want=$'REM SESSION 01\nREM LEAD-OUT 01:30:00\nREM SESSION 02\nREM LEAD-IN 01:00:00\nREM PREGAP 00:02:00'
[ "$(grep '^REM' "$work/rip/Demo.cue")" = "$want" ] || { echo "FAIL: session lines"; grep '^REM' "$work/rip/Demo.cue"; exit 1; }
# Session 1 ends where the source's audio files end.
leadout=$(( ($(stat -c %s "$work/src/Demo (Track 1).bin") + $(stat -c %s "$work/src/Demo (Track 2).bin")) / 2352 ))
grep -q "INFO  no full TOC: sessions 1..2 from READ TOC format 0 and format 1 (the last session starts with track 03)" "$work/rip/Demo.log" ||
  { echo "FAIL: the log does not say where the sessions came from"; grep -i session "$work/rip/Demo.log"; exit 1; }
grep -q "INFO  session 1: lead-out at LBA $leadout from Q (a lead-out frame at the estimate LBA $leadout)" "$work/rip/Demo.log" ||
  { echo "FAIL: the log does not give session 1's lead-out at $leadout from Q"; grep -i "session 1" "$work/rip/Demo.log"; exit 1; }
python3 - "$work/rip/Demo.dump/dump.json" "$leadout" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))
assert m["session_leadouts"] == [int(sys.argv[2])], m.get("session_leadouts")
PY
grep -Eq "DEBUG LBA 0\.\.31: nothing before it to align with; [0-9]+ independent read\(s\) start within [-+][0-9]+\.\.[-+][0-9]+ sample\(s\) of the first, whose middle is [-+][0-9]+: the read there is kept" "$work/rip/Demo.log" ||
  { echo "FAIL: the log does not say how the first read was placed"; grep -i align "$work/rip/Demo.log" | head; exit 1; }
grep -q "first pass: jitter: .* 1 placed by independent reads, 0 not" "$work/rip/Demo.log" ||
  { echo "FAIL: the first pass did not place exactly one read"; grep "jitter:" "$work/rip/Demo.log"; exit 1; }
[ -s "$work/rip/Demo.dump/sessioninfo.bin" ] || { echo "FAIL: the dump lacks the format 1 answer"; exit 1; }
# The kept dump splits again to the same files and sheet.
"$dw" split "$work/rip/Demo.dump" -o "$work/again" --name Demo >/dev/null
for f in "$work/rip/"*.bin "$work/rip/Demo.cue"; do cmp "$f" "$work/again/$(basename "$f")" || { echo "FAIL: split differs"; exit 1; }; done
echo "ok: CD-Extra on the cheap drive (no full TOC): session 1 lead-out at LBA $leadout from Q; $n track files and the sheet equal the source's"

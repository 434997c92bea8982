#!/usr/bin/env bash
# A multisession disc written by other programs onto the virtual blank CD-R, in one drive session:
# cdrdao writes the audio demo disc in SAO with --multi (the disc left open); cdrdao msinfo and
# wodim -msinfo both report the next session's start as the lead-out + 11400 blocks (6750
# lead-out, 4500 lead-in, 150 pregap); genisoimage -C makes an ISO for that address and cdrdao
# writes it as session 2 (XA Mode 2 Form 1), closing the disc. The saved disc has two sessions,
# ripped back its audio tracks equal the source's and its data track the ISO, and xorriso finds
# the ISO in the last session and extracts the files unchanged.
#   burn_multisession.sh BUILD_DIR
set -euo pipefail
build=$(cd "${1:?usage: burn_multisession.sh BUILD_DIR}" && pwd)
. "$(dirname "$0")/lib.sh"
need cdrdao wodim genisoimage xorriso python3
emulate_disc audio
cdrdao_toc "$cue" >"$work/src/Demo.toc"
leadout=$(cue_tool toc "$cue" | awk '$1 == 170 {print $2}')
next=$((leadout + 11400))
mkdir -p "$work/tree/docs"
echo "the second session" >"$work/tree/readme.txt"
python3 -c "import random, sys; open(sys.argv[1], 'wb').write(random.Random(5).randbytes(400000))" "$work/tree/docs/blob.bin"
cat >"$work/steps.sh" <<'SH'
set -eu
work=$1
cd "$work/src"
cdrdao write -n --force --multi --device /dev/sr0 --driver generic-mmc Demo.toc >"$work/s1.out" 2>&1 || { echo "cdrdao write --multi failed"; exit 11; }
cdrdao msinfo --device /dev/sr0 2>/dev/null | tail -1 >"$work/cdrdao.msinfo"
wodim -msinfo dev=/dev/sr0 2>/dev/null | tail -1 >"$work/wodim.msinfo"
genisoimage -quiet -R -V SESSION2 -C "$(cat "$work/cdrdao.msinfo")" -o "$work/s2.iso" "$work/tree"
printf 'CD_ROM_XA\nTRACK MODE2_FORM1\nDATAFILE "%s"\n' "$work/s2.iso" >"$work/s2.toc"
cdrdao write -n --force --device /dev/sr0 --driver generic-mmc "$work/s2.toc" >"$work/s2.out" 2>&1 || { echo "cdrdao write of session 2 failed"; exit 12; }
SH
emu "virtual:blank?media=cdr&timing=instant&save=$work/ms.ccd" --log-commands "$work/ms.cmds" -- bash "$work/steps.sh" "$work" \
  >"$work/steps.out" 2>&1 || { echo "FAIL: the multisession burn: $(cat "$work/steps.out")"; cat "$work/s1.out" "$work/s2.out" 2>/dev/null | tail -20; exit 1; }
for tool in cdrdao wodim; do
  [ "$(cat "$work/$tool.msinfo")" = "0,$next" ] ||
    { echo "FAIL: $tool -msinfo on the open disc says '$(cat "$work/$tool.msinfo")', expected 0,$next"; exit 1; }
done
grep -q "Writing finished successfully" "$work/s2.out" || { echo "FAIL: cdrdao session 2"; cat "$work/s2.out"; exit 1; }

# The saved disc: two sessions, track 4 at the next session's address.
"$dw" info --json "$work/ms.ccd" | python3 -c "
import json, sys
d = json.load(sys.stdin)
assert d['sessions'] == 2, d['sessions']
t = d['tracks'][-1]
assert (t['number'], t['session'], t['type'], t['start']) == (4, 2, 'mode2_xa', $next), t
" || { echo "FAIL: the saved disc's layout"; "$dw" info "$work/ms.ccd"; exit 1; }
"$dw" rip "virtual:$work/ms.ccd?timing=instant" -o "$work/rip" --name Demo >"$work/rip.out" 2>&1 ||
  { echo "FAIL: rip of the multisession disc"; cat "$work/rip.out"; exit 1; }
for n in 1 2 3; do
  cmp "$work/src/Demo (Track $n).bin" "$work/rip/Demo (Track $n).bin" || { echo "FAIL: audio track $n differs"; exit 1; }
done
python3 - "$work/rip/Demo (Track 4).bin" "$work/s2.iso" <<'PY' || { echo "FAIL: the data track is not the ISO"; exit 1; }
import sys
raw = open(sys.argv[1], "rb").read()
user = b"".join(raw[k + 24:k + 24 + 2048] for k in range(0, len(raw), 2352))
iso = open(sys.argv[2], "rb").read()
sys.exit(0 if user[:len(iso)] == iso and not user[len(iso):].strip(b"\0") else 1)
PY
listing=$(emu "virtual:$work/ms.ccd?timing=instant" -- xorriso -indev /dev/sr0 -toc 2>&1) || true
grep -q "ISO session  :   2 , *$next ," <<<"$listing" || { echo "FAIL: xorriso -toc"; echo "$listing"; exit 1; }
# xorriso also looks for an ISO in session 1 (READ(10) of an audio block: 05/64/00, as a real drive
# answers) and then exits 32 for that tolerated SORRY: the files decide.
emu "virtual:$work/ms.ccd?timing=instant" -- xorriso -osirrox on -indev /dev/sr0 -extract / "$work/back" >"$work/x.out" 2>&1 || true
grep -q "files restored" "$work/x.out" || { echo "FAIL: xorriso -extract from session 2"; cat "$work/x.out"; exit 1; }
diff -r "$work/tree" "$work/back" || { echo "FAIL: the files read back differ"; exit 1; }
echo "PASS: cdrdao --multi, msinfo (cdrdao and wodim: 0,$next) and a second session: two sessions saved, audio and ISO read back"

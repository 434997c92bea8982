#!/usr/bin/env bash
# xorriso (libburn, libisofs) against the virtual drive with the mixed disc: `-devices` finds the
# drive; `-toc` shows the ISO session on track 1 and the audio tracks; `-ls /` and `-extract` give
# the files the ISO was made of; `-check_media what=image` finds the ISO track readable, and with a
# fault file exactly the unreadable sectors damaged. (The synthetic cd-extra disc is left out: its
# session-2 ISO is made without genisoimage -C, so its directory addresses point into session 1, as
# no real CD-Extra's do.)
#   xorriso.sh BUILD_DIR PERSONALITY
set -euo pipefail
build=$(cd "${1:?usage: xorriso.sh BUILD_DIR PERSONALITY}" && pwd)
drive=${2:?usage: xorriso.sh BUILD_DIR PERSONALITY}
. "$(dirname "$0")/lib.sh"
need xorriso python3
emulate_disc mixed
source_json
spec="virtual:$cue?drive=$drive&timing=instant"
read -r iso_blocks audio2 audio3 < <(python3 -c 'import json,sys; t=json.load(open(sys.argv[1]))["tracks"]
print(t[0]["length"], t[1]["start"], t[2]["start"])' "$work/src.json")

out=$(emu "$spec" -- xorriso -devices 2>&1) || { echo "FAIL: xorriso -devices"; echo "$out"; exit 1; }
drive_identity "$drive"
grep -q "^0  -dev '/dev/sr0' rwr--- :  '$vendor *' '$(tr -s ' ' <<<"$product")'" <<<"$out" ||
  { echo "FAIL: xorriso -devices"; echo "$out"; exit 1; }

out=$(emu "$spec" -- xorriso -indev /dev/sr0 -toc -ls / -- -osirrox on -extract / "$work/extracted" 2>&1) ||
  { echo "FAIL: xorriso -toc -ls -extract"; echo "$out"; exit 1; }
grep -Eq "^ISO session  : +1 , +0 , +${iso_blocks}s , DW_DEMO" <<<"$out" &&
  grep -Eq "^Other track  : +2 , +$audio2 ," <<<"$out" && grep -Eq "^Other track  : +3 , +$audio3 ," <<<"$out" ||
  { echo "FAIL: xorriso -toc"; echo "$out"; exit 1; }
want=$(cd "$work/src/files" && ls | sed "s/.*/'&'/")
got=$(grep "^'" <<<"$out")
[ "$got" = "$want" ] || { echo "FAIL: xorriso -ls /: $got, want $want"; exit 1; }
diff -r "$work/src/files" "$work/extracted" || { echo "FAIL: extracted files differ from the ISO's"; exit 1; }

# Media regions: "Media region : LBA , SIZE , QUALITY" (+ readable, - unreadable, 0 untested).
regions() { grep "^Media region" | sed -E 's/^Media region : +([0-9]+) , +([0-9]+) , (.*)$/\1 \2 \3/'; }
out=$(emu "$spec" -- xorriso -indev /dev/sr0 -check_media what=image -- 2>&1) ||
  { echo "FAIL: xorriso -check_media"; echo "$out"; exit 1; }
[ "$(regions <<<"$out" | head -1)" = "0 $iso_blocks + good" ] || { echo "FAIL: -check_media of the ISO"; echo "$out"; exit 1; }

echo '{"faults": [{"type": "unreadable", "lba": 100, "count": 5, "delay_ms": 0}]}' >"$work/faults.json"
rc=0
out=$(emu "$spec&faults=$work/faults.json" -- xorriso -indev /dev/sr0 -check_media what=image -- 2>&1) || rc=$?
[ $rc -eq 32 ] || { echo "FAIL: -check_media with damage: exit code $rc, want 32 (SORRY)"; echo "$out"; exit 1; }
regions <<<"$out" >"$work/regions"
python3 - "$iso_blocks" "$work/regions" <<'PY' || { echo "$out"; exit 1; }
import sys
end = int(sys.argv[1])
bad, covered = [], 0
for line in open(sys.argv[2]).read().splitlines():
    lba, size, quality = line.split(" ", 2)
    lba, size = int(lba), int(size)
    if lba >= end:
        continue
    if lba != covered:
        sys.exit("FAIL: -check_media regions leave a gap at %d" % covered)
    covered = lba + size
    if quality.startswith("-"):
        bad.append((lba, size))
    elif not quality.startswith("+"):
        sys.exit("FAIL: region %d+%d is %s" % (lba, size, quality))
if covered != end or bad != [(100, 5)]:
    sys.exit("FAIL: unreadable regions %s (want [(100, 5)]), checked up to %d of %d" % (bad, covered, end))
PY
echo "PASS: xorriso -devices, -toc, -ls, -extract, -check_media ($drive)"

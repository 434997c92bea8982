#!/usr/bin/env bash
# Our own real-drive path: discwright itself runs inside `discwright emulate` on /dev/sr0, so it
# finds the drive by device discovery and talks to it through the Linux SG_IO transport. It must
# see the same drive and get the same results as through the in-process virtual transport:
# `drives` lists /dev/sr0 with the personality's vendor and model; `drive-info /dev/sr0` says what
# `drive-info virtual:...` says; `rip /dev/sr0` gives the source image's track files and sheet, as
# the in-process rip does; `burn IMAGE /dev/sr0` onto blank media saves the disc that the
# in-process burn saves (where the kind is burnable).
#   own_path.sh BUILD_DIR KIND PERSONALITY      e.g. own_path.sh build mixed plextor
set -euo pipefail
build=$(cd "${1:?usage: own_path.sh BUILD_DIR KIND PERSONALITY}" && pwd)
kind=${2:?usage: own_path.sh BUILD_DIR KIND PERSONALITY}
drive=${3:?usage: own_path.sh BUILD_DIR KIND PERSONALITY}
. "$(dirname "$0")/lib.sh"
need python3
emulate_disc "$kind"
spec="virtual:$cue?drive=$drive&timing=instant"
drive_identity "$drive"

# Discovery: one drive, /dev/sr0 with /dev/sg0, the personality's identity, a disc in it.
out=$(emu "$spec" -- "$dw" drives)
grep -Eq "^/dev/sr0 +/dev/sg0 +$vendor +$product +[^ ]+ +yes\$" <<<"$out" || { echo "FAIL: drives"; echo "$out"; exit 1; }
[ "$(grep -c '^/dev/' <<<"$out")" = 1 ] || { echo "FAIL: drives lists more than /dev/sr0"; echo "$out"; exit 1; }

# drive-info: the same as in-process, but for the name and the virtual clock (which only the
# in-process transport can read).
emu "$spec" -- "$dw" drive-info /dev/sr0 >"$work/info.sg"
"$dw" drive-info "$spec" | grep -v '^  drive time: .*(virtual clock)$' | sed "1s|^$spec:|/dev/sr0:|" >"$work/info.vd"
grep -q "^/dev/sr0: $vendor $product" "$work/info.sg" || { echo "FAIL: drive-info /dev/sr0"; cat "$work/info.sg"; exit 1; }
diff "$work/info.vd" "$work/info.sg" || { echo "FAIL: drive-info through SG_IO differs from in-process"; exit 1; }

# rip: the track files and the sheet equal the source's and the in-process rip's.
emu "$spec" -- "$dw" rip /dev/sr0 -o "$work/rip.sg" --name Demo --json >"$work/rip.sg.json" 2>"$work/rip.sg.err" ||
  { echo "FAIL: rip /dev/sr0 exited $?"; cat "$work/rip.sg.err"; exit 1; }
"$dw" rip "$spec" -o "$work/rip.vd" --name Demo --json >"$work/rip.vd.json" 2>"$work/rip.vd.err" ||
  { echo "FAIL: in-process rip exited $?"; cat "$work/rip.vd.err"; exit 1; }
for r in sg vd; do
  python3 -c "import json,sys; r=json.load(open(sys.argv[1])); assert r['verdict']=='good', r" "$work/rip.$r.json" ||
    { echo "FAIL: rip ($r) verdict"; exit 1; }
done
for f in "$work/src/"*.bin "$work/src/Demo.cue"; do
  b=$(basename "$f")
  cmp "$f" "$work/rip.sg/$b" || { echo "FAIL: $b ripped through /dev/sr0 differs from the source"; exit 1; }
  cmp "$f" "$work/rip.vd/$b" || { echo "FAIL: $b ripped in-process differs from the source"; exit 1; }
done
# The raw dump too (main channel, subchannel, TOCs, CD-Text and, on drives that read it, the lead-in).
for f in "$work/rip.vd/Demo.dump/"*.bin; do
  cmp "$f" "$work/rip.sg/Demo.dump/$(basename "$f")" || { echo "FAIL: dump file $(basename "$f") differs between /dev/sr0 and in-process"; exit 1; }
done
grep -q "read offset" "$work/rip.sg/Demo.log" || { echo "FAIL: the rip log does not name the read offset"; exit 1; }

# burn (SAO kinds the burner takes; cd-extra is a second session): the saved CloneCD image
# equals the in-process burn's, byte for byte.
case "$kind" in
  audio | mixed | xa | htoa)
    blank="virtual:blank?media=cdr&drive=$drive&timing=instant&save"
    emu "$blank=$work/sg.ccd" -- "$dw" burn "$cue" /dev/sr0 --json --log "$work/burn.sg.log" >"$work/burn.sg.json" 2>"$work/burn.sg.err" ||
      { echo "FAIL: burn to /dev/sr0 exited $?"; cat "$work/burn.sg.err" "$work/burn.sg.log"; exit 1; }
    "$dw" burn "$cue" "$blank=$work/vd.ccd" --json >"$work/burn.vd.json" 2>"$work/burn.vd.err" ||
      { echo "FAIL: in-process burn exited $?"; cat "$work/burn.vd.err"; exit 1; }
    python3 -c "import json,sys; r=json.load(open(sys.argv[1])); assert r['verdict']=='good' and r['verify']['ok'], r" "$work/burn.sg.json" ||
      { echo "FAIL: burn to /dev/sr0 verdict"; exit 1; }
    for e in ccd img sub; do
      cmp "$work/vd.$e" "$work/sg.$e" || { echo "FAIL: the .$e saved by the burn through /dev/sr0 differs from the in-process burn's"; exit 1; }
    done
    burned=", burned disc equal"
    ;;
esac
echo "PASS: drives, drive-info, rip${burned:-} through /dev/sr0 ($kind on $drive)"

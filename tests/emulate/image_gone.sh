#!/usr/bin/env bash
# The image behind an emulated drive shrinks while a program reads it (the user truncates or
# replaces the file): a read of a sector no longer in the file answers CHECK CONDITION 04/44/00
# (internal target failure, logged with the reason) and the program gets EIO; the drive goes on
# serving the sectors still there, and emulate ends with the program's exit status.
#   image_gone.sh BUILD_DIR
set -euo pipefail
build=$(cd "${1:?usage: image_gone.sh BUILD_DIR}" && pwd)
. "$(dirname "$0")/lib.sh"
need dd truncate cmp
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dw="$build/bin/discwright"
head -c $((2048 * 400)) /dev/urandom >"$work/t.iso"
cp "$work/t.iso" "$work/orig.iso"
emulate_ok "virtual:$work/t.iso?timing=instant"
set +e
emu "virtual:$work/t.iso?timing=instant" --log-commands "$work/commands.log" -- sh -c "
  truncate -s 102400 '$work/t.iso'
  if dd if=/dev/sr0 of='$work/gone.bin' bs=2048 skip=300 count=1 iflag=direct status=none 2>'$work/dd.err'; then exit 10; fi
  dd if=/dev/sr0 of='$work/kept.bin' bs=2048 skip=10 count=1 iflag=direct status=none || exit 11
  exit 7" >"$work/emulate.out" 2>&1
code=$?
set -e
[ "$code" = 7 ] || { echo "FAIL: emulate exited $code, want the program's 7"; cat "$work/emulate.out"; exit 1; }
grep -q "Input/output error" "$work/dd.err" || { echo "FAIL: dd of the lost sector: $(cat "$work/dd.err")"; exit 1; }
grep -q "^cdb 28 00 00 00 01 2C .*CHECK CONDITION 04/44/00" "$work/commands.log" ||
  { echo "FAIL: no 04/44/00 for the lost sector"; grep "^cdb 28" "$work/commands.log" | tail -3; exit 1; }
grep -q "the virtual drive failed on CDB 28" "$work/emulate.out" || { echo "FAIL: the reason is not logged"; cat "$work/emulate.out"; exit 1; }
dd if="$work/orig.iso" of="$work/want.bin" bs=2048 skip=10 count=1 status=none
cmp "$work/kept.bin" "$work/want.bin" || { echo "FAIL: a sector still in the file after the loss"; exit 1; }
echo "PASS: a sector lost from the image answers 04/44/00 (EIO), the emulation goes on"

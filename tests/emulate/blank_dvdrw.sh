#!/usr/bin/env bash
# A virtual DVD-RW (Sequential Recording, profile 0014h) reused as libburn reuses one: in one
# `discwright emulate` session (one drive, one disc) cdrskin burns ISO A (-sao), xorriso sees a
# written disc, cdrskin blank=fast empties it (BLANK), xorriso sees it blank and erasable, and
# cdrskin burns ISO B (-tao). The saved disc starts with B and holds nothing of A.
#   blank_dvdrw.sh BUILD_DIR
set -euo pipefail
build=$(cd "${1:?usage: blank_dvdrw.sh BUILD_DIR}" && pwd)
. "$(dirname "$0")/lib.sh"
need genisoimage xorriso cdrskin python3 cmp
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dw="$build/bin/discwright"
emulate_ok "virtual:blank?media=dvdrw&timing=instant"

for n in a b; do
  mkdir -p "$work/$n"
  python3 -c 'import random,sys; open(sys.argv[1],"wb").write(random.Random(sys.argv[2]).randbytes(2 << 20))' \
    "$work/$n/$n.bin" "$n"
  genisoimage -quiet -R -V "DISC_$n" -o "$work/$n.iso" "$work/$n"
done
out=$work/out.iso
cat >"$work/steps.sh" <<SH
set -e
cd "$work"
cdrskin dev=/dev/sr0 -sao a.iso >burn_a.txt 2>&1
xorriso -outdev /dev/sr0 >after_a.txt 2>&1
cdrskin dev=/dev/sr0 blank=fast >blank.txt 2>&1
xorriso -outdev /dev/sr0 >after_blank.txt 2>&1
cdrskin dev=/dev/sr0 -tao b.iso >burn_b.txt 2>&1
SH
emu "virtual:blank?media=dvdrw&save=$out&timing=instant" --log-commands "$work/commands.log" -- bash "$work/steps.sh" ||
  { echo "FAIL: the burn, blank, burn sequence"; tail -n 5 "$work"/*.txt; exit 1; }
grep -q "^Media current: DVD-RW sequential recording" "$work/after_a.txt" &&
  grep -q "^Media status : is written" "$work/after_a.txt" ||
  { echo "FAIL: xorriso does not see the burned DVD-RW"; cat "$work/after_a.txt"; exit 1; }
grep -q "^cdb A1 " "$work/commands.log" || { echo "FAIL: cdrskin blank=fast sent no BLANK"; exit 1; }
grep -q "^Media status : is blank" "$work/after_blank.txt" &&
  grep -q "^Media current: DVD-RW sequential recording" "$work/after_blank.txt" ||
  { echo "FAIL: xorriso does not see the DVD-RW blank after BLANK"; cat "$work/after_blank.txt"; exit 1; }
size=$(stat -c %s "$work/b.iso")
cmp -n "$size" "$work/b.iso" "$out" || { echo "FAIL: the saved disc does not start with ISO B"; exit 1; }
[ "$(tail -c +$((size + 1)) "$out" | tr -d '\0' | wc -c)" -eq 0 ] || { echo "FAIL: bytes after ISO B are not zero"; exit 1; }
echo "PASS: a virtual DVD-RW burned, blanked and burned again by cdrskin; saved, it holds the second ISO"

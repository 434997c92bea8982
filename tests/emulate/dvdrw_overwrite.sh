#!/usr/bin/env bash
# A virtual DVD-RW turned to Restricted Overwrite and back by libburn, in one `discwright emulate`
# session: cdrskin blank=format_overwrite formats it (FORMAT UNIT, DVD-RW quick, 15h), xorriso
# sees "DVD-RW restricted overwrite", blank; cdrskin blank=deformat_sequential (BLANK) makes it an
# empty Sequential Recording disc again, which cdrskin -tao then burns as such. (Writing on the
# Restricted Overwrite disc: dvd_multisession.sh dvdrw-ro.)
#   dvdrw_overwrite.sh BUILD_DIR
set -euo pipefail
build=$(cd "${1:?usage: dvdrw_overwrite.sh BUILD_DIR}" && pwd)
. "$(dirname "$0")/lib.sh"
need xorriso cdrskin genisoimage cmp
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dw="$build/bin/discwright"
emulate_ok "virtual:blank?media=dvdrw&timing=instant"

mkdir -p "$work/b"
head -c 654321 /dev/urandom >"$work/b/second.bin"
genisoimage -quiet -R -V SEQ -o "$work/seq.iso" "$work/b"
cat >"$work/back.sh" <<SH
set -e
cd "$work"
cdrskin dev=/dev/sr0 blank=format_overwrite >format.txt 2>&1
xorriso -outdev /dev/sr0 >formatted.txt 2>&1
cdrskin dev=/dev/sr0 blank=deformat_sequential >deformat.txt 2>&1
xorriso -outdev /dev/sr0 >deformatted.txt 2>&1
cdrskin dev=/dev/sr0 -tao seq.iso >tao.txt 2>&1
SH
out=$work/seq-out.iso
emu "virtual:blank?media=dvdrw&save=$out&timing=instant" --log-commands "$work/commands.log" -- bash "$work/back.sh" ||
  { echo "FAIL: format, deformat, burn"; tail -n 5 "$work"/*.txt; exit 1; }
grep -Eq "^cdb 04 11 .* -> GOOD" "$work/commands.log" || { echo "FAIL: no FORMAT UNIT taken"; exit 1; }
grep -q "^Media current: DVD-RW restricted overwrite" "$work/formatted.txt" &&
  grep -q "^Media status : is blank" "$work/formatted.txt" ||
  { echo "FAIL: xorriso does not see a blank Restricted Overwrite DVD-RW"; cat "$work/formatted.txt"; exit 1; }
grep -Eq "^cdb A1 " "$work/commands.log" || { echo "FAIL: deformat_sequential sent no BLANK"; exit 1; }
grep -q "^Media current: DVD-RW sequential recording" "$work/deformatted.txt" &&
  grep -q "^Media status : is blank" "$work/deformatted.txt" ||
  { echo "FAIL: not a blank Sequential Recording DVD-RW after BLANK"; cat "$work/deformatted.txt"; exit 1; }
cmp -n "$(stat -c %s "$work/seq.iso")" "$work/seq.iso" "$out" || { echo "FAIL: the -tao burn after deformatting"; exit 1; }
echo "PASS: DVD-RW formatted to Restricted Overwrite, deformatted and burned sequentially"

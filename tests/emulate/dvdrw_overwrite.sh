#!/usr/bin/env bash
# A virtual DVD-RW turned to Restricted Overwrite and back by libburn, in `discwright emulate`
# sessions: cdrskin blank=format_overwrite formats it (FORMAT UNIT, DVD-RW quick, 15h) and xorriso
# sees "DVD-RW restricted overwrite", blank; xorriso writes tree A, then adds tree B as /more (its
# emulated sessions on overwritable media: the image at LBA 32, the superblock at 0 rewritten);
# both trees extract unchanged, and the saved disc lists /more. In a second session cdrskin
# blank=deformat_sequential (BLANK) makes it an empty Sequential Recording disc again, which
# cdrskin -tao then burns as such.
#   dvdrw_overwrite.sh BUILD_DIR
set -euo pipefail
build=$(cd "${1:?usage: dvdrw_overwrite.sh BUILD_DIR}" && pwd)
. "$(dirname "$0")/lib.sh"
need xorriso cdrskin genisoimage python3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dw="$build/bin/discwright"
emulate_ok "virtual:blank?media=dvdrw&timing=instant"

mkdir -p "$work/a/docs" "$work/b"
python3 - "$work" <<'PY'
import os, random, sys
r = random.Random(13)
w = sys.argv[1]
open(os.path.join(w, "a", "first.bin"), "wb").write(r.randbytes(2 << 20))
open(os.path.join(w, "a", "docs", "note.txt"), "w").write("restricted overwrite\n")
open(os.path.join(w, "b", "second.bin"), "wb").write(r.randbytes(654321))
PY
out=$work/out.iso
cat >"$work/steps.sh" <<SH
set -e
cd "$work"
cdrskin dev=/dev/sr0 blank=format_overwrite >format.txt 2>&1
xorriso -outdev /dev/sr0 >formatted.txt 2>&1
xorriso -outdev /dev/sr0 -map a / >s1.txt 2>&1
xorriso -dev /dev/sr0 -map b /more >s2.txt 2>&1
xorriso -indev /dev/sr0 -toc >toc.txt 2>&1
xorriso -osirrox on -indev /dev/sr0 -extract / back >extract.txt 2>&1
SH
emu "virtual:blank?media=dvdrw&save=$out&timing=instant" --log-commands "$work/commands.log" -- bash "$work/steps.sh" ||
  { echo "FAIL: format, two sessions"; tail -n 5 "$work"/*.txt; exit 1; }
grep -Eq "^cdb 04 11 .* -> GOOD" "$work/commands.log" || { echo "FAIL: no FORMAT UNIT taken"; exit 1; }
grep -q "^Media current: DVD-RW restricted overwrite" "$work/formatted.txt" &&
  grep -q "^Media status : is blank" "$work/formatted.txt" ||
  { echo "FAIL: xorriso does not see a blank Restricted Overwrite DVD-RW"; cat "$work/formatted.txt"; exit 1; }
grep -Eq "^ISO session  : +1 , +32 , " "$work/toc.txt" && grep -Eq "^ISO session  : +2 , +[0-9]+ , " "$work/toc.txt" ||
  { echo "FAIL: xorriso -toc"; cat "$work/toc.txt"; exit 1; }
msc1=$(sed -nE 's/^ISO session  : +2 , +([0-9]+) , .*/\1/p' "$work/toc.txt")
diff -r "$work/b" "$work/back/more" || { echo "FAIL: the second session's files differ"; exit 1; }
rm -r "$work/back/more"
diff -r "$work/a" "$work/back" || { echo "FAIL: the first session's files differ"; exit 1; }
listing=$(xorriso -indev "stdio:$out" -load sbsector "$msc1" -ls /more 2>&1) ||
  { echo "FAIL: xorriso on the saved disc at sector $msc1"; echo "$listing"; exit 1; }
grep -q "'second.bin'" <<<"$listing" || { echo "FAIL: the saved disc lacks the second session"; echo "$listing"; exit 1; }

genisoimage -quiet -R -V SEQ -o "$work/seq.iso" "$work/b"
cat >"$work/back.sh" <<SH
set -e
cd "$work"
cdrskin dev=/dev/sr0 blank=format_overwrite >format2.txt 2>&1
cdrskin dev=/dev/sr0 blank=deformat_sequential >deformat.txt 2>&1
xorriso -outdev /dev/sr0 >deformatted.txt 2>&1
cdrskin dev=/dev/sr0 -tao seq.iso >tao.txt 2>&1
SH
out2=$work/seq-out.iso
emu "virtual:blank?media=dvdrw&save=$out2&timing=instant" --log-commands "$work/commands2.log" -- bash "$work/back.sh" ||
  { echo "FAIL: format, deformat, burn"; tail -n 5 "$work"/*.txt; exit 1; }
grep -Eq "^cdb A1 " "$work/commands2.log" || { echo "FAIL: deformat_sequential sent no BLANK"; exit 1; }
grep -q "^Media current: DVD-RW sequential recording" "$work/deformatted.txt" &&
  grep -q "^Media status : is blank" "$work/deformatted.txt" ||
  { echo "FAIL: not a blank Sequential Recording DVD-RW after BLANK"; cat "$work/deformatted.txt"; exit 1; }
cmp -n "$(stat -c %s "$work/seq.iso")" "$work/seq.iso" "$out2" || { echo "FAIL: the -tao burn after deformatting"; exit 1; }
echo "PASS: DVD-RW formatted to Restricted Overwrite, two emulated sessions read back, deformatted and burned sequentially"

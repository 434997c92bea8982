#!/usr/bin/env bash
# Two sessions on a virtual DVD-R (or DVD+R, BD-R; or DVD+RW, BD-RE, DVD-RW formatted to Restricted
# Overwrite by cdrskin blank=format_overwrite, where xorriso emulates the sessions) by xorriso, in one `discwright emulate` session (one
# drive, one disc): `xorriso -outdev -close off` writes tree A and leaves the disc appendable;
# `xorriso -dev` loads that ISO and adds tree B as /more in a second session at the next writable
# address. `xorriso -toc` then shows two ISO sessions and the files of both extract unchanged. The
# saved disc (save=OUT.iso, every block from LBA 0) holds both: xorriso finds B by loading the
# second session's superblock from the file.
#   dvd_multisession.sh BUILD_DIR [dvdr|dvdplusr|bdr|dvdplusrw|bdre|dvdrw-ro]
set -euo pipefail
build=$(cd "${1:?usage: dvd_multisession.sh BUILD_DIR [MEDIA]}" && pwd)
media=${2:-dvdr}
# dvdrw-ro: a DVD-RW that cdrskin blank=format_overwrite first turns to Restricted Overwrite.
spec_media=$media format=""
[ "$media" = dvdrw-ro ] && spec_media=dvdrw format="cdrskin dev=/dev/sr0 blank=format_overwrite >format.txt 2>&1"
. "$(dirname "$0")/lib.sh"
need xorriso python3
[ -z "$format" ] || need cdrskin
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dw="$build/bin/discwright"
emulate_ok "virtual:blank?media=$spec_media&timing=instant"

mkdir -p "$work/a/docs" "$work/b"
python3 - "$work" <<'PY'
import os, random, sys
r = random.Random(11)
w = sys.argv[1]
open(os.path.join(w, "a", "first.bin"), "wb").write(r.randbytes(2 << 20))
open(os.path.join(w, "a", "docs", "note.txt"), "w").write("session one\n")
open(os.path.join(w, "b", "second.bin"), "wb").write(r.randbytes(777777))
PY
out=$work/out.iso
cat >"$work/steps.sh" <<SH
set -e
cd "$work"
$format
xorriso -outdev /dev/sr0 -close off -map a / >s1.txt 2>&1
xorriso -dev /dev/sr0 -map b /more >s2.txt 2>&1
xorriso -indev /dev/sr0 -toc >toc.txt 2>&1
xorriso -osirrox on -indev /dev/sr0 -extract / back >extract.txt 2>&1
SH
emu "virtual:blank?media=$spec_media&save=$out&timing=instant" --log-commands "$work/commands.log" -- bash "$work/steps.sh" ||
  { echo "FAIL: xorriso's two sessions"; tail -n 5 "$work"/*.txt; exit 1; }
# (On DVD+RW, which has no sessions of its own, xorriso emulates them: the first image starts at
# LBA 32, and the superblock at LBA 0 is rewritten to point at the newest one.)
first=0
case "$media" in dvdplusrw | bdre | dvdrw-ro) first=32 ;; esac
if [ -n "$format" ]; then
  grep -Eq "^cdb 04 11 .* -> GOOD" "$work/commands.log" || { echo "FAIL: no FORMAT UNIT taken"; exit 1; }
  grep -q "^Media current: DVD-RW restricted overwrite" "$work/toc.txt" || { echo "FAIL: not Restricted Overwrite"; cat "$work/toc.txt"; exit 1; }
fi
grep -Eq "^ISO session  : +1 , +$first , " "$work/toc.txt" && grep -Eq "^ISO session  : +2 , +[0-9]+ , " "$work/toc.txt" &&
  grep -q "^Media summary: 2 sessions" "$work/toc.txt" || { echo "FAIL: xorriso -toc"; cat "$work/toc.txt"; exit 1; }
msc1=$(sed -nE 's/^ISO session  : +2 , +([0-9]+) , .*/\1/p' "$work/toc.txt")
# BD-R: the first session's track was padded to whole 32-block clusters, so the second starts on one.
[ "$media" != bdr ] || [ $((msc1 % 32)) -eq 0 ] || { echo "FAIL: BD-R session 2 at $msc1, not on a cluster"; exit 1; }
[ -d "$work/back/more" ] || { echo "FAIL: no /more after the second session"; cat "$work/extract.txt"; exit 1; }
diff -r "$work/b" "$work/back/more" || { echo "FAIL: the second session's files differ"; exit 1; }
rm -r "$work/back/more"
diff -r "$work/a" "$work/back" || { echo "FAIL: the first session's files differ"; exit 1; }
# The saved disc: the second session's tree from its superblock at msc1.
listing=$(xorriso -indev "stdio:$out" -load sbsector "$msc1" -ls /more 2>&1) ||
  { echo "FAIL: xorriso on the saved disc at sector $msc1"; echo "$listing"; exit 1; }
grep -q "'second.bin'" <<<"$listing" || { echo "FAIL: the saved disc lacks the second session"; echo "$listing"; exit 1; }
echo "PASS: two xorriso sessions on a virtual $media (the second at $msc1), both sessions' files read back"

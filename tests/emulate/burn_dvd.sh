#!/usr/bin/env bash
# An ISO (genisoimage, a few MB of files) burned onto a virtual blank DVD-R (profile 0011h), DVD+R
# (001Bh) or DVD-RW in Sequential Recording mode (0014h, written as DVD-R) by libburn: xorriso -outdev (incremental, the disc left appendable), xorriso -as
# cdrecord, cdrskin -sao (disc-at-once, RESERVE TRACK) and -tao (incremental), and discwright burn,
# whose DVD media go through its libburn backend with the drive's address. On DVD+R libburn sends
# no write parameters page and closes the track, then the session with "finalise" (CLOSE TRACK
# SESSION 101b) or, for a multi-session disc (xorriso -outdev), 010b. The saved disc (save=OUT.iso)
# starts with the ISO byte for byte and holds only zeros after it (libburn pads to whole ECC
# blocks); loaded again as virtual:OUT.iso, xorriso lists the files and extracts them unchanged.
# On DVD+RW (001Ah, overwritable) libburn formats the blank disc first (FORMAT UNIT, type 26h) and
# writes from LBA 0; xorriso -outdev writes its image from LBA 32 and the superblock copy at 0, so
# the disc reads as one ISO from LBA 0 (multi-session emulation on overwritable media).
# A BD-RE (0043h) comes formatted and is written as a DVD+RW is, without the format. A BD-R
# (0041h, Sequential Recording Mode, unformatted) is written as a DVD+R is (libburn treats them
# alike), padded to whole 64 KiB clusters, and finalised with CLOSE TRACK SESSION 110b.
# discwright-virtual: `discwright burn ISO 'virtual:blank?...'` itself, which runs the same burn
# under emulate (libburn opens drives itself; the virtual drive stays in the first process).
#   burn_dvd.sh BUILD_DIR xorriso|xorriso-cdrecord|cdrskin-sao|cdrskin-tao|discwright|discwright-virtual [dvdr|dvdplusr|dvdrw|dvdplusrw|bdre|bdr]
set -euo pipefail
build=$(cd "${1:?usage: burn_dvd.sh BUILD_DIR WRITER [MEDIA]}" && pwd)
writer=${2:?usage: burn_dvd.sh BUILD_DIR WRITER [MEDIA]}
media=${3:-dvdr}
case "$media" in
  dvdr) media_name="DVD-R sequential recording" ;;
  dvdplusr) media_name="DVD+R" ;;
  dvdrw) media_name="DVD-RW sequential recording" ;;
  dvdplusrw) media_name="DVD+RW" ;;
  bdre) media_name="BD-RE" ;;
  bdr) media_name="BD-R sequential recording" ;;
  *) echo "FAIL: unknown media $media"; exit 1 ;;
esac
. "$(dirname "$0")/lib.sh"
need genisoimage xorriso python3 cmp
case "$writer" in cdrskin-*) need cdrskin ;; esac
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dw="$build/bin/discwright"
emulate_ok "virtual:blank?media=$media&timing=instant"

mkdir -p "$work/tree/docs"
python3 - "$work/tree" <<'PY'
import os, random, sys
r = random.Random(7)
root = sys.argv[1]
open(os.path.join(root, "big.bin"), "wb").write(r.randbytes(3 << 20))
open(os.path.join(root, "docs", "odd.bin"), "wb").write(r.randbytes(1234567))
open(os.path.join(root, "docs", "readme.txt"), "w").write("burned onto a virtual DVD-R\n")
PY
iso=$work/src.iso
genisoimage -quiet -R -J -V DWDVD -o "$iso" "$work/tree"
out=$work/out.iso
spec="virtual:blank?media=$media&save=$out&timing=instant"
case "$writer" in
  xorriso) cmd=(xorriso -outdev /dev/sr0 -map "$work/tree" /) ;;
  xorriso-cdrecord) cmd=(xorriso -as cdrecord dev=/dev/sr0 "$iso") ;;
  cdrskin-sao) cmd=(cdrskin dev=/dev/sr0 -sao "$iso") ;;
  cdrskin-tao) cmd=(cdrskin dev=/dev/sr0 -tao "$iso") ;;
  discwright) cmd=("$dw" burn "$iso" /dev/sr0 --log "$work/burn.log") ;;
  discwright-virtual) cmd=("$dw" burn "$iso" "$spec" --log "$work/burn.log") ;;  # runs itself under emulate
  *) echo "FAIL: unknown writer $writer"; exit 1 ;;
esac
# The kernel's table follows mode page 2A: a recorder with a DVD-R (or DVD+R) loaded can write DVD-R.
emu "virtual:blank?media=$media&timing=instant" -- grep -q "^Can write DVD-R:.1$" /proc/sys/dev/cdrom/info ||
  { echo "FAIL: /proc/sys/dev/cdrom/info does not say the drive can write the DVD-R"; exit 1; }
# libburn names the medium from the current profile (GET CONFIGURATION).
got=$(emu "virtual:blank?media=$media&timing=instant" -- xorriso -outdev /dev/sr0 2>&1 | grep "^Media current:") || true
[ "$got" = "Media current: $media_name" ] || { echo "FAIL: xorriso sees '$got', want 'Media current: $media_name'"; exit 1; }
if [ "$writer" = discwright-virtual ]; then
  "${cmd[@]}" >"$work/writer.out" 2>&1 || { echo "FAIL: $writer onto the virtual DVD-R"; cat "$work/writer.out"; exit 1; }
  : >"$work/commands.log"  # the drive was discwright's own: no command log to look at
else
  emu "$spec" --log-commands "$work/commands.log" -- "${cmd[@]}" >"$work/writer.out" 2>&1 ||
    { echo "FAIL: $writer onto the virtual DVD-R"; cat "$work/writer.out"; exit 1; }
fi
[ -s "$out" ] || { echo "FAIL: $writer: nothing was saved as $out"; cat "$work/writer.out"; exit 1; }
if grep -q "^cdb .*05/20/00" "$work/commands.log"; then
  echo "FAIL: $writer sent commands the drive does not know:"; grep "^cdb .*05/20/00" "$work/commands.log"; exit 1
fi
if [ "$media" = dvdplusrw ] && [ "$writer" != discwright-virtual ] && ! grep -q "^cdb 04 " "$work/commands.log"; then
  echo "FAIL: $writer did not format the blank DVD+RW (FORMAT UNIT)"; exit 1
fi
# BD-R: libburn closes the track (001b) and then its session: finalised with 110b (write.c
# burn_disc_finalize_dvd_plus_r), or 010b left appendable by xorriso -outdev.
if [ "$media" = bdr ] && [ "$writer" != discwright-virtual ]; then
  close=06
  [ "$writer" = xorriso ] && close=02
  grep -Eq "^cdb 5B 0[01] 01 .* -> GOOD" "$work/commands.log" && grep -Eq "^cdb 5B 0[01] $close .* -> GOOD" "$work/commands.log" ||
    { echo "FAIL: $writer did not close the BD-R track and session (5B ... $close)"; grep "^cdb 5B" "$work/commands.log"; exit 1; }
fi
if [ "${writer%-virtual}" = discwright ]; then
  grep -q "DVD and BD media are written through libburn" "$work/burn.log" ||
    { echo "FAIL: discwright burn did not choose libburn for $media"; cat "$work/burn.log"; exit 1; }
  grep -q "good: burned, and every block read back equal to the image" "$work/writer.out" ||
    { echo "FAIL: discwright burn's verdict"; cat "$work/writer.out"; exit 1; }
fi

# The ISO's bytes, then zeros only (xorriso -outdev made its own ISO of the tree: no source to cmp).
size=$(stat -c %s "$iso")
if [ "$writer" != xorriso ]; then
  cmp -n "$size" "$iso" "$out" || { echo "FAIL: $writer: the saved disc does not start with the ISO"; exit 1; }
  [ "$(tail -c +$((size + 1)) "$out" | tr -d '\0' | wc -c)" -eq 0 ] ||
    { echo "FAIL: $writer: bytes after the ISO are not zero"; exit 1; }
fi
[ $(($(stat -c %s "$out") % 32768)) -eq 0 ] || { echo "FAIL: the saved disc is not whole ECC blocks"; exit 1; }
[ "$media" != bdr ] || [ $(($(stat -c %s "$out") % 65536)) -eq 0 ] ||
  { echo "FAIL: the saved BD-R is not whole 64 KiB clusters"; exit 1; }

# Read back through the virtual drive: the listing and the files.
listing=$(emu "virtual:$out?timing=instant" -- xorriso -indev /dev/sr0 -ls / 2>&1) ||
  { echo "FAIL: xorriso -indev on the saved disc"; echo "$listing"; exit 1; }
for f in big.bin docs; do
  grep -q "'$f'" <<<"$listing" || { echo "FAIL: xorriso -ls / does not list $f"; echo "$listing"; exit 1; }
done
emu "virtual:$out?timing=instant" -- xorriso -osirrox on -indev /dev/sr0 -extract / "$work/back" >/dev/null 2>&1 ||
  { echo "FAIL: xorriso -extract from the saved disc"; exit 1; }
diff -r "$work/tree" "$work/back" || { echo "FAIL: the files read back differ"; exit 1; }
echo "PASS: $writer burned an ISO onto a virtual $media_name; saved, it reads back as the files"

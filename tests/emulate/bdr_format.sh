#!/usr/bin/env bash
# A blank 25 GB BD-R (virtual:blank?media=bdr) formatted with spare areas by libburn, then burned.
# The figures are worked out here from the disc's format descriptors - 12,219,392 blocks unformatted,
# spare areas of 12,288 (default), 200,704 (most) and 4,096 (fewest) clusters of 32 blocks, as a
# blank BD-R in an HL-DT-ST WH16NS40 lists them - and from what libburn sends (mmc.c
# mmc_format_unit): never from the virtual drive's own answers.
#   as_needed: xorriso -format as_needed: FORMAT UNIT type 00h, subtype 01b (SRM without POW), the
#              default spares; the user area 12,219,392 - 12,288 x 32 = 11,826,176 blocks.
#   by_size:   xorriso -format by_size_20000m: 20,000 MiB = 10,240,000 blocks (whole 64 KiB), type
#              32h subtype 01b; (12,219,392 - 10,240,000) / 32 = 61,856 spare clusters.
#   pow:       FORMAT UNIT type 00h subtype 00b (SRM+POW) by sg_raw (libburn's programs never ask
#              for POW); libburn then calls the disc unsuitable and refuses to write it.
#   bdre:      an unformatted BD-RE (media=bdre&formatted=no) listing a real blank BD-RE's
#              descriptors (libburn mmc.c quotes them: 00h and three 30h with 12,288, 20,480 and
#              4,096 spare clusters, 31h the whole disc); xorriso -format as_needed formats a BD-RE
#              "fast" (libisoburn write_run.c Xorriso_blank_as_needed), for which libburn takes the
#              00h descriptor (mmc_format_unit, flag bit 6), subtype 00b, block length 000800h.
# Before formatting, xorriso -list_formats shows the four descriptors; afterwards the format status,
# and cdrskin -minfo the remaining writable size, the spare blocks (half of each spare area: the
# drive reports 65,536 for the 4,096-cluster format) and the product id from the Disc Information
# (READ DISC STRUCTURE 00h). Then xorriso -as cdrecord burns a genisoimage ISO: the saved disc
# (save=OUT.iso) is the ISO byte for byte, then zeros to the end of its last cluster.
#   bdr_format.sh BUILD_DIR as_needed|by_size|pow|bdre
set -euo pipefail
build=$(cd "${1:?usage: bdr_format.sh BUILD_DIR MODE}" && pwd)
mode=${2:?usage: bdr_format.sh BUILD_DIR as_needed|by_size|pow|bdre}
. "$(dirname "$0")/lib.sh"
need genisoimage xorriso cdrskin cmp
[ "$mode" != pow ] || need sg_raw
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dw="$build/bin/discwright"
media=bdr
[ "$mode" != bdre ] || media="bdre&formatted=no"
emulate_ok "virtual:blank?media=$media&timing=instant"

capacity=12219392
mib() { awk -v b="$1" 'BEGIN { printf "%.1f", b * 2048 / 1048576 }'; }
user() { echo $((capacity - $1 * 32)); }
case "$mode" in
  as_needed) spares=12288 format_args=(-format as_needed) descriptor="00 B4 74 00 01 00 08 00" ;;
  by_size) spares=61856 format_args=(-format by_size_20000m) descriptor="00 9C 40 00 C9 00 00 00" ;;
  pow) spares=12288 descriptor="00 B4 74 00 C8 00 00 00" ;;
  bdre) spares=12288 format_args=(-format as_needed) descriptor="00 B4 74 00 00 00 08 00" ;;
  *) echo "FAIL: unknown mode $mode"; exit 1 ;;
esac
blocks=$(user "$spares")
[ "$mode" != by_size ] || [ "$blocks" -eq $((20000 * 1048576 / 2048)) ] || { echo "FAIL: test arithmetic"; exit 1; }

mkdir -p "$work/tree"
head -c 3000000 /dev/urandom >"$work/tree/big.bin"
echo "burned onto a formatted virtual BD-R" >"$work/tree/readme.txt"
iso=$work/src.iso
genisoimage -quiet -R -J -V DWBDR -o "$iso" "$work/tree"
out=$work/out.iso
cat >"$work/steps.sh" <<STEPS
set -x
xorriso -outdev /dev/sr0 -list_formats
STEPS
if [ "$mode" = pow ]; then
  # FORMAT UNIT: FmtData, format code 001b; IMMED; one descriptor: 11,826,176 blocks, 00h, 00b.
  printf '\x00\x02\x00\x08\x00\xB4\x74\x00\xC8\x00\x00\x00' >"$work/pow.bin"
  echo "sg_raw -s 12 -i $work/pow.bin /dev/sr0 04 11 00 00 00 00" >>"$work/steps.sh"
else
  echo "xorriso -outdev /dev/sr0 ${format_args[*]}" >>"$work/steps.sh"
fi
cat >>"$work/steps.sh" <<STEPS
xorriso -outdev /dev/sr0 -list_formats -toc
cdrskin dev=/dev/sr0 -minfo
xorriso -as cdrecord dev=/dev/sr0 $iso || echo "write refused: \$?"
STEPS
emu "virtual:blank?media=$media&timing=instant&save=$out" --log-commands "$work/commands.log" -- bash "$work/steps.sh" \
  >"$work/steps.out" 2>&1 || { echo "FAIL: the steps did not run"; cat "$work/steps.out"; exit 1; }

sed 's/[[:space:]]*$//' "$work/steps.out" >"$work/lines"
expect() {  # expect LINE: the steps printed LINE (whole, trailing blanks trimmed)
  grep -qxF -- "$1" "$work/lines" ||
    { echo "FAIL ($mode): no line '$1'"; cat "$work/steps.out"; exit 1; }
}
# Blank: unformatted, the whole disc; the four descriptors (index, type, blocks, MiB).
expect "Format status: unformatted, up to $(mib $capacity) MiB"
descriptors=(00h:12288 32h:12288 32h:200704 32h:4096)
[ "$mode" != bdre ] || descriptors=(00h:12288 30h:12288 30h:20480 30h:4096 31h:0)
i=0
for d in "${descriptors[@]}"; do
  b=$(user "${d#*:}")
  expect "Format idx $i : ${d%:*} , ${b}s , $(mib "$b") MiB"
  i=$((i + 1))
done
# The FORMAT UNIT as sent, and taken.
grep -q "^cdb 04 11 00 00 00 00 out 12 -> GOOD, 12 bytes, .* sent 00 [08]2 00 08 $descriptor" "$work/commands.log" ||
  { echo "FAIL ($mode): no FORMAT UNIT with the descriptor $descriptor taken"; grep "^cdb 04" "$work/commands.log"; exit 1; }
# Formatted: the user area, the spare blocks, the Disc Information's product id. (xorriso calls a
# formatted BD-R "written"; BD-RE spare areas are not modelled: no spare area information.)
if [ "$mode" = bdre ]; then
  expect "Format status: formatted, with $(mib "$blocks") MiB"
else
  expect "Format status: written, with $(mib "$blocks") MiB"
  expect "Remaining writable size:            $blocks"
  expect "BD Spare Area available:  $((spares / 2 * 32))"
fi
expect "Product Id:    DWRITE/VD1/1"
if [ "$mode" = pow ]; then
  expect "Media status : is unsuitable , is POW formatted"
  grep -q "MEDIA: unsuitable BD-R Pseudo Overwrite formatting" "$work/steps.out" ||
    { echo "FAIL: libburn did not refuse the POW disc"; cat "$work/steps.out"; exit 1; }
  [ ! -s "$out" ] || { echo "FAIL: something was written onto the POW disc"; exit 1; }
  echo "PASS: a virtual BD-R formatted SRM+POW is reported so, and libburn refuses to write it"
  exit 0
fi
grep -q "write refused" "$work/steps.out" && { echo "FAIL: xorriso -as cdrecord failed"; cat "$work/steps.out"; exit 1; }
[ "$mode" = bdre ] || grep -Eq "^cdb 5B 0[01] 06 .* -> GOOD" "$work/commands.log" ||
  { echo "FAIL: the disc was not finalised (CLOSE TRACK SESSION 110b)"; exit 1; }
size=$(stat -c %s "$iso")
cmp -n "$size" "$iso" "$out" || { echo "FAIL: the saved disc does not start with the ISO"; exit 1; }
[ "$(tail -c +$((size + 1)) "$out" | tr -d '\0' | wc -c)" -eq 0 ] || { echo "FAIL: bytes after the ISO"; exit 1; }
# xorriso -as cdrecord pads the track by 300 KiB (cdrecord's padsize), the drive to a whole cluster.
saved=$(stat -c %s "$out")
[ $((saved % 65536)) -eq 0 ] && [ $((saved - size - 307200)) -ge 0 ] && [ $((saved - size - 307200)) -lt 65536 ] ||
  { echo "FAIL: the saved disc ($saved bytes) is not the ISO ($size) + 300 KiB padded to its last cluster"; exit 1; }
echo "PASS: xorriso formatted a virtual $media ($mode: $blocks blocks, $spares spare clusters) and burned the ISO onto it"

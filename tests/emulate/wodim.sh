#!/usr/bin/env bash
# wodim (cdrkit) against the virtual drive: `--devices` and `-scanbus` find it (wodim scans
# /dev/scd* and the SCSI buses), `-prcap` decodes its capabilities page 2A, `-toc` lists the
# source's tracks, start LBAs, control nibbles, modes (from READ HEADER) and lead-out (golden.py
# toc-listing).
#   wodim.sh BUILD_DIR PERSONALITY KIND
set -euo pipefail
build=$(cd "${1:?usage: wodim.sh BUILD_DIR PERSONALITY KIND}" && pwd)
drive=${2:?usage: wodim.sh BUILD_DIR PERSONALITY KIND}
kind=${3:?usage: wodim.sh BUILD_DIR PERSONALITY KIND}
. "$(dirname "$0")/lib.sh"
need wodim python3
emulate_disc "$kind"
drive_identity "$drive"
source_json
spec="virtual:$cue?drive=$drive&timing=instant"

# wodim --devices exits with the number of drives it found.
rc=0
out=$(emu "$spec" -- wodim --devices 2>&1) || rc=$?
[ $rc -eq 1 ] || { echo "FAIL: wodim --devices exit code $rc (1 drive)"; echo "$out"; exit 1; }
grep -q "dev='/dev/scd0'.*'$vendor' '$product'" <<<"$out" || { echo "FAIL: wodim --devices"; echo "$out"; exit 1; }
out=$(emu "$spec" -- wodim -scanbus 2>&1) || { echo "FAIL: wodim -scanbus"; echo "$out"; exit 1; }
grep -q "0,0,0.*0) '$vendor *' '$product *' '.*' Removable CD-ROM" <<<"$out" || { echo "FAIL: wodim -scanbus"; echo "$out"; exit 1; }

# Page 2A as the personality describes the drive (docs/virtual-drive.md): a CD/DVD recorder that
# reads at 48x and writes at 52x (generic) or 48x (PX-760A), with C2 pointers, MCN, ISRC and an
# accurate CD-DA stream, R-W subchannel raw and de-interleaved, on a tray that ejects and locks.
case "$drive" in
  generic) write="9173 kB/s (CD  52x" ;;
  plextor) write="8467 kB/s (CD  48x" ;;
  *) echo "FAIL: no page 2A expectations for $drive"; exit 1 ;;
esac
out=$(emu "$spec" -- wodim dev=/dev/sr0 -prcap 2>&1) || { echo "FAIL: wodim -prcap"; echo "$out"; exit 1; }
for line in "Does read CD-R media" "Does write CD-R media" "Does write CD-RW media" "Does read DVD-ROM media" \
  "Does read digital audio blocks" "Does restart non-streamed digital audio reads accurately" \
  "Does return CD media catalog number" "Does return CD ISRC information" "Does support C2 error pointers" \
  "Does read R-W subcode information" "Does return R-W subcode de-interleaved and error-corrected" \
  "Does support Buffer-Underrun-Free recording" "Loading mechanism type: tray" \
  "Does support ejection of CD via START/STOP command" "Maximum read  speed:  8467 kB/s (CD  48x" \
  "Maximum write speed:  $write"; do
  grep -qF "$line" <<<"$out" || { echo "FAIL: wodim -prcap lacks '$line'"; echo "$out"; exit 1; }
done

# -v: wodim times 100 READ BUFFERs of the drive's buffer (its size from the mode 0 header) and
# reports the host link speed; a drive without READ BUFFER gets no such line.
out=$(emu "$spec" -- wodim -v dev=/dev/sr0 -toc 2>&1) || { echo "FAIL: wodim -toc"; echo "$out"; exit 1; }
golden toc-listing "$work/src.json" wodim <<<"$out"
grep -q "^Drive DMA Speed: [0-9]* kB/s" <<<"$out" || { echo "FAIL: wodim -v measured no DMA speed (READ BUFFER)"; echo "$out"; exit 1; }
echo "PASS: wodim --devices, -scanbus, -prcap, -toc ($drive, $kind)"

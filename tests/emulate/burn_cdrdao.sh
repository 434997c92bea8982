#!/usr/bin/env bash
# cdrdao burns onto the virtual drive's blank CD-R (SAO, and RAW with generic-mmc-raw), and the
# saved disc equals the source: from a TOC file with CD-Text (written from the source sheet by cdrdao_toc; the generic-mmc driver
# writes CD-Text with option 0x10), and from the CUE itself (cdrdao reads BINARY audio as big-endian,
# so --swap; it takes no CD-Text from a CUE). The demo data track is shorter than the 4 seconds
# cdrdao checks for, hence --force.
#   burn_cdrdao.sh BUILD_DIR KIND      (KIND: audio or mixed)
set -euo pipefail
build=$(cd "${1:?usage: burn_cdrdao.sh BUILD_DIR KIND}" && pwd)
kind=${2:?usage: burn_cdrdao.sh BUILD_DIR KIND}
. "$(dirname "$0")/lib.sh"
need cdrdao python3
emulate_disc "$kind"
cdrdao_toc "$cue" >"$work/src/Demo.toc"
blank="virtual:blank?media=cdr&timing=instant&save"
burn() {  # burn NAME SHEET OPTIONS...
  local name=$1 sheet=$2
  shift 2
  (cd "$work/src" && emu "$blank=$work/$name.ccd" --log-commands "$work/$name.cmds" -- \
    cdrdao write -n --force --device /dev/sr0 "$@" "$sheet") >"$work/$name.out" 2>&1 ||
    { echo "FAIL: cdrdao write $sheet exited $?"; cat "$work/$name.out"; exit 1; }
  grep -q "Writing finished successfully" "$work/$name.out" || { echo "FAIL: cdrdao write $sheet"; cat "$work/$name.out"; exit 1; }
}
burn toc Demo.toc --driver generic-mmc:0x10
same_disc "$work/toc.ccd" "cdrdao write Demo.toc"
# RAW (96-byte P-W per block: cdrdao makes the lead-in, CD-Text and subchannel itself).
burn raw Demo.toc --driver generic-mmc-raw
same_disc "$work/raw.ccd" "cdrdao write --driver generic-mmc-raw Demo.toc"
# A simulation writes nothing: the blank stays blank and nothing is saved.
(cd "$work/src" && emu "$blank=$work/sim.ccd" -- cdrdao simulate -n --force --device /dev/sr0 Demo.toc) >"$work/sim.out" 2>&1 ||
  { echo "FAIL: cdrdao simulate exited $?"; cat "$work/sim.out"; exit 1; }
grep -q "Simulation finished successfully" "$work/sim.out" && [ ! -e "$work/sim.ccd" ] ||
  { echo "FAIL: cdrdao simulate"; cat "$work/sim.out"; exit 1; }
burn cue Demo.cue --swap
same_disc "$work/cue.ccd" "cdrdao write --swap Demo.cue" nocdtext
echo "PASS: cdrdao write of a TOC (with CD-Text; SAO and RAW) and of the CUE: the burned $kind disc equals the source; simulate writes nothing"

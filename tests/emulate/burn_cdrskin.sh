#!/usr/bin/env bash
# cdrskin (libburn) burns the audio disc with CD-Text in SAO (-sao -text cuefile=) onto the virtual
# drive's blank CD-R, and the saved disc equals the source: TOC, indices, pregaps, pre-emphasis and
# copy flags, MCN, ISRC, CD-Text, and the program area. libburn reads one FILE per cue sheet
# (made by `discwright convert --to cue-single`) and audio tracks only; it adds the MCN and ISRCs
# to the CD-Text as UPC/ISRC items (checked, then left out).
#   burn_cdrskin.sh BUILD_DIR
set -euo pipefail
build=$(cd "${1:?usage: burn_cdrskin.sh BUILD_DIR}" && pwd)
. "$(dirname "$0")/lib.sh"
need cdrskin python3
emulate_disc audio
"$dw" convert --to cue-single "$cue" "$work/one/Demo.cue" >/dev/null
cue="$work/one/Demo.cue"
(cd "$work/one" && emu "virtual:blank?media=cdr&timing=instant&save=$work/burned.ccd" --log-commands "$work/cmds" -- \
  cdrskin dev=/dev/sr0 -sao -text gracetime=0 cuefile=Demo.cue) >"$work/out" 2>&1 ||
  { echo "FAIL: cdrskin exited $?"; cat "$work/out"; exit 1; }
same_disc "$work/burned.ccd" "cdrskin -sao -text cuefile=Demo.cue" upc nosheet
# -dummy writes nothing.
(cd "$work/one" && emu "virtual:blank?media=cdr&timing=instant&save=$work/dummy.ccd" -- \
  cdrskin dev=/dev/sr0 -sao -dummy gracetime=0 cuefile=Demo.cue) >"$work/dummy.out" 2>&1 ||
  { echo "FAIL: cdrskin -dummy exited $?"; cat "$work/dummy.out"; exit 1; }
[ ! -e "$work/dummy.ccd" ] || { echo "FAIL: cdrskin -dummy wrote the disc"; exit 1; }
# A CD-RW burned, blanked (cdrskin blank=fast, wodim blank=fast, cdrdao blank) and burned again.
(cd "$work/one" && emu "virtual:blank?media=cdrw&timing=instant&save=$work/rw.ccd" -- sh -ec '
  cdrskin dev=/dev/sr0 -sao gracetime=0 cuefile=Demo.cue
  cdrskin dev=/dev/sr0 blank=fast gracetime=0
  cdrskin dev=/dev/sr0 -sao gracetime=0 cuefile=Demo.cue
  if command -v wodim >/dev/null; then wodim dev=/dev/sr0 blank=fast fs=1m gracetime=0; fi
  if command -v cdrdao >/dev/null; then cdrdao blank --device /dev/sr0 --blank-mode minimal; fi
  cdrskin dev=/dev/sr0 -sao -text gracetime=0 cuefile=Demo.cue') >"$work/rw.out" 2>&1 ||
  { echo "FAIL: burning, blanking and burning a CD-RW exited $?"; cat "$work/rw.out"; exit 1; }
same_disc "$work/rw.ccd" "cdrskin on a blanked CD-RW" upc nosheet
echo "PASS: cdrskin -sao -text cuefile=: the burned audio disc (CD-Text, MCN, ISRC, flags, indices) equals the source; -dummy writes nothing; a CD-RW blanked and burned again"

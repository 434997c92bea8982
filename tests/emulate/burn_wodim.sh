#!/usr/bin/env bash
# wodim burns a single-BIN cue sheet with CD-Text (-dao -text cuefile=) onto the virtual drive's
# blank CD-R, and the saved disc equals the sheet burned. wodim needs one BIN (the sheet is made by
# `discwright convert --to cue-single`) and cannot take the demo sheet as it is (see wodim_disc in
# lib.sh: its stale INDEX 00, FLAGS PRE dropped, BINARY read as big-endian, so a WAVE), so the
# source is that adjusted sheet. wodim adds
# the MCN and ISRCs to the CD-Text (checked, then left out). In the user namespace wodim cannot
# raise RLIMIT_MEMLOCK, so its FIFO is kept small (fs=1m).
#   burn_wodim.sh BUILD_DIR        (the audio disc; wodim's cue parser takes no 2352-byte data)
set -euo pipefail
build=$(cd "${1:?usage: burn_wodim.sh BUILD_DIR}" && pwd)
. "$(dirname "$0")/lib.sh"
need wodim python3
emulate_disc audio
"$dw" convert --to cue-single "$cue" "$work/one/Demo.cue" >/dev/null
wodim_disc "$work/one/Demo.cue" "$work/wodim"
cue="$work/wodim/Demo.cue"
(cd "$work/wodim" && emu "virtual:blank?media=cdr&timing=instant&save=$work/burned.ccd" --log-commands "$work/cmds" -- \
  wodim dev=/dev/sr0 -dao -text fs=1m gracetime=0 cuefile=wodim.cue) >"$work/out" 2>&1 ||
  { echo "FAIL: wodim exited $?"; cat "$work/out"; exit 1; }
same_disc "$work/burned.ccd" "wodim -dao -text cuefile=wodim.cue" upc nosheet
echo "PASS: wodim -dao -text cuefile=: the burned audio disc (CD-Text, MCN, ISRC, indices) equals the sheet"

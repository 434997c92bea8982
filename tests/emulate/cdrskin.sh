#!/usr/bin/env bash
# cdrskin (libburn) against the virtual drive: `--devices` finds it (libburn stats /dev/sr*, reads
# /proc/sys/dev/cdrom/info, asks HDIO_GET_IDENTITY and SG_GET_SCSI_ID), `-toc` lists the source's
# tracks, start LBAs, control nibbles and every session's lead-out (golden.py toc-listing).
#   cdrskin.sh BUILD_DIR PERSONALITY KIND
set -euo pipefail
build=$(cd "${1:?usage: cdrskin.sh BUILD_DIR PERSONALITY KIND}" && pwd)
drive=${2:?usage: cdrskin.sh BUILD_DIR PERSONALITY KIND}
kind=${3:?usage: cdrskin.sh BUILD_DIR PERSONALITY KIND}
. "$(dirname "$0")/lib.sh"
need cdrskin python3
emulate_disc "$kind"
drive_identity "$drive"
source_json
spec="virtual:$cue?drive=$drive&timing=instant"

# libburn prints the INQUIRY strings with runs of blanks squeezed to one.
out=$(emu "$spec" -- cdrskin --devices 2>&1) || { echo "FAIL: cdrskin --devices"; echo "$out"; exit 1; }
grep -q "(1 found)" <<<"$out" && grep -q "dev='/dev/sr0' .*'$vendor *' *'$(tr -s ' ' <<<"$product")'" <<<"$out" ||
  { echo "FAIL: cdrskin --devices"; echo "$out"; exit 1; }

out=$(emu "$spec" -- cdrskin dev=/dev/sr0 -toc 2>&1) || { echo "FAIL: cdrskin -toc"; echo "$out"; exit 1; }
golden toc-listing "$work/src.json" cdrskin <<<"$out"
summary="Media summary: $(session_count) sessions, $(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["tracks"]))' "$work/src.json") tracks, closed CD-ROM"
grep -qF "$summary" <<<"$out" || { echo "FAIL: cdrskin -toc lacks '$summary'"; echo "$out"; exit 1; }
echo "PASS: cdrskin --devices, -toc ($drive, $kind)"

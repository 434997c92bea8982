#!/usr/bin/env bash
# Makes the demo disc (a small mixed-mode CD with CD-Text: an ISO 9660 data track made by
# genisoimage, then two audio tracks) in OUT_DIR, using the built dw-make-disc.
#   testdata/make-demo.sh BUILD_DIR OUT_DIR [KIND]
set -euo pipefail
build=${1:?usage: make-demo.sh BUILD_DIR OUT_DIR [KIND]}
out=${2:?usage: make-demo.sh BUILD_DIR OUT_DIR [KIND]}
kind=${3:-mixed}
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$out/files"
cp "$here/README.md" "$out/files/README.TXT"
seq 1 20000 >"$out/files/NUMBERS.TXT"
genisoimage -quiet -V DW_DEMO -J -r -o "$out/data.iso" "$out/files"
"$build/bin/dw-make-disc" "$kind" "$out/Demo.cue" --iso "$out/data.iso" >/dev/null
echo "$out/Demo.cue"

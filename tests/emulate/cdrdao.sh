#!/usr/bin/env bash
# cdrdao 1.2.4 against the virtual drive: `scanbus` lists it; `read-toc` of every session gives a
# TOC file describing the source's tracks, modes, pregaps, indices, ISRC, MCN and CD-Text (loaded
# back with `discwright info --json`, compared by golden.py same-disc); `read-cd --read-raw` gives
# the data file golden.py cdrdao-bin computes from the source BINs: data tracks byte for byte,
# audio shifted by the personality's read offset (cdrdao 1.2.4 cannot be told one) and big-endian.
#   cdrdao.sh BUILD_DIR PERSONALITY KIND
set -euo pipefail
build=$(cd "${1:?usage: cdrdao.sh BUILD_DIR PERSONALITY KIND}" && pwd)
drive=${2:?usage: cdrdao.sh BUILD_DIR PERSONALITY KIND}
kind=${3:?usage: cdrdao.sh BUILD_DIR PERSONALITY KIND}
. "$(dirname "$0")/lib.sh"
need cdrdao python3
emulate_disc "$kind"
drive_identity "$drive"
source_json
spec="virtual:$cue?drive=$drive&timing=instant"

out=$(emu "$spec" -- cdrdao scanbus 2>&1)
grep -q "^/dev/sr0 : $vendor *, $product *, " <<<"$out" || { echo "FAIL: cdrdao scanbus"; echo "$out"; exit 1; }

leadout_bytes=$(($(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["leadout"])' "$work/src.json") * 2352))
for session in $(seq 1 "$(session_count)"); do
  dir="$work/session$session"
  mkdir -p "$dir"
  (cd "$dir" && emu "$spec" -- cdrdao read-toc --session "$session" --device /dev/sr0 --datafile toc.bin toc.toc) \
    >"$dir/read-toc.log" 2>&1 || { echo "FAIL: cdrdao read-toc --session $session"; cat "$dir/read-toc.log"; exit 1; }
  # The TOC names data files it did not write; sparse stand-ins let discwright load its structure.
  golden stub-files "$dir/toc.toc" "$leadout_bytes"
  "$dw" info --json "$dir/toc.toc" >"$dir/toc.json"
  golden same-disc "$work/src.json" "$dir/toc.json" "$session" || { cat "$dir/toc.toc"; exit 1; }

  (cd "$dir" && emu "$spec" -- cdrdao read-cd --session "$session" --read-raw --device /dev/sr0 --datafile cd.bin cd.toc) \
    >"$dir/read-cd.log" 2>&1 || { echo "FAIL: cdrdao read-cd --session $session"; cat "$dir/read-cd.log"; exit 1; }
  golden cdrdao-bin "$cue" "$work/src.json" "$session" "$(offset_bytes "$drive")" "$dir/expected.bin"
  cmp "$dir/expected.bin" "$dir/cd.bin" || { echo "FAIL: cdrdao read-cd data file of session $session"; exit 1; }
  # cdrdao checks every Q CRC it reads: none may fail.
  ! grep -q "CRC error" "$dir/read-toc.log" "$dir/read-cd.log" || { echo "FAIL: Q CRC errors"; exit 1; }
done
echo "PASS: cdrdao scanbus, read-toc and read-cd ($drive, $kind)"

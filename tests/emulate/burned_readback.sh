#!/usr/bin/env bash
# The other direction: a disc burned by `discwright burn` onto virtual blank media and saved is
# loaded into the drive (personality PERSONALITY) and read by other programs:
# - cdparanoia, told the drive's read offset (-O, in samples), rips the audio tracks bit-identical
#   to the source (its track files split at index 1, so they are compared as one stream);
# - cdrdao read-toc gives the source's MCN, CD-Text, flags, ISRCs, pregaps and indices;
# - cdrdao read-cd --read-raw copies the data tracks byte for byte and the audio as the source's
#   samples (big-endian, as cdrdao writes them) shifted by the drive's read offset, which cdrdao
#   does not correct. Its TOC is not compared: cdrdao 1.2.4's read-cd takes an audio pregap's
#   length from where its read chunk ends (25 frames instead of 150 on the audio disc) and gives
#   the track after an ISRC frame that ISRC; it does the same on the pressed source image, and
#   read-toc (above) gets both right.
#   burned_readback.sh BUILD_DIR KIND PERSONALITY      (KIND: audio or mixed)
set -euo pipefail
build=$(cd "${1:?usage: burned_readback.sh BUILD_DIR KIND PERSONALITY}" && pwd)
kind=${2:?usage: burned_readback.sh BUILD_DIR KIND PERSONALITY}
drive=${3:?usage: burned_readback.sh BUILD_DIR KIND PERSONALITY}
. "$(dirname "$0")/lib.sh"
need cdparanoia cdrdao python3
emulate_disc "$kind"
"$dw" burn "$cue" "virtual:blank?media=cdr&timing=instant&save=$work/burned.ccd" --json >"$work/burn.json" 2>"$work/burn.err" ||
  { echo "FAIL: discwright burn exited $?"; cat "$work/burn.err"; exit 1; }
spec="virtual:$work/burned.ccd?drive=$drive&timing=instant"
offset=$(offset_bytes "$drive")
sheet_data "$cue" >"$work/program.bin"
# The audio tracks (first-last), the first one's index 1 and the lead-out, from the source.
read -r first last start leadout <<<"$("$dw" info --json "$cue" | python3 -c '
import json, sys
d = json.load(sys.stdin)
a = [t for t in d["tracks"] if t["type"] == "audio"]
print(a[0]["number"], a[-1]["number"], a[0]["start"], d["leadout"])')"

mkdir -p "$work/cdparanoia"
(cd "$work/cdparanoia" && emu "$spec" -- cdparanoia -d /dev/sr0 -O "$(offset_samples "$drive")" -B -r -- "$first-$last") >"$work/cdparanoia.out" 2>&1 ||
  { echo "FAIL: cdparanoia exited $?"; cat "$work/cdparanoia.out"; exit 1; }
cmp <(cat "$work/cdparanoia/"track*.cdda.raw) <(tail -c +$((start * 2352 + 1)) "$work/program.bin") ||
  { echo "FAIL: cdparanoia's rip of the burned disc differs from the source's audio"; exit 1; }

mkdir -p "$work/cdrdao"
(cd "$work/cdrdao" && emu "$spec" -- cdrdao read-toc --device /dev/sr0 read.toc) >"$work/read-toc.out" 2>&1 ||
  { echo "FAIL: cdrdao read-toc exited $?"; cat "$work/read-toc.out"; exit 1; }
[ "$(toc_facts "$cue")" = "$(toc_facts "$work/cdrdao/read.toc")" ] ||
  { echo "FAIL: cdrdao read-toc of the burned disc"; diff <(toc_facts "$cue") <(toc_facts "$work/cdrdao/read.toc"); exit 1; }
(cd "$work/cdrdao" && emu "$spec" -- cdrdao read-cd --device /dev/sr0 --read-raw --datafile disc.bin disc.toc) >"$work/read-cd.out" 2>&1 ||
  { echo "FAIL: cdrdao read-cd exited $?"; cat "$work/read-cd.out"; exit 1; }
python3 - "$work/cdrdao/disc.bin" "$work/program.bin" "$start" "$leadout" "$offset" <<'PY' || { echo "FAIL: cdrdao read-cd data"; exit 1; }
import sys
got, program = open(sys.argv[1], 'rb').read(), open(sys.argv[2], 'rb').read()
start, leadout, offset = (int(x) for x in sys.argv[3:6])
# The data tracks before the audio, raw (cdrdao does not read the audio pregap after them).
data = program[:len(got) - (leadout - start) * 2352]
assert got[:len(data)] == data, "data tracks differ"
padded = bytes(offset) + program
audio = padded[start * 2352:leadout * 2352]
swapped = bytearray(audio)
swapped[0::2], swapped[1::2] = audio[1::2], audio[0::2]
assert got[len(data):] == bytes(swapped), "audio differs from the source's samples, big-endian, shifted by %d bytes" % offset
PY
echo "PASS: $kind burned by discwright, read on $drive: cdparanoia bit-identical (-O $(offset_samples "$drive")), cdrdao read-toc and read-cd match the source"

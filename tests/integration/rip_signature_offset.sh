#!/usr/bin/env bash
# Known discs found by a signature in their audio (reference/ripping.md, "Offsets": after a
# user-forced offset, "known magic signatures" come before the perfect audio offset; the list is
# redumper's), ripped on the Plextor personality (reads from LBA -75 and past the lead-out):
#  - VideoNow and VideoNow Color: one audio track whose data starts at LBA 0 with the frame
#    marker (E1 E1 E1 01 E1 E1 E1 00, or 81 E3 E3 C7 C7 81 81 E3), noise after it, 30 silent
#    sectors at the end and no pregap, pressed with +12 and -7 samples;
#  - Atari Jaguar CD: two audio sessions; session 2's track starts with two bytes and then
#    "TAIRTAIR", pressed with +12.
# The write offset found is the pressing offset, the log says it came from the signature, and
# every track file equals the source's. Without the signature the +12 discs fall back to 0
# (nothing before LBA 0 or past the lead-out, no pregap to make silent), so the files differ:
# shown on the same VideoNow disc with one byte of its marker changed.
#   rip_signature_offset.sh BUILD_DIR
set -euo pipefail
build=$(cd "${1:?usage: rip_signature_offset.sh BUILD_DIR}" && pwd)
dw="$build/bin/discwright"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

# make KIND DIR: the source image.
make() {
  mkdir -p "$2"
  python3 - "$1" "$2" <<'PY'
import os, random, sys
kind, out = sys.argv[1], sys.argv[2]
rng = random.Random(7)
noise = lambda sectors: bytes(rng.getrandbits(8) for _ in range(sectors * 2352))
silence = lambda sectors: bytes(sectors * 2352)
if kind == "videonow-twice":  # the marker at LBA 0, silence to LBA 2, sound, the marker again at LBA 10
    marker = bytes.fromhex("e1e1e101e1e1e100")
    data = bytearray(marker + silence(2)[len(marker):] + noise(298) + silence(30))
    data[10 * 2352:10 * 2352 + 8] = marker
    open(os.path.join(out, "Disc.bin"), "wb").write(bytes(data))
    open(os.path.join(out, "Disc.cue"), "w").write(
        'FILE "Disc.bin" BINARY\n  TRACK 01 AUDIO\n    INDEX 01 00:00:00\n')
elif kind in ("videonow", "videonow-color", "videonow-damaged"):
    marker = bytes.fromhex({"videonow": "e1e1e101e1e1e100", "videonow-color": "81e3e3c7c78181e3",
                            "videonow-damaged": "e0e1e101e1e1e100"}[kind])
    data = marker + noise(300)[len(marker):] + silence(30)
    open(os.path.join(out, "Disc.bin"), "wb").write(data)
    open(os.path.join(out, "Disc.cue"), "w").write(
        'FILE "Disc.bin" BINARY\n  TRACK 01 AUDIO\n    INDEX 01 00:00:00\n')
else:  # jaguar: session 1 one audio track, session 2 one audio track starting "??TAIRTAIR"
    open(os.path.join(out, "Disc (Track 1).bin"), "wb").write(noise(200) + silence(30))
    t2 = b"\x12\x34" + b"TAIRTAIR" * 8
    open(os.path.join(out, "Disc (Track 2).bin"), "wb").write(t2 + noise(200)[len(t2):] + silence(30))
    open(os.path.join(out, "Disc.cue"), "w").write(
        'REM SESSION 01\nFILE "Disc (Track 1).bin" BINARY\n  TRACK 01 AUDIO\n    INDEX 01 00:00:00\n'
        'REM LEAD-OUT 01:30:00\nREM SESSION 02\nREM LEAD-IN 01:00:00\nREM PREGAP 00:02:00\n'
        'FILE "Disc (Track 2).bin" BINARY\n  TRACK 02 AUDIO\n    INDEX 01 00:00:00\n')
PY
}

# check KIND OFFSET LINE: rips KIND pressed with OFFSET; the files equal the source's and the log
# has LINE (after its time stamp).
check() {
  local src="$work/$1" out="$work/rip-$1-$2"
  "$dw" rip "virtual:$src/Disc.cue?drive=plextor&timing=instant&offset=$2" -o "$out" --name Disc --json \
    >"$out.json" 2>"$out.err" || { cat "$out.err"; fail "$1 pressed with $2: rip exited $?"; }
  for f in "$src/"*.bin; do
    cmp -s "$f" "$out/$(basename "$f")" || fail "$1 pressed with $2: $(basename "$f") differs from the source"
  done
  sed -E 's/^[0-9-]+ [0-9:]+ //' "$out/Disc.log" | grep -xF "$3" >/dev/null ||
    { grep -i "offset" "$out/Disc.log"; fail "$1 pressed with $2: no log line \"$3\""; }
  python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); assert r["write_offset"] == int(sys.argv[2]), r["write_offset_source"]' \
    "$out.json" "$2" || fail "$1 pressed with $2: --json does not give the write offset"
}

for kind in videonow videonow-color videonow-damaged videonow-twice jaguar; do make $kind "$work/$kind"; done
vn="VideoNow disc: its signature e1 e1 e1 01 e1 e1 e1 00 (0 byte(s) into the data)"
vnc="VideoNow Color (Color / Jr. / XP / Color FX) disc: its signature 81 e3 e3 c7 c7 81 81 e3 (0 byte(s) into the data)"
check videonow 12 "INFO  write offset +12 samples ($vn found +12 sample(s) from LBA 0)"
check videonow -7 "INFO  write offset -7 samples ($vn found -7 sample(s) from LBA 0)"
check videonow-color 12 "INFO  write offset +12 samples ($vnc found +12 sample(s) from LBA 0)"
check videonow-color -7 "INFO  write offset -7 samples ($vnc found -7 sample(s) from LBA 0)"
i1=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["tracks"][1]["start"])' < <("$dw" info --json "$work/jaguar/Disc.cue"))
check jaguar 12 "INFO  write offset +12 samples (Atari Jaguar CD disc: its signature \"TAIRTAIR\" (2 byte(s) into the data) found +12 sample(s) from LBA $i1)"
check jaguar -7 "INFO  write offset -7 samples (Atari Jaguar CD disc: its signature \"TAIRTAIR\" (2 byte(s) into the data) found -7 sample(s) from LBA $i1)"
# The control: one byte of the marker changed, the same disc pressed with +12 is no known disc,
# has no pregap and nothing outside the program area: 0, and the file is not the source's.
out="$work/rip-damaged"
"$dw" rip "virtual:$work/videonow-damaged/Disc.cue?drive=plextor&timing=instant&offset=12" -o "$out" --name Disc \
  >/dev/null 2>&1 || fail "the damaged marker's rip exited $?"
sed -E 's/^[0-9-]+ [0-9:]+ //' "$out/Disc.log" |
  grep -xF "INFO  write offset +0 samples (no perfect audio offset; no non-zero sample before LBA 0 or past the lead-out; 0 (fallback))" >/dev/null ||
  { grep -i "offset" "$out/Disc.log"; fail "the damaged marker: expected the fallback 0"; }
! cmp -s "$work/videonow-damaged/Disc.bin" "$out/Disc.bin" || fail "the damaged marker: the file equals the source at offset 0"
# The marker's sector unreadable: the Plextor (read offset +30) gets the marker of the disc
# pressed with -7 in its LBA 0, which here it cannot read; the sectors after it are silent up to
# LBA 2. The signature is not looked for past the unreadable sector (the copy at LBA 10 would say
# +5873).
printf '{"faults": [{"type": "unreadable", "lba": 0, "count": 1}]}' >"$work/bad.json"
out="$work/rip-twice"
set +e
"$dw" rip "virtual:$work/videonow-twice/Disc.cue?drive=plextor&timing=instant&offset=-7&faults=$work/bad.json" -o "$out" \
  --name Disc --retries 1 >/dev/null 2>&1
code=$?
set -e
[ "$code" = 1 ] || fail "the unreadable marker: rip exited $code, expected 1 (LBA 0 unreadable)"
line=$(sed -E 's/^[0-9-]+ [0-9:]+ //' "$out/Disc.log" | grep "^INFO  write offset ")
case "$line" in *VideoNow*) fail "the unreadable marker: a later copy gave the offset: $line" ;; esac
echo "ok: VideoNow and VideoNow Color at +12 and -7, Atari Jaguar CD at +12 and -7 (session 2 from LBA $i1): found by their signatures, files equal the source's; a damaged marker falls back to 0"

#!/usr/bin/env bash
# Rip round trip: a synthetic disc (testdata/make_disc.cpp) is loaded into the virtual drive with
# a drive personality (and optional extra options such as a pressing offset), ripped, and every
# track file, the sheet and the decoded disc (indices, pregaps, ISRC, MCN, CD-Text) must equal
# the source image's redump split; the log must name the offsets and how they were found; and
# `convert` of the source to BIN/CUE, CCD/IMG/SUB and NRG gives the same bytes as the rip.
#   rip.sh BUILD_DIR KIND PERSONALITY [EXTRA_SPEC_OPTIONS] [nocdtext] [RIP_OPTIONS]
#   e.g. rip.sh build mixed plextor 'offset=48';  rip.sh build audio cheap - nocdtext "--read-offset 6"
# `nocdtext`: the personality cannot read CD-Text (it is then left out of the comparison).
# RIP_OPTIONS: given to `rip` (the cheap drive's read offset is not in the quirks table).
# On the plextor personality (D8 lead-in reads) the dump must also hold the lead-in: leadin.bin of
# LBA -4650 (4,500 sectors before 00:00:00) to -76 (READ CD reaches -75), 2448 bytes a
# sector, its Q TOC agreeing with the full TOC; with `cdtext=no` among the options (READ TOC gives
# no CD-Text) the CD-Text must come from the lead-in's R-W and still equal the source's. On the
# CD-Extra, session 2's lead-in must be in main.bin/sub.bin at its LBAs, its Q session 2's TOC.
set -euo pipefail
build=$(cd "${1:?usage: rip.sh BUILD_DIR KIND PERSONALITY [OPTIONS]}" && pwd)
kind=${2:?usage: rip.sh BUILD_DIR KIND PERSONALITY [OPTIONS]}
drive=${3:?usage: rip.sh BUILD_DIR KIND PERSONALITY [OPTIONS]}
extra=${4:-}
[ "$extra" != - ] || extra=  # "-": none (CMake drops empty arguments)
nocdtext=${5:-}
read -r -a rip_options <<<"${6:-}"
. "$(dirname "$0")/demo_disc.sh"
demo_disc "$kind"
spec="virtual:$cue?drive=$drive&timing=instant${extra:+&$extra}"
"$dw" rip "$spec" -o "$work/rip" --name Demo --format cue,ccd,nrg "${rip_options[@]}" --json >"$work/rip.json" 2>"$work/rip.err" || { echo "FAIL: rip exited $?"; cat "$work/rip.json" "$work/rip.err"; exit 1; }
python3 - "$work/rip.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
assert r["verdict"] == "good", r
PY
drop='"file","notes","format","subchannel"'
[ -n "$nocdtext" ] && drop="$drop,\"cdtext\""
[ "$(disc "$cue" "$drop")" = "$(disc "$work/rip/Demo.cue" "$drop")" ] || { echo "FAIL: the ripped disc differs from the source"; diff <(disc "$cue" "$drop") <(disc "$work/rip/Demo.cue" "$drop"); exit 1; }
for f in "$work/src/"*.bin; do
  cmp "$f" "$work/rip/$(basename "$f")" || { echo "FAIL: $(basename "$f") differs from the source"; exit 1; }
done
[ -n "$nocdtext" ] || cmp "$work/src/Demo.cue" "$work/rip/Demo.cue" || { echo "FAIL: the sheet differs"; diff "$work/src/Demo.cue" "$work/rip/Demo.cue"; exit 1; }
if [ "$drive" = plextor ]; then
  size=$(stat -c %s "$work/rip/Demo.dump/leadin.bin")
  [ "$size" = $(((4650 - 75) * 2448)) ] || { echo "FAIL: leadin.bin holds $size bytes, expected $(((4650 - 75) * 2448))"; exit 1; }
  python3 - "$work/rip/Demo.dump/dump.json" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))
assert m["leadin"] == {"first_lba": -4650, "sectors": 4575} and m["first_lba"] == -75, (m.get("leadin"), m["first_lba"])
PY
  grep -q "lead-in TOC and the full TOC agree" "$work/rip/Demo.log" || { echo "FAIL: the log does not say the lead-in TOC agrees"; grep "lead-in" "$work/rip/Demo.log"; exit 1; }
  if [ "$kind" = cd-extra ]; then
    # Session 2's lead-in, read with D8 into main.bin/sub.bin at its LBAs: from the source's sheet,
    # session 1 ends where its audio files end (L), its lead-out runs 6750 sectors (REM LEAD-OUT
    # 01:30:00), session 2's lead-in 4500 (REM LEAD-IN 01:00:00), then a 150-sector pregap
    # (REM PREGAP 00:02:00) before track 3. Its Q must be session 2's TOC: point 03 at track 3's
    # start, A0/A1 naming track 03, A2 at session 2's lead-out (track 3's end).
    L=$(( ($(stat -c %s "$work/src/Demo (Track 1).bin") + $(stat -c %s "$work/src/Demo (Track 2).bin")) / 2352 ))
    t3=$((L + 6750 + 4500 + 150))
    end=$((t3 + $(stat -c %s "$work/src/Demo (Track 3).bin") / 2352))
    grep -q "INFO  session 2 lead-in LBA $((L + 6750)) to $((L + 11249)) (4500 sectors) read with READ CDDA (D8) into main.bin and sub.bin" "$work/rip/Demo.log" ||
      { echo "FAIL: session 2's lead-in was not read at LBA $((L + 6750))"; grep -i "lead-in" "$work/rip/Demo.log"; exit 1; }
    grep -q "INFO  session 2 lead-in TOC and the full TOC agree: 4 point(s)" "$work/rip/Demo.log" ||
      { echo "FAIL: session 2's lead-in TOC is not checked"; grep -i "lead-in" "$work/rip/Demo.log"; exit 1; }
    python3 - "$work/rip/Demo.dump" $((L + 6750)) "$t3" "$end" <<'PY'
import json, sys
d, first, t3, end = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
m = json.load(open(f"{d}/dump.json"))
base = m["first_lba"]
sub, state = open(f"{d}/sub.bin", "rb").read(), open(f"{d}/state.bin", "rb").read()
def bcd(v): return (v // 10) << 4 | v % 10
def msf(lba):
    f = lba + 150
    return bytes([bcd(f // 4500), bcd(f // 75 % 60), bcd(f % 75)])
points = {}
for lba in range(first, first + 4500):
    i = lba - base
    assert state[4 * i] == 1, (lba, state[4 * i:4 * i + 4])  # good
    raw = sub[96 * i:96 * i + 96]
    q = bytes(sum(((raw[8 * j + k] >> 6) & 1) << (7 - k) for k in range(8)) for j in range(12))
    assert q[0] & 0x0F == 1 and q[1] == 0, (lba, q.hex())  # ADR 1, TNO 00: a lead-in TOC frame
    points[q[2]] = q[7:10]
assert sorted(points) == [0x03, 0xA0, 0xA1, 0xA2], sorted(points)
assert points[0x03] == msf(t3), (points[0x03].hex(), t3)
assert points[0xA0][0] == 0x03 and points[0xA1][0] == 0x03, (points[0xA0].hex(), points[0xA1].hex())
assert points[0xA2] == msf(end), (points[0xA2].hex(), end)
PY
  fi
  if [[ "$extra" == *cdtext=no* ]]; then
    [ ! -s "$work/rip/Demo.dump/cdtext.bin" ] || { echo "FAIL: READ TOC gave CD-Text despite cdtext=no"; exit 1; }
    grep -q "CD-Text is taken from them" "$work/rip/Demo.log" || { echo "FAIL: the log does not say the CD-Text came from the lead-in"; exit 1; }
    grep -q '^TITLE "' "$work/rip/Demo.cue" && grep -q '^    TITLE "' "$work/rip/Demo.cue" || { echo "FAIL: no TITLE lines in the sheet"; cat "$work/rip/Demo.cue"; exit 1; }
  fi
fi
grep -q "read offset" "$work/rip/Demo.log" && grep -q "write offset" "$work/rip/Demo.log" || { echo "FAIL: the log does not name the offsets"; exit 1; }
# Audio-only discs: the perfect audio offset search is reported (the demo's pregaps are bounded by
# silent sectors, so many shifts qualify: none is chosen, and the write offset stays 0).
if [ "$kind" = audio ]; then
  grep -q "perfect audio offset: none: ambiguous: [0-9]* shifts make every range silent at level 0" "$work/rip/Demo.log" ||
    { echo "FAIL: the perfect audio offset search is not in the log"; grep -i perfect "$work/rip/Demo.log"; exit 1; }
fi
# Round trip: `convert` of the source image and the rip give byte-identical files in every format
# (CloneCD's .sub included: the subchannel as read equals the one synthesised for the image).
# Not when the drive cannot read the CD-Text (the rip then has none).
if [ -z "$nocdtext" ]; then
  mkdir -p "$work/conv"
  for f in cue ccd nrg; do "$dw" convert --to $f "$cue" "$work/conv/Demo.$f" >/dev/null; done
  for f in "$work/conv/"*; do
    cmp "$f" "$work/rip/$(basename "$f")" || { echo "FAIL: convert and rip differ: $(basename "$f")"; exit 1; }
  done
fi
# Splitting the kept dump again gives the same files.
"$dw" split "$work/rip/Demo.dump" -o "$work/again" --name Demo >/dev/null
for f in "$work/rip/"*.bin; do cmp "$f" "$work/again/$(basename "$f")" || { echo "FAIL: split differs"; exit 1; }; done
echo "ok: $kind on $drive${extra:+ ($extra)}: $(ls "$work/src/"*.bin | wc -l) track files identical to the source; $(grep -o 'write offset [^(]*([^)]*)' "$work/rip/Demo.log" | head -1)"

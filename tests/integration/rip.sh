#!/usr/bin/env bash
# Rip round trip: a synthetic disc (testdata/make_disc.cpp) is loaded into the virtual drive with
# a drive personality (and optional extra options such as a pressing offset), ripped, and every
# track file, the sheet and the decoded disc (indices, pregaps, ISRC, MCN, CD-Text) must equal
# the source image's redump split; the log must name the offsets and how they were found; and
# `convert` of the source to BIN/CUE, CCD/IMG/SUB and NRG gives the same bytes as the rip.
#   rip.sh BUILD_DIR KIND PERSONALITY [EXTRA_SPEC_OPTIONS] [nocdtext]   e.g. rip.sh build mixed plextor 'offset=48'
# `nocdtext`: the personality cannot read CD-Text (it is then left out of the comparison).
# On the plextor personality (D8 lead-in reads) the dump must also hold the lead-in: leadin.bin of
# LBA -4650 (4,500 sectors before 00:00:00) to -76 (READ CD reaches -75), 2448 bytes a
# sector, its Q TOC agreeing with the full TOC; with `cdtext=no` among the options (READ TOC gives
# no CD-Text) the CD-Text must come from the lead-in's R-W and still equal the source's.
set -euo pipefail
build=$(cd "${1:?usage: rip.sh BUILD_DIR KIND PERSONALITY [OPTIONS]}" && pwd)
kind=${2:?usage: rip.sh BUILD_DIR KIND PERSONALITY [OPTIONS]}
drive=${3:?usage: rip.sh BUILD_DIR KIND PERSONALITY [OPTIONS]}
extra=${4:-}
nocdtext=${5:-}
. "$(dirname "$0")/demo_disc.sh"
demo_disc "$kind"
spec="virtual:$cue?drive=$drive&timing=instant${extra:+&$extra}"
"$dw" rip "$spec" -o "$work/rip" --name Demo --format cue,ccd,nrg --json >"$work/rip.json" 2>"$work/rip.err" || { echo "FAIL: rip exited $?"; cat "$work/rip.json" "$work/rip.err"; exit 1; }
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

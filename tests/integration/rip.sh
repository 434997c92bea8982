#!/usr/bin/env bash
# Rip round trip: a synthetic disc (testdata/make_disc.cpp) is loaded into the virtual drive with
# a drive personality (and optional extra options such as a pressing offset), ripped, and every
# track file, the sheet and the decoded disc (indices, pregaps, ISRC, MCN, CD-Text) must equal
# the source image's redump split; the log must name the offsets and how they were found.
#   rip.sh BUILD_DIR KIND PERSONALITY [EXTRA_SPEC_OPTIONS] [nocdtext]   e.g. rip.sh build mixed plextor 'offset=48'
# `nocdtext`: the personality cannot read CD-Text (it is then left out of the comparison).
set -euo pipefail
build=$(cd "${1:?usage: rip.sh BUILD_DIR KIND PERSONALITY [OPTIONS]}" && pwd)
kind=${2:?usage: rip.sh BUILD_DIR KIND PERSONALITY [OPTIONS]}
drive=${3:?usage: rip.sh BUILD_DIR KIND PERSONALITY [OPTIONS]}
extra=${4:-}
nocdtext=${5:-}
. "$(dirname "$0")/demo_disc.sh"
demo_disc "$kind"
spec="virtual:$cue?drive=$drive&timing=instant${extra:+&$extra}"
"$dw" rip "$spec" -o "$work/rip" --name Demo --json >"$work/rip.json" 2>"$work/rip.err" || { echo "FAIL: rip exited $?"; cat "$work/rip.json" "$work/rip.err"; exit 1; }
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
grep -q "read offset" "$work/rip/Demo.log" && grep -q "write offset" "$work/rip/Demo.log" || { echo "FAIL: the log does not name the offsets"; exit 1; }
# Audio-only discs: the perfect audio offset search is reported (the demo's pregaps are bounded by
# silent sectors, so many shifts qualify: none is chosen, and the write offset stays 0).
if [ "$kind" = audio ]; then
  grep -q "perfect audio offset: none: ambiguous: [0-9]* shifts make every range silent at level 0" "$work/rip/Demo.log" ||
    { echo "FAIL: the perfect audio offset search is not in the log"; grep -i perfect "$work/rip/Demo.log"; exit 1; }
fi
# Splitting the kept dump again gives the same files.
"$dw" split "$work/rip/Demo.dump" -o "$work/again" --name Demo >/dev/null
for f in "$work/rip/"*.bin; do cmp "$f" "$work/again/$(basename "$f")" || { echo "FAIL: split differs"; exit 1; }; done
echo "ok: $kind on $drive${extra:+ ($extra)}: $(ls "$work/src/"*.bin | wc -l) track files identical to the source; $(grep -o 'write offset [^(]*([^)]*)' "$work/rip/Demo.log" | head -1)"

#!/usr/bin/env bash
# The frame-450 offset check against an AccurateRip dBAR file served by a local HTTP server. The
# file holds one submission made from the source image's own audio (the pressing with write offset
# 0): v2 and frame-450 checksums computed independently (accuraterip_ref.py). On the Plextor
# personality (read offset +30):
#  - the same pressing: every track matches, and "the offset is confirmed" at shift +0;
#  - a pressing 12 samples late (offset=12): AccurateRip (read-offset-corrected audio) does not
#    match, and frame 450 finds both tracks at shift +12 - the pressing's difference;
#  - the same pressing ripped with --read-offset 20 (10 too small): shift +10, what EAC's key-disc
#    offset finding tells (20 + 10 = the drive's +30).
#   rip_frame450.sh BUILD_DIR
set -euo pipefail
build=$(cd "${1:?usage: rip_frame450.sh BUILD_DIR}" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
. "$here/demo_disc.sh"
fail() { echo "FAIL: $*"; exit 1; }
demo_disc gapless
python3 "$here/accuraterip_ref.py" tracks "$work/src/Demo.cue" >"$work/ref.txt"
read -r _ id1 id2 cddb naudio < <(grep '^ids ' "$work/ref.txt")
rel="${id1:7:1}/${id1:6:1}/${id1:5:1}/dBAR-$(printf %03d "$naudio")-$id1-$id2-$cddb.bin"
python3 - "$work/www/$rel" "$work/ref.txt" <<'PY'
import os, struct, sys
path, reffile = sys.argv[1:3]
ref = [l.split() for l in open(reffile)]
ids = next(l for l in ref if l[0] == "ids")
tracks = [l for l in ref if l[0] not in ("ids", "ctdb")]
assert all(t[3] != "-" for t in tracks), "every track needs a sector 450"
body = struct.pack("<BIII", len(tracks), int(ids[1], 16), int(ids[2], 16), int(ids[3], 16))
body += b"".join(struct.pack("<BII", 3, int(t[2], 16), int(t[3], 16)) for t in tracks)
os.makedirs(os.path.dirname(path), exist_ok=True)
open(path, "wb").write(body)
PY
http_serve "$work/www"
# check NAME SPEC_OPTIONS SHIFT LINE [RIP OPTIONS...]: rips with --accuraterip; the log must hold
# LINE (after its time stamp) and the JSON the shift for both tracks and the disc.
check() {
  local name=$1 opts=$2 shift=$3 line=$4
  shift 4
  DW_ACCURATERIP_URL="http://127.0.0.1:$port" "$dw" rip "virtual:$work/src/Demo.cue?drive=plextor&timing=instant$opts" \
    -o "$work/$name" --name Demo --accuraterip --json "$@" >"$work/$name.json" 2>/dev/null || fail "$name: rip exited $?"
  sed -E 's/^[0-9-]+ [0-9:]+ //' "$work/$name/Demo.log" | grep -xF "$line" >/dev/null ||
    { grep "AccurateRip" "$work/$name/Demo.log"; fail "$name: no log line \"$line\""; }
  python3 - "$work/$name.json" "$shift" <<'PY' || fail "$name: the JSON's frame-450 shifts are not $shift"
import json, sys
a = json.load(open(sys.argv[1]))["audio"]
s = int(sys.argv[2])
assert a["accuraterip"]["status"] == "found" and a["accuraterip"]["frame450_shift"] == s, a["accuraterip"]
assert [t["frame450_shifts"] for t in a["tracks"]] == [[s], [s]], a["tracks"]
want = "match" if s == 0 else "no_match"
assert [t["accuraterip"]["result"] for t in a["tracks"]] == [want, want], a["tracks"]
PY
}
check same "" 0 "INFO  AccurateRip frame 450: the offset is confirmed (2 of 2 track(s) match at shift +0)"
for t in 01 02; do
  sed -E 's/^[0-9-]+ [0-9:]+ //' "$work/same/Demo.log" | grep -xF "INFO  AccurateRip frame 450: track $t matches at shift +0" >/dev/null ||
    fail "same: no frame-450 line for track $t"
done
check pressed "&offset=12" 12 \
  "WARN  AccurateRip frame 450: 2 of 2 track(s) match at shift +12: the audio lies 12 samples later than the submissions' (another pressing, or a read offset off by +12)"
check wrong_read_offset "" 10 \
  "WARN  AccurateRip frame 450: 2 of 2 track(s) match at shift +10: the audio lies 10 samples later than the submissions' (another pressing, or a read offset off by +10)" \
  --read-offset 20
echo "ok: frame 450 against a local dBAR: shift +0 confirmed, +12 for a pressing 12 samples late, +10 for a read offset 10 too small"

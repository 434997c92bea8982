#!/usr/bin/env bash
# Whole tracks re-checked at the shift the frame-450 check finds, against AccurateRip dBAR files
# served by a local HTTP server. Every checksum in them is computed independently from the source
# image by accuraterip_ref.py (`tracks` at shift 0, `shifted CUE S` over the disc's audio moved by
# S samples, zeros outside). The `gapless` disc on the Plextor personality (read offset +30):
#  - pressed: the drive's disc is pressed 12 samples late (offset=12), the dBAR is the source's own
#    audio: no match at the rip's offset, frame 450 at +12, and at +12 both tracks accurate with the
#    dBAR's v2 (confidence 3);
#  - moved: the dBAR is the source's audio moved by -300 samples (a pressing 300 samples earlier):
#    frame 450 at -300, and at -300 the rip's v1/v2 equal the reference's `shifted -300` values,
#    both tracks accurate;
#  - not accurate: frame-450 values from the audio at -300, track checksums from the audio at -301:
#    frame 450 finds -300, and there no track is accurate; mixed: track 1's checksum from -300,
#    track 2's from -301: 1 of 2 (this one by `split` of the kept dump, its terminal summary read);
#  - v1 only: submissions without frame-450 checksums (0, as old v1 submissions have), the tracks'
#    v1 from the audio at -300: frame 450 finds nothing, the v1 search over +-2939 samples finds
#    -300 for both tracks, and there both are accurate (v1); the same with the audio at -3000
#    (outside the search): nothing found, no shift checked.
# Exit status 0 every time: AccurateRip never changes the verdict on the sectors.
#   rip_accuraterip_shift.sh BUILD_DIR
set -euo pipefail
build=$(cd "${1:?usage: rip_accuraterip_shift.sh BUILD_DIR}" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
. "$here/demo_disc.sh"
demo_disc gapless
ref() { python3 "$here/accuraterip_ref.py" "$@"; }
ref tracks "$work/src/Demo.cue" >"$work/at0.txt"
ref shifted "$work/src/Demo.cue" -300 >"$work/at-300.txt"
ref shifted "$work/src/Demo.cue" -301 >"$work/at-301.txt"
ref shifted "$work/src/Demo.cue" -3000 >"$work/at-3000.txt"
read -r _ id1 id2 cddb naudio < <(grep '^ids ' "$work/at0.txt")
rel="${id1:7:1}/${id1:6:1}/${id1:5:1}/dBAR-$(printf %03d "$naudio")-$id1-$id2-$cddb.bin"
# dbar DIR F450_REF CRC_REF_TRACK1 CRC_REF_TRACK2: one submission, confidence 3, every track's v2
# from its own reference file and frame 450 from F450_REF.
dbar() {
  python3 - "$work/$1/$rel" "$2" "$3" "$4" <<'PY'
import os, struct, sys
path, f450ref, *crcrefs = sys.argv[1:]
rows = lambda f: [l.split() for l in open(f)]
ids = next(l for l in rows(f450ref) if l[0] == "ids")
f450 = [l for l in rows(f450ref) if l[0] not in ("ids", "ctdb")]
body = struct.pack("<BIII", len(f450), int(ids[1], 16), int(ids[2], 16), int(ids[3], 16))
for k, f in enumerate(crcrefs):
    t = [l for l in rows(f) if l[0] not in ("ids", "ctdb")][k]
    assert f450[k][3] != "-", "every track needs a sector 450"
    body += struct.pack("<BII", 3, int(t[2], 16), int(f450[k][3], 16))
os.makedirs(os.path.dirname(path), exist_ok=True)
open(path, "wb").write(body)
PY
}
dbar www/pressed "$work/at0.txt" "$work/at0.txt" "$work/at0.txt"
dbar www/moved "$work/at-300.txt" "$work/at-300.txt" "$work/at-300.txt"
dbar www/wrong "$work/at-300.txt" "$work/at-301.txt" "$work/at-301.txt"
dbar www/half "$work/at-300.txt" "$work/at-300.txt" "$work/at-301.txt"
# dbar_v1 DIR REF: one submission, confidence 3, every track's v1 from REF, frame 450 0 (none).
dbar_v1() {
  python3 - "$work/$1/$rel" "$2" <<'PY'
import os, struct, sys
path, ref = sys.argv[1:]
rows = [l.split() for l in open(ref)]
ids = next(l for l in rows if l[0] == "ids")
t = [l for l in rows if l[0] not in ("ids", "ctdb")]
body = struct.pack("<BIII", len(t), int(ids[1], 16), int(ids[2], 16), int(ids[3], 16))
for l in t:
    body += struct.pack("<BII", 3, int(l[1], 16), 0)
os.makedirs(os.path.dirname(path), exist_ok=True)
open(path, "wb").write(body)
PY
}
dbar_v1 www/v1only "$work/at-300.txt"
dbar_v1 www/v1far "$work/at-3000.txt"
http_serve "$work/www"
loglines() { sed -E 's/^[0-9-]+ [0-9:]+ //' "$1"; }
haslog() { loglines "$1" | grep -xF "$2" >/dev/null || { grep AccurateRip "$1"; fail "$1 lacks: $2"; }; }
# check JSON SHIFT REF RESULTS: the JSON's frame-450 shift is SHIFT for both tracks, no track matches
# at the rip's offset, and "shifts" holds SHIFT alone with the v1/v2 of REF and the results
# RESULTS (comma-separated, per track).
check() {
  python3 - "$@" <<'PY' || fail "$1: the JSON's AccurateRip shift check is not as expected"
import json, sys
path, shift, ref, results = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4].split(",")
r = json.load(open(path))
a = r["audio"]
assert r["verdict"] == "good", r["verdict"]
q = a["accuraterip"]
assert q["status"] == "found" and q["frame450_shift"] == shift, q
assert [t["frame450_shifts"] for t in a["tracks"]] == [[shift], [shift]], a["tracks"]
assert [t["accuraterip"]["result"] for t in a["tracks"]] == ["no_match", "no_match"], a["tracks"]
want = [l.split() for l in open(ref) if l.split()[0] not in ("ids", "ctdb")]
assert len(q["shifts"]) == 1 and q["shifts"][0]["shift"] == shift, q["shifts"]
s = q["shifts"][0]
assert s["accurate"] == results.count("match"), s
for t, w, res in zip(s["tracks"], want, results):
    assert (t["number"], t["accuraterip_v1"], t["accuraterip_v2"]) == (int(w[0]), w[1], w[2]), (t, w)
    if res == "match":
        assert t == {"number": int(w[0]), "accuraterip_v1": w[1], "accuraterip_v2": w[2], "result": "match",
                     "version": 2, "confidence": 3, "total": 3, "submissions": 1}, t
    else:
        assert t == {"number": int(w[0]), "accuraterip_v1": w[1], "accuraterip_v2": w[2], "result": "no_match",
                     "total": 3, "submissions": 1}, t
PY
}
rip() { # NAME WWW OPTS: rip with --accuraterip --json against www/WWW
  DW_ACCURATERIP_URL="http://127.0.0.1:$port/$2" "$dw" rip "virtual:$work/src/Demo.cue?drive=plextor&timing=instant$3" \
    -o "$work/$1" --name Demo --accuraterip --json >"$work/$1.json" 2>/dev/null || fail "$1: rip exited $?"
}

rip pressed pressed "&offset=12"
check "$work/pressed.json" 12 "$work/at0.txt" match,match
read -r _ v1a v2a _ < <(sed -n 1p "$work/at0.txt")
read -r _ v1b v2b _ < <(sed -n 2p "$work/at0.txt")
haslog "$work/pressed/Demo.log" "INFO  AccurateRip: checking the whole tracks at shift(s) +12 (found by frame 450), one more pass over the audio"
haslog "$work/pressed/Demo.log" "INFO  AccurateRip at shift +12: track 01 v1 $v1a v2 $v2a: accurate (v2, confidence 3 of 3)"
haslog "$work/pressed/Demo.log" "INFO  AccurateRip at shift +12: track 02 v1 $v1b v2 $v2b: accurate (v2, confidence 3 of 3)"
haslog "$work/pressed/Demo.log" "INFO  AccurateRip at shift +12: 2 of 2 track(s) accurate (lowest confidence 3): the audio lies 12 samples later than the submissions' (another pressing, or a read offset off by +12)"

rip moved moved ""
check "$work/moved.json" -300 "$work/at-300.txt" match,match
haslog "$work/moved/Demo.log" "INFO  AccurateRip at shift -300: 2 of 2 track(s) accurate (lowest confidence 3): the audio lies 300 samples earlier than the submissions' (another pressing, or a read offset off by -300)"

rip wrong wrong ""
check "$work/wrong.json" -300 "$work/at-300.txt" no_match,no_match
read -r _ v1a v2a _ < <(sed -n 1p "$work/at-300.txt")
haslog "$work/wrong/Demo.log" "WARN  AccurateRip at shift -300: track 01 v1 $v1a v2 $v2a: not accurate (1 submission(s), confidence 3 in total)"
haslog "$work/wrong/Demo.log" "WARN  AccurateRip at shift -300: 0 of 2 track(s) accurate"

# The same dump split again against the half-right file: the terminal summary has the shift's line.
DW_ACCURATERIP_URL="http://127.0.0.1:$port/half" "$dw" split "$work/wrong/Demo.dump" -o "$work/half" --name Demo \
  --accuraterip >"$work/half.out" 2>&1 || { cat "$work/half.out"; fail "split exited $?"; }
grep -xF "AccurateRip: 0 of 2 track(s) match" "$work/half.out" >/dev/null || { cat "$work/half.out"; fail "no summary"; }
grep -xF "AccurateRip at shift -300: 1 of 2 track(s) accurate (lowest confidence 3): the audio lies 300 samples earlier than the submissions' (another pressing, or a read offset off by -300)" \
  "$work/half.out" >/dev/null || { cat "$work/half.out"; fail "split: no shifted summary line"; }
DW_ACCURATERIP_URL="http://127.0.0.1:$port/half" "$dw" split "$work/wrong/Demo.dump" -o "$work/halfj" --name Demo \
  --accuraterip --json >"$work/half.json" 2>/dev/null || fail "split --json exited $?"
check "$work/half.json" -300 "$work/at-300.txt" match,no_match
# No frame-450 checksums: the v1 search finds -300, the whole tracks are accurate there (v1).
rip v1only v1only ""
python3 - "$work/v1only.json" "$work/at-300.txt" <<'PY' || fail "v1only: the JSON's v1 search result is not as expected"
import json, sys
r = json.load(open(sys.argv[1]))
a = r["audio"]
q = a["accuraterip"]
assert r["verdict"] == "good" and q["status"] == "found" and q["frame450_shift"] is None, q
assert all("frame450_shifts" not in t for t in a["tracks"]), a["tracks"]
assert [t["accuraterip"]["result"] for t in a["tracks"]] == ["no_match", "no_match"], a["tracks"]
want = [l.split() for l in open(sys.argv[2]) if l.split()[0] not in ("ids", "ctdb")]
assert [(s["shift"], s["found_by"], s["accurate"]) for s in q["shifts"]] == [(-300, "v1_search", 2)], q["shifts"]
for t, w in zip(q["shifts"][0]["tracks"], want):
    assert t == {"number": int(w[0]), "accuraterip_v1": w[1], "accuraterip_v2": w[2], "result": "match",
                 "version": 1, "confidence": 3, "total": 3, "submissions": 1}, (t, w)
PY
haslog "$work/v1only/Demo.log" "INFO  AccurateRip: frame 450 found no shift; the whole tracks' v1 at every shift within 2939 samples either way, one more pass over the audio"
haslog "$work/v1only/Demo.log" "INFO  AccurateRip v1 search: at shift -300, 2 of 2 track(s) have a submission's v1 (confidence 6 in all)"
haslog "$work/v1only/Demo.log" "INFO  AccurateRip: checking the whole tracks at shift(s) -300 (found by the v1 search), one more pass over the audio"
read -r _ v1a v2a _ < <(sed -n 1p "$work/at-300.txt")
haslog "$work/v1only/Demo.log" "INFO  AccurateRip at shift -300: track 01 v1 $v1a v2 $v2a: accurate (v1, confidence 3 of 3)"
haslog "$work/v1only/Demo.log" "INFO  AccurateRip at shift -300: 2 of 2 track(s) accurate (lowest confidence 3): the audio lies 300 samples earlier than the submissions' (another pressing, or a read offset off by -300)"

# The audio at -3000 lies outside the search: nothing found, nothing checked.
rip v1far v1far ""
python3 -c 'import json,sys; q=json.load(open(sys.argv[1]))["audio"]["accuraterip"]; assert q["shifts"] == [] and q["frame450_shift"] is None, q' \
  "$work/v1far.json" || fail "v1far: a shift was checked"
haslog "$work/v1far/Demo.log" "INFO  AccurateRip v1 search: at no shift within 2939 samples either way does a track have a submission's v1"
echo "ok: whole tracks at the frame-450 shift: +12 (pressing) and -300 accurate, -300 with other audio not accurate, 1 of 2; v1 search: -300 accurate (v1), -3000 out of reach"

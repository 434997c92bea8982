#!/usr/bin/env bash
# AccurateRip end to end: rip a synthetic disc from the virtual drive, compute AccurateRip v1/v2,
# frame 450, the CTDB CRC and the disc ids of the ripped track files with an independent Python
# transcription of the reference (accuraterip_ref.py), require the rip's log and JSON to say the
# same, then serve dBAR files from a local HTTP server and require `split --accuraterip` to report
# exactly: matches (v2 and v1, with confidence and total), does not match, not in database, HTTP
# 404 (disc not in the database), a server that is down and an answer that is not a dBAR file
# (warnings; the exit status is still 0).
#   rip_accuraterip.sh BUILD_DIR KIND      KIND: audio, mixed, cd-extra or htoa
set -euo pipefail
build=$(cd "${1:?usage: rip_accuraterip.sh BUILD_DIR KIND}" && pwd)
kind=${2:?usage: rip_accuraterip.sh BUILD_DIR KIND}
here=$(cd "$(dirname "$0")" && pwd)
. "$here/demo_disc.sh"
demo_disc "$kind"
fail() { echo "FAIL: $*"; exit 1; }

"$dw" rip "virtual:$cue?drive=plextor&timing=instant" -o "$work/rip" --name Demo --json >"$work/rip.json" 2>"$work/rip.err" ||
  { cat "$work/rip.err"; fail "rip exited $?"; }
for f in "$work/src/"*.bin; do cmp -s "$f" "$work/rip/$(basename "$f")" || fail "$(basename "$f") differs from the source"; done

# The independent values, from the ripped files: "N v1 v2 frame450" per audio track, then
# "ids id1 id2 cddb n" and "ctdb crc".
python3 "$here/accuraterip_ref.py" tracks "$work/rip/Demo.cue" >"$work/ref.txt"
read -r _ id1 id2 cddb naudio < <(grep '^ids ' "$work/ref.txt")
ctdb=$(awk '/^ctdb /{print $2}' "$work/ref.txt")
# log lines without their time stamps
loglines() { sed -E 's/^[0-9-]+ [0-9:]+ //' "$1"; }

python3 - "$work/rip.json" "$work/ref.txt" <<'PY' || fail "the rip's JSON \"audio\" differs from the independent computation"
import json, sys
r = json.load(open(sys.argv[1]))
a = r["audio"]
ref = [l.split() for l in open(sys.argv[2])]
ids = next(l for l in ref if l[0] == "ids")
ctdb = next(l for l in ref if l[0] == "ctdb")[1]
tracks = [l for l in ref if l[0] not in ("ids", "ctdb")]
assert r["verdict"] == "good", r["verdict"]
assert a["accuraterip_id"] == f"{int(ids[4]):03}-{ids[1]}-{ids[2]}-{ids[3]}", a["accuraterip_id"]
assert a["accuraterip_id1"] == ids[1] and a["accuraterip_id2"] == ids[2] and a["cddb_id"] == ids[3], a
assert a["ctdb_crc"] == ctdb, (a["ctdb_crc"], ctdb)
assert "accuraterip" not in a, "no lookup without --accuraterip"
assert len(a["tracks"]) == len(tracks), a["tracks"]
for t, (n, v1, v2, f450) in zip(a["tracks"], tracks):
    got = (t["number"], t["accuraterip_v1"], t["accuraterip_v2"], t["frame450"])
    want = (int(n), v1, v2, None if f450 == "-" else f450)
    assert got == want, (got, want)
    assert "accuraterip" not in t
PY
# The log says the same, line by line.
while read -r n v1 v2 f450; do
  case $n in ids|ctdb) continue ;; esac
  [ "$f450" = - ] && f450="- (track shorter than 451 sectors)"
  line=$(printf 'INFO  track %02d: AccurateRip v1 %s v2 %s, frame 450 %s' "$n" "$v1" "$v2" "$f450")
  loglines "$work/rip/Demo.log" | grep -xF "$line" >/dev/null || fail "the log lacks: $line"
done <"$work/ref.txt"
for line in "INFO  AccurateRip disc id $(printf %03d "$naudio")-$id1-$id2-$cddb" "INFO  CDDB/freedb disc id $cddb" \
            "INFO  CTDB CRC $ctdb ($(python3 -c "import json,sys; print(sum(t['sectors'] for t in json.load(open(sys.argv[1]))['audio']['tracks']))" "$work/rip.json") audio sectors)"; do
  loglines "$work/rip/Demo.log" | grep -xF "$line" >/dev/null || fail "the log lacks: $line"
done
loglines "$work/rip/Demo.log" | grep -E '^INFO  MusicBrainz disc id [A-Za-z0-9._-]{28}$' >/dev/null || fail "the log has no MusicBrainz disc id"

# dBAR files, under the path the database uses: x/y/z/dBAR-nnn-id1-id2-cddb.bin with x, y, z the
# last three hex digits of id1, reversed. good/: one submission matching every track (v2 for odd
# positions, v1 for even) with confidence 7, one with wrong checksums and confidence 2.
# partial/: one submission with a wrong checksum for the first audio track only, confidence 5.
# html/: a web page where the dBAR file should be.
rel="${id1:7:1}/${id1:6:1}/${id1:5:1}/dBAR-$(printf %03d "$naudio")-$id1-$id2-$cddb.bin"
python3 - "$work/www" "$rel" "$work/ref.txt" <<'PY'
import os, struct, sys
www, rel, reffile = sys.argv[1:4]
ref = [l.split() for l in open(reffile)]
ids = next(l for l in ref if l[0] == "ids")
tracks = [l for l in ref if l[0] not in ("ids", "ctdb")]
head = lambda n: struct.pack("<BIII", n, int(ids[1], 16), int(ids[2], 16), int(ids[3], 16))
track = lambda conf, crc, f450: struct.pack("<BII", conf, crc, f450)
f450 = lambda t: 0 if t[3] == "-" else int(t[3], 16)
good = head(len(tracks)) + b"".join(track(7, int(t[2 if k % 2 == 0 else 1], 16), f450(t)) for k, t in enumerate(tracks))
good += head(len(tracks)) + b"".join(track(2, int(t[2], 16) ^ 0x5A5A5A5A, 0) for t in tracks)
partial = head(1) + track(5, int(tracks[0][2], 16) ^ 1, 0)
html = b"<html><body>Not a dBAR file</body></html>\n"  # 42 bytes; '<' reads as 60 tracks
for d, body in (("good", good), ("partial", partial), ("html", html)):
    p = os.path.join(www, d, rel)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    open(p, "wb").write(body)
PY
http_serve "$work/www"

# split --accuraterip against BASE into OUT; sets $code and leaves OUT/Demo.log and OUT.json.
split_ar() {
  local base=$1 out=$2
  code=0
  DW_ACCURATERIP_URL=$base "$dw" split "$work/rip/Demo.dump" -o "$out" --name Demo --json --accuraterip \
    >"$out.json" 2>"$out.err" || code=$?
  [ "$code" -eq 0 ] || { cat "$out.err"; fail "split --accuraterip against $base exited $code"; }
}
expect_log() {  # expect_log LOG LINE...
  local log=$1; shift
  for line in "$@"; do loglines "$log" | grep -xF "$line" >/dev/null || { loglines "$log" | grep AccurateRip; fail "the log lacks: $line"; }; done
}
tracknums=$(awk '$1 ~ /^[0-9]+$/ {print $1}' "$work/ref.txt")

# 1. good: every track matches, with the matching submission's confidence and the total.
split_ar "http://127.0.0.1:$port/good" "$work/good"
expected=("INFO  AccurateRip: 2 submission(s) for this disc (http://127.0.0.1:$port/good/$rel)")
k=0
for n in $tracknums; do
  if [ $((k % 2)) -eq 0 ]; then v=2; else v=1; fi
  expected+=("$(printf 'INFO  AccurateRip: track %02d matches (v%d, confidence 7 of 9)' "$n" "$v")")
  k=$((k + 1))
done
expect_log "$work/good/Demo.log" "${expected[@]}"
python3 - "$work/good.json" <<'PY' || fail "the JSON of the good lookup is not as expected"
import json, sys
a = json.load(open(sys.argv[1]))["audio"]
assert a["accuraterip"]["status"] == "found" and a["accuraterip"]["submissions"] == 2, a["accuraterip"]
for k, t in enumerate(a["tracks"]):
    want = {"result": "match", "version": 2 if k % 2 == 0 else 1, "confidence": 7, "total": 9, "submissions": 2}
    assert t["accuraterip"] == want, (t, want)
PY
grep -q "GET /good/$rel" "$work/http.log" || fail "the server was not asked for /good/$rel"

# 2. partial: the first audio track does not match, the others are not in the database.
split_ar "http://127.0.0.1:$port/partial/" "$work/partial"
first=$(head -1 <<<"$tracknums")
expected=("$(printf 'WARN  AccurateRip: track %02d does not match (1 submission(s), confidence 5 in total)' "$first")")
for n in $(tail -n +2 <<<"$tracknums"); do expected+=("$(printf 'INFO  AccurateRip: track %02d not in database' "$n")"); done
expect_log "$work/partial/Demo.log" "${expected[@]}"
python3 - "$work/partial.json" <<'PY' || fail "the JSON of the partial lookup is not as expected"
import json, sys
a = json.load(open(sys.argv[1]))["audio"]
t = a["tracks"]
assert t[0]["accuraterip"] == {"result": "no_match", "total": 5, "submissions": 1}, t[0]
assert all(x["accuraterip"] == {"result": "not_in_database"} for x in t[1:]), t
PY

# 3. HTTP 404: the disc is not in the database; every track says so.
split_ar "http://127.0.0.1:$port/missing" "$work/missing"
expected=("WARN  AccurateRip: disc not in the AccurateRip database (http://127.0.0.1:$port/missing/$rel)")
for n in $tracknums; do expected+=("$(printf 'INFO  AccurateRip: track %02d not in database' "$n")"); done
expect_log "$work/missing/Demo.log" "${expected[@]}"
python3 -c "import json,sys; a=json.load(open(sys.argv[1]))['audio']; assert a['accuraterip']=={'status':'not_in_database','url':sys.argv[2]}, a['accuraterip']" \
  "$work/missing.json" "http://127.0.0.1:$port/missing/$rel" || fail "the JSON of the 404 lookup is not as expected"

# 4. A server that is down: a warning naming the URL and curl's reason; the rip is still good.
down=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
split_ar "http://127.0.0.1:$down" "$work/down"
loglines "$work/down/Demo.log" | grep -E "^WARN  AccurateRip lookup failed: http://127\.0\.0\.1:$down/$rel: (Failed to connect|Couldn't connect).*" >/dev/null ||
  { loglines "$work/down/Demo.log" | grep AccurateRip; fail "no clear warning for a server that is down"; }
python3 - "$work/down.json" "http://127.0.0.1:$down/$rel" <<'PY' || fail "the JSON of the failed lookup is not as expected"
import json, sys
r = json.load(open(sys.argv[1]))
q = r["audio"]["accuraterip"]
assert r["verdict"] == "good", r["verdict"]
assert q["status"] == "error" and q["url"] == sys.argv[2] and q["error"].startswith(sys.argv[2] + ": "), q
assert all("accuraterip" not in t for t in r["audio"]["tracks"])
PY
# 5. A file that is not a dBAR file: a warning naming the URL, the byte and what is wrong.
split_ar "http://127.0.0.1:$port/html" "$work/html"
expect_log "$work/html/Demo.log" \
  "WARN  AccurateRip lookup failed: http://127.0.0.1:$port/html/$rel (offset 0): submission of 60 tracks needs 553 bytes, 42 left"
python3 -c "import json,sys; r=json.load(open(sys.argv[1])); assert r['verdict']=='good' and r['audio']['accuraterip']['status']=='error', r['audio']" \
  "$work/html.json" || fail "the JSON of the malformed answer is not as expected"
echo "ok: $kind: $naudio audio track(s), AccurateRip $id1-$id2-$cddb, CTDB $ctdb; match, no match, not in database, 404, a server down and a malformed answer reported as expected"

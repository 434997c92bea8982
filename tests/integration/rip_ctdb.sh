#!/usr/bin/env bash
# CTDB end to end: the TOC string, the CTDB CRC and the track CRCs of the source image, computed
# by CUETools' definitions in an independent Python transcription (accuraterip_ref.py ctdb), then
# lookup2.php answers served by a local HTTP server: `rip --ctdb` of the disc from the virtual
# drive against an answer holding that CRC (verified, confidence 7 of 9 submissions, every track
# too), and `split --ctdb` of the kept dump against one with a wrong CRC whose track CRCs are
# right but for the first audio track's (no match; that track no match, the others verified with
# confidence 3), an entry whose CRC is the audio's moved by -300 samples (accuraterip_ref.py
# shifted: verified at shift -300, every track too, confidence 4), no answer (HTTP 404: not in
# database) and a web page (lookup failed). The request must carry the TOC string; the exit
# status stays 0.
#   rip_ctdb.sh BUILD_DIR KIND      KIND: audio, mixed, cd-extra or htoa
set -euo pipefail
build=$(cd "${1:?usage: rip_ctdb.sh BUILD_DIR KIND}" && pwd)
kind=${2:?usage: rip_ctdb.sh BUILD_DIR KIND}
here=$(cd "$(dirname "$0")" && pwd)
. "$here/demo_disc.sh"
demo_disc "$kind"
loglines() { sed -E 's/^[0-9-]+ [0-9:]+ //' "$1"; }
# grep without -q: leaving early would kill sed with SIGPIPE, and pipefail would fail the check.
expect_log() {  # expect_log LOG LINE...
  local log=$1; shift
  for line in "$@"; do loglines "$log" | grep -xF -- "$line" >/dev/null || { loglines "$log" | grep CTDB; fail "the log lacks: $line"; }; done
}

python3 "$here/accuraterip_ref.py" ctdb "$cue" >"$work/ref.txt"
toc=$(awk '/^toc /{print $2}' "$work/ref.txt")
crc=$(awk '/^crc /{print $2}' "$work/ref.txt")
read -r -a trackcrcs < <(awk '/^trackcrcs /{$1=""; print}' "$work/ref.txt")
[ -n "$toc" ] && [ -n "$crc" ] || fail "no reference values: $(cat "$work/ref.txt")"
moved=$(python3 "$here/accuraterip_ref.py" shifted "$cue" -300 | awk '/^ctdb /{print $2}')

# good/: the disc's CRC with confidence 7 and another pressing's with 2; bad/: a wrong CRC with 3;
# html/: a web page; missing/: nothing (404).
python3 - "$work/www" "$toc" "$crc" "${trackcrcs[*]}" "$moved" <<'PY'
import os, sys
www, toc, crc, tracks = sys.argv[1], sys.argv[2], int(sys.argv[3], 16), [int(t, 16) for t in sys.argv[4].split()]
moved = int(sys.argv[5], 16)
head = '<?xml version="1.0" encoding="UTF-8"?>\n<ctdb xmlns="http://db.cuetools.net/ns/mmd-1.0#" xmlns:ext="http://db.cuetools.net/ns/ext-1.0#">\n'
hexes = lambda ts: " ".join(f"{t:08x}" for t in ts)
entry = lambda i, c, conf, ts: f' <entry id="{i}" crc32="{c:08x}" confidence="{conf}" npar="8" stride="5880" parity="AAAAAAAAAAAAAAAAAAAAAA==" trackcrcs="{hexes(ts)}" toc="{toc}"/>\n'
bodies = {
    "good": head + entry(101, crc, 7, tracks) + entry(102, crc ^ 0x5A5A5A5A, 2, [t ^ 0x5A5A5A5A for t in tracks]) + "</ctdb>\n",
    "bad": head + entry(103, crc ^ 1, 3, [tracks[0] ^ 1] + tracks[1:]) + "</ctdb>\n",
    "moved": head + f' <entry id="104" crc32="{moved:08x}" confidence="4" npar="8" stride="5880" toc="{toc}"/>\n</ctdb>\n',
    "html": "<html><body>Not a CTDB answer</body></html>\n",
}
for d, body in bodies.items():
    os.makedirs(os.path.join(www, d), exist_ok=True)
    open(os.path.join(www, d, "lookup2.php"), "w").write(body)
os.makedirs(os.path.join(www, "missing"), exist_ok=True)
PY
http_serve "$work/www"
query="lookup2.php?version=3&ctdb=1&fuzzy=0&metadata=none&toc=$toc"

# 1. rip --ctdb: verified.
code=0
DW_CTDB_URL="http://127.0.0.1:$port/good" "$dw" rip "virtual:$cue?drive=plextor&timing=instant" -o "$work/rip" \
  --name Demo --json --ctdb >"$work/rip.json" 2>"$work/rip.err" || code=$?
[ "$code" -eq 0 ] || { cat "$work/rip.err"; fail "rip --ctdb exited $code"; }
for f in "$work/src/"*.bin; do cmp -s "$f" "$work/rip/$(basename "$f")" || fail "$(basename "$f") differs from the source"; done
grep -qF "\"GET /good/$query HTTP/1.1\" 200" "$work/http.log" || { cat "$work/http.log"; fail "the server was not asked for /good/$query"; }
expect_log "$work/rip/Demo.log" "INFO  CTDB CRC $crc ($(python3 -c "import json,sys; print(sum(t['sectors'] for t in json.load(open(sys.argv[1]))['audio']['tracks']))" "$work/rip.json") audio sectors)" \
  "INFO  CTDB TOC $toc" "INFO  CTDB: 2 entries for this TOC, 9 submission(s) (http://127.0.0.1:$port/good/$query)" \
  "INFO  CTDB: verified, confidence 7 (of 9 submissions)"
numbers=($(python3 -c "import json,sys; print(' '.join(str(t['number']) for t in json.load(open(sys.argv[1]))['audio']['tracks']))" "$work/rip.json"))
[ ${#numbers[@]} -eq ${#trackcrcs[@]} ] || fail "${#numbers[@]} audio tracks ripped, ${#trackcrcs[@]} track CRCs computed"
for i in "${!numbers[@]}"; do
  expect_log "$work/rip/Demo.log" "$(printf 'INFO  track %02d: CTDB CRC %s' "${numbers[$i]}" "${trackcrcs[$i]}")" \
    "$(printf 'INFO  CTDB: track %02d verified, confidence 7 (of 9 submissions)' "${numbers[$i]}")"
done
python3 - "$work/rip.json" "$toc" "$crc" "http://127.0.0.1:$port/good/$query" "${trackcrcs[*]}" <<'PY' || fail "the JSON of the verified lookup is not as expected"
import json, sys
r = json.load(open(sys.argv[1]))
a = r["audio"]
assert r["verdict"] == "good", r["verdict"]
assert a["ctdb_toc"] == sys.argv[2] and a["ctdb_crc"] == sys.argv[3], (a["ctdb_toc"], a["ctdb_crc"])
want = {"status": "found", "url": sys.argv[4], "entries": 2, "submissions": 9, "result": "verified", "confidence": 7}
assert a["ctdb"] == want, (a["ctdb"], want)
assert [t["ctdb_crc"] for t in a["tracks"]] == sys.argv[5].split(), a["tracks"]
assert all(t["ctdb"] == {"result": "verified", "confidence": 7} for t in a["tracks"]), a["tracks"]
PY

# 2. split --ctdb against the other answers; the exit status stays 0.
split_ctdb() {  # split_ctdb NAME: sets $out
  out="$work/$1"
  code=0
  DW_CTDB_URL="http://127.0.0.1:$port/$1" "$dw" split "$work/rip/Demo.dump" -o "$out" --name Demo --json --ctdb \
    >"$out.json" 2>"$out.err" || code=$?
  [ "$code" -eq 0 ] || { cat "$out.err"; fail "split --ctdb against /$1 exited $code"; }
}
jq_ctdb() { python3 -c "import json,sys; print(json.dumps(json.load(open(sys.argv[1]))['audio']['ctdb'], sort_keys=True))" "$1"; }

split_ctdb bad
expect_log "$out/Demo.log" "WARN  CTDB: no match: CRC $crc is not among the 1 entry for this TOC (1 comparable)" \
  "$(printf 'WARN  CTDB: track %02d no match' "${numbers[0]}")"
for n in "${numbers[@]:1}"; do expect_log "$out/Demo.log" "$(printf 'INFO  CTDB: track %02d verified, confidence 3 (of 3 submissions)' "$n")"; done
python3 -c "
import json, sys
t = [x['ctdb'] for x in json.load(open(sys.argv[1]))['audio']['tracks']]
assert t == [{'result': 'no_match'}] + [{'result': 'verified', 'confidence': 3}] * (len(t) - 1), t" "$out.json" ||
  fail "the per-track JSON of the no-match lookup"
[ "$(jq_ctdb "$out.json")" = "{\"at_shift\": null, \"entries\": 1, \"result\": \"no_match\", \"status\": \"found\", \"submissions\": 3, \"url\": \"http://127.0.0.1:$port/bad/$query\"}" ] ||
  fail "the JSON of the no-match lookup: $(jq_ctdb "$out.json")"
expect_log "$out/Demo.log" "INFO  CTDB: the disc CRC matches no entry at any shift within 2939 samples either way" \
  "$(printf 'INFO  CTDB: track %02d matches no entry at any shift within 2939 samples either way' "${numbers[0]}")"

split_ctdb moved
expect_log "$out/Demo.log" "INFO  CTDB at shift -300: verified, confidence 4 (of 4 submissions): the audio lies 300 samples earlier than the entries' (another pressing, or a read offset off by -300)"
for n in "${numbers[@]}"; do expect_log "$out/Demo.log" "$(printf 'INFO  CTDB: track %02d verified at shift -300, confidence 4 (of 4 submissions)' "$n")"; done
python3 -c "
import json, sys
a = json.load(open(sys.argv[1]))['audio']
assert a['ctdb']['result'] == 'no_match' and a['ctdb']['at_shift'] == {'shift': -300, 'confidence': 4}, a['ctdb']
assert all(t['ctdb'] == {'result': 'unknown', 'at_shift': {'shift': -300, 'confidence': 4}} for t in a['tracks']), a['tracks']" "$out.json" ||
  fail "the JSON of the lookup verified at shift -300: $(jq_ctdb "$out.json")"

split_ctdb missing
expect_log "$out/Demo.log" "WARN  CTDB: not in database (http://127.0.0.1:$port/missing/$query)"
[ "$(jq_ctdb "$out.json")" = "{\"status\": \"not_in_database\", \"url\": \"http://127.0.0.1:$port/missing/$query\"}" ] ||
  fail "the JSON of the 404 lookup: $(jq_ctdb "$out.json")"

split_ctdb html
expect_log "$out/Demo.log" "WARN  CTDB: lookup failed: http://127.0.0.1:$port/html/$query:1: the root element is <html>, not <ctdb>"
python3 -c "import json,sys; c=json.load(open(sys.argv[1]))['audio']['ctdb']; assert c['status']=='error' and 'not <ctdb>' in c['error'], c" "$out.json" ||
  fail "the JSON of the failed lookup: $(jq_ctdb "$out.json")"

# Without --json the terminal gets the verdict in one line.
DW_CTDB_URL="http://127.0.0.1:$port/good" "$dw" split "$work/rip/Demo.dump" -o "$work/text" --name Demo --ctdb \
  >"$work/text.out" 2>"$work/text.err" || { cat "$work/text.err"; fail "split --ctdb without --json failed"; }
grep -qxF "CTDB: verified, confidence 7 (of 9 submissions)" "$work/text.out" || { cat "$work/text.out"; fail "the terminal lacks the CTDB verdict"; }

echo "PASS: CTDB $kind: TOC $toc, CRC $crc, track CRCs ${trackcrcs[*]} verified; at shift -300 verified; no match (per track too), not in database and a failed lookup reported"

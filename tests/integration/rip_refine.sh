#!/usr/bin/env bash
# `rip --refine DUMP` re-reads what a rip left bad, on another drive:
#  1. a clean rip of the demo disc on the generic drive (read offset +6) gives the reference files;
#  2. the same disc ripped on the asus drive (also +6) with C2 damage at drive LBAs 700..702 and
#     unreadable sectors at 900..901 ends with exit status 1 and those five sectors bad;
#  3. --refine on the plextor drive (+30) is refused (exit 4) with both offsets named, and the
#     dump is left as it was; --refine of another disc is refused (exit 4), and so is --resume;
#  4. --refine on the generic drive without the faults recovers exactly those five sectors
#     (the log lists them), exits 0, and the track files equal the clean rip's and the source's
#     byte for byte; the manifest's notes keep the refine and the drive it ran on.
#   rip_refine.sh BUILD_DIR
set -euo pipefail
build=$(cd "${1:?usage: rip_refine.sh BUILD_DIR}" && pwd)
. "$(dirname "$0")/demo_disc.sh"
demo_disc mixed
fail() { echo "FAIL: $*"; exit 1; }

# 1. the reference
"$dw" rip "virtual:$cue?drive=generic&timing=instant" -o "$work/clean" --name Demo --json >"$work/clean.json" 2>/dev/null

# 2. the damaged rip
cat >"$work/faults.json" <<'JSON'
{"seed": 3, "faults": [
  {"type": "c2", "lba": 700, "count": 3, "bytes": 16},
  {"type": "unreadable", "lba": 900, "count": 2, "delay_ms": 100}]}
JSON
set +e
"$dw" rip "virtual:$cue?drive=asus&timing=instant&faults=$work/faults.json" -o "$work/r" --name Demo --retries 2 --json >"$work/r.json" 2>/dev/null
code=$?
set -e
[ "$code" = 1 ] || fail "the damaged rip should exit 1, got $code"
python3 - "$work/r/Demo.dump" <<'PY'
import json, os, sys
d = sys.argv[1]
m = json.load(open(os.path.join(d, "dump.json")))
st = open(os.path.join(d, "state.bin"), "rb").read()
bad = {m["first_lba"] + i // 4: st[i] for i in range(0, len(st), 4) if st[i] in (2, 3)}
assert bad == {700: 2, 701: 2, 702: 2, 900: 3, 901: 3}, bad
PY
cp "$work/r/Demo.dump/state.bin" "$work/state.before"

# 3. refusals: another read offset, another disc
set +e
"$dw" rip "virtual:$cue?drive=plextor&timing=instant" --refine "$work/r/Demo.dump" >"$work/px.out" 2>&1
code=$?
set -e
[ "$code" = 4 ] || { cat "$work/px.out"; fail "refine on a drive with another read offset should exit 4, got $code"; }
grep -q "offset of +30 samples" "$work/px.out" && grep -q "with +6 samples" "$work/px.out" &&
  grep -q "coordinates" "$work/px.out" || { cat "$work/px.out"; fail "the refusal does not name both offsets and why"; }
cmp -s "$work/state.before" "$work/r/Demo.dump/state.bin" || fail "a refused refine changed the dump"
other=$("$(dirname "$0")/../../testdata/make-demo.sh" "$build" "$work/other" audio)
set +e
"$dw" rip "virtual:$other?drive=generic&timing=instant" --refine "$work/r/Demo.dump" >"$work/other.out" 2>&1
code=$?
set -e
[ "$code" = 4 ] || { cat "$work/other.out"; fail "refine with another disc should exit 4, got $code"; }
grep -q "is not the one the dump" "$work/other.out" || { cat "$work/other.out"; fail "the refusal does not say the disc differs"; }
cmp -s "$work/state.before" "$work/r/Demo.dump/state.bin" || fail "a refused refine changed the dump"
# --resume checks the disc the same way.
set +e
"$dw" rip "virtual:$other?drive=asus&timing=instant" -o "$work/r" --name Demo --resume >"$work/resume.out" 2>&1
code=$?
set -e
[ "$code" = 4 ] || { cat "$work/resume.out"; fail "resume with another disc should exit 4, got $code"; }
grep -q "is not the one the dump" "$work/resume.out" || { cat "$work/resume.out"; fail "resume: the refusal does not say the disc differs"; }
# A folder that is not a dump: exit 3.
set +e
"$dw" rip "virtual:$cue?drive=generic&timing=instant" --refine "$work/clean" >/dev/null 2>&1
code=$?
set -e
[ "$code" = 3 ] || fail "refine of a folder that is not a dump should exit 3, got $code"

# 4. the refine on a good drive with the same read offset
"$dw" rip "virtual:$cue?drive=generic&timing=instant" --refine "$work/r/Demo.dump" --json >"$work/refine.json" 2>/dev/null ||
  { cat "$work/refine.json"; fail "refine on the generic drive did not exit 0"; }
grep -q "refine: recovered 5 sector(s) (drive LBAs): 700, 701, 702, 900, 901" "$work/r/Demo.log" ||
  fail "the log does not list the recovered sectors"
grep -q "refining the dump in .* on DISCWRT VIRTUAL CD-RW" "$work/r/Demo.log" || fail "the log does not name the refine drive"
python3 - "$work/clean.json" "$work/refine.json" "$work/r/Demo.dump/dump.json" <<'PY'
import json, sys
clean, refined, manifest = (json.load(open(p)) for p in sys.argv[1:4])
assert refined["verdict"] == "good" and refined["not_good"] == [], refined["verdict"]
key = lambda t: (t["number"], t["sectors"], t["crc32"], t["md5"], t["sha1"])
assert [key(t) for t in refined["tracks"]] == [key(t) for t in clean["tracks"]], (refined["tracks"], clean["tracks"])
assert manifest["drive"]["vendor"] == "ASUS", manifest["drive"]  # main.bin stays in that drive's coordinates
notes = [n for n in manifest["notes"] if " refine on DISCWRT VIRTUAL CD-RW" in n]
assert len(notes) == 1 and "5 sector(s) re-read, 5 recovered, 0 still not good" in notes[0], manifest["notes"]
assert any(" refine on ASUS BW-16D1HT" in n for n in manifest["notes"]), manifest["notes"]
PY
for f in "$work/src/"*.bin; do
  b=$(basename "$f")
  cmp "$f" "$work/r/$b" || fail "$b differs from the source after refine"
  cmp "$work/clean/$b" "$work/r/$b" || fail "$b differs from the clean rip after refine"
done
echo "ok: refine on another drive with the same read offset recovered drive LBAs 700-702 and 900-901 (files equal the clean rip's); another offset, another disc and a non-dump refused"

#!/usr/bin/env bash
# Rips on a drive without an accurate stream (the `cheap` personality: audio reads after a seek
# start up to 3 samples early or late, no C2) through flaky sectors and a read that hangs once:
#  - every audio track equals the source's byte for byte (reads overlap the sectors before them
#    and are realigned; the runs read after the flaky sectors are aligned again after refine);
#  - the hang is logged, retried, and costs nothing;
#  - damage the drive cannot flag (no C2) is found by the second read of every sector and listed;
#  - with a sector that stays unreadable, the run after it has nothing to align with: it is placed
#    by independent reads (exit 1 for the bad sector only), or, when no two reads of it agree,
#    reported as not aligned (exit 1), while the tracks before the bad sector still equal the source's.
# The drive's read offset (+6) is given with --read-offset (it is not in the quirks table). Its
# reads start one sector early (on the sector before), so the hang is placed on LBA 1183: the chunk
# for 1184..1215 is the read that hangs.
#   rip_jitter.sh BUILD_DIR
set -euo pipefail
build=$(cd "${1:?usage: rip_jitter.sh BUILD_DIR}" && pwd)
. "$(dirname "$0")/demo_disc.sh"
demo_disc audio
for seed in 1 2 3 4 5; do
  cat >"$work/faults.json" <<JSON
{"seed": $seed, "faults": [
  {"type": "flaky", "lba": 700, "count": 2, "failures": 2},
  {"type": "flaky", "lba": 1300, "count": 1, "failures": 3},
  {"type": "hang", "opcode": "0xBE", "lba": 1183, "times": 1}]}
JSON
  rm -rf "$work/r"
  "$dw" rip "virtual:$cue?drive=cheap&timing=instant&faults=$work/faults.json" -o "$work/r" --name Demo \
    --read-offset 6 --json >"$work/r.json" 2>/dev/null || { echo "FAIL: seed $seed: exit status $?"; cat "$work/r.json"; exit 1; }
  for t in 1 2 3; do
    cmp "$work/src/Demo (Track $t).bin" "$work/r/Demo (Track $t).bin" ||
      { echo "FAIL: seed $seed: track $t differs from the source"; grep -v realigned "$work/r/Demo.log" | tail -30; exit 1; }
  done
  grep -q "CD-DA stream: not accurate" "$work/r/Demo.log" || { echo "FAIL: the log does not say the stream is not accurate"; exit 1; }
  grep -Eq "the read started [0-9]+ sample\(s\) (early|late) \(jitter\), realigned" "$work/r/Demo.log" ||
    { echo "FAIL: seed $seed: no read was realigned (is the drive jittery?)"; exit 1; }
  grep -q "LBA 1183..1216: the drive did not answer (timeout: the command did not complete); retrying" "$work/r/Demo.log" ||
    { echo "FAIL: seed $seed: the hang is not logged as retried"; grep -i answer "$work/r/Demo.log"; exit 1; }
  python3 - "$work/r.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
assert r["verdict"] == "good", r["verdict"]
assert r["sectors"]["unaligned_runs"] == 0 and r["not_good"] == [], r["sectors"]
PY
done
# rip_with_problems WHAT RETRIES FAULTS_JSON: a rip on the cheap drive with those faults must
# finish with exit status 1 (sectors not good); r.json and r/ hold its summary and files.
rip_with_problems() {
  printf '%s\n' "$3" >"$work/faults.json"
  rm -rf "$work/r"
  local code=0
  "$dw" rip "virtual:$cue?drive=cheap&timing=instant&faults=$work/faults.json" -o "$work/r" --name Demo \
    --read-offset 6 --retries "$2" --json >"$work/r.json" 2>/dev/null || code=$?
  [ "$code" = 1 ] || { echo "FAIL: $1: exit status $code, expected 1"; exit 1; }
}
# A sector that never reads: the run after it has nothing before it to align with, but it holds
# sound, so independent reads of it place it (the middle of the band they jitter in): every
# sector but 999 and 1000 (the drive's sector 1000 holds samples of both at +6) equals the
# source's. Track 2's file starts at its pregap, LBA 600 (the source's sheet), so they are its
# sectors 399 and 400.
rip_with_problems "unreadable sector" 3 \
  '{"seed": 3, "faults": [{"type": "unreadable", "lba": 1000, "count": 1, "delay_ms": 10}]}'
python3 - "$work/r.json" "$work/src" "$work/r" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
assert r["verdict"] == "problems", r["verdict"]
assert r["not_good"] == ["999", "1000"], r["not_good"]
assert r["sectors"]["unaligned_runs"] == 0, r["sectors"]
for t in (1, 2, 3):
    a = open(f"{sys.argv[2]}/Demo (Track {t}).bin", "rb").read()
    b = open(f"{sys.argv[3]}/Demo (Track {t}).bin", "rb").read()
    assert len(a) == len(b), t
    differ = [i // 2352 for i in range(0, len(a), 2352) if a[i:i + 2352] != b[i:i + 2352]]
    assert differ == ([399, 400] if t == 2 else []), (t, differ)
PY
grep -Eq "DEBUG LBA 1001\.\.1001: nothing before it to align with; [0-9]+ independent read\(s\) start within .* the read there is kept" "$work/r/Demo.log" ||
  { echo "FAIL: the run after the unreadable sector was not placed by independent reads"; grep 1001 "$work/r/Demo.log"; exit 1; }
# The run after it also changes with every read (damage the drive cannot flag): no two reads of
# it agree, so it cannot be placed: reported as a run jitter may have shifted, exit status 1.
rip_with_problems "unplaceable run" 3 \
  '{"seed": 3, "faults": [{"type": "unreadable", "lba": 1000, "count": 1, "delay_ms": 10},
                          {"type": "c2", "lba": 1001, "count": 1, "bytes": 16}]}'
python3 - "$work/r.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
assert r["verdict"] == "problems", r["verdict"]
assert r["not_good"][:3] == ["999", "1000", "1001 (C2)"], r["not_good"]
assert r["sectors"]["unaligned_runs"] == 1, r["sectors"]
PY
grep -q "WARN  LBA 1001..1001: nothing before it to align with, and 97 read(s) (0 failed, 96 not matching the first at one shift) start within +0..+0 sample(s) of the first without a clear middle: its place is not verified" "$work/r/Demo.log" ||
  { echo "FAIL: the unplaced run is not logged"; grep 1001 "$work/r/Demo.log"; exit 1; }
grep -q "1 run(s) after bad sectors that jitter may have shifted" "$work/r/Demo.log" || { echo "FAIL: the verdict does not name the unaligned run"; exit 1; }
cmp "$work/src/Demo (Track 1).bin" "$work/r/Demo (Track 1).bin" || { echo "FAIL: track 1 (before the bad sector) differs"; exit 1; }
# Damage a drive without C2 pointers cannot flag: a second read of every sector shows it.
rip_with_problems "silent damage" 4 '{"seed": 5, "faults": [{"type": "c2", "lba": 300, "count": 2, "bytes": 16}]}'
python3 - "$work/r.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
assert r["not_good"][:3] == ["299 (C2)", "300 (C2)", "301 (C2)"], r["not_good"]
PY
grep -q "verify: no C2 pointers, so 1575 sector(s) read once are read a second time and compared" "$work/r/Demo.log" ||
  { echo "FAIL: no verify pass logged"; grep verify "$work/r/Demo.log"; exit 1; }
echo "ok: jittery drive: 5 seeds ripped exactly through flaky sectors and a hang; the run after an unreadable sector placed by independent reads, or reported when no two reads of it agree (exit 1); damage without C2 found by the verify pass"

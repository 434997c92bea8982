#!/usr/bin/env bash
# Rips through faults of the virtual drive (generic personality, read offset +6 samples):
#  - flaky sectors (two failed reads each) end up good after refine, their read counts logged;
#  - C2-damaged and unreadable sectors are listed LBA by LBA in the disc's coordinates (a drive
#    sector d touches the disc's sectors d-1 and d, the read offset being +6 samples) and the
#    exit status is 1; the untouched track files still equal the source's;
#  - Q CRC damage (5% of frames) does not change the decoded disc.
#   rip_faults.sh BUILD_DIR [PERSONALITY]   (default generic; any with a read offset of 1..587 samples)
set -euo pipefail
build=$(cd "${1:?usage: rip_faults.sh BUILD_DIR [PERSONALITY]}" && pwd)
drive=${2:-generic}
. "$(dirname "$0")/demo_disc.sh"
demo_disc mixed
cat >"$work/faults.json" <<'JSON'
{"seed": 11, "faults": [
  {"type": "flaky", "lba": 500, "count": 2, "failures": 2},
  {"type": "c2", "lba": 700, "count": 3, "bytes": 16},
  {"type": "unreadable", "lba": 900, "count": 2, "delay_ms": 100},
  {"type": "q_crc", "rate": 0.05}]}
JSON
set +e
"$dw" rip "virtual:$cue?drive=$drive&timing=instant&faults=$work/faults.json" -o "$work/r" --name Demo --retries 4 --json >"$work/r.json" 2>"$work/r.err"
code=$?
set -e
[ "$code" = 1 ] || { echo "FAIL: exit status $code, expected 1 (sectors not good)"; cat "$work/r.json"; exit 1; }
python3 - "$work/r.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
expected = [f"{l} (C2)" for l in range(699, 703)] + [str(l) for l in range(899, 902)]
assert r["verdict"] == "problems", r["verdict"]
assert r["not_good"] == expected, (r["not_good"], expected)
PY
grep -q '"event":"progress"' "$work/r.err" && grep -q '"phase":"refine"' "$work/r.err" || { echo "FAIL: no JSON progress events for the read and refine phases"; exit 1; }
# Flaky sectors: re-read by refine (with their read count), or already in the first pass when the
# block around them failed and was read sector by sector (drives whose late C2 makes the read of
# the sector before a bad one fail too get there first).
for l in 500 501; do
  grep -Eq "refine LBA $l: good after [0-9]+ read\(s\)" "$work/r/Demo.log" ||
    grep -Eq "LBA (4[0-9][0-9])\.\.(5[0-9][0-9]): .*reading sector by sector" "$work/r/Demo.log" ||
    { echo "FAIL: flaky LBA $l: neither refined nor re-read sector by sector in the log"; grep "LBA 50" "$work/r/Demo.log"; exit 1; }
done
grep -q "still unreadable after 5 read(s)" "$work/r/Demo.log" || { echo "FAIL: the log does not count the re-reads of unreadable sectors"; exit 1; }
cmp "$work/src/Demo (Track 1).bin" "$work/r/Demo (Track 1).bin" || { echo "FAIL: the data track (flaky sectors only) differs"; exit 1; }
[ "$(disc "$cue")" = "$(disc "$work/r/Demo.cue")" ] || { echo "FAIL: Q damage changed the decoded disc"; diff <(disc "$cue") <(disc "$work/r/Demo.cue"); exit 1; }
grep -q "repaired in memory" "$work/r/Demo.log" || { echo "FAIL: Q repair not logged"; exit 1; }
echo "ok: flaky sectors recovered, C2 and unreadable sectors listed exactly (exit 1), Q damage repaired: $(grep -o 'Q: [^,]*, [^,]*, [0-9]* repaired' "$work/r/Demo.log")"

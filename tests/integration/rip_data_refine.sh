#!/usr/bin/env bash
# Refine of data sectors on a drive that refuses to read data as audio (`cheap`: 05/64/00 for an
# audio-type read of a data sector, no C2 pointers, audio jitter): the mixed disc's Mode 1 track
# is read with data-type reads, where the drive's own EDC/ECC check is what shows damage.
#  - flaky LBAs 100-101 (two failed reads each) are re-read as data by refine and end up good,
#    with their read counts in the log;
#  - unreadable LBAs 150-151 are listed exactly (data-type reads are header-aligned: no read
#    offset spreads them to a neighbour), the exit status is 1, and the track file holds the
#    source's sectors everywhere but there, where it holds placeholders naming their address.
#   rip_data_refine.sh BUILD_DIR
set -euo pipefail
build=$(cd "${1:?usage: rip_data_refine.sh BUILD_DIR}" && pwd)
. "$(dirname "$0")/demo_disc.sh"
demo_disc mixed
cat >"$work/faults.json" <<'JSON'
{"seed": 11, "faults": [
  {"type": "flaky", "lba": 100, "count": 2, "failures": 2},
  {"type": "unreadable", "lba": 150, "count": 2, "delay_ms": 100}]}
JSON
expect_exit 1 '"verdict": "problems"' "$dw" rip "virtual:$cue?drive=cheap&timing=instant&faults=$work/faults.json" \
  -o "$work/r" --name Demo --retries 4 --json
python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); assert r["not_good"] == ["150", "151"], r["not_good"]' "$work/out"
log() { sed -E 's/^[0-9-]+ [0-9:]+ //' "$work/r/Demo.log"; }
log | grep -F "the drive will not read data sectors as audio (CHECK CONDITION 05/64/00 illegal mode for this track); data tracks are read as data from here on" >/dev/null || fail "the log does not say data was read as data"
for l in 100 101; do
  log | grep -E "^INFO  refine LBA $l: good after [0-9]+ read\(s\) \(read as data: the drive's EDC/ECC check passed\)$" >/dev/null ||
    { log | grep "LBA $l"; fail "flaky LBA $l was not refined as data"; }
done
python3 - "$work/src/Demo (Track 1).bin" "$work/r/Demo (Track 1).bin" <<'PY' || fail "track 1 differs from the source outside LBAs 150-151, or they are not placeholders"
import sys
a, b = open(sys.argv[1], "rb").read(), open(sys.argv[2], "rb").read()
assert len(a) == len(b), (len(a), len(b))
S = 2352
for lba in range(len(a) // S):
    x, y = a[lba * S:(lba + 1) * S], b[lba * S:(lba + 1) * S]
    if lba in (150, 151):
        assert x != y, lba
        m, s, f = (lba + 150) // 4500, (lba + 150) // 75 % 60, (lba + 150) % 75
        bcd = lambda v: v // 10 << 4 | v % 10
        assert y[:12] == b"\0" + b"\xff" * 10 + b"\0" and y[12:15] == bytes([bcd(m), bcd(s), bcd(f)]), (lba, y[:16].hex())
    else:
        assert x == y, lba
PY
echo "ok: cheap drive, data read as data: flaky LBAs 100-101 refined good, 150-151 listed and written as placeholders, the rest equal to the source"

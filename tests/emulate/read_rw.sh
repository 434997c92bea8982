#!/usr/bin/env bash
# READ CD sub-channel 100b (R-W, de-interleaved and corrected) read by other programs from a disc
# whose subchannel carries known R-W: the mixed disc as a CloneCD image whose .sub gets raw
# (on-disc, interleaved) R-W symbols (k * 11 + lba * 7 + 5) mod 64 in 20 sectors of track 2.
# `cdrdao read-cd --read-subchan rw` appends 96 bytes of R-W packs to every audio sector it reads
# (no P, no Q). What it must get is the Red Book de-interleave of that raw R-W, computed here with
# the offsets CD+G extractors publish: symbol j of a pack is the raw symbol OFFSETS[j] symbols
# after the pack's first, i.e. sector L's packs draw on the raw R-W of L, L+1 and L+2, so the two
# sectors before the 20 get some symbols and the rest of the track zeros. `sg_raw` sends the CDB
# itself; on `cheap`, which has no mode 100b, it gets ILLEGAL REQUEST (invalid field in CDB).
#   read_rw.sh BUILD_DIR
set -euo pipefail
build=$(cd "${1:?usage: read_rw.sh BUILD_DIR}" && pwd)
. "$(dirname "$0")/lib.sh"
need cdrdao sg_raw python3
emulate_disc mixed
source_json
"$dw" convert "$cue" "$work/rw.ccd" >/dev/null
first=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["tracks"][1]["start"] + 14)' "$work/src.json")
python3 - "$work/rw.sub" "$first" <<'PY'
import sys
path, first = sys.argv[1], int(sys.argv[2])
sub = bytearray(open(path, "rb").read())
for lba in range(first, first + 20):  # the .sub is linear: P, Q, R ... W, 12 bytes each
    s = sub[lba * 96:(lba + 1) * 96]
    for k in range(96):
        sym = (k * 11 + lba * 7 + 5) & 0x3F
        for ch in range(6):  # R (bit 5 of the symbol) .. W (bit 0)
            if sym >> (5 - ch) & 1:
                s[(2 + ch) * 12 + k // 8] |= 0x80 >> (k % 8)
    sub[lba * 96:(lba + 1) * 96] = s
open(path, "wb").write(sub)
PY
spec="virtual:$work/rw.ccd?timing=instant"
(cd "$work" && emu "$spec" -- cdrdao read-cd --read-subchan rw --device /dev/sr0 --datafile rw.bin rw.toc) \
  >"$work/read-cd.log" 2>&1 || { echo "FAIL: cdrdao read-cd --read-subchan rw"; cat "$work/read-cd.log"; exit 1; }
cat >"$work/packs.py" <<'PY'
# The de-interleaved R-W of LBA `lba` (96 six-bit symbols) from the raw R-W the .sub was given.
OFFSETS = [0, 66, 125, 191, 100, 50, 150, 175, 8, 33, 58, 83, 108, 133, 158, 183, 16, 41, 25, 91, 116, 141, 166, 75]
def raw(first, lba, k):
    return (k * 11 + lba * 7 + 5) & 0x3F if first <= lba < first + 20 else 0
def packs(first, lba):
    out = bytearray()
    for i in range(96):
        at = lba * 96 + (i // 24) * 24 + OFFSETS[i % 24]
        out.append(raw(first, at // 96, at % 96))
    return bytes(out)
PY
python3 - "$work" "$first" <<'PY'
import json, re, sys
work, first = sys.argv[1], int(sys.argv[2])
sys.path.insert(0, work)
from packs import packs
toc = open(f"{work}/rw.toc").read()
# Track 2's audio (2352 bytes + 96 of R-W a sector) starts in the data file at its '#offset'.
m = re.search(r'// Track 2\n.*?DATAFILE "rw.bin" #(\d+)', toc, re.S)
assert m, "FAIL: no track 2 in cdrdao's TOC file"
base = int(m.group(1))
t = json.load(open(f"{work}/src.json"))["tracks"]
start, length = t[1]["start"], t[1]["length"]
data = open(f"{work}/rw.bin", "rb").read()
for lba in range(start, start + length):
    at = base + (lba - start) * 2448 + 2352
    want = packs(first, lba)
    if data[at:at + 96] != want:
        sys.exit(f"FAIL: R-W of LBA {lba}: {data[at:at + 8].hex()}..., want {want[:8].hex()}...")
PY
# Round trip: cdrdao's TOC read back by discwright interleaves the packs into the same raw R-W the
# CloneCD image had, at the same LBAs (every sector of the disc; R-W only, P and Q are the TOC's).
"$dw" convert "$work/rw.toc" "$work/back.ccd" >"$work/convert.log" 2>&1 ||
  { echo "FAIL: convert cdrdao's rw.toc"; cat "$work/convert.log"; exit 1; }
python3 - "$work/rw.sub" "$work/back.sub" <<'PY'
import sys
a, b = open(sys.argv[1], "rb").read(), open(sys.argv[2], "rb").read()
if len(a) != len(b):
    sys.exit(f"FAIL: .sub sizes {len(a)} and {len(b)}")
for lba in range(len(a) // 96):  # linear .sub: R..W are the 12-byte channels 2..7
    if a[lba * 96 + 24:lba * 96 + 96] != b[lba * 96 + 24:lba * 96 + 96]:
        sys.exit(f"FAIL: R-W of LBA {lba} after cdrdao RW -> TOC -> discwright differs")
with_rw = sum(1 for lba in range(len(b) // 96) if any(b[lba * 96 + 24:lba * 96 + 96]))
if with_rw != 20:
    sys.exit(f"FAIL: {with_rw} sectors with R-W after the round trip, want the 20 given")
PY
lba_hex=$(printf '%08x' "$first" | sed 's/../& /g')
out=$(emu "$spec" -- sg_raw -r 96 /dev/sr0 BE 00 $lba_hex 00 00 01 00 04 00 2>&1) || { echo "FAIL: sg_raw READ CD R-W"; echo "$out"; exit 1; }
want=$(cd "$work" && python3 -c 'import sys; from packs import packs; f=int(sys.argv[1]); print(" ".join("%02x" % b for b in packs(f, f)[:16]))' "$first")
grep -q " 00 *$want" <<<"$(sed -E 's/  +/ /g' <<<"$out")" || { echo "FAIL: sg_raw R-W of LBA $first"; echo "$out"; exit 1; }
out=$(emu "virtual:$work/rw.ccd?drive=cheap&timing=instant" -- sg_raw -r 96 /dev/sr0 BE 00 $lba_hex 00 00 01 00 04 00 2>&1) || true
grep -qi "invalid field in cdb" <<<"$out" || { echo "FAIL: cheap should refuse R-W"; echo "$out"; exit 1; }
echo "PASS: R-W (READ CD sub-channel 100b) read by cdrdao and sg_raw, cdrdao's TOC read back into the same raw R-W; refused on cheap"

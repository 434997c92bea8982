#!/usr/bin/env bash
# RAW burning keeps an image's own subchannel: the synthetic disc KIND (testdata/make_disc.cpp) is
# converted to CloneCD, its .sub is patched with deliberately unusual frames (a Q whose CRC is
# wrong, the MCN in an ADR-2 frame where no writer puts it, an index change one frame early, a P
# flag set in one frame of music, R-W bytes in one frame), and the CloneCD image is burned with
# --mode raw onto a virtual blank CD-R saved as CloneCD: the saved .sub must equal the patched
# .sub byte for byte and the saved .img the source's. --mode auto must pick RAW for the CloneCD
# image, SAO for the plain CUE, and SAO for the CloneCD image on a recorder without RAW writing,
# each with the reason in the log. A recorder that refuses data block type 3 gets type 2 (packed
# P-W) and the same saved disc; one that takes only type 1 (no R-W) is refused for this image.
#   burn_raw.sh BUILD_DIR KIND      e.g. burn_raw.sh build audio
set -euo pipefail
build=$(cd "${1:?usage: burn_raw.sh BUILD_DIR KIND}" && pwd)
kind=${2:?usage: burn_raw.sh BUILD_DIR KIND}
. "$(dirname "$0")/demo_disc.sh"
demo_disc "$kind"
fail() { echo "FAIL: $*"; exit 1; }
"$dw" convert "$cue" "$work/in.ccd" >/dev/null || fail "convert to CloneCD"

# The unusual frames. .sub is linear: per sector P (12 bytes), Q (12), R..W; sector 0 is LBA 0.
# Q CRC: CRC-16 0x1021, init 0, inverted, big-endian in bytes 10-11 (reference/cd-physical.md).
python3 - "$work/in.ccd" "$work/in.sub" >"$work/patched.txt" <<'PY'
import re, sys
ccd, subpath = sys.argv[1], sys.argv[2]
sub = bytearray(open(subpath, "rb").read())
n = len(sub) // 96
def crc(b):
    c = 0
    for x in b:
        c ^= x << 8
        for _ in range(8):
            c = ((c << 1) ^ 0x1021) if c & 0x8000 else c << 1
            c &= 0xFFFF
    return c ^ 0xFFFF
def q(l): return sub[l * 96 + 12:l * 96 + 24]
def put_q(l, frame, fix_crc=True):
    frame = bytearray(frame)
    if fix_crc:
        c = crc(frame[:10]); frame[10] = c >> 8; frame[11] = c & 0xFF
    sub[l * 96 + 12:l * 96 + 24] = frame
def bcd(v): return (v // 10) << 4 | v % 10
adr1 = lambda l: q(l)[0] & 0x0F == 1
# 1. A Q whose CRC is wrong: LBA 100's absolute frame changed, its CRC left as it was.
f = bytearray(q(100)); assert adr1(100); f[9] ^= 0x01; put_q(100, f, fix_crc=False)
assert crc(q(100)[:10]) != (q(100)[10] << 8 | q(100)[11])
print("100 bad-crc")
# 2. The MCN (ADR 2) at LBA 333, where (LBA + 150) % 100 is 83, not the usual 99.
mcn = re.search(r"CATALOG=(\d{13})", open(ccd).read())
if mcn:
    d = [int(c) for c in mcn.group(1)]
    f = bytearray(12); f[0] = (q(333)[0] & 0xF0) | 0x02
    for i in range(6): f[1 + i] = d[2 * i] << 4 | d[2 * i + 1]
    f[7] = d[12] << 4; f[9] = bcd((333 + 150) % 75)
    put_q(333, f)
    print("333 mcn")
# 3. An index change one frame early: the frame before the first index 02 (else the first index
#    01 after an index 00) already says the new index.
def first_change():
    for want, before in ((0x02, 0x01), (0x01, 0x00)):
        for l in range(1, n):
            if adr1(l) and adr1(l - 1) and q(l)[2] == want and q(l - 1)[2] == before and q(l)[1] == q(l - 1)[1]:
                return l
    return None
l = first_change()
assert l, "no index change in the program area"
f = bytearray(q(l - 1)); f[2] = q(l)[2]; put_q(l - 1, f)
print(f"{l - 1} index-early")
# 4. P set in one frame of a track's index 01, and R-W bytes (CD+G-like) in another frame.
p_lba = l + 10
sub[p_lba * 96:p_lba * 96 + 12] = b"\xff" * 12
print(f"{p_lba} p-flag")
rw_lba = l + 20
for k in range(24, 96): sub[rw_lba * 96 + k] = (k * 37 + 11) & 0xFF
print(f"{rw_lba} rw")
open(subpath, "wb").write(sub)
PY
cp "$work/in.sub" "$work/patched.sub"

# RAW burn of the patched CloneCD image.
burned="$work/out.ccd"
"$dw" burn "$work/in.ccd" "virtual:blank?media=cdr&timing=instant&save=$burned" --mode raw --json --log "$work/raw.log" \
  >"$work/raw.json" 2>"$work/raw.err" || { echo "FAIL: raw burn exited $?"; cat "$work/raw.json" "$work/raw.err" "$work/raw.log"; exit 1; }
python3 - "$work/raw.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
assert r["verdict"] == "good", r
assert r["mode"] == "raw" and r["own_subchannel"] and r["cue_sheet_variant"] is None, r
assert r["verify"]["ok"], r
PY
grep -qF "mode: RAW (--mode raw: the image's own subchannel is written as it is)" "$work/raw.log" || fail "the log does not give the mode"
grep -qF "MODE SELECT page 05 (RAW, block type 3," "$work/raw.log" || fail "the log does not show page 05 for RAW"
grep -q "SEND CUE SHEET" "$work/raw.log" && fail "a cue sheet was sent in RAW mode"
grep -qF "writing RAW from the lead-in start (LBA -11634)" "$work/raw.log" || fail "RAW did not start at the ATIP lead-in"
grep -q "read back as planned" "$work/raw.log" || fail "the log does not show the TOC check"
cmp "$work/patched.sub" "$work/out.sub" || fail "the burned disc's subchannel differs from the patched image's"
cmp "$work/in.img" "$work/out.img" || fail "the burned disc's main channel differs from the image's"
# The frames as patched, on the burned disc: the bad CRC kept, the MCN where it was put.
python3 - "$work/out.sub" "$work/patched.txt" <<'PY'
import sys
sub = open(sys.argv[1], "rb").read()
for line in open(sys.argv[2]):
    lba, what = line.split()
    q = sub[int(lba) * 96 + 12:int(lba) * 96 + 24]
    if what == "mcn": assert q[0] & 0x0F == 2, (lba, q.hex())
PY

# A recorder that refuses data block type 3 (raw_blocks=2,1): the burn falls back to type 2
# (packed P-W) and the saved disc is the same, subchannel included; one that takes only type 1
# (no R-W) is refused, since the patched image has R-W bytes.
"$dw" burn "$work/in.ccd" "virtual:blank?media=cdr&timing=instant&raw_blocks=2,1&save=$work/bt2.ccd" --mode raw --json \
  --log "$work/bt2.log" >"$work/bt2.json" 2>"$work/bt2.err" || { cat "$work/bt2.json" "$work/bt2.err" "$work/bt2.log"; fail "RAW burn with block type 2"; }
python3 - "$work/bt2.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
assert r["verdict"] == "good" and r["mode"] == "raw" and r["verify"]["ok"], r
assert r["raw_block_type"] == 2 and "refused block type 3" in r["raw_block_type_reason"], r
PY
grep -qF "MODE SELECT page 05 (RAW, block type 3," "$work/bt2.log" || fail "block type 3 was not tried first"
grep -qF "RAW block type 2: the drive refused block type 3" "$work/bt2.log" || fail "the log does not say why block type 2"
cmp "$work/patched.sub" "$work/bt2.sub" || fail "block type 2: the burned disc's subchannel differs from the patched image's"
cmp "$work/in.img" "$work/bt2.img" || fail "block type 2: the burned disc's main channel differs from the image's"
if "$dw" burn "$work/in.ccd" "virtual:blank?media=cdr&timing=instant&raw_blocks=1&save=$work/bt1.ccd" --mode raw \
  --log "$work/bt1.log" >/dev/null 2>"$work/bt1.err"; then fail "block type 1 burned an image with R-W data"; fi
grep -qF "block type 1 (raw + P-Q) would drop the R-W subchannel" "$work/bt1.err" "$work/bt1.log" || { cat "$work/bt1.err"; fail "the block type 1 refusal does not say why"; }
[ ! -e "$work/bt1.ccd" ] || fail "the refused block type 1 burn recorded a disc"

# A RAW simulation leaves the blank blank.
"$dw" burn "$work/in.ccd" "virtual:blank?media=cdr&timing=instant&save=$work/sim.ccd" --mode raw --simulate --log "$work/sim.log" >/dev/null || fail "RAW simulation"
grep -q "the disc is still blank" "$work/sim.log" || fail "the RAW simulation does not say the disc is still blank"
[ ! -e "$work/sim.ccd" ] || fail "a RAW simulation recorded a disc"

# --mode auto: RAW for the CloneCD image (its own subchannel), SAO for the CUE (none), SAO for the
# CloneCD image on a recorder that cannot write RAW.
"$dw" burn "$work/in.ccd" "virtual:blank?media=cdr&timing=instant" --no-verify --log "$work/auto1.log" >/dev/null || fail "auto burn of the CloneCD image"
grep -qF "mode: RAW (--mode auto: the image carries its own subchannel and the drive writes RAW, which keeps it)" "$work/auto1.log" || { cat "$work/auto1.log"; fail "auto did not pick RAW for the CloneCD image"; }
"$dw" burn "$cue" "virtual:blank?media=cdr&timing=instant" --no-verify --log "$work/auto2.log" >/dev/null || fail "auto burn of the CUE"
grep -qF "mode: SAO (--mode auto: the image has no subchannel of its own, so SAO loses nothing)" "$work/auto2.log" || { cat "$work/auto2.log"; fail "auto did not pick SAO for the CUE"; }
"$dw" burn "$work/in.ccd" "virtual:blank?media=cdr&drive=cheap&timing=instant" --no-verify --log "$work/auto3.log" >/dev/null || fail "auto burn on a recorder without RAW"
grep -qF "mode: SAO (--mode auto: the image carries its own subchannel, but the drive cannot write RAW" "$work/auto3.log" || { cat "$work/auto3.log"; fail "auto did not fall back to SAO"; }
echo "ok: $kind burned RAW with $(wc -l <"$work/patched.txt") unusual frames; subchannel and main channel identical (block types 3 and 2); type 1 refused for R-W; auto picks RAW/SAO"

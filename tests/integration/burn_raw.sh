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

# The unusual frames (unusual_sub.py says which).
python3 "$(dirname "$0")/unusual_sub.py" "$work/in.ccd" "$work/in.sub" >"$work/patched.txt"
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

#!/usr/bin/env bash
# What `discwright burn` and `discwright blank` refuse or leave alone, on the virtual drive:
# --simulate leaves the blank blank (nothing saved); an image larger than the disc is refused with
# exit 4 and the number of sectors too many; a multisession image is refused in RAW mode on a
# recorder without raw multisession (exit 4), simulated as its first session only, and refused
# (exit 3, SAO and RAW) when its second session does not start where a recorder starts one; --mode raw on a recorder that cannot write RAW is refused (exit 4); a CD-R cannot be blanked (exit 4); a
# CD-RW is blanked, burned and verified; an ISO burns as a Mode 1 disc that rips back to the ISO;
# the disc as NRG and CloneCD burns to the same tracks.
#   burn_checks.sh BUILD_DIR
set -euo pipefail
build=$(cd "${1:?usage: burn_checks.sh BUILD_DIR}" && pwd)
. "$(dirname "$0")/demo_disc.sh"
demo_disc audio

# Simulation: the whole sequence, and nothing recorded.
expect_exit 0 '"verdict": "simulated"' "$dw" burn "$cue" "virtual:blank?media=cdr&timing=instant&save=$work/sim.ccd" --simulate --json
grep -q "the disc is still blank" "$work/src/Demo.burn.log" || fail "the log beside the image does not tell the simulation"
[ ! -e "$work/sim.ccd" ] || fail "--simulate recorded a disc"

# Too large: lead-out 1575 on a disc whose last lead-out may start at 1500.
expect_exit 4 "(75 sectors too many)" "$dw" burn "$cue" "virtual:blank?media=cdr&capacity=1500&timing=instant&save=$work/small.ccd"
[ ! -e "$work/small.ccd" ] || fail "a refused burn recorded a disc"
# ... unless --overburn; the virtual drive, like many, then refuses the cue sheet: no false success.
expect_exit 4 "refused every cue sheet variant" "$dw" burn "$cue" "virtual:blank?media=cdr&capacity=1500&timing=instant" --overburn

# RAW on a recorder without raw writing (GET CONFIGURATION's CD Mastering feature): refused.
expect_exit 4 "cannot write RAW" "$dw" burn "$cue" "virtual:blank?media=cdr&drive=cheap&timing=instant" --mode raw

# Multisession (CD-Extra): RAW refused on a recorder without raw multisession before anything is
# written (burn_raw_multisession.sh burns it on one that has it); a simulation runs session 1
# only and leaves the blank blank; a second session 1 sector later than a recorder would start it
# (lead-in 01:00:01 instead of 01:00:00) cannot be burned as laid out, in SAO or RAW.
"$(dirname "$0")/../../testdata/make-demo.sh" "$build" "$work/extra" cd-extra >/dev/null
expect_exit 4 "the drive writes RAW but not RAW multisession" "$dw" burn "$work/extra/Demo.cue" \
  "virtual:blank?media=cdr&raw_ms=no&timing=instant&save=$work/rawms.ccd" --mode raw
[ ! -e "$work/rawms.ccd" ] || fail "a refused RAW multisession burn recorded a disc"
expect_exit 0 '"verdict": "simulated"' "$dw" burn "$work/extra/Demo.cue" \
  "virtual:blank?media=cdr&timing=instant&save=$work/simx.ccd" --simulate --json --log "$work/simx.log"
grep -q "simulating session 1 of 2 only" "$work/simx.log" || fail "the multisession simulation's log does not say it ran session 1 only"
[ ! -e "$work/simx.ccd" ] || fail "--simulate of a multisession image recorded a disc"
sed 's/REM LEAD-IN 01:00:00/REM LEAD-IN 01:00:01/' "$work/extra/Demo.cue" >"$work/extra/Shifted.cue"
expect_exit 3 "session 2 starts its first pregap at LBA 12301" "$dw" burn "$work/extra/Shifted.cue" "virtual:blank?media=cdr"
expect_exit 3 "session 2 starts its first pregap at LBA 12301" "$dw" burn "$work/extra/Shifted.cue" "virtual:blank?media=cdr" --mode raw

# Blanking: a CD-R cannot, a CD-RW can.
expect_exit 4 "only a CD-RW can be blanked" "$dw" blank "virtual:blank?media=cdr"
expect_exit 0 "blanked (fast)" "$dw" blank --fast "virtual:blank?media=cdrw&timing=instant"
expect_exit 0 '"ok": true' "$dw" burn "$cue" "virtual:blank?media=cdrw&timing=instant&save=$work/rw.ccd" --json
"$dw" rip "virtual:$work/rw.ccd?timing=instant" -o "$work/rwrip" --name Demo >/dev/null 2>&1 || fail "rip of the CD-RW failed"
for f in "$work/src/"*.bin; do cmp "$f" "$work/rwrip/$(basename "$f")" || fail "CD-RW: $(basename "$f") differs"; done

# An ISO: one Mode 1 track, every sector exact.
expect_exit 0 '"data_mismatches": 0' "$dw" burn "$work/src/data.iso" "virtual:blank?media=cdr&timing=instant&save=$work/iso.ccd" --json --log "$work/iso.log"
"$dw" rip "virtual:$work/iso.ccd?timing=instant" -o "$work/isorip" --name Demo --format iso >/dev/null 2>&1 || fail "rip of the burned ISO failed"
cmp "$work/src/data.iso" "$work/isorip/Demo.iso" || fail "the burned ISO differs from the source"
# Other image formats of the same disc: NRG and CloneCD burn to the same tracks.
for fmt in nrg ccd; do
  "$dw" convert "$cue" "$work/conv/Demo.$fmt" >/dev/null 2>&1 || fail "convert to $fmt failed"
  expect_exit 0 '"ok": true' "$dw" burn "$work/conv/Demo.$fmt" "virtual:blank?media=cdr&timing=instant&save=$work/$fmt.ccd" --json
  "$dw" rip "virtual:$work/$fmt.ccd?timing=instant" -o "$work/${fmt}rip" --name Demo >/dev/null 2>&1 || fail "rip of the $fmt burn failed"
  for f in "$work/src/"*.bin; do cmp "$f" "$work/${fmt}rip/$(basename "$f")" || fail "$fmt: $(basename "$f") differs"; done
done
echo "ok: simulate, capacity, overburn, raw, multisession refusals, blank, CD-RW, ISO, NRG and CloneCD checks"

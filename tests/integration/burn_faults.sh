#!/usr/bin/env bash
# Recorder faults placed with a fault file (virtual:blank?faults=FILE, docs/virtual-drive.md) and
# what `discwright burn` makes of them: a disc the laser cannot be calibrated for is refused
# before anything is written (exit 4, nothing saved) while a simulation, which calibrates nothing,
# runs; a write error, the disc pulled out and an underrun with BURN-Free off fail in plain words
# (exit 4) and never as a success; with BURN-Free on the same underrun is survived and the disc
# verifies; a drive refusing the first cue sheets gets the next variant (ISRC entries without
# CONTROL, then the CD-Text lead-in at the lead-in start's time, then wodim's pregap of one block
# before the gapless track 3, which the saved disc then shows as track 3's index 00 at the block
# before its index 01), one refusing all four leaves the blank blank.
#   burn_faults.sh BUILD_DIR
set -euo pipefail
build=$(cd "${1:?usage: burn_faults.sh BUILD_DIR}" && pwd)
. "$(dirname "$0")/demo_disc.sh"
demo_disc audio
faults() {  # faults NAME JSON-ENTRIES: writes $work/NAME.json
  printf '{"faults": [%s]}\n' "$2" >"$work/$1.json"
}
blank() {  # blank NAME: the virtual blank with fault file NAME, saving to $work/NAME.ccd
  echo "virtual:blank?media=cdr&timing=instant&faults=$work/$1.json&save=$work/$1.ccd"
}
not_saved() { [ ! -e "$work/$1.ccd" ] || fail "$1: a failed burn saved a disc"; }

faults opc '{"type": "power_calibration"}'
expect_exit 4 "power calibration failed" "$dw" burn "$cue" "$(blank opc)" --log "$work/opc.log"
grep -q "SEND OPC INFORMATION, DoOpc): CHECK CONDITION 03/73/03" "$work/opc.log" || fail "the log lacks the OPC sense"
! grep -q "writing the lead-in's CD-Text" "$work/opc.log" || fail "writing started after a failed calibration"
not_saved opc
expect_exit 0 '"verdict": "simulated"' "$dw" burn "$cue" "$(blank opc)" --simulate --json

faults werr '{"type": "write_error", "lba": 700}'
expect_exit 4 "write error at LBA" "$dw" burn "$cue" "$(blank werr)" --log "$work/werr.log"
grep -q "03/0C/00" "$work/werr.log" || fail "the log lacks the write error's sense"
not_saved werr

faults gone '{"type": "remove", "lba": 500}'
expect_exit 4 "the disc was removed during the burn" "$dw" burn "$cue" "$(blank gone)"
not_saved gone

faults dry '{"type": "underrun", "lba": 300}'
expect_exit 4 "buffer underrun at LBA" "$dw" burn "$cue" "$(blank dry)" --no-burnfree
not_saved dry
expect_exit 0 '"opc": "done"' "$dw" burn "$cue" "$(blank dry)" --json
grep -q '"ok": true' "$work/out" || fail "the burn BURN-Free saved does not verify"
[ -e "$work/dry.ccd" ] || fail "the burn BURN-Free saved was not saved"

faults picky '{"type": "refuse_cue_sheet", "times": 1}'
expect_exit 0 '"cue_sheet_variant": "ISRC entries without CONTROL"' "$dw" burn "$cue" "$(blank picky)" --json
faults pickier '{"type": "refuse_cue_sheet", "times": 2}'
expect_exit 0 '"cue_sheet_variant": "CD-Text lead-in entry at the lead-in start"' "$dw" burn "$cue" "$(blank pickier)" --json
faults pickiest '{"type": "refuse_cue_sheet", "times": 3}'
expect_exit 0 '"cue_sheet_variant": "a pregap of one block before every track"' "$dw" burn "$cue" "$(blank pickiest)" --json
grep -q '"ok": true' "$work/out" || fail "the burn with one-block pregaps does not verify"
"$dw" info --json "$cue" >"$work/src.json"
"$dw" info --json "$work/pickiest.ccd" >"$work/saved.json"
# The saved disc: track 3's index 01 where the image has it, and an index 00 one block before it
# (the image has none).
python3 - "$work/src.json" "$work/saved.json" <<'PY' || fail "the saved disc lacks track 3's one-block pregap"
import json, sys
src, saved = (json.load(open(p))["tracks"][2]["indices"] for p in sys.argv[1:])
assert "0" not in src and saved == {"0": src["1"] - 1, **src}, (src, saved)
PY
faults refuse '{"type": "refuse_cue_sheet", "times": 4}'
expect_exit 4 "refused every cue sheet variant" "$dw" burn "$cue" "$(blank refuse)"
not_saved refuse
echo "ok: power calibration, write error, removal, underrun (BURN-Free off and on) and refused cue sheets from a fault file"

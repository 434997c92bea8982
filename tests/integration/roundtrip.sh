#!/usr/bin/env bash
# Round trips through the command line: each synthetic disc kind (testdata/make_disc.cpp) is
# converted redump -> single file -> redump, redump -> CloneCD -> redump and redump -> NRG ->
# redump; the disc (info
# --json without file names, notes and subchannel origin) and every track file must come back
# identical, and every image must verify clean.
#   roundtrip.sh BUILD_DIR KIND
set -euo pipefail
build=$(cd "${1:?usage: roundtrip.sh BUILD_DIR KIND}" && pwd)
kind=${2:?usage: roundtrip.sh BUILD_DIR KIND}
. "$(dirname "$0")/demo_disc.sh"
demo_disc "$kind"
"$dw" verify "$cue" >/dev/null
"$dw" convert --to cue-single "$cue" "$work/single/Demo.cue" >/dev/null
"$dw" verify "$work/single/Demo.cue" >/dev/null
"$dw" convert "$work/single/Demo.cue" "$work/back/Demo.cue" >/dev/null
[ "$(disc "$cue")" = "$(disc "$work/single/Demo.cue")" ] || { echo "FAIL: single-file disc differs"; diff <(disc "$cue") <(disc "$work/single/Demo.cue"); exit 1; }
[ "$(disc "$cue")" = "$(disc "$work/back/Demo.cue")" ] || { echo "FAIL: disc after the round trip differs"; exit 1; }
"$dw" convert "$cue" "$work/ccd/Demo.ccd" >/dev/null
"$dw" verify "$work/ccd/Demo.ccd" >/dev/null
"$dw" convert "$work/ccd/Demo.ccd" "$work/back2/Demo.cue" >/dev/null
[ "$(disc "$cue")" = "$(disc "$work/ccd/Demo.ccd")" ] || { echo "FAIL: CloneCD disc differs"; diff <(disc "$cue") <(disc "$work/ccd/Demo.ccd"); exit 1; }
"$dw" convert "$cue" "$work/nrg/Demo.nrg" >/dev/null
"$dw" verify "$work/nrg/Demo.nrg" >/dev/null
"$dw" convert "$work/nrg/Demo.nrg" "$work/back3/Demo.cue" >/dev/null
[ "$(disc "$cue")" = "$(disc "$work/nrg/Demo.nrg")" ] || { echo "FAIL: NRG disc differs"; diff <(disc "$cue") <(disc "$work/nrg/Demo.nrg"); exit 1; }
for back in back back2 back3; do
  for f in "$work/src/"*.bin; do
    cmp "$f" "$work/$back/$(basename "$f")" || { echo "FAIL: $(basename "$f") differs after the round trip ($back)"; exit 1; }
  done
  cmp "$work/src/Demo.cue" "$work/$back/Demo.cue" || { echo "FAIL: the sheet differs after the round trip ($back)"; exit 1; }
done
echo "ok: $kind round trips redump -> single -> redump, -> ccd -> and -> nrg -> redump are identical ($(ls "$work/src/"*.bin | wc -l) track files)"

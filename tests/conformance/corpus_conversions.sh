#!/usr/bin/env bash
# Every corpus image of another tool, converted to every format that can hold it (redump CUE,
# single-file CUE, CloneCD, NRG) and read back: the same track numbers, starts, types and
# lead-out, and the same verify verdict as the original.
#   corpus_conversions.sh BUILD_DIR CORPUS_DIR
set -euo pipefail
dw="$(cd "${1:?usage: corpus_conversions.sh BUILD_DIR CORPUS_DIR}" && pwd)/bin/discwright"
corpus=${2:?usage: corpus_conversions.sh BUILD_DIR CORPUS_DIR}
[ -d "$corpus/libcdio" ] || { echo "SKIP: corpus not found at $corpus"; exit 0; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
layout() { "$dw" info --json "$1" 2>/dev/null | python3 -c 'import json,sys; d=json.load(sys.stdin); print([(t["number"],t["start"],t["type"]) for t in d["tracks"]], d["leadout"])'; }
verdict() { if "$dw" verify "$1" >/dev/null 2>&1; then echo 0; else echo $?; fi; }
n=0
for src in "$corpus"/libcdio/test/data/{isofs-m1.cue,cdda.cue,cdda_4_5.cue,p1.cue,p1.nrg,videocd.nrg,isofs-m1.toc,copying.iso} \
           "$corpus"/libcdio-paranoia/test/data/{hidden-track.cue,mixed-mode-cd.cue,cd-extra.cue}; do
  b=$(basename "$src")
  want=$(layout "$src")
  want_verify=$(verdict "$src")
  for to in cue cue-single ccd nrg; do
    ext=$to; [ "$to" = cue-single ] && ext=cue
    out="$work/$b-$to/X.$ext"
    "$dw" convert --to "$to" --allow-lossy "$src" "$out" >/dev/null 2>"$work/err" || { echo "FAIL: $b -> $to: $(cat "$work/err")"; exit 1; }
    got=$(layout "$out")
    [ "$got" = "$want" ] || { echo "FAIL: $b -> $to: layout $got, want $want"; exit 1; }
    [ "$(verdict "$out")" = "$want_verify" ] || { echo "FAIL: $b -> $to: verify verdict changed"; exit 1; }
    n=$((n + 1))
  done
done
echo "ok: $n conversions of corpus images keep their layout and verify verdict"

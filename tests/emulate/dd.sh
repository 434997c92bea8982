#!/usr/bin/env bash
# dd of /dev/sr0 (plain read() of 2048-byte blocks, which the preload library serves with
# READ(10)): the data track equals the source's user data and the ISO testdata/make-demo.sh made;
# an unreadable sector fails with EIO, and a read running into it returns the blocks before it
# (as the block layer does) before dd stops with the error.
#   dd.sh BUILD_DIR PERSONALITY KIND   (KIND with a data track: mixed, cd-extra)
set -euo pipefail
build=$(cd "${1:?usage: dd.sh BUILD_DIR PERSONALITY KIND}" && pwd)
drive=${2:?usage: dd.sh BUILD_DIR PERSONALITY KIND}
kind=${3:?usage: dd.sh BUILD_DIR PERSONALITY KIND}
. "$(dirname "$0")/lib.sh"
need dd python3
emulate_disc "$kind"
n=$(cue_tool toc "$cue" | awk '$3 == "data" {print $1; exit}')
[ -n "$n" ] || { echo "FAIL: the $kind disc has no data track"; exit 1; }
read -r lba count < <(cue_tool data "$cue" "$n" "$work/want.bin")
iso="$work/src/data.iso"
cmp -n $((count * 2048)) "$work/want.bin" "$iso" || { echo "FAIL: the source's track $n is not the ISO (test setup)"; exit 1; }
spec="virtual:$cue?drive=$drive&timing=instant"
emu "$spec" -- dd if=/dev/sr0 of="$work/track.iso" bs=2048 skip="$lba" count="$count" status=none
cmp "$work/track.iso" "$work/want.bin" || { echo "FAIL: dd of track $n (LBA $lba+$count) differs from the source"; exit 1; }

# An unreadable sector 100 blocks into the track.
bad=$((lba + 100))
echo "{\"faults\": [{\"type\": \"unreadable\", \"lba\": $bad, \"count\": 1, \"delay_ms\": 0}]}" >"$work/faults.json"
spec="$spec&faults=$work/faults.json"
if out=$(emu "$spec" -- dd if=/dev/sr0 of="$work/bad.bin" bs=2048 skip="$bad" count=1 status=none 2>&1); then
  echo "FAIL: dd of unreadable LBA $bad succeeded"
  exit 1
fi
grep -q "Input/output error" <<<"$out" || { echo "FAIL: dd of unreadable LBA $bad: $out"; exit 1; }
# A 10-block read() starting 5 blocks before the bad one returns those 5 (a short read); dd then
# reads from the bad block and gets EIO.
emu "$spec" -- dd if=/dev/sr0 of="$work/part.bin" bs=20480 skip=$(((bad - 5) * 2048)) count=2 \
  iflag=skip_bytes status=none 2>"$work/dd.err" && { echo "FAIL: dd across unreadable LBA $bad succeeded"; exit 1; }
grep -q "Input/output error" "$work/dd.err" || { echo "FAIL: dd across LBA $bad: $(cat "$work/dd.err")"; exit 1; }
dd if="$work/want.bin" of="$work/part.want" bs=2048 skip=$((bad - 5 - lba)) count=5 status=none
cmp "$work/part.bin" "$work/part.want" || { echo "FAIL: the blocks before unreadable LBA $bad"; exit 1; }
echo "PASS: dd of the $kind disc's data track, EIO at an unreadable sector ($drive)"

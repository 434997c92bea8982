#!/usr/bin/env bash
# whipper (Python; finds the drive through libcdio, reads the TOC with cdrdao, rips with
# cd-paranoia twice and compares) rips the disc with the online lookups failing (no network: the
# MusicBrainz lookup is skipped with --unknown, the AccurateRip lookup errors out), told the
# personality's read offset. It must report matching test/copy CRCs for every track, and its
# FLAC files, decoded and joined, must equal the source's audio from track 1's INDEX 01 to the
# lead-out (the last OFFSET samples excluded on a drive that cannot read the lead-out, which
# whipper, like every ripper, fills with zeros).
#   whipper.sh BUILD_DIR PERSONALITY
set -euo pipefail
build=$(cd "${1:?usage: whipper.sh BUILD_DIR PERSONALITY}" && pwd)
drive=${2:?usage: whipper.sh BUILD_DIR PERSONALITY}
. "$(dirname "$0")/lib.sh"
need whipper flac python3
emulate_disc audio
offset=$(offset_samples "$drive")
tail=0
overreads_leadout "$drive" || tail=$((offset * 4))
mkdir -p "$work/rip"
(cd "$work/rip" && HOME="$work" emu "virtual:$cue?drive=$drive&timing=instant" -- \
  whipper cd -d /dev/sr0 rip --unknown --offset "$offset" -O out >"$work/whipper.log" 2>&1) ||
  { echo "FAIL: whipper exited with $?"; tr '\r' '\n' <"$work/whipper.log" | grep -v '%' | tail -30; exit 1; }
tracks=$(cue_tool toc "$cue" | grep -c " audio$")
for n in $(seq 1 "$tracks"); do
  grep -q "CRCs match for track $n\$" "$work/whipper.log" ||
    { echo "FAIL: whipper did not report matching CRCs for track $n"; tr '\r' '\n' <"$work/whipper.log" | grep -v '%' | tail -30; exit 1; }
done
same=$(find "$work/rip/out" -name '*.flac' -print0 | sort -z |
  xargs -0 python3 "$(dirname "$0")/audio_compare.py" --tail-bytes "$tail" "$cue" flac)
[ "$same" = yes ] || { echo "FAIL: whipper's FLAC audio differs from the source: $same"; exit 1; }
echo "PASS: whipper ripped $tracks tracks, CRCs matching, audio equal to the source ($drive, offset $offset)"

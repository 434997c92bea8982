#!/usr/bin/env bash
# The audio, mixed-mode, CD-Extra and hidden-track (HTOA) discs ripped on the drive without an accurate stream (the
# `cheap` personality: audio reads after a seek start up to 3 samples early or late, data read only
# as data, no full TOC) with its jitter on, for the virtual drive's seeds 1 to 5: every track file
# equals the source's redump split, byte for byte. The first read of each disc has nothing before
# it to align with (on the CD-Extra the TOC reads moved the head before it; on the mixed disc it
# follows a data track read as data) and is placed by independent reads: the log says so for
# every rip. On the mixed disc the pregap of track 2, which READ TOC counts to the data track,
# is read as audio because its Q says so.
#   rip_jitter_seeds.sh BUILD_DIR
set -euo pipefail
build=$(cd "${1:?usage: rip_jitter_seeds.sh BUILD_DIR}" && pwd)
. "$(dirname "$0")/demo_disc.sh"
demo_disc audio  # the scratch folder, and a SKIP without genisoimage
here=$(dirname "$0")
for kind in audio mixed cd-extra htoa; do
  src="$work/$kind"
  cue=$("$here/../../testdata/make-demo.sh" "$build" "$src" "$kind")
  for seed in 1 2 3 4 5; do
    echo "{\"seed\": $seed, \"faults\": []}" >"$work/faults.json"
    rm -rf "$work/r"
    "$dw" rip "virtual:$cue?drive=cheap&timing=instant&faults=$work/faults.json" -o "$work/r" --name Demo \
      --read-offset 6 --json >"$work/r.json" 2>/dev/null || { echo "FAIL: $kind seed $seed: exit status $?"; exit 1; }
    python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); assert r["verdict"] == "good", r["verdict"]' "$work/r.json"
    n=0
    for f in "$src/"*.bin; do
      cmp -s "$f" "$work/r/$(basename "$f")" || { echo "FAIL: $kind seed $seed: $(basename "$f") differs from the source"; exit 1; }
      n=$((n + 1))
    done
    [ "$n" = 3 ] || { echo "FAIL: $kind: $n track files in the source, expected 3"; exit 1; }
    grep -Eq "first pass: jitter: .* [1-9][0-9]* placed by independent reads, 0 not$" "$work/r/Demo.log" ||
      { echo "FAIL: $kind seed $seed: no read placed by independent reads"; grep "jitter:" "$work/r/Demo.log"; exit 1; }
    if [ "$kind" = mixed ]; then
      grep -q "INFO  LBA 236..385: the TOC counts them to data track 01, but Q says audio (the next track's pregap): read as audio" "$work/r/Demo.log" ||
        { echo "FAIL: mixed seed $seed: track 2's pregap not read as audio"; grep -i pregap "$work/r/Demo.log"; exit 1; }
    fi
  done
done
echo "ok: audio, mixed, CD-Extra and HTOA ripped on the jittery drive with seeds 1..5: every track file equals the source's"

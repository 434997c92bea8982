#!/usr/bin/env bash
# Burn performance, scripted (docs/performance.md "Burning"):
#  1. drive time on the virtual drive's realistic timing model: a 74-minute audio CD (CD-Text in
#     the lead-in) and a 74-minute mixed-mode CD, each burned SAO and RAW (the RAW burn from the
#     disc converted to CloneCD) onto virtual:blank?media=cdr with the generic recorder at its
#     52x, against the physical limit the model allows: every block sent at the write speed
#     (lead-in CD-Text or RAW lead-in/lead-out blocks included) plus the model's 2 s for the
#     drive's own lead-in and lead-out and 0.5 s for its power calibration (OPC: once per disc,
#     whether the host asks for it with SEND OPC INFORMATION or the drive does it at the first WRITE). The audio SAO burn also with the default 64 KiB transfer
#     limit, to show what larger WRITEs save.
#  2. host CPU: the same burns with timing=instant, in blocks per second of wall time with the
#     peak RSS (/usr/bin/time %M), and `cp` of the image's files in the same run for a ratio.
#   tests/bench/burn.sh [BUILD_DIR] [WORK_DIR]
set -euo pipefail
build=$(cd "${1:-build}" && pwd)
work=${2:-$(mktemp -d)}
dw="$build/bin/discwright"
mkdir -p "$work"
trap 'rm -rf "$work"' EXIT
speed=52  # the generic recorder's fastest write speed (scsi/virtual/personality.cpp)

echo "== making the discs: 74-minute audio (CD-Text) and 74-minute mixed mode (100 MB ISO + audio)"
"$build/bin/dw-make-disc" audio "$work/a/Disc.cue" --minutes 74 >/dev/null
mkdir -p "$work/m/files"
head -c 100000000 /dev/urandom >"$work/m/files/random.bin"
genisoimage -quiet -V BENCH -o "$work/m/data.iso" "$work/m/files"
rm -rf "$work/m/files"
"$build/bin/dw-make-disc" mixed "$work/m/Disc.cue" --iso "$work/m/data.iso" --minutes 74 >/dev/null
rm "$work/m/data.iso"
for d in a m; do "$dw" convert "$work/$d/Disc.cue" "$work/$d/Disc.ccd" >/dev/null; done

# burn DISC MODE SPEC LABEL -> one line: label blocks drive_s wall_s rss_kb
burn() {
  local disc=$1 mode=$2 spec=$3 label=$4 image
  image="$work/$disc/Disc.cue"
  [ "$mode" = raw ] && image="$work/$disc/Disc.ccd"
  /usr/bin/time -f "%e %M" -o "$work/time.txt" "$dw" burn "$image" "virtual:blank?media=cdr&$spec" --mode "$mode" \
    --no-verify --json --log "$work/burn.log" >"$work/burn.json" 2>/dev/null
  local secs rss blocks drive
  read -r secs rss <"$work/time.txt"
  blocks=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["blocks_written"])' "$work/burn.json")
  drive=$(grep -o 'virtual drive time: [0-9.]*' "$work/burn.log" | awk '{print $4}')
  rm -f "$work/burn.log"
  echo "$label|$blocks|$drive|$secs|$rss"
}

{
  burn a sao "transfer=1024" "74-min audio, SAO"
  burn a sao "transfer=64" "74-min audio, SAO, 64 KiB WRITEs"
  burn a raw "transfer=1024" "74-min audio, RAW"
  burn m sao "transfer=1024" "74-min mixed, SAO"
  burn m raw "transfer=1024" "74-min mixed, RAW"
} >"$work/realistic.txt"
{
  burn a sao "transfer=1024&timing=instant" "74-min audio, SAO"
  burn a raw "transfer=1024&timing=instant" "74-min audio, RAW"
  burn m sao "transfer=1024&timing=instant" "74-min mixed, SAO"
  burn m raw "transfer=1024&timing=instant" "74-min mixed, RAW"
} >"$work/instant.txt"

# cp of each image's files (what a burn reads), in the same run.
cp_time() {
  mkdir -p "$work/cp"
  local a b
  a=$(date +%s.%N)
  cp "$@" "$work/cp/"
  sync
  b=$(date +%s.%N)
  rm -rf "$work/cp"
  python3 -c "print($b - $a)"
}
cp_a_sao=$(cp_time "$work/a/"*.bin)
cp_a_raw=$(cp_time "$work/a/Disc.img" "$work/a/Disc.sub")
cp_m_sao=$(cp_time "$work/m/"*.bin)
cp_m_raw=$(cp_time "$work/m/Disc.img" "$work/m/Disc.sub")

python3 - "$work/realistic.txt" "$work/instant.txt" "$speed" "$cp_a_sao" "$cp_a_raw" "$cp_m_sao" "$cp_m_raw" <<'PY'
import sys
speed = float(sys.argv[3])
cps = list(map(float, sys.argv[4:8]))
rows = lambda f: [l.strip().split("|") for l in open(f) if l.strip()]
print(f"| burn ({speed:.0f}x, realistic timing) | blocks sent | drive time | physical limit | over the limit | goal |")
print("|---|---:|---:|---:|---:|---|")
for label, blocks, drive, _, _ in rows(sys.argv[1]):
    limit = int(blocks) / (75 * speed) + 2.0 + 0.5
    over = float(drive) / limit - 1
    print(f"| {label} | {int(blocks):,} | {float(drive):.1f} s | {limit:.1f} s | {over * 100:.2f}% | <= 2% |")
print()
print("| burn (timing=instant) | blocks sent | wall time | blocks/s | peak RSS | cp of the image | burn / cp | goal |")
print("|---|---:|---:|---:|---:|---:|---:|---|")
for (label, blocks, _, secs, rss), cp in zip(rows(sys.argv[2]), cps):
    b, s = int(blocks), float(secs)
    print(f"| {label} | {b:,} | {s:.2f} s | {b / s:,.0f} | {int(rss) / 1024:.0f} MB | {cp:.2f} s | {s / cp:.1f} | >= 80,000 blocks/s, < 64 MB |")
PY

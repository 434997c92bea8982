#!/usr/bin/env bash
# End-to-end figures for the formats layer on a 700 MB mixed-mode image (a 600 MB Mode 1 track
# of random data and a 115 MB audio track), each timed beside `cp` of the same bytes in the same
# run (median of RUNS, default 3; these machines are noisy, so the ratios are what to read).
# Prints a Markdown table; docs/performance.md holds the last one.
#   tests/bench/formats.sh [BUILD_DIR] [WORK_DIR] [RUNS]
set -euo pipefail
build=$(cd "${1:-build}" && pwd)
work=${2:-$(mktemp -d)}
runs=${3:-3}
dw="$build/bin/discwright"
mkdir -p "$work"
cd "$work"
if [ ! -f raw.bin ]; then
  head -c $((300000 * 2048)) /dev/urandom >data.iso
  head -c $((50000 * 2352)) /dev/urandom >audio.bin
  rm -rf raw
  printf 'FILE "data.iso" BINARY\n  TRACK 01 MODE1/2048\n    INDEX 01 00:00:00\nFILE "audio.bin" BINARY\n  TRACK 02 AUDIO\n    INDEX 00 00:00:00\n    INDEX 01 00:02:00\n' >cooked.cue
  "$dw" convert cooked.cue raw/Big.cue >/dev/null
  cat "raw/Big (Track 1).bin" "raw/Big (Track 2).bin" >raw.bin
fi
printf 'FILE "Big (Track 1).bin" BINARY\n  TRACK 01 MODE1/2352\n    INDEX 01 00:00:00\n' >raw/mode1.cue
sync

# time_of CMD...: seconds and peak RSS (KiB) of one run
time_of() { /usr/bin/time -f "%e %M" -o "$work/.t" "$@" >/dev/null 2>&1; cat "$work/.t"; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

row() {  # name, bytes the job writes, cp source, command...
  local name=$1 bytes=$2 cp_src=$3; shift 3
  local ours=() cps=() rss=0
  for _ in $(seq "$runs"); do
    # Each timed run starts with no dirty pages from the one before (whose writeback would
    # otherwise throttle whichever of the two runs next).
    rm -rf out cpout; mkdir -p cpout; sync
    read -r t m < <(time_of "$@"); ours+=("$t"); [ "$m" -gt "$rss" ] && rss=$m
    rm -rf out; sync
    read -r t _ < <(time_of cp "$cp_src" cpout/); cps+=("$t")
  done
  local o c
  o=$(printf '%s\n' "${ours[@]}" | median); c=$(printf '%s\n' "${cps[@]}" | median)
  python3 -c "import sys; o,c,b,r=float(sys.argv[1]),float(sys.argv[2]),int(sys.argv[3]),int(sys.argv[4]); print(f'| {sys.argv[5]} | {o:.2f} s | {c:.2f} s | {o/max(c,0.01):.2f} | {b/o/1e6:.0f} MB/s | {r/1024:.1f} MiB |')" "$o" "$c" "$bytes" "$rss" "$name"
}

sectors=350000
echo "Image: $sectors sectors (823 MB raw). $(nproc) cores. Median of $runs runs; cp copies the raw .bin bytes (823 MB)."
echo
echo "| job | discwright | cp | ratio | throughput | peak RSS |"
echo "|---|---:|---:|---:|---:|---:|"
row "BIN/CUE -> CCD/IMG/SUB (subchannel synthesised)" $((sectors * 2448)) raw.bin "$dw" convert raw/Big.cue out/Big.ccd
row "BIN/CUE -> NRG" $((sectors * 2352)) raw.bin "$dw" convert raw/Big.cue out/Big.nrg
row "ISO + audio (cooked) -> BIN/CUE (EDC/ECC generated)" $((sectors * 2352)) raw.bin "$dw" convert cooked.cue out/Big.cue
# verify, and beside it (in turn, same run) OpenSSL's own MD5 of the same bytes: the floor for
# any verify that reports an MD5, since MD5 cannot be split across cores.
vs=(); ms=(); vm=0
rm -rf out cpout; sync
for _ in $(seq "$runs"); do
  read -r t m < <(time_of "$dw" verify raw/mode1.cue); vs+=("$t"); [ "$m" -gt "$vm" ] && vm=$m
  read -r t _ < <(time_of openssl dgst -md5 "raw/Big (Track 1).bin"); ms+=("$t")
done
t=$(printf '%s\n' "${vs[@]}" | median)
m5=$(printf '%s\n' "${ms[@]}" | median)
python3 -c "import sys; t,m=float(sys.argv[1]),float(sys.argv[3]); print(f'| verify of the 705 MB Mode 1 track (300,000 sectors: EDC, ECC, CRC-32, MD5, SHA-1) | {t:.2f} s | {m:.2f} s (openssl md5) | {t/m:.2f} | {300000/t:,.0f} sectors/s | {int(sys.argv[2])/1024:.1f} MiB |')" "$t" "$vm" "$m5"

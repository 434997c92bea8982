#!/usr/bin/env bash
# The field, side by side (docs/performance.md "Against other rippers"): the same virtual drive
# (generic personality: 48x CAV, accurate stream, C2, read offset +6) with realistic timing, and
# every ripper run unmodified inside `discwright emulate`: discwright rip (through /dev/sr0 and
# our SG_IO transport, like the others), cdparanoia, cd-paranoia, cdrdao read-cd and whipper
# (when installed), on a clean audio CD, the same CD with 200 flaky sectors, and a mixed-mode CD.
# For each: drive time in passes of the disc (one pass = dw-drive-time's sequential read), host
# CPU time of the ripper (user + system), and whether the audio it wrote equals the source.
#   tests/bench/field.sh [BUILD_DIR] [MINUTES] [WORK_DIR]
set -euo pipefail
build=$(cd "${1:-build}" && pwd)
minutes=${2:-20}
work=${3:-$(mktemp -d)}
dw="$build/bin/discwright"
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$work"
trap 'rm -rf "$work"' EXIT
offset=6  # the generic personality's read offset in samples (scsi/virtual/personality.cpp)

echo "== discs: ${minutes}-minute audio CD (clean, and with 200 flaky sectors), ${minutes}-minute mixed-mode CD"
"$build/bin/dw-make-disc" audio "$work/a/Disc.cue" --minutes "$minutes" >/dev/null
mkdir -p "$work/m/files"
head -c $((minutes * 1500000)) /dev/urandom >"$work/m/files/random.bin"
genisoimage -quiet -V BENCH -o "$work/m/data.iso" "$work/m/files"
rm -rf "$work/m/files"
"$build/bin/dw-make-disc" mixed "$work/m/Disc.cue" --iso "$work/m/data.iso" --minutes "$minutes" >/dev/null
rm "$work/m/data.iso"
python3 - "$work/flaky.json" "$minutes" <<'PY'
import json, sys, random
random.seed(200)
lbas = sorted(random.sample(range(1000, int(sys.argv[2]) * 60 * 75 - 1000), 200))
json.dump({"faults": [{"type": "flaky", "lba": l, "count": 1, "failures": 1} for l in lbas]}, open(sys.argv[1], "w"))
PY

# run NAME SPEC OUTDIR -- PROGRAM...: the program inside emulate; prints "drive_s cpu_s exit".
run() {
  local spec=$1 out=$2
  shift 3
  mkdir -p "$out"
  local json rc=0
  # The ripper's own stdout goes to a file, so that emulate's JSON summary is all of ours.
  json=$(cd "$out" && "$dw" emulate --json "$spec" -- sh -c 'out=$1; shift; exec "$@" >"$out"' sh "$out/.stdout" \
    /usr/bin/time -f "%U %S" -o "$out/.cpu" "$@" 2>"$out/.stderr") || rc=$?
  python3 - "$json" "$out/.cpu" "$rc" <<'PY'
import json, sys
j = json.loads(sys.argv[1])
u, s = map(float, open(sys.argv[2]).read().split()[-2:])
print(f"{j['drive_seconds']:.1f} {u + s:.2f} {j['exit_code']}")
PY
}

# same_audio CUE MODE FILES...: "yes" when each track file (WAV: its 44-byte header skipped) or
# a whole-disc BIN equals the source's audio tracks.
same_audio() {
  python3 "$here/../emulate/audio_compare.py" "$@"
}

# The flaky disc's 200 sectors each fail once, and each failure costs the drive 1 s (the timing
# model): 200 s of drive time every ripper pays. "net" leaves it out.
table_row() {
  local net=$4
  [ "$1" = flaky ] && net=$(bc -l <<<"($4 * $pass - 200) / $pass")
  printf '| %s | %s | %s | %.2f | %.2f | %s | %s |\n' "$1" "$2" "$3" "$4" "$net" "$5" "$6"
}

echo
echo "| disc | ripper | drive time | passes | passes net of failed reads | host CPU | audio equals the source |"
echo "|---|---|---:|---:|---:|---:|---|"
for disc in clean flaky mixed; do
  case $disc in
    clean) cue="$work/a/Disc.cue" spec="virtual:$work/a/Disc.cue?drive=generic" ;;
    flaky) cue="$work/a/Disc.cue" spec="virtual:$work/a/Disc.cue?drive=generic&faults=$work/flaky.json" ;;
    mixed) cue="$work/m/Disc.cue" spec="virtual:$work/m/Disc.cue?drive=generic" ;;
  esac
  pass=$("$build/bin/dw-drive-time" "$cue" generic sequential | awk '{print $2}')
  o="$work/out/$disc"
  read -r d c e < <(run "$spec" "$o/dw" -- "$dw" rip /dev/sr0 -o "$o/dw" --name Disc)
  table_row "$disc" "discwright rip (exit $e)" "${d} s" "$(bc -l <<<"$d / $pass")" "${c} s" "$(same_audio "$cue" tracks "$o/dw"/*.bin)"
  if command -v cdparanoia >/dev/null; then
    read -r d c e < <(run "$spec" "$o/cdparanoia" -- cdparanoia -d /dev/sr0 -O "$offset" -B)
    table_row "$disc" "cdparanoia -B (exit $e)" "${d} s" "$(bc -l <<<"$d / $pass")" "${c} s" "$(same_audio "$cue" wav "$o/cdparanoia"/*.wav)"
  fi
  if command -v cd-paranoia >/dev/null; then
    read -r d c e < <(run "$spec" "$o/cd-paranoia" -- cd-paranoia -d /dev/sr0 -O "$offset" -B)
    table_row "$disc" "cd-paranoia -B (exit $e)" "${d} s" "$(bc -l <<<"$d / $pass")" "${c} s" "$(same_audio "$cue" wav "$o/cd-paranoia"/*.wav)"
  fi
  if command -v cdrdao >/dev/null; then
    read -r d c e < <(run "$spec" "$o/cdrdao" -- cdrdao read-cd --device /dev/sr0 --read-raw --datafile disc.bin disc.toc)
    table_row "$disc" "cdrdao read-cd (exit $e)" "${d} s" "$(bc -l <<<"$d / $pass")" "${c} s" "$(same_audio "$cue" disc-be-shift-$offset "$o/cdrdao/disc.bin")"
  fi
  if command -v whipper >/dev/null; then
    read -r d c e < <(run "$spec" "$o/whipper" -- whipper cd -d /dev/sr0 rip --unknown --offset "$offset" -O out)
    table_row "$disc" "whipper cd rip (exit $e)" "${d} s" "$(bc -l <<<"$d / $pass")" "${c} s" "$(find "$o/whipper" -name '*.flac' -print0 | sort -z | xargs -0 python3 "$here/../emulate/audio_compare.py" "$cue" flac)"
  fi
  rm -rf "$o"
done
echo "(one pass: dw-drive-time sequential read of the disc; host CPU: the ripper's own user + system time)"

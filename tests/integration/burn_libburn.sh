#!/usr/bin/env bash
# The libburn backend on a `stdio:` target: the demo disc's ISO (made by genisoimage, as
# testdata/make-demo.sh makes it) burned to stdio:FILE must leave FILE equal to the ISO byte for
# byte. libburn writes a stdio: file like a DVD-RAM (drive role 2) from byte 0 and, for an image
# of whole 2048-byte blocks, pads nothing: the ISO's length is compared exactly and any byte past
# it must be zero (there are none today; the check stays in case libburn starts padding).
# --simulate creates the file (libburn opens it) but writes nothing: it must be empty. A FIFO is
# libburn's sequential role 3 and gets the same bytes. An existing non-empty file, a CUE image and
# a multi-track image are refused with the reason.
#   burn_libburn.sh BUILD_DIR
set -euo pipefail
build=$(cd "${1:?usage: burn_libburn.sh BUILD_DIR}" && pwd)
. "$(dirname "$0")/demo_disc.sh"
demo_disc mixed
fail() { echo "FAIL: $*"; exit 1; }
iso="$work/src/data.iso"
size=$(stat -c %s "$iso")
[ $((size % 2048)) -eq 0 ] || fail "genisoimage made $size bytes, not whole blocks"

# 1. A real burn to a new file, with --json.
"$dw" burn "$iso" "stdio:$work/out.iso" --json --log "$work/b.log" >"$work/b.json" 2>"$work/b.err" || fail "burn: $(cat "$work/b.err")"
out_size=$(stat -c %s "$work/out.iso")
[ "$out_size" -ge "$size" ] || fail "written file $out_size bytes, shorter than the ISO ($size)"
cmp -n "$size" "$iso" "$work/out.iso" || fail "the first $size bytes differ from the ISO"
pad=$((out_size - size))
if [ "$pad" -gt 0 ]; then
  nonzero=$(tail -c "$pad" "$work/out.iso" | tr -d '\0' | wc -c)
  [ "$nonzero" -eq 0 ] || fail "$nonzero of libburn's $pad padding bytes are not zero"
fi
[ "$pad" -eq 0 ] || fail "libburn padded $pad bytes (docs/burning.md says it pads nothing): update the doc"
cmp "$iso" "$work/out.iso" || fail "cmp"
python3 - "$work/b.json" "$size" <<'PY' || fail "JSON summary: $(cat "$work/b.json")"
import json, sys
j = json.load(open(sys.argv[1])); size = int(sys.argv[2])
assert j["verdict"] == "good" and j["backend"] == "libburn", j
assert j["drive_role"] == 2 and j["profile"] == "stdio file", j
assert j["image_bytes"] == size and j["blocks_written"] == size // 2048, j
v = j["verify"]
assert v == {"ok": True, "file_bytes": size, "differing_bytes": 0, "padding_bytes": 0, "nonzero_padding_bytes": 0}, v
PY
grep -q "libburn: drive role 2 (stdio, random access)" "$work/b.log" || fail "log: no drive role line"
grep -q "verify: $size bytes in $work/out.iso, 0 differ" "$work/b.log" || fail "log: no verify line"
# Progress on stderr as JSON lines, the last one the finalise at the whole image.
tail -n 1 "$work/b.err" | grep "\"phase\":\"finalise\".*\"total\":$((size / 2048))" >/dev/null || fail "no final progress: $(tail -n 2 "$work/b.err")"

# 2. --simulate: the file is created by libburn's open, but stays empty.
"$dw" burn "$iso" "stdio:$work/sim.iso" --simulate --log "$work/s.log" >"$work/s.out" || fail "simulate"
grep -q "^simulated:" "$work/s.out" || fail "simulate verdict: $(cat "$work/s.out")"
[ -f "$work/sim.iso" ] && [ "$(stat -c %s "$work/sim.iso")" -eq 0 ] || fail "--simulate left $(stat -c %s "$work/sim.iso" 2>/dev/null || echo no) bytes"

# 3. A FIFO (libburn's sequential stdio drive, role 3): the same bytes come out.
mkfifo "$work/fifo"
cat "$work/fifo" >"$work/fifo.iso" &
reader=$!
"$dw" burn "$iso" "stdio:$work/fifo" --log "$work/f.log" >/dev/null || fail "burn to a FIFO"
wait "$reader"
cmp "$iso" "$work/fifo.iso" || fail "FIFO bytes differ"
grep -q "drive role 3 (stdio, sequential)" "$work/f.log" || fail "FIFO not role 3"

# 4. Refusals: an existing non-empty file (exit 4, untouched), a multi-track CUE (exit 3).
head -c 5000 /dev/urandom >"$work/taken.iso"
cp "$work/taken.iso" "$work/taken.orig"
set +e
"$dw" burn "$iso" "stdio:$work/taken.iso" --log "$work/t.log" 2>"$work/t.err"; rc=$?
set -e
[ "$rc" -eq 4 ] || fail "existing file: exit $rc, not 4"
grep -q "the file exists and holds 5000 bytes" "$work/t.err" || fail "existing file: $(cat "$work/t.err")"
cmp "$work/taken.iso" "$work/taken.orig" || fail "the existing file was changed"
set +e
"$dw" burn "$cue" "stdio:$work/cue.iso" --log "$work/c.log" 2>"$work/c.err"; rc=$?
set -e
[ "$rc" -eq 3 ] || fail "CUE: exit $rc, not 3"
grep -q "takes a single-track ISO image, and this is a cue image with 3 tracks" "$work/c.err" || fail "CUE: $(cat "$work/c.err")"
[ ! -e "$work/cue.iso" ] || fail "CUE refusal created the target"
echo "OK: libburn stdio: burn of $size bytes equals the ISO (no padding); simulate empty; FIFO; refusals"

#!/usr/bin/env bash
# The write offset of audio-only discs (reference/ripping.md, "Offsets", redumper's order): the
# perfect audio offset when one shift makes every pregap exact digital silence, else non-zero
# samples shifted out of the lead-in or lead-out, else 0; the log line says which and how.
#  - gapless (sound up to a silent pregap and on from its end) pressed with +12 and -7 samples on
#    the Plextor personality (reads from LBA -75 and past the lead-out): the perfect offset is
#    the pressing offset, every track file equals the source's, and the AccurateRip v1/v2 and
#    frame-450 checksums and the CTDB CRC are those of the audio corrected by the read offset
#    only - computed independently (accuraterip_ref.py) from the source's tracks shifted by the
#    pressing offset, as a drive-offset-corrected rip (EAC) sees them;
#  - edges (sound from the first sample to the last, no pregap) pressed with +12 and -12: shifted
#    out of the lead-out / lead-in, files equal to the source's; unpressed: 0 (fallback).
#   rip_audio_offset.sh BUILD_DIR
set -euo pipefail
build=$(cd "${1:?usage: rip_audio_offset.sh BUILD_DIR}" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
. "$here/demo_disc.sh"
fail() { echo "FAIL: $*"; exit 1; }
# rip KIND OFFSET: rips the disc made in $work/KIND pressed with OFFSET samples into $work/rip-KIND-OFFSET.
rip() {
  local out="$work/rip-$1-$2"
  "$dw" rip "virtual:$work/$1/Demo.cue?drive=plextor&timing=instant&offset=$2" -o "$out" --name Demo --json \
    >"$out.json" 2>/dev/null || fail "$1 pressed with $2: rip exited $?"
  python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); assert r["verdict"] == "good", r["verdict"]' "$out.json"
  for f in "$work/$1/"*.bin; do cmp -s "$f" "$out/$(basename "$f")" || fail "$1 pressed with $2: $(basename "$f") differs from the source"; done
}
# has KIND OFFSET LINE: the rip's log holds LINE (after its time stamp).
has() {
  sed -E 's/^[0-9-]+ [0-9:]+ //' "$work/rip-$1-$2/Demo.log" | grep -xF "$3" >/dev/null ||
    { grep -i "offset" "$work/rip-$1-$2/Demo.log"; fail "$1 pressed with $2: no log line \"$3\""; }
}
demo_disc gapless
mv "$work/src" "$work/gapless"
"$here/../../testdata/make-demo.sh" "$build" "$work/edges" edges >/dev/null
for n in 12 -7; do
  rip gapless $n
  has gapless $n "INFO  write offset $(printf %+d $n) samples (perfect audio offset: the one shift that makes all 1 pregap(s) digital silence)"
  has gapless $n "INFO  perfect audio offset: write offset $(printf %+d $n) makes all 1 pregap(s) digital silence (level 0)"
  has gapless $n "INFO  AccurateRip and CTDB checksums: on the audio corrected by the read offset only (+30); the track files also have the write offset ($(printf %+d $n))"
  # What a rip corrected by the read offset alone holds: the disc's samples n later (the pressing
  # offset), zeros where nothing was.
  mkdir -p "$work/pressed$n"
  python3 - "$work/gapless" "$work/pressed$n" "$n" <<'PY'
import os, shutil, sys
src, dst, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
names = ["Demo (Track 1).bin", "Demo (Track 2).bin"]
data = b"".join(open(os.path.join(src, f), "rb").read() for f in names)
shifted = (b"\0" * (4 * n) + data[: len(data) - 4 * n]) if n >= 0 else data[-4 * n :] + b"\0" * (-4 * n)
at = 0
for f in names:
    size = os.path.getsize(os.path.join(src, f))
    open(os.path.join(dst, f), "wb").write(shifted[at : at + size])
    at += size
shutil.copy(os.path.join(src, "Demo.cue"), dst)
PY
  python3 "$here/accuraterip_ref.py" tracks "$work/pressed$n/Demo.cue" >"$work/ref$n.txt"
  python3 "$here/accuraterip_ref.py" tracks "$work/gapless/Demo.cue" >"$work/unshifted.txt"
  python3 - "$work/rip-gapless-$n.json" "$work/ref$n.txt" "$work/unshifted.txt" <<'PY' || fail "gapless pressed with $n: AccurateRip or CTDB checksums are not the read-offset-corrected audio's"
import json, sys
a = json.load(open(sys.argv[1]))["audio"]
ref = [l.split() for l in open(sys.argv[2])]
unshifted = [l.split() for l in open(sys.argv[3])]
tracks = [l for l in ref if l[0] not in ("ids", "ctdb")]
got = [[str(t["number"]), t["accuraterip_v1"], t["accuraterip_v2"], t["frame450"] or "-"] for t in a["tracks"]]
assert got == tracks, (got, tracks)
assert a["ctdb_crc"] == next(l for l in ref if l[0] == "ctdb")[1], a["ctdb_crc"]
# The files' own checksums differ (the write offset moved them): the test can tell the two apart.
assert tracks != [l for l in unshifted if l[0] not in ("ids", "ctdb")]
PY
done
rip edges 12
has edges 12 "INFO  write offset +12 samples (no perfect audio offset; 12 non-zero sample(s) past the lead-out: shifted out of the lead-out)"
has edges 12 "INFO  perfect audio offset: none: no pregap in the dumped range to search with"
rip edges -12
has edges -12 "INFO  write offset -12 samples (no perfect audio offset; 12 non-zero sample(s) before LBA 0: shifted out of the lead-in)"
rip edges 0
has edges 0 "INFO  write offset +0 samples (no perfect audio offset; no non-zero sample before LBA 0 or past the lead-out; 0 (fallback))"
echo "ok: perfect audio offsets +12 and -7 found and applied, AccurateRip on the read-offset-corrected audio; lead-out +12, lead-in -12 and fallback 0 on the edges disc"

#!/usr/bin/env bash
# Track-at-once onto the virtual drive's blank CD-R: cdrskin -tao (with MCN and ISRC) and wodim
# -tao of two audio tracks (the demo's track 1 and 3 BINs; -swab: they are little-endian), and cdrskin -tao of the
# demo's ISO as a Mode 1 track followed by an audio track. Each track starts where READ TRACK
# INFORMATION said, after the 150-block pregap the drive records (silence; zero Mode 1 sectors
# before a data track), and the saved disc, ripped back, holds the tracks' bytes.
#   burn_tao.sh BUILD_DIR
set -euo pipefail
build=$(cd "${1:?usage: burn_tao.sh BUILD_DIR}" && pwd)
. "$(dirname "$0")/lib.sh"
need python3
emulate_disc mixed
a="$work/src/Demo (Track 3).bin"  # 300 audio sectors
mkdir -p "$work/audio"
"$(dirname "$0")/../../testdata/make-demo.sh" "$build" "$work/audio" audio >/dev/null
b="$work/audio/Demo (Track 1).bin"  # 600 audio sectors
# check SAVED FIRST SECOND: two tracks, the second 150 blocks after the first's end, as written.
check() {
  local saved=$1 first=$2 second=$3 what=$4
  rm -rf "$work/back"
  "$dw" rip "virtual:$saved?timing=instant" -o "$work/back" --name T >"$work/back.log" 2>&1 || { echo "FAIL: $what: rip exited $?"; cat "$work/back.log"; exit 1; }
  python3 - "$work/back" "$first" "$second" "$("$dw" info --json "$saved")" <<'PY' || { echo "FAIL: $what"; exit 1; }
import json, sys
back, first, second, info = sys.argv[1], sys.argv[2], sys.argv[3], json.loads(sys.argv[4])
one, two = open(first, 'rb').read(), open(second, 'rb').read()
t1, t2 = open(back + '/T (Track 1).bin', 'rb').read(), open(back + '/T (Track 2).bin', 'rb').read()
n1 = len(t1) // 2352
tracks = info['tracks']
assert [t['start'] for t in tracks] == [0, n1 + 150] and tracks[1]['indices'] == {'0': n1, '1': n1 + 150}, tracks
assert info['leadout'] == n1 + 150 + len(two) // 2352, info['leadout']
if tracks[0]['type'] == 'audio':
    assert t1 == one, 'track 1 differs'
else:  # Mode 1: the ISO's blocks, then the padding the program added (zeros)
    user = b''.join(t1[i * 2352 + 16:i * 2352 + 2064] for i in range(n1))
    assert user[:len(one)] == one and user[len(one):] == bytes(len(user) - len(one)), 'data track differs'
assert t2[:150 * 2352] == bytes(150 * 2352), 'the pregap is not silent'
assert t2[150 * 2352:] == two, 'track 2 differs'
PY
}
blank="virtual:blank?media=cdr&timing=instant&save"
if command -v cdrskin >/dev/null; then
  # With the MCN and the second track's ISRC, which TAO sends in mode page 05.
  emu "$blank=$work/cdrskin.ccd" -- cdrskin dev=/dev/sr0 -tao -swab gracetime=0 mcn=0123456789012 -audio "$b" \
    isrc=USDW12600002 "$a" >"$work/out" 2>&1 || { echo "FAIL: cdrskin -tao exited $?"; cat "$work/out"; exit 1; }
  check "$work/cdrskin.ccd" "$b" "$a" "cdrskin -tao -audio"
  "$dw" info --json "$work/cdrskin.ccd" | python3 -c '
import json, sys
d = json.load(sys.stdin)
assert d["catalog"] == "0123456789012" and [t["isrc"] for t in d["tracks"]] == [None, "USDW12600002"], d' ||
    { echo "FAIL: cdrskin -tao: MCN or ISRC"; exit 1; }
  emu "$blank=$work/mixed.ccd" -- cdrskin dev=/dev/sr0 -tao gracetime=0 -data "$work/src/data.iso" -audio -swab "$a" >"$work/out" 2>&1 ||
    { echo "FAIL: cdrskin -tao -data exited $?"; cat "$work/out"; exit 1; }
  check "$work/mixed.ccd" "$work/src/data.iso" "$a" "cdrskin -tao -data -audio"
  done="cdrskin"
fi
if command -v wodim >/dev/null; then
  emu "$blank=$work/wodim.ccd" -- wodim dev=/dev/sr0 -tao -swab fs=1m gracetime=0 -audio "$b" "$a" >"$work/out" 2>&1 ||
    { echo "FAIL: wodim -tao exited $?"; cat "$work/out"; exit 1; }
  check "$work/wodim.ccd" "$b" "$a" "wodim -tao -audio"
  done="${done:+$done, }wodim"
fi
[ -n "${done:-}" ] || { echo "SKIP: neither cdrskin nor wodim is installed"; exit 0; }
echo "PASS: TAO burns by $done: tracks where the drive said, 150-block pregaps, the bytes as written"

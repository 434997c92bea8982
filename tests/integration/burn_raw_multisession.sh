#!/usr/bin/env bash
# RAW burning of a multisession image, session by session: the synthetic KIND
# (testdata/make_disc.cpp "cd-extra": audio session 1, Mode 2 XA session 2; "three-sessions": a
# third Mode 2 XA session) is converted to CloneCD, its .sub patched with unusual frames in every
# session (unusual_sub.py), and burned with --mode raw onto a virtual blank CD-R saved as
# CloneCD. The saved disc (and a rip of it) must have the source's per-track hashes, session
# starts and lead-outs, its .img equal to the patched image's byte for byte (the program areas
# and the blocks between the sessions it holds), and its .sub too - but in the lead-in of a
# session that another follows, whose Q carries the B0 the source's (made for a closed disc) has
# not. Session 2 starts
# at the lead-in READ DISC INFORMATION gives: session 1's lead-out (1050) + 6750 = LBA 7800, 4500
# blocks before the image's session 2 (12300); session 3 at 12686 + 2250 = 14936. cd-extra only:
# --mode auto picks RAW, block type 2 (packed P-W) gives the same disc, a recorder without raw
# multisession (raw_ms=no) gets SAO from auto and refuses --mode raw; --simulate runs session 1
# only, as in SAO.
#   burn_raw_multisession.sh BUILD_DIR KIND      KIND: cd-extra or three-sessions
set -euo pipefail
build=$(cd "${1:?usage: burn_raw_multisession.sh BUILD_DIR KIND}" && pwd)
kind=${2:?usage: burn_raw_multisession.sh BUILD_DIR KIND}
. "$(dirname "$0")/demo_disc.sh"
demo_disc "$kind"
"$dw" convert "$cue" "$work/in.ccd" >/dev/null || fail "convert to CloneCD"
# Unusual frames in session 2 (LBA 12500) and, on three-sessions, in session 3 (LBA 19700).
extra=12500
[ "$kind" = three-sessions ] && extra="12500 19700"
# shellcheck disable=SC2086
python3 "$(dirname "$0")/unusual_sub.py" "$work/in.ccd" "$work/in.sub" $extra >"$work/patched.txt"
for l in $extra; do grep -q "^$l bad-crc" "$work/patched.txt" || fail "no unusual frame at LBA $l"; done

# The source's layout and per-track hashes, to compare every saved disc with.
layout() {
  "$dw" info --json "$1" | python3 -c '
import json, sys
d = json.load(sys.stdin)
print(json.dumps({"sessions": d["sessions"], "leadout": d["leadout"], "session_list": d["session_list"],
                  "tracks": [{k: t[k] for k in ("number", "session", "type", "start", "end", "indices", "flags")}
                             for t in d["tracks"]]}, sort_keys=True))'
}
# (verify exits 1: the patched frames are problems it lists.)
hashes() { { "$dw" verify --json "$1" || [ $? = 1 ]; } | python3 -c 'import json,sys; print([(t["number"], t["sectors"], t["sha1"]) for t in json.load(sys.stdin)["tracks"]])'; }
layout "$work/in.ccd" >"$work/in.layout"
hashes "$work/in.ccd" >"$work/in.hashes"
sessions=2
[ "$kind" = three-sessions ] && sessions=3
grep -q "\"sessions\": $sessions" "$work/in.layout" || fail "the source is not a $sessions-session disc: $(cat "$work/in.layout")"

check_saved() {  # NAME: the saved disc NAME.ccd against the patched source
  local out="$work/$1"
  [ "$(layout "$out.ccd")" = "$(cat "$work/in.layout")" ] || { layout "$out.ccd"; cat "$work/in.layout"; fail "$1: the saved disc's layout differs"; }
  [ "$(hashes "$out.ccd")" = "$(cat "$work/in.hashes")" ] || { hashes "$out.ccd"; cat "$work/in.hashes"; fail "$1: per-track hashes differ"; }
  cmp "$work/in.img" "$out.img" || fail "$1: the saved main channel differs from the image's"
  # The .sub: equal but for the lead-ins of sessions 2..n-1 (LBA 7800..12299 on three-sessions),
  # where the saved disc's Q carries B0.
  python3 - "$work/in.sub" "$out.sub" "$kind" <<'PY' || fail "$1: the saved subchannel differs from the patched image's"
import sys
a, b = open(sys.argv[1], "rb").read(), open(sys.argv[2], "rb").read()
assert len(a) == len(b), (len(a), len(b))
skip = range(7800, 12300) if sys.argv[3] == "three-sessions" else range(0)
bad = [l for l in range(len(a) // 96) if l not in skip and a[l * 96:(l + 1) * 96] != b[l * 96:(l + 1) * 96]]
assert not bad, f"{len(bad)} sectors differ from LBA {bad[0] if bad else None}"
PY
  # The saved TOC: B0 in session 1 (session 2's pregap 12300 = 02:46:00, 2 ADR-5 pointers: B0
  # and C0, the last possible lead-out 79:59:74) and C0 (the ATIP's 50 40 80 and lead-in
  # 97:26:66); on three-sessions B0 in session 2 too (session 3's pregap 19436 = 04:21:11, 1
  # pointer); none in the last session.
  python3 - "$out.ccd" "$kind" <<'PY' || fail "$1: the saved TOC's B0/C0"
import re, sys
entries = re.split(r"\[Entry \d+\]", open(sys.argv[1]).read())[1:]
def get(e, k): return int(re.search(rf"^{k}=(\S+)", e, re.M).group(1), 0)
b0 = {get(e, "Session"): [get(e, k) for k in ("AMin", "ASec", "AFrame", "Zero", "PMin", "PSec", "PFrame")]
      for e in entries if get(e, "Point") == 0xB0}
c0 = {get(e, "Session"): [get(e, k) for k in ("AMin", "ASec", "AFrame", "PMin", "PSec", "PFrame")]
      for e in entries if get(e, "Point") == 0xC0}
want = {1: [2, 46, 0, 2, 79, 59, 74]}
if sys.argv[2] == "three-sessions": want[2] = [4, 21, 11, 1, 79, 59, 74]
assert b0 == want, b0
assert c0 == {1: [0x50, 0x40, 0x80, 97, 26, 66]}, c0
PY
}

# --mode raw.
"$dw" burn "$work/in.ccd" "virtual:blank?media=cdr&timing=instant&save=$work/raw.ccd" --mode raw --json \
  --log "$work/raw.log" >"$work/raw.json" 2>"$work/raw.err" || { cat "$work/raw.json" "$work/raw.err" "$work/raw.log"; fail "RAW burn"; }
python3 - "$work/raw.json" "$kind" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
three = sys.argv[2] == "three-sessions"
assert r["verdict"] == "good" and r["mode"] == "raw" and r["own_subchannel"] and r["sessions"] == (3 if three else 2), r
assert r["cue_sheet_variant"] is None and r["verify"]["ok"], r
# Session 1: 11484 lead-in (-11634..-151) + 1200 program + 6750 lead-out; sessions 2 (and 3):
# 4500 + 386 + 2250.
assert r["blocks_written"] == 11484 + 1200 + 6750 + (4500 + 386 + 2250) * (2 if three else 1), r["blocks_written"]
PY
for want in "mode: RAW (--mode raw: the image's own subchannel is written as it is; its $sessions sessions are burned session by session)" \
  "MODE SELECT page 05 (RAW, block type 3, BUFE on, test write off, session format 00, multisession 11 (open next)): GOOD" \
  "MODE SELECT page 05 (RAW, block type 3, BUFE on, test write off, session format 20, multisession 00 (close)): GOOD" \
  "writing RAW from the lead-in start (LBA -11634)" \
  "session 2: the disc is open (session 2 empty), its lead-in starts at LBA 7800 (READ DISC INFORMATION)" \
  "writing RAW from the lead-in start (LBA 7800)" \
  "RAW session 1: 11484 lead-in blocks from LBA -11634 with the TOC, B0, C0 in Q" \
  "RAW session 2: 4500 lead-in blocks from LBA 7800 with the TOC$([ "$kind" = three-sessions ] && echo ", B0") in Q, 386 program blocks from LBA 12300, 2250 lead-out blocks from LBA 12686"; do
  grep -qF "$want" "$work/raw.log" || { cat "$work/raw.log"; fail "the log does not say: $want"; }
done
if [ "$kind" = three-sessions ]; then
  grep -qF "session 3: the disc is open (session 3 empty), its lead-in starts at LBA 14936 (READ DISC INFORMATION)" "$work/raw.log" ||
    fail "session 3 did not start at LBA 12686 + 2250"
fi
grep -q "SEND CUE SHEET" "$work/raw.log" && fail "a cue sheet was sent in RAW mode"
check_saved raw
# The saved disc ripped again: the source's sessions, tracks and per-track hashes.
"$dw" rip "virtual:$work/raw.ccd?timing=instant" -o "$work/rip" --name Demo >"$work/rip.out" 2>&1 || { cat "$work/rip.out"; fail "rip of the RAW-burned disc"; }
rip_layout() { "$dw" info --json "$1" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["session_list"], [(t["number"], t["session"], t["start"], t["indices"]) for t in d["tracks"]])'; }
[ "$(rip_layout "$work/rip/Demo.cue")" = "$(rip_layout "$work/in.ccd")" ] || { rip_layout "$work/rip/Demo.cue"; fail "the rip's sessions and tracks differ from the image's"; }
[ "$(hashes "$work/rip/Demo.cue")" = "$(cat "$work/in.hashes")" ] || fail "the rip's per-track hashes differ from the image's"
[ "$kind" = three-sessions ] && { echo "ok: three sessions burned RAW session by session; layout, hashes, .img, .sub and B0/C0 as planned"; exit 0; }

# --mode auto: RAW, since the image has its own subchannel and the drive writes RAW multisession.
"$dw" burn "$work/in.ccd" "virtual:blank?media=cdr&timing=instant&save=$work/auto.ccd" --log "$work/auto.log" >/dev/null ||
  { cat "$work/auto.log"; fail "auto burn"; }
grep -qF "mode: RAW (--mode auto: the image carries its own subchannel and the drive writes RAW multisession, which keeps it; its 2 sessions are burned session by session)" "$work/auto.log" ||
  { grep "mode:" "$work/auto.log"; fail "auto did not pick RAW for the multisession CloneCD image"; }
check_saved auto

# A recorder that refuses block type 3: block type 2 (packed P-W; the recorder's R-W interleave
# starts again at each session's lead-in), the same saved disc.
"$dw" burn "$work/in.ccd" "virtual:blank?media=cdr&timing=instant&raw_blocks=2,1&save=$work/bt2.ccd" --mode raw \
  --log "$work/bt2.log" >/dev/null 2>&1 || { cat "$work/bt2.log"; fail "RAW multisession burn with block type 2"; }
grep -qF "RAW block type 2: the drive refused block type 3" "$work/bt2.log" || fail "block type 2 was not used"
check_saved bt2

# A recorder without raw multisession: auto burns SAO and says what is lost; --mode raw is refused.
"$dw" burn "$work/in.ccd" "virtual:blank?media=cdr&timing=instant&raw_ms=no" --no-verify --log "$work/noms.log" >/dev/null ||
  { cat "$work/noms.log"; fail "auto burn on a recorder without raw multisession"; }
grep -qF "mode: SAO (--mode auto: the image carries its own subchannel, but the drive writes RAW for one session only (no raw multisession in its CD Mastering feature)" "$work/noms.log" ||
  { grep "mode:" "$work/noms.log"; fail "auto did not fall back to SAO"; }
expect_exit 4 "the drive writes RAW but not RAW multisession" \
  "$dw" burn "$work/in.ccd" "virtual:blank?media=cdr&timing=instant&raw_ms=no&save=$work/refused.ccd" --mode raw --log "$work/refused.log"
[ ! -e "$work/refused.ccd" ] || fail "the refused RAW multisession burn recorded a disc"

# --simulate: session 1 only, with the laser off; the blank stays blank.
"$dw" burn "$work/in.ccd" "virtual:blank?media=cdr&timing=instant&save=$work/sim.ccd" --mode raw --simulate --log "$work/sim.log" >/dev/null || fail "RAW simulation"
grep -qF "simulating session 1 of 2 only: a later session can only follow a session that is really on the disc" "$work/sim.log" || fail "the simulation does not warn that it runs session 1 only"
grep -qF "test write on, session format 00, multisession 11 (open next)): GOOD" "$work/sim.log" || fail "session 1 was not simulated in RAW"
grep -q "MODE SELECT page 05 (RAW.*session format 20" "$work/sim.log" && fail "session 2 was simulated"
grep -q "the disc is still blank" "$work/sim.log" || fail "the simulation does not say the disc is still blank"
[ ! -e "$work/sim.ccd" ] || fail "a RAW simulation recorded a disc"
echo "ok: CD-Extra burned RAW (and auto) session by session with $(wc -l <"$work/patched.txt") unusual frames; layout, per-track hashes, .sub and .img identical; B0/C0 as the ATIP says; raw_ms=no falls back/refuses; simulation runs session 1"

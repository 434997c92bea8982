#!/usr/bin/env bash
# Other programs read what we write. For one synthetic disc KIND (testdata/make_disc.cpp):
#   - libcdio's cd-info reads our single-file CUE with our track list (libcdio reads one FILE
#     only and ignores REM SESSION, so single-session kinds only);
#   - bchunk splits our single-file BIN/CUE into ISO and WAV files equal to the bytes our own
#     layout puts from each track's last index (bchunk keeps the last INDEX line it reads as the
#     track's start) to the next track's first index;
#   - MAME's chdman accepts our redump-style and single-file CUEs (the same CHD from both) and
#     extractcd gives back tracks with our hashes;
#   - isoinfo lists the files of our ISO of the data track;
#   - our NRG: cd-info reads its track list (libcdio's NRG reader stops at an INDEX 02 entry and
#     at sessions, so only kinds without them), chdman accepts it and extractcd gives its first
#     track back with our bytes, and nrg2iso, iat and chdman turn the NRG we make from the ISO back
#     into that ISO.
#   referees.sh BUILD_DIR KIND
set -euo pipefail
build=$(cd "${1:?usage: referees.sh BUILD_DIR KIND}" && pwd)
kind=${2:?usage: referees.sh BUILD_DIR KIND}
here=$(cd "$(dirname "$0")" && pwd)
for tool in genisoimage cd-info bchunk chdman isoinfo python3; do
  command -v "$tool" >/dev/null || { echo "SKIP: $tool not installed (.ci/install-deps.sh installs it)"; exit 0; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dw="$build/bin/discwright"
cue=$("$here/../../testdata/make-demo.sh" "$build" "$work/src" "$kind")
"$dw" convert --to cue-single "$cue" "$work/single/Demo.cue" >/dev/null
"$dw" info --json "$cue" >"$work/info.json"
sessions=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["sessions"])' "$work/info.json")

# cd-info: track numbers, LSNs and data/audio as ours.
if [ "$sessions" = 1 ]; then
  cd-info --no-header --no-device-info --no-cddb --no-analyze --cue-file "$work/single/Demo.cue" >"$work/cdinfo.txt" 2>&1 || true
  python3 - "$work/info.json" "$work/cdinfo.txt" <<'PY'
import json, re, sys
ours = json.load(open(sys.argv[1]))
theirs = {}
for line in open(sys.argv[2]):
    m = re.match(r"\s*(\d+): \d\d:\d\d:\d\d\s+(\d+) (\w+)", line)
    if m: theirs[int(m.group(1))] = (int(m.group(2)), m.group(3))
want = {t["number"]: (t["start"], "audio" if t["type"] == "audio" else ("XA" if t["type"] == "mode2_xa" else "data")) for t in ours["tracks"]}
want[170] = (ours["leadout"], "leadout")
if theirs != want:
    sys.exit(f"FAIL: cd-info track list {theirs} != ours {want}")
print(f"ok: cd-info reads our single-file CUE with our {len(ours['tracks'])} tracks and lead-out {ours['leadout']}")
PY
fi

# bchunk: each track from index 1 to the next track's index 1, data as ISO user bytes.
(cd "$work" && bchunk -w single/Demo.bin single/Demo.cue bc >/dev/null)
python3 - "$work" <<'PY'
import json, os, sys
work = sys.argv[1]
info = json.load(open(f"{work}/info.json"))
if info["sessions"] != 1:
    print("ok: (bchunk skipped: it does not know sessions)"); sys.exit(0)
data = open(f"{work}/single/Demo.bin", "rb").read()
tracks = info["tracks"]
for i, t in enumerate(tracks):
    start = max(t["indices"].values())
    nxt = tracks[i + 1] if i + 1 < len(tracks) else None
    end = (nxt["pregap_start"] if nxt["pregap_start"] is not None else nxt["start"]) if nxt else info["leadout"]
    raw = data[start * 2352:end * 2352]
    n = t["number"]
    if t["type"] == "audio":
        got = open(f"{work}/bc{n:02}.wav", "rb").read()[44:]
        want = raw
    else:
        got = open(f"{work}/bc{n:02}.iso", "rb").read()
        off = 16 if t["type"] == "mode1" else 24
        want = b"".join(raw[k * 2352 + off:k * 2352 + off + 2048] for k in range(end - start))
    if got != want:
        sys.exit(f"FAIL: bchunk's track {n} differs from our layout ({len(got)} vs {len(want)} bytes)")
print(f"ok: bchunk splits our BIN/CUE into {len(tracks)} files equal to our track bytes")
PY

# chdman: both CUE styles are accepted; extractcd gives the tracks back with our hashes.
for style in src single; do
  chdman createcd -i "$work/$style/Demo.cue" -o "$work/$style.chd" >/dev/null 2>&1 || { echo "FAIL: chdman rejects our $style CUE"; exit 1; }
  mkdir -p "$work/chd-$style"
  chdman extractcd -i "$work/$style.chd" -o "$work/chd-$style/back.cue" -ob "$work/chd-$style/back.bin" >/dev/null 2>&1
done
sha() { chdman info -i "$1" | awk '/^SHA1:/ {print $2}'; }
[ "$(sha "$work/src.chd")" = "$(sha "$work/single.chd")" ] || { echo "FAIL: the two CUE styles give different CHDs"; exit 1; }
if [ "$sessions" = 1 ]; then
  hashes() { "$dw" verify --json "$1" | python3 -c 'import json,sys; print([t["sha1"] for t in json.load(sys.stdin)["tracks"]])'; }
  [ "$(hashes "$cue")" = "$(hashes "$work/chd-src/back.cue")" ] || { echo "FAIL: chdman extractcd tracks differ from ours"; exit 1; }
  echo "ok: chdman accepts both CUE styles (same CHD) and extractcd gives our track hashes back"
else
  echo "ok: chdman accepts both CUE styles (same CHD); (track comparison skipped: CHD has no sessions)"
fi

# isoinfo: the ISO of the data track lists the files the disc was made from.
data_track=$(python3 -c 'import json,sys; t=[t["number"] for t in json.load(open(sys.argv[1]))["tracks"] if t["type"]!="audio"]; print(t[0] if t else "")' "$work/info.json")
if [ -n "$data_track" ]; then
  "$dw" convert --track "$data_track" --allow-lossy "$cue" "$work/data.iso" >/dev/null
  isoinfo -l -i "$work/data.iso" | grep "NUMBERS.TXT" >/dev/null || { echo "FAIL: isoinfo does not list NUMBERS.TXT in our ISO"; exit 1; }
  # (the xa disc appends Form 2 sectors after the ISO's own: compare the ISO's length)
  cmp -s -n "$(stat -c %s "$work/src/data.iso")" "$work/data.iso" "$work/src/data.iso" ||
    { echo "FAIL: our ISO of track $data_track differs from the ISO the disc was made from"; exit 1; }
  echo "ok: isoinfo lists our ISO of track $data_track, which equals the genisoimage original"
fi

# NRG: cd-info, chdman, nrg2iso and iat.
for tool in nrg2iso iat; do command -v "$tool" >/dev/null || { echo "SKIP: $tool not installed"; exit 0; }; done
"$dw" convert "$cue" "$work/Demo.nrg" >/dev/null
chdman createcd -i "$work/Demo.nrg" -o "$work/nrg.chd" >/dev/null 2>&1 || { echo "FAIL: chdman rejects our NRG"; exit 1; }
index2=$(python3 -c 'import json,sys; print(any(len(t["indices"]) > 2 or "2" in t["indices"] for t in json.load(open(sys.argv[1]))["tracks"]))' "$work/info.json")
if [ "$sessions" = 1 ] && [ "$index2" = False ]; then
  cd-info --no-header --no-device-info --no-cddb --no-analyze --nrg-file "$work/Demo.nrg" >"$work/cdinfo-nrg.txt" 2>&1 || true
  python3 - "$work/info.json" "$work/cdinfo-nrg.txt" <<'PY'
import json, re, sys
ours = json.load(open(sys.argv[1]))
theirs = {}
for line in open(sys.argv[2]):
    m = re.match(r"\s*(\d+): \d\d:\d\d:\d\d\s+(\d+) (\w+)", line)
    if m: theirs[int(m.group(1))] = int(m.group(2))
want = {t["number"]: t["start"] for t in ours["tracks"]}
want[170] = ours["leadout"]
if theirs != want:
    sys.exit(f"FAIL: cd-info reads our NRG as {theirs}, ours {want}")
print("ok: cd-info reads our NRG with our track starts and lead-out")
PY
fi
# chdman extractcd: the first track comes back with our bytes. (chdman places every later track
# of an NRG at the sum of the earlier tracks' lengths from index 1, leaving out the first track's
# stored pregap, which Nero's own DAO files hold as ours do: it reads the corpus's p1.nrg the same
# way. So only the first track is compared; docs/formats.md has the details.)
if [ "$sessions" = 1 ]; then
  mkdir -p "$work/chd-nrg"
  chdman extractcd -i "$work/nrg.chd" -o "$work/chd-nrg/back.cue" -ob "$work/chd-nrg/back.bin" >/dev/null 2>&1
  python3 - "$work/chd-nrg/back.cue" "$work/chd-nrg/back.bin" "$cue" <<'PY'
import os, re, sys
cue = open(sys.argv[1]).read()
back = open(sys.argv[2], "rb").read()
tracks = re.findall(r"TRACK (\d+) (\S+)(.*?)(?=TRACK|\Z)", cue, re.S)
kind = tracks[0][1]
size = {"AUDIO": 2352, "MODE1/2048": 2048, "MODE2/2352": 2352, "MODE1/2352": 2352}[kind]
msf = lambda t: (int(t[0]) * 60 + int(t[1])) * 75 + int(t[2])
sectors = msf(re.search(r"INDEX 01 (\d+):(\d+):(\d+)", tracks[1][2]).groups()) if len(tracks) > 1 else len(back) // size
ours_path = os.path.join(os.path.dirname(sys.argv[3]), "Demo (Track 1).bin")
if not os.path.exists(ours_path):
    ours_path = os.path.join(os.path.dirname(sys.argv[3]), "Demo.bin")
# From our track 1's index 1 (an HTOA disc's track 1 file starts at index 0).
ours_cue = open(sys.argv[3]).read()
first = msf(re.search(r"TRACK 01 .*?INDEX 01 (\d+):(\d+):(\d+)", ours_cue, re.S).groups())
ours = open(ours_path, "rb").read()[first * 2352 : (first + sectors) * 2352]
if size == 2048:
    ours = b"".join(ours[i + 16 : i + 2064] for i in range(0, len(ours), 2352))
if back[: sectors * size] != ours:
    sys.exit(f"FAIL: chdman extractcd's track 1 of our NRG ({sectors} sectors, {kind}) differs from ours")
print(f"ok: chdman extractcd gives our track 1 back from our NRG ({sectors} sectors, {kind})")
PY
fi
echo "ok: chdman accepts our NRG"
if [ -n "$data_track" ]; then
  "$dw" convert "$work/src/data.iso" "$work/iso.nrg" >/dev/null
  nrg2iso "$work/iso.nrg" "$work/nrg2iso.iso" >/dev/null 2>&1
  iat "$work/iso.nrg" "$work/iat.iso" >/dev/null 2>&1
  size=$(stat -c %s "$work/src/data.iso")
  # nrg2iso copies everything after the first 150 sectors, the chunk chain included: compare the ISO's bytes.
  cmp -s -n "$size" "$work/nrg2iso.iso" "$work/src/data.iso" || { echo "FAIL: nrg2iso of our NRG differs from the ISO"; exit 1; }
  cmp -s "$work/iat.iso" "$work/src/data.iso" || { echo "FAIL: iat of our NRG differs from the ISO"; exit 1; }
  chdman createcd -i "$work/iso.nrg" -o "$work/iso-nrg.chd" >/dev/null 2>&1 || { echo "FAIL: chdman rejects our NRG of the ISO"; exit 1; }
  chdman extractcd -i "$work/iso-nrg.chd" -o "$work/iso-nrg.cue" -ob "$work/iso-nrg.bin" >/dev/null 2>&1
  cmp -s "$work/iso-nrg.bin" "$work/src/data.iso" || { echo "FAIL: chdman extractcd of our NRG of the ISO differs from the ISO"; exit 1; }
  echo "ok: nrg2iso, iat and chdman (createcd + extractcd) turn our NRG of the ISO back into the ISO"
fi

#!/usr/bin/env bash
# cd-info (libcdio) against the virtual drive: through the legacy CD-ROM ioctls (CDROMREADTOCHDR,
# CDROMREADTOCENTRY, CDROM_GET_MCN, CDROMMULTISESSION) and CDROM_SEND_PACKET it lists the tracks
# (number, start LBA, audio/data) and lead-out the source CUE has, the CUE's CD-Text and MCN, the
# start of the last session, and the ISO 9660 label and size of the data track (read() of
# 2048-byte blocks).
#   cd_info.sh BUILD_DIR PERSONALITY KIND
set -euo pipefail
build=$(cd "${1:?usage: cd_info.sh BUILD_DIR PERSONALITY KIND}" && pwd)
drive=${2:?usage: cd_info.sh BUILD_DIR PERSONALITY KIND}
kind=${3:?usage: cd_info.sh BUILD_DIR PERSONALITY KIND}
. "$(dirname "$0")/lib.sh"
need cd-info python3
emulate_disc "$kind"
out=$(emu "virtual:$cue?drive=$drive&timing=instant" -- cd-info --no-header /dev/sr0 2>&1) ||
  { echo "FAIL: cd-info exited with $?"; echo "$out"; exit 1; }

# Tracks: "  N: MM:SS:FF  LSN  audio|data ..." and the lead-out "170: ... leadout".
got=$(awk '/^CD-ROM Track List/ {on=1; next} on && !/^ *[0-9#]+:/ {on=0} on && /^ *[0-9]+: / {print $1+0, $3+0, $4}' <<<"$out")
want=$(cue_tool toc "$cue")
[ "$got" = "$want" ] || { echo "FAIL: track list"; diff <(echo "$want") <(echo "$got"); exit 1; }

# MCN, and the start of the last session (that session's first track; 0 on a single-session disc).
mcn=$(cue_tool text "$cue" | awk '$1 == "mcn" {print $2}')
grep -qx "Media Catalog Number (MCN): $mcn" <<<"$out" || { echo "FAIL: MCN, want '$mcn'"; echo "$out"; exit 1; }
want_ms=$(cue_tool last-session "$cue")
grep -qx "Last CD Session LSN: $want_ms" <<<"$out" || { echo "FAIL: last session LSN, want $want_ms"; echo "$out"; exit 1; }

# CD-Text: every TITLE and PERFORMER of the CUE under "CD-TEXT for Disc:" / "CD-TEXT for Track  N:".
python3 - "$out" <(cue_tool text "$cue") <<'PY' || exit 1
import re, sys
out, want = sys.argv[1], open(sys.argv[2]).read().splitlines()
got, where = {}, None
for line in out.splitlines():
    m = re.match(r"CD-TEXT for (Disc|Track +(\d+)):", line)
    if m:
        where = "disc" if m.group(1) == "Disc" else m.group(2)
        continue
    m = re.match(r"\t([A-Z_]+): (.*)", line)
    if where and m:
        got[(where, m.group(1))] = m.group(2)
    elif not line.startswith("\t"):
        where = None
for w in want:
    if w.startswith("mcn"):
        continue
    where, key, value = w.split(" ", 2)
    if key not in ("TITLE", "PERFORMER"):
        continue
    if got.get((where, key)) != value:
        print(f"FAIL: CD-Text {where} {key}: want {value!r}, got {got.get((where, key))!r}")
        sys.exit(1)
PY

# ISO 9660 label and size of the data track, from the ISO testdata/make-demo.sh made.
if grep -q "data$" <<<"$want"; then
  iso="$work/src/data.iso"
  label=$(dd if="$iso" bs=1 skip=$((16 * 2048 + 40)) count=32 status=none)
  blocks=$(python3 -c "import sys; b=open(sys.argv[1],'rb').read(); print(int.from_bytes(b[16*2048+80:16*2048+84],'little'))" "$iso")
  grep -qF "ISO 9660: $blocks blocks, label \`$label'" <<<"$out" ||
    { echo "FAIL: ISO 9660 line, want $blocks blocks, label '$label'"; echo "$out"; exit 1; }
fi
echo "PASS: cd-info ($drive, $kind)"

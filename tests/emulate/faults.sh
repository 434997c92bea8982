#!/usr/bin/env bash
# A damaged audio CD as the paranoia rippers see it (fault file, docs/virtual-drive.md):
#  - unreadable sectors (READ CD answers 03/11/05): cdparanoia reports the failed read (its sector
#    span covers the bad sectors) with sense 3/11/05, and both rippers report a transport error at
#    the read that covered them;
#  - C2-flagged sectors (damaged bytes, different on each read from the surface): cdparanoia's
#    verification reports corrections inside them; cd-paranoia, trusting the repeated read, writes
#    the damage: its rip differs from the source there, and only there.
# The demo tones repeat every 15 sectors exactly, so paranoia's content matching can fill or
# misplace whole periods after a fault; the checks therefore use what the rippers report, and
# the one rip whose differences are confined (cd-paranoia with C2 damage).
#   faults.sh BUILD_DIR PERSONALITY
set -euo pipefail
build=$(cd "${1:?usage: faults.sh BUILD_DIR PERSONALITY}" && pwd)
drive=${2:?usage: faults.sh BUILD_DIR PERSONALITY}
. "$(dirname "$0")/lib.sh"
need cdparanoia cd-paranoia python3
emulate_disc audio
offset=$(offset_samples "$drive")
bad=200 bad_count=3  # unreadable, inside track 1 (LBA 0-749)
c2=400 c2_count=2
cat >"$work/unreadable.json" <<EOF
{"faults": [{"type": "unreadable", "lba": $bad, "count": $bad_count, "delay_ms": 0}]}
EOF
cat >"$work/c2.json" <<EOF
{"seed": 7, "faults": [{"type": "c2", "lba": $c2, "count": $c2_count, "bytes": 16}]}
EOF
rip() {  # rip TOOL FAULTS: track 1 to $work/TOOL-FAULTS.raw, callbacks (-e) to $work/TOOL-FAULTS.log
  emu "virtual:$cue?drive=$drive&timing=instant&faults=$work/$2.json" -- \
    "$1" -d /dev/sr0 -O "$offset" -e -r 1 "$work/$1-$2.raw" >"$work/$1-$2.log" 2>&1 ||
    { echo "FAIL: $1 with $2 sectors exited with $?"; tail -20 "$work/$1-$2.log"; exit 1; }
}
# The sectors (positions are in 16-bit words from the track start: 1176 a sector) of callbacks of
# kind KIND ("transport error", "correction") in LOG.
sectors_of() { sed -n "s/^##: [0-9]* \[$1\] @ \([0-9]*\).*/\1/p" "$2" | awk '{print int($1 / 1176)}'; }

for tool in cdparanoia cd-paranoia; do
  rip "$tool" unreadable
  reported=$(sectors_of "transport error" "$work/$tool-unreadable.log")
  [ -n "$reported" ] || { echo "FAIL: $tool reports no read error for unreadable LBAs $bad+$bad_count"; cat "$work/$tool-unreadable.log"; exit 1; }
  for s in $reported; do  # a read of at most 27 sectors starting there covered the bad sectors
    [ "$s" -ge $((bad - 27)) ] && [ "$s" -lt $((bad + bad_count)) ] ||
      { echo "FAIL: $tool reports a read error at sector $s, away from $bad+$bad_count"; exit 1; }
  done
done
grep -q "Sense key: 3 ASC: 11 ASCQ: 5" "$work/cdparanoia-unreadable.log" || { echo "FAIL: cdparanoia shows no 3/11/05"; exit 1; }
sed -n 's/^scsi_read error: sector=\([0-9]*\) length=\([0-9]*\).*/\1 \2/p' "$work/cdparanoia-unreadable.log" |
  while read -r s l; do
    [ "$s" -lt $((bad + bad_count)) ] && [ $((s + l)) -gt "$bad" ] ||
      { echo "FAIL: cdparanoia's failed read $s+$l does not cover $bad+$bad_count"; exit 1; }
  done

rip cdparanoia c2
corrections=$(sectors_of correction "$work/cdparanoia-c2.log" | awk -v a=$c2 -v b=$((c2 + c2_count)) '$1 >= a && $1 < b' | wc -l)
[ "$corrections" -gt 0 ] || { echo "FAIL: cdparanoia reports no correction in the C2 sectors $c2+$c2_count"; cat "$work/cdparanoia-c2.log"; exit 1; }

rip cd-paranoia c2
cue_tool audio "$cue" 1 "$work/want.bin" >/dev/null
python3 - "$work/cd-paranoia-c2.raw" "$work/want.bin" "$c2" "$c2_count" <<'PY'
import sys
got, want = open(sys.argv[1], "rb").read(), open(sys.argv[2], "rb").read()
first, count = int(sys.argv[3]), int(sys.argv[4])
if len(got) != len(want):
    sys.exit(f"FAIL: cd-paranoia's rip has {len(got)} bytes, want {len(want)}")
bad = sorted({i // 2352 for i in range(len(got)) if got[i] != want[i]})
if not bad:
    sys.exit("FAIL: cd-paranoia's rip is bit-identical despite the C2 damage")
if bad[0] < first or bad[-1] >= first + count:
    sys.exit(f"FAIL: cd-paranoia's rip differs in sectors {bad}, outside the damaged {first}+{count}")
PY
echo "PASS: unreadable and C2 sectors reported by cdparanoia and cd-paranoia ($drive)"

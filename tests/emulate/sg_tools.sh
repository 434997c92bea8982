#!/usr/bin/env bash
# sg3-utils beyond sg_inq: sg_readcap (READ CAPACITY: the last LBA before the source's lead-out,
# 2048-byte blocks) and sg_modes (MODE SENSE(10) and (6): the pages the drive has - 01 read error
# recovery, 05 write parameters (a recorder), 2A capabilities).
#   sg_tools.sh BUILD_DIR PERSONALITY
set -euo pipefail
build=$(cd "${1:?usage: sg_tools.sh BUILD_DIR PERSONALITY}" && pwd)
drive=${2:?usage: sg_tools.sh BUILD_DIR PERSONALITY}
. "$(dirname "$0")/lib.sh"
need sg_readcap sg_modes python3
emulate_disc mixed
source_json
spec="virtual:$cue?drive=$drive&timing=instant"
leadout=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["leadout"])' "$work/src.json")

out=$(emu "$spec" -- sg_readcap /dev/sr0 2>&1) || { echo "FAIL: sg_readcap"; echo "$out"; exit 1; }
grep -q "Last LBA=$((leadout - 1)) (0x$(printf %x $((leadout - 1)))), Number of logical blocks=$leadout" <<<"$out" &&
  grep -q "Logical block length=2048 bytes" <<<"$out" || { echo "FAIL: sg_readcap"; echo "$out"; exit 1; }

out=$(emu "$spec" -- sg_modes -a /dev/sr0 2>&1) || { echo "FAIL: sg_modes -a"; echo "$out"; exit 1; }
for page in "Read-Write error recovery" "Write parameters" "MM capabilities and mechanical status"; do
  grep -q ">> $page.*, page_control: current" <<<"$out" || { echo "FAIL: sg_modes -a lacks $page"; echo "$out"; exit 1; }
done
# Page 2A alone, by MODE SENSE(10) and (6): page code 2A first, the same page both ways.
ten=$(emu "$spec" -- sg_modes -p 0x2a /dev/sr0 2>&1) || { echo "FAIL: sg_modes -p 0x2a"; echo "$ten"; exit 1; }
six=$(emu "$spec" -- sg_modes -6 -p 0x2a /dev/sr0 2>&1) || { echo "FAIL: sg_modes -6 -p 0x2a"; echo "$six"; exit 1; }
grep -q "from MODE SENSE(10)" <<<"$ten" && grep -q "from MODE SENSE(6)" <<<"$six" &&
  grep -Eq "^ 00 +2a " <<<"$ten" || { echo "FAIL: page 2A"; echo "$ten"; echo "$six"; exit 1; }
[ "$(grep -E '^ [0-9a-f]{2} ' <<<"$ten")" = "$(grep -E '^ [0-9a-f]{2} ' <<<"$six")" ] ||
  { echo "FAIL: page 2A differs between MODE SENSE(10) and (6)"; echo "$ten"; echo "$six"; exit 1; }
echo "PASS: sg_readcap, sg_modes ($drive)"

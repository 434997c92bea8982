#!/usr/bin/env bash
# cdparanoia (its own SG_IO interface) and cd-paranoia (libcdio: CDROM_SEND_PACKET and the legacy
# ioctls) rip every audio track of the disc, told the personality's read offset in samples (-O,
# positive: the drive returns audio late, so the ripper reads that much later; AccurateRip's sign).
# Each rip must equal the source BINs byte for byte over the track as the TOC bounds it: from its
# INDEX 01 to the next track's INDEX 01 (that track's pregap included), or to the session's
# lead-out.
# Excluded: when a track ends at a lead-out and the personality cannot read past the lead-out
# (generic, lg, cheap), the last OFFSET samples of that track: correcting a positive offset needs
# them from the first lead-out sector, which such a drive refuses, so rippers fill them with zeros.
#   paranoia.sh BUILD_DIR PERSONALITY KIND
set -euo pipefail
build=$(cd "${1:?usage: paranoia.sh BUILD_DIR PERSONALITY KIND}" && pwd)
drive=${2:?usage: paranoia.sh BUILD_DIR PERSONALITY KIND}
kind=${3:?usage: paranoia.sh BUILD_DIR PERSONALITY KIND}
. "$(dirname "$0")/lib.sh"
need python3
have=()
for tool in cdparanoia cd-paranoia; do command -v "$tool" >/dev/null && have+=("$tool"); done
[ ${#have[@]} -gt 0 ] || { echo "SKIP: neither cdparanoia nor cd-paranoia is installed"; exit 0; }
emulate_disc "$kind"
offset=$(offset_samples "$drive")
spec="virtual:$cue?drive=$drive&timing=instant"
ripped=0
while read -r n lba type; do
  [ "$type" = audio ] || continue
  read -r _ sectors at_leadout < <(cue_tool audio "$cue" "$n" "$work/want.bin")
  size=$((sectors * 2352))
  defined=$size
  if [ "$at_leadout" = 1 ] && ! overreads_leadout "$drive"; then defined=$((size - offset * 4)); fi
  for tool in "${have[@]}"; do
    rip="$work/$tool-$n.raw"
    emu "$spec" -- "$tool" -d /dev/sr0 -O "$offset" -r "$n" "$rip" >"$work/$tool.log" 2>&1 ||
      { echo "FAIL: $tool track $n exited with $?"; tail -20 "$work/$tool.log"; exit 1; }
    got=$(stat -c %s "$rip")
    [ "$got" -eq "$size" ] || { echo "FAIL: $tool track $n: $got bytes, want $size (LBA $lba, $sectors sectors)"; exit 1; }
    cmp -n "$defined" "$rip" "$work/want.bin" ||
      { echo "FAIL: $tool track $n ($drive, offset $offset) differs from the source"; exit 1; }
  done
  ripped=$((ripped + 1))
done < <(cue_tool toc "$cue")
[ "$ripped" -gt 0 ] || { echo "FAIL: the $kind disc has no audio track"; exit 1; }
echo "PASS: ${have[*]} rip $ripped audio tracks bit-identical ($drive, $kind, offset $offset)"

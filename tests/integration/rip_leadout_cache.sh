#!/usr/bin/env bash
# The lead-out through a MediaTek drive's cache (F1): on `asus-stock` (ASUS BW-16D1HT on its
# stock firmware 3.02) READ CD stops at the lead-out, so a disc pressed with a positive write
# offset has its last samples in the lead-out, out of READ CD's reach. The rip reads the last
# sector before the lead-out, then the cache, where the drive's read-ahead left the lead-out, and
# takes the lead-out sectors from there (redumper reads these drives' lead-outs the same way):
#  - `edges` (sound from the first sample to the last) pressed with +12: the log says which
#    lead-out sectors came from the cache, the 12 samples found past the lead-out give the write
#    offset +12, and every track file equals the source's (they would end in 12 zero samples
#    without the cache, and the offset would fall back to 0);
#  - the same disc on `generic` (no lead-out access at all) ends with the fallback 0 and the log
#    says nothing of a cache, as a control.
#   rip_leadout_cache.sh BUILD_DIR
set -euo pipefail
build=$(cd "${1:?usage: rip_leadout_cache.sh BUILD_DIR}" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
. "$here/demo_disc.sh"
demo_disc edges
leadout=$("$dw" info --json "$cue" | python3 -c 'import json,sys; print(json.load(sys.stdin)["leadout"])')
log_of() { sed -E 's/^[0-9-]+ [0-9:]+ //' "$1/Demo.log"; }

"$dw" rip "virtual:$cue?drive=asus-stock&timing=instant&offset=12" -o "$work/stock" --name Demo >/dev/null 2>&1 ||
  fail "asus-stock: rip exited $?"
# The virtual drive reads 64 sectors ahead of each read its cache cannot answer; the last such
# read of this rip ends that read-ahead at LBA leadout + 30 (the later reads up to the lead-out,
# and the one of leadout - 1 before the cache read, are answered from the cache): the cache holds
# leadout - 1 .. leadout + 29, of which the last 2 are not kept - 28 sectors. The same count twice
# in a row ends the cache reads: 2 reads.
log_of "$work/stock" | grep -xF "INFO  lead-out LBA $leadout to $((leadout + 27)) (28 sector(s)) read through the MediaTek cache (F1, 2 read(s)): READ CD refuses LBA $leadout" >/dev/null ||
  { log_of "$work/stock" | grep -i "lead-out"; fail "asus-stock: no line saying the lead-out came from the cache"; }
log_of "$work/stock" | grep -xF "INFO  write offset +12 samples (no perfect audio offset; 12 non-zero sample(s) past the lead-out: shifted out of the lead-out)" >/dev/null ||
  { log_of "$work/stock" | grep -i "offset"; fail "asus-stock: the write offset is not +12 from the lead-out"; }
for f in "$work/src/"*.bin; do
  cmp -s "$f" "$work/stock/$(basename "$f")" || fail "asus-stock: $(basename "$f") differs from the source"
done

"$dw" rip "virtual:$cue?drive=generic&timing=instant&offset=12" -o "$work/generic" --name Demo >/dev/null 2>&1 || true
[ "$(log_of "$work/generic" | grep -c "MediaTek cache")" = 0 ] || fail "generic: the log speaks of a cache"
log_of "$work/generic" | grep -F "write offset +0 samples" >/dev/null || fail "generic: expected the fallback offset 0"
echo "ok: asus-stock read the lead-out from LBA $leadout through its cache; write offset +12, files equal the source's; generic falls back to 0"

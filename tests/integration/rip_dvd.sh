#!/usr/bin/env bash
# DVD data disc rips: a DVD-size image (1,000 MB, random data in places) in the virtual drive is
# dumped to an ISO identical to it, with the physical-format and copyright structures saved; with
# three unreadable sectors in random data the ISO equals the source with exactly those sectors
# zeroed, the .bad map and the JSON list them, and the exit status is 1; a disc removed mid-dump
# stops it (exit 4) and --resume completes it identically.
#   rip_dvd.sh BUILD_DIR
set -euo pipefail
build=$(cd "${1:?usage: rip_dvd.sh BUILD_DIR}" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dw="$build/bin/discwright"
truncate -s 1000M "$work/dvd.iso"
head -c 2000000 /dev/urandom | dd of="$work/dvd.iso" bs=2048 seek=0 conv=notrunc status=none
head -c 4000000 /dev/urandom | dd of="$work/dvd.iso" bs=2048 seek=299000 conv=notrunc status=none
"$dw" rip "virtual:$work/dvd.iso?timing=instant" -o "$work/a" --name Disc >/dev/null
cmp "$work/dvd.iso" "$work/a/Disc.iso" || { echo "FAIL: the ISO differs from the disc"; exit 1; }
[ -s "$work/a/Disc.physical.bin" ] || { echo "FAIL: physical format structure not saved"; exit 1; }
[ ! -s "$work/a/Disc.bad" ] || { echo "FAIL: a clean disc has a non-empty bad map"; exit 1; }
rm -rf "$work/a"

echo '{"faults":[{"type":"unreadable","lba":300000,"count":3}]}' >"$work/bad.json"
set +e
"$dw" rip "virtual:$work/dvd.iso?timing=instant&faults=$work/bad.json" -o "$work/b" --name Disc --retries 2 --json >"$work/b.json" 2>/dev/null
code=$?
set -e
[ "$code" = 1 ] || { echo "FAIL: exit status $code with unreadable sectors, expected 1"; exit 1; }
[ "$(cat "$work/b/Disc.bad")" = "300000-300002" ] || { echo "FAIL: bad map: $(cat "$work/b/Disc.bad")"; exit 1; }
python3 - "$work/dvd.iso" "$work/b/Disc.iso" "$work/b.json" <<'PY'
import json, sys
src, out, rep = sys.argv[1:4]
assert json.load(open(rep))["not_good"] == ["300000-300002"]
with open(src, "rb") as a, open(out, "rb") as b:
    for lba in range(299990, 300010):
        a.seek(lba * 2048); b.seek(lba * 2048)
        x, y = a.read(2048), b.read(2048)
        if 300000 <= lba <= 300002:
            assert y == bytes(2048) and x != y, lba
        else:
            assert x == y, lba
PY
rm -rf "$work/b"

echo '{"faults":[{"type":"remove","lba":250000}]}' >"$work/remove.json"
set +e
"$dw" rip "virtual:$work/dvd.iso?timing=instant&faults=$work/remove.json" -o "$work/c" --name Disc >/dev/null 2>&1
code=$?
set -e
[ "$code" = 4 ] || { echo "FAIL: a removed disc should stop the dump with exit status 4, got $code"; exit 1; }
"$dw" rip "virtual:$work/dvd.iso?timing=instant" -o "$work/c" --name Disc --resume >/dev/null
grep -q "resuming" "$work/c/Disc.log" || { echo "FAIL: the dump did not resume"; exit 1; }
cmp "$work/dvd.iso" "$work/c/Disc.iso" || { echo "FAIL: the resumed ISO differs"; exit 1; }
echo "ok: DVD dump identical, unreadable sectors mapped exactly (exit 1), removal and resume"

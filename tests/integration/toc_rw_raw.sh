#!/usr/bin/env bash
# A cdrdao TOC whose track stores raw R-W after each sector (RW_RAW, as `cdrdao read-cd
# --read-subchan rw_raw` writes it, e.g. a CD+G disc): `convert` to CloneCD keeps that R-W in the
# .sub (checked here by de-interleaving the .sub's channels R..W in Python and comparing them with
# the bits 5..0 of the file's bytes), with Q from the TOC (its CRC checked); `info` says the
# R-W is the image's and P, Q synthesised, and `verify` checks no Q CRC; BIN/CUE, which has no
# place for it, is refused as lossy (exit 3).
#   toc_rw_raw.sh BUILD_DIR
set -euo pipefail
build=$(cd "${1:?usage: toc_rw_raw.sh BUILD_DIR}" && pwd)
dw="$build/bin/discwright"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
cd "$work"
python3 -c "
import random
random.seed(2026)
open('cdg.bin', 'wb').write(bytes(random.getrandbits(8) for _ in range(300 * 2448)))"
printf 'CD_DA\nTRACK AUDIO RW_RAW\nSWAP\nFILE "cdg.bin" 0\n' >cdg.toc
"$dw" info --json cdg.toc | grep -F '"subchannel": "image R-W, synthesised P and Q"' >/dev/null ||
  fail "info does not say the R-W is the image's and P, Q synthesised"
# verify: the Q made from the TOC is not counted as checked.
"$dw" verify --json cdg.toc | python3 -c 'import json,sys; r=json.load(sys.stdin); assert r["subchannel_checked"] == 0, r' ||
  fail "verify counts the synthesised Q as checked"
"$dw" convert cdg.toc out/cdg.ccd >/dev/null
python3 - <<'PY' || fail "the .sub does not hold the TOC file's R-W with a good Q"
import binascii
raw = open("cdg.bin", "rb").read()
sub = open("out/cdg.sub", "rb").read()
assert len(sub) == 300 * 96, len(sub)
def channel(frame, k):  # channel k (0 = P ... 7 = W) of 96 interleaved bytes, 12 bytes MSB first
    out = bytearray(12)
    for i in range(96):
        if frame[i] & (0x80 >> k):
            out[i // 8] |= 0x80 >> (i % 8)
    return bytes(out)
for lba in range(300):
    frame = raw[lba * 2448 + 2352:(lba + 1) * 2448]
    linear = sub[lba * 96:(lba + 1) * 96]  # CloneCD .sub: P, Q, R ... W, 12 bytes each
    for k in range(2, 8):
        assert channel(frame, k) == linear[k * 12:(k + 1) * 12], (lba, k)
    q = linear[12:24]  # CRC-16/CCITT (poly 0x1021, init 0), inverted, big-endian
    assert binascii.crc_hqx(q[:10], 0) ^ 0xFFFF == int.from_bytes(q[10:], "big"), lba
PY
set +e; "$dw" convert cdg.toc out/cdg.cue >out.txt 2>&1; code=$?; set -e
[ "$code" = 3 ] || fail "convert to BIN/CUE exited $code, expected 3"
grep -q "the image's own subchannel" out.txt || fail "the refusal does not name the subchannel"
echo "ok: RW_RAW R-W kept in the CloneCD .sub beside a TOC-made Q; BIN/CUE refused as lossy"

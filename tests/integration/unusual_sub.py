#!/usr/bin/env python3
# Patches a CloneCD image's .sub with deliberately unusual subchannel frames, for the RAW burn
# tests (burn_raw.sh, burn_raw_multisession.sh): a Q whose CRC is wrong, the MCN in an ADR-2 frame
# where no writer puts it, an index change one frame early, a P flag set in one frame of music,
# R-W bytes in one frame; and for each extra LBA given (e.g. in a later session's program area) a
# Q whose CRC is wrong and R-W bytes in the frame after it. Prints "LBA what" per frame patched.
#   unusual_sub.py IMAGE.ccd IMAGE.sub [LBA...]
# .sub is linear: per sector P (12 bytes), Q (12), R..W; sector 0 is LBA 0.
# Q CRC: CRC-16 0x1021, init 0, inverted, big-endian in bytes 10-11 (reference/cd-physical.md).
import re, sys
ccd, subpath, extra = sys.argv[1], sys.argv[2], [int(a) for a in sys.argv[3:]]
sub = bytearray(open(subpath, "rb").read())
n = len(sub) // 96
def crc(b):
    c = 0
    for x in b:
        c ^= x << 8
        for _ in range(8):
            c = ((c << 1) ^ 0x1021) if c & 0x8000 else c << 1
            c &= 0xFFFF
    return c ^ 0xFFFF
def q(l): return sub[l * 96 + 12:l * 96 + 24]
def put_q(l, frame, fix_crc=True):
    frame = bytearray(frame)
    if fix_crc:
        c = crc(frame[:10]); frame[10] = c >> 8; frame[11] = c & 0xFF
    sub[l * 96 + 12:l * 96 + 24] = frame
def bcd(v): return (v // 10) << 4 | v % 10
adr1 = lambda l: q(l)[0] & 0x0F == 1
# 1. A Q whose CRC is wrong: LBA 100's absolute frame changed, its CRC left as it was.
f = bytearray(q(100)); assert adr1(100); f[9] ^= 0x01; put_q(100, f, fix_crc=False)
assert crc(q(100)[:10]) != (q(100)[10] << 8 | q(100)[11])
print("100 bad-crc")
# 2. The MCN (ADR 2) at LBA 333, where (LBA + 150) % 100 is 83, not the usual 99.
mcn = re.search(r"CATALOG=(\d{13})", open(ccd).read())
if mcn:
    d = [int(c) for c in mcn.group(1)]
    f = bytearray(12); f[0] = (q(333)[0] & 0xF0) | 0x02
    for i in range(6): f[1 + i] = d[2 * i] << 4 | d[2 * i + 1]
    f[7] = d[12] << 4; f[9] = bcd((333 + 150) % 75)
    put_q(333, f)
    print("333 mcn")
# 3. An index change one frame early: the frame before the first index 02 (else the first index
#    01 after an index 00) already says the new index.
def first_change():
    for want, before in ((0x02, 0x01), (0x01, 0x00)):
        for l in range(1, n):
            if adr1(l) and adr1(l - 1) and q(l)[2] == want and q(l - 1)[2] == before and q(l)[1] == q(l - 1)[1]:
                return l
    return None
l = first_change()
assert l, "no index change in the program area"
f = bytearray(q(l - 1)); f[2] = q(l)[2]; put_q(l - 1, f)
print(f"{l - 1} index-early")
# 4. P set in one frame of a track's index 01, and R-W bytes (CD+G-like) in another frame.
p_lba = l + 10
sub[p_lba * 96:p_lba * 96 + 12] = b"\xff" * 12
print(f"{p_lba} p-flag")
rw_lba = l + 20
for k in range(24, 96): sub[rw_lba * 96 + k] = (k * 37 + 11) & 0xFF
print(f"{rw_lba} rw")
# 5. The extra LBAs: a bad Q CRC there, R-W bytes in the frame after.
for x in extra:
    assert x + 1 < n and adr1(x), x
    f = bytearray(q(x)); f[9] ^= 0x01; put_q(x, f, fix_crc=False)
    print(f"{x} bad-crc")
    for k in range(24, 96): sub[(x + 1) * 96 + k] = (k * 53 + 7) & 0xFF
    print(f"{x + 1} rw")
open(subpath, "wb").write(sub)

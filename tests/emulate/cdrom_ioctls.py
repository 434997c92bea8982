#!/usr/bin/env python3
"""The legacy CD-ROM ioctls on /dev/sr0 inside `discwright emulate`, against what the kernel's
cdrom layer gives for the source disc: run as cdrom_ioctls.py CUE_TOOL CUE PERSONALITY.
Struct layouts and constants from <linux/cdrom.h>; expected values from the CUE and BINs (through
cue.py) and from cdrom.c/sr.c's rules, never from our own output."""
import ctypes
import errno
import fcntl
import os
import struct
import subprocess
import sys

CDROMREADTOCHDR, CDROMREADTOCENTRY, CDROMSTOP, CDROMSTART = 0x5305, 0x5306, 0x5307, 0x5308
CDROMEJECT, CDROMSUBCHNL, CDROMREADMODE1, CDROMREADAUDIO = 0x5309, 0x530B, 0x530D, 0x530E
CDROMMULTISESSION, CDROM_GET_MCN, CDROMREADRAW, CDROMCLOSETRAY = 0x5310, 0x5311, 0x5314, 0x5319
CDROM_SELECT_SPEED, CDROM_MEDIA_CHANGED, CDROM_DRIVE_STATUS = 0x5322, 0x5325, 0x5326
CDROMVOLCTRL, CDROMVOLREAD = 0x530A, 0x5313
CDROM_DISC_STATUS, CDROM_LOCKDOOR, CDROM_GET_CAPABILITY = 0x5327, 0x5329, 0x5331
CDROM_LBA, CDROM_MSF = 1, 2
CDS_NO_DISC, CDS_TRAY_OPEN, CDS_DISC_OK = 1, 2, 4
CDS_AUDIO, CDS_DATA_1, CDS_MIXED = 100, 101, 105
# sr's capabilities: everything but changer (SELECT_DISC), DVD-R/RAM writing, MO; CD-R/RW writing
# only on a recorder (page 2A byte 3).
CDC = dict(CLOSE_TRAY=0x1, OPEN_TRAY=0x2, LOCK=0x4, SELECT_SPEED=0x8, SELECT_DISC=0x10, MULTI_SESSION=0x20,
           MCN=0x40, MEDIA_CHANGED=0x80, PLAY_AUDIO=0x100, RESET=0x200, DRIVE_STATUS=0x800,
           GENERIC_PACKET=0x1000, CD_R=0x2000, CD_RW=0x4000, DVD=0x8000, DVD_R=0x10000, DVD_RAM=0x20000,
           MRW=0x80000, MRW_W=0x100000, RAM=0x200000)

cue_tool, cue, drive = sys.argv[1:4]
fails = []


def check(cond, what):
    if not cond:
        fails.append(what)
        print("FAIL:", what)


def cue_lines(*args):
    return subprocess.run([sys.executable, cue_tool, *args], check=True, capture_output=True, text=True).stdout.split("\n")


toc = [line.split() for line in cue_lines("toc", cue) if line]
tracks = [(int(n), int(lba), kind) for n, lba, kind in toc]
fd = os.open("/dev/sr0", os.O_RDONLY | os.O_NONBLOCK)


def msf_of(lba):  # LBA -> (m, s, f), the 150-sector offset of MMC MSF addresses
    f = lba + 150
    return f // 4500, f // 75 % 60, f % 75


# CDROMREADTOCHDR and CDROMREADTOCENTRY in both address formats, lead-out included.
hdr = fcntl.ioctl(fd, CDROMREADTOCHDR, bytes(2))
check((hdr[0], hdr[1]) == (tracks[0][0], tracks[-2][0]), f"TOC header {tuple(hdr)}")
for n, lba, kind in tracks:
    number = 0xAA if kind == "leadout" else n
    for fmt in (CDROM_LBA, CDROM_MSF):
        # struct cdrom_tocentry: track, adr:4|ctrl:4, format, (pad), union addr (int), datamode
        e = fcntl.ioctl(fd, CDROMREADTOCENTRY, struct.pack("BBBxiB3x", number, 0, fmt, 0, 0))
        _, adr_ctrl, got_fmt, addr, datamode = struct.unpack("BBBxiB3x", e)
        ctrl = adr_ctrl >> 4
        check(got_fmt == fmt, f"track {number} format {got_fmt}")
        check((adr_ctrl & 0x0F) == 1, f"track {number} ADR {adr_ctrl & 0x0F}")
        if kind != "leadout":
            check(bool(ctrl & 4) == (kind == "data"), f"track {number} control {ctrl:x} for {kind}")
            check(datamode == (1 if kind == "data" else 0), f"track {number} datamode {datamode}")
        want = lba if fmt == CDROM_LBA else msf_of(lba)
        got = addr if fmt == CDROM_LBA else (addr & 0xFF, addr >> 8 & 0xFF, addr >> 16 & 0xFF)
        check(got == want, f"track {number} address {got}, want {want} (format {fmt})")

# CDROMMULTISESSION: the last session's first track, in LBA and MSF; xa_flag when it is not 0.
last = int(cue_lines("last-session", cue)[0])
for fmt in (CDROM_LBA, CDROM_MSF):
    ms = fcntl.ioctl(fd, CDROMMULTISESSION, struct.pack("iBB2x", 0, 0, fmt))
    addr, xa, got_fmt = struct.unpack("iBB2x", ms)
    want = last if fmt == CDROM_LBA else msf_of(last)
    got = addr if fmt == CDROM_LBA else (addr & 0xFF, addr >> 8 & 0xFF, addr >> 16 & 0xFF)
    check(got == want and xa == (last > 0) and got_fmt == fmt, f"multisession {got} xa {xa}, want {want}")

# CDROM_GET_MCN: the CUE's CATALOG (13 zero bytes when it has none, as sr copies them).
mcn = next(line.split(" ", 1)[1] for line in cue_lines("text", cue) if line.startswith("mcn"))
got = fcntl.ioctl(fd, CDROM_GET_MCN, bytes(14))
check(got == (mcn.encode() if mcn else bytes(13)) + b"\0", f"MCN {got!r}")

# CDROM_DISC_STATUS: audio, or mixed with any data track.
kinds = {k for _, _, k in tracks if k != "leadout"}
want = CDS_MIXED if kinds == {"audio", "data"} else CDS_AUDIO if kinds == {"audio"} else CDS_DATA_1
check(fcntl.ioctl(fd, CDROM_DISC_STATUS, 0) == want, "disc status")

# CDROM_GET_CAPABILITY: from page 2A; every personality reads DVD and has a tray; all but the
# reader-only asus write CD-R/RW (docs/virtual-drive.md), none writes DVD-R or DVD-RAM.
cap = fcntl.ioctl(fd, CDROM_GET_CAPABILITY, 0)
want = sum(CDC.values()) & ~(CDC["SELECT_DISC"] | CDC["DVD_R"] | CDC["DVD_RAM"])
if drive == "asus":
    want &= ~(CDC["CD_R"] | CDC["CD_RW"])
check(cap == want, f"capability {cap:#x}, want {want:#x}")
check(fcntl.ioctl(fd, CDROM_SELECT_SPEED, 8) == 0, "select speed 8x")
check(fcntl.ioctl(fd, CDROM_SELECT_SPEED, 0) == 0, "select speed max")

# CDROMREADAUDIO of the first audio track's first 5 sectors, by LBA and by MSF: the source shifted
# by the read offset (what the drive returns; a ripper corrects it).
n, lba, _ = next(t for t in tracks if t[2] == "audio")
offset = {"plextor": 30}.get(drive, 6) * 4
want_bin = f"/tmp/dw-ioctl-want-{os.getpid()}.bin"  # several runs at once (ctest -j)
cue_lines("audio", cue, str(n), want_bin)
want = open(want_bin, "rb").read()
os.unlink(want_bin)
buf = ctypes.create_string_buffer(5 * 2352)
for fmt, addr in ((CDROM_LBA, lba + 1), (CDROM_MSF, sum(v << (8 * i) for i, v in enumerate(msf_of(lba + 1))))):
    ra = struct.pack("iB3xiP", addr, fmt, 5, ctypes.addressof(buf))
    fcntl.ioctl(fd, CDROMREADAUDIO, ra)
    # The drive returns audio `offset` bytes late: its sector x starts with the source's byte
    # x * 2352 - offset (a ripper told -O reads that much further to make up for it).
    check(buf.raw[offset:] == want[2352 : 6 * 2352 - offset], f"CDROMREADAUDIO (format {fmt})")
try:
    fcntl.ioctl(fd, CDROMREADAUDIO, struct.pack("iB3xiP", lba, CDROM_LBA, 76, ctypes.addressof(buf)))
    check(False, "CDROMREADAUDIO of 76 frames succeeded")
except OSError as e:
    check(e.errno == errno.EINVAL, f"CDROMREADAUDIO of 76 frames: {e}")

# CDROMREADRAW / CDROMREADMODE1 of the data track's sector 16, the ISO's primary volume descriptor
# (MSF in, data out in place): raw is sync, BCD header and user data; MODE1 reads a Mode 1 sector
# and refuses a Mode 2 one (READ CD's expected sector type), as the drive does.
data = [t for t in tracks if t[2] == "data"]
if data:
    n, lba, _ = data[0]
    user_bin = f"/tmp/dw-ioctl-data-{os.getpid()}.bin"
    cue_lines("data", cue, str(n), user_bin)
    user = open(user_bin, "rb").read()[16 * 2048 : 17 * 2048]
    os.unlink(user_bin)
    m, s, f = msf_of(lba + 16)
    raw = bytearray(struct.pack("6B", m, s, f, 0, 0, 0) + bytes(2352 - 6))
    fcntl.ioctl(fd, CDROMREADRAW, raw, True)
    bcd = bytes(((x // 10) << 4 | x % 10) for x in (m, s, f))
    check(raw[:12] == b"\0" + b"\xff" * 10 + b"\0" and raw[12:15] == bcd, "CDROMREADRAW sync and header")
    check(raw[16 + (8 if raw[15] == 2 else 0) :][:2048] == user, "CDROMREADRAW user data")
    try:
        mode1 = bytearray(struct.pack("6B", m, s, f, 0, 0, 0) + bytes(2048 - 6))
        fcntl.ioctl(fd, CDROMREADMODE1, mode1, True)
        check(raw[15] == 1 and mode1 == user, "CDROMREADMODE1 of the volume descriptor")
    except OSError as e:
        check(raw[15] == 2 and e.errno == errno.EIO, f"CDROMREADMODE1 of a mode {raw[15]} sector: {e}")

# CDROMSUBCHNL after a read: the position of the last sector read (format 1 of READ SUB-CHANNEL).
q = fcntl.ioctl(fd, CDROMSUBCHNL, struct.pack("BBBBBx2xi i", CDROM_LBA, 0, 0, 0, 0, 0, 0))
fmt, audio_status, adr_ctrl, trk, ind, absaddr, reladdr = struct.unpack("BBBBBx2xi i", q)
check(fmt == CDROM_LBA and 1 <= trk <= 99, f"subchannel format {fmt} track {trk}")

# Drive status, tray and lock: lock, eject refused (EBUSY: the door is kept locked), unlock,
# eject -> tray open, close -> disc OK, and the closing is a media change.
check(fcntl.ioctl(fd, CDROM_DRIVE_STATUS, 0) == CDS_DISC_OK, "drive status with the disc in")
fcntl.ioctl(fd, CDROM_MEDIA_CHANGED, 0)  # the insertion before the program started, if not seen yet
check(fcntl.ioctl(fd, CDROM_MEDIA_CHANGED, 0) == 0, "no media change")
check(fcntl.ioctl(fd, CDROM_LOCKDOOR, 1) == 0, "lock")
try:
    fcntl.ioctl(fd, CDROMEJECT, 0)
    check(False, "eject of a locked door succeeded")
except OSError as e:
    check(e.errno == errno.EBUSY, f"eject of a locked door: {e}")
check(fcntl.ioctl(fd, CDROM_LOCKDOOR, 0) == 0, "unlock")
check(fcntl.ioctl(fd, CDROMEJECT, 0) == 0, "eject")
check(fcntl.ioctl(fd, CDROM_DRIVE_STATUS, 0) == CDS_TRAY_OPEN, "drive status with the tray open")
check(fcntl.ioctl(fd, CDROMCLOSETRAY, 0) == 0, "close tray")
check(fcntl.ioctl(fd, CDROM_DRIVE_STATUS, 0) == CDS_DISC_OK, "drive status after closing")
check(fcntl.ioctl(fd, CDROM_MEDIA_CHANGED, 0) == 1, "media changed after closing the tray")
check(fcntl.ioctl(fd, CDROM_MEDIA_CHANGED, 0) == 0, "media change reported once")
check(fcntl.ioctl(fd, CDROMSTOP, 0) == 0 and fcntl.ioctl(fd, CDROMSTART, 0) == 0, "stop and start")

# CDROMVOLREAD / CDROMVOLCTRL through the CD audio control page: ports 0 and 1 at full volume,
# 2 and 3 muted (MMC's defaults), then set and read back.
check(fcntl.ioctl(fd, CDROMVOLREAD, bytes(4)) == bytes([255, 255, 0, 0]), "volume")
fcntl.ioctl(fd, CDROMVOLCTRL, bytes([128, 64, 0, 0]))
check(fcntl.ioctl(fd, CDROMVOLREAD, bytes(4)) == bytes([128, 64, 0, 0]), "volume after CDROMVOLCTRL")

# On the generic device the SCSI layer answers only eject and close (START STOP UNIT).
sg = os.open("/dev/sg0", os.O_RDWR | os.O_NONBLOCK)
check(fcntl.ioctl(sg, CDROMEJECT, 0) == 0, "eject on /dev/sg0")
check(fcntl.ioctl(fd, CDROM_DRIVE_STATUS, 0) == CDS_TRAY_OPEN, "tray open after the eject on /dev/sg0")
check(fcntl.ioctl(sg, CDROMCLOSETRAY, 0) == 0, "close tray on /dev/sg0")
try:
    fcntl.ioctl(sg, CDROMREADTOCHDR, bytes(2))
    check(False, "CDROMREADTOCHDR on /dev/sg0 succeeded")
except OSError as e:
    check(e.errno == errno.ENOTTY, f"CDROMREADTOCHDR on /dev/sg0: {e}")

# Unknown ioctls are ENOTTY.
try:
    fcntl.ioctl(fd, 0x53FF, 0)
    check(False, "unknown ioctl succeeded")
except OSError as e:
    check(e.errno == errno.ENOTTY, f"unknown ioctl: {e}")
sys.exit(1 if fails else 0)

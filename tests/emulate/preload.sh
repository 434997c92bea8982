#!/usr/bin/env bash
# The preload library's answers that programs rely on without showing them: SG_IO of a command
# without data whatever its direction field says (cdrdao leaves it zero), and with data an unknown
# direction refused as the block layer does; BLKRRPART answered EINVAL (eject); mlockall() of all
# future memory leaving large mappings possible (wodim maps a 12 MB FIFO after it).
#   preload.sh BUILD_DIR
set -euo pipefail
build=$(cd "${1:?usage: preload.sh BUILD_DIR}" && pwd)
. "$(dirname "$0")/lib.sh"
need python3
emulate_disc audio
emu "virtual:$cue?timing=instant" -- python3 - <<'PY' || { echo "FAIL: preload answers"; exit 1; }
import ctypes, errno, fcntl, mmap, os, sys

class SgIoHdr(ctypes.Structure):  # struct sg_io_hdr, <scsi/sg.h>
    _fields_ = [("interface_id", ctypes.c_int), ("dxfer_direction", ctypes.c_int),
                ("cmd_len", ctypes.c_ubyte), ("mx_sb_len", ctypes.c_ubyte), ("iovec_count", ctypes.c_ushort),
                ("dxfer_len", ctypes.c_uint), ("dxferp", ctypes.c_void_p), ("cmdp", ctypes.c_void_p),
                ("sbp", ctypes.c_void_p), ("timeout", ctypes.c_uint), ("flags", ctypes.c_uint),
                ("pack_id", ctypes.c_int), ("usr_ptr", ctypes.c_void_p), ("status", ctypes.c_ubyte),
                ("masked_status", ctypes.c_ubyte), ("msg_status", ctypes.c_ubyte), ("sb_len_wr", ctypes.c_ubyte),
                ("host_status", ctypes.c_ushort), ("driver_status", ctypes.c_ushort), ("resid", ctypes.c_int),
                ("duration", ctypes.c_uint), ("info", ctypes.c_uint)]

SG_IO, BLKRRPART = 0x2285, 0x125F
libc = ctypes.CDLL(None, use_errno=True)

def check(cond, what):
    if not cond:
        print("FAIL:", what)
        sys.exit(1)

def sg_io(fd, cdb, direction, length):
    cmd = (ctypes.c_ubyte * len(cdb))(*cdb)
    buf = (ctypes.c_ubyte * max(length, 1))()
    sense = (ctypes.c_ubyte * 32)()
    h = SgIoHdr(interface_id=ord("S"), dxfer_direction=direction, cmd_len=len(cdb), mx_sb_len=32,
                dxfer_len=length, dxferp=ctypes.addressof(buf), cmdp=ctypes.addressof(cmd),
                sbp=ctypes.addressof(sense), timeout=30000)
    rc = libc.ioctl(fd, SG_IO, ctypes.byref(h))
    return rc, ctypes.get_errno(), h

fd = os.open("/dev/sr0", os.O_RDONLY | os.O_NONBLOCK)
# TEST UNIT READY with a zeroed direction (0 is no SG_DXFER_* value): done, as the drivers do it.
for _ in range(2):  # a unit attention may come first
    rc, err, h = sg_io(fd, [0, 0, 0, 0, 0, 0], 0, 0)
    check(rc == 0, "SG_IO of TUR with direction 0: rc %d errno %d" % (rc, err))
check(h.status == 0, "TUR with direction 0: status %d" % h.status)
# INQUIRY with 36 bytes to move and no direction: the block layer refuses it.
rc, err, h = sg_io(fd, [0x12, 0, 0, 0, 36, 0], 0, 36)
check(rc == -1 and err == errno.EINVAL, "SG_IO with data and direction 0: rc %d errno %d" % (rc, err))
try:
    fcntl.ioctl(fd, BLKRRPART)
    check(False, "BLKRRPART succeeded")
except OSError as e:
    check(e.errno == errno.EINVAL, "BLKRRPART: EINVAL, got %s" % e)
os.close(fd)
MCL_CURRENT, MCL_FUTURE = 1, 2
check(libc.mlockall(MCL_CURRENT | MCL_FUTURE) == 0, "mlockall")
m = mmap.mmap(-1, 64 << 20)
m.close()
PY
echo "PASS: preload SG_IO directions, BLKRRPART, mlockall"

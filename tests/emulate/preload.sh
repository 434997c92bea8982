#!/usr/bin/env bash
# The preload library's answers that programs rely on without showing them: SG_IO of a command
# without data whatever its direction field says (cdrdao leaves it zero), and with data an unknown
# direction refused as the block layer does; BLKRRPART answered EINVAL (eject); mlockall() of all
# future memory leaving large mappings possible (wodim maps a 12 MB FIFO after it). And the identity
# ioctls, on the drive given as /dev/sr1 (SCSI host 1): SG_GET_VERSION_NUM (30536, sg 3.5.36),
# SG_EMULATED_HOST 0, SCSI_IOCTL_GET_IDLUN (host in the top byte of dev_id), GET_BUS_NUMBER,
# SG_GET_SCSI_ID (host 1, type 5 = CD/DVD), HDIO_GET_IDENTITY (the model in ATA byte order),
# BLKGETSIZE64 (the lead-out LBA x 2048, from the source CUE) and BLKSSZGET 2048.
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
leadout=$(cue_tool toc "$cue" | awk '$3 == "leadout" {print $2}')
emu "virtual:$cue?timing=instant" --as /dev/sr1 -- python3 - "$leadout" <<'PY' || { echo "FAIL: identity ioctls"; exit 1; }
import array, fcntl, os, struct, sys

def check(cond, what):
    if not cond:
        print("FAIL:", what)
        sys.exit(1)

def ioctl_int(fd, request):
    buf = array.array("i", [-1])
    fcntl.ioctl(fd, request, buf, True)
    return buf[0]

check(os.path.exists("/dev/sg1") and os.path.realpath("/dev/scd1") == "/dev/sr1", "/dev/sg1 and /dev/scd1")
fd = os.open("/dev/sr1", os.O_RDONLY | os.O_NONBLOCK)
check(ioctl_int(fd, 0x2282) == 30536, "SG_GET_VERSION_NUM")
check(ioctl_int(fd, 0x2203) == 0, "SG_EMULATED_HOST")
check(ioctl_int(fd, 0x5386) == 1, "SCSI_IOCTL_GET_BUS_NUMBER")
idlun = array.array("i", [-1, -1])
fcntl.ioctl(fd, 0x5382, idlun, True)
check(idlun[0] == 1 << 24, "SCSI_IOCTL_GET_IDLUN dev_id %#x" % idlun[0])
sid = bytearray(32)  # struct sg_scsi_id: host_no, channel, scsi_id, lun, scsi_type, 2 shorts, 2 ints
fcntl.ioctl(fd, 0x2276, sid, True)
host, channel, target, lun, kind = struct.unpack_from("5i", sid)
check((host, channel, target, lun, kind) == (1, 0, 0, 0, 5), "SG_GET_SCSI_ID %r" % ((host, channel, target, lun, kind),))
ident = bytearray(512)
fcntl.ioctl(fd, 0x030D, ident, True)
model = bytes(ident[54:94])  # words 27-46, two characters per word, the first in the high byte
model = bytes(b for i in range(0, 40, 2) for b in (model[i + 1], model[i])).decode()
check(model.startswith("DISCWRT") and "VIRTUAL CD-RW" in model, "HDIO_GET_IDENTITY model %r" % model)
size = array.array("Q", [0])
fcntl.ioctl(fd, 0x80081272, size, True)
check(size[0] == int(sys.argv[1]) * 2048, "BLKGETSIZE64 %d" % size[0])
check(ioctl_int(fd, 0x1268) == 2048, "BLKSSZGET")
os.close(fd)
PY
echo "PASS: preload SG_IO directions, BLKRRPART, mlockall, identity ioctls"

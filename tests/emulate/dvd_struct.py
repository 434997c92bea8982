#!/usr/bin/env python3
"""DVD_READ_STRUCT on /dev/sr0 holding a single-layer DVD-ROM image of SECTORS 2048-byte blocks:
run as dvd_struct.py SECTORS. The physical format fields the kernel unpacks (dvd_read_physical)
are those of ECMA-267 for an embossed single-layer 120 mm DVD-ROM whose data starts at the
standard PSN 0x30000; copyright (no protection, all regions); BCA and manufacturing information,
which a pressed DVD without them lacks, fail with EIO (the drive answers 05/24/00)."""
import errno
import fcntl
import os
import struct
import sys

DVD_READ_STRUCT = 0x5390
PHYSICAL, COPYRIGHT, BCA, MANUFACT = 0, 1, 3, 4
sectors = int(sys.argv[1])
fd = os.open("/dev/sr0", os.O_RDONLY | os.O_NONBLOCK)
fails = []


def check(cond, what):
    if not cond:
        fails.append(what)
        print("FAIL:", what)


size = 4 + 2048 + 4  # the largest member of dvd_struct: dvd_manufact (type, layer, int len, value[2048])
# dvd_physical: type, layer_num, 4 x dvd_layer -> layer 0 at offset 4. dvd_layer: bit fields in 5
# bytes (track_density does not fit in byte 2 after layer_type, track_path and nlayers; bca is byte
# 4), padding to 8, then start, end and end-of-layer-0 sectors as u32.
req = bytearray(size)
req[0], req[1] = PHYSICAL, 0
fcntl.ioctl(fd, DVD_READ_STRUCT, req, True)
b0, b1, b2, b3, bca, start, end, end_l0 = struct.unpack_from("<5B3x3I", req, 4)
book_version, book_type = b0 & 0xF, b0 >> 4
min_rate, disc_size = b1 & 0xF, b1 >> 4
layer_type, track_path, nlayers = b2 & 0xF, b2 >> 4 & 1, b2 >> 5 & 3
track_density, linear_density = b3 & 0xF, b3 >> 4
check(book_type == 0 and disc_size == 0 and nlayers == 0 and track_path == 0, f"physical: book {book_type}, size {disc_size}, layers {nlayers}")
check(layer_type == 1 and bca == 0, f"physical: layer type {layer_type} (1: embossed), BCA {bca}")
check((start, end) == (0x30000, 0x30000 + sectors - 1), f"physical: sectors {start:#x}-{end:#x}")
try:
    req[1] = 4
    fcntl.ioctl(fd, DVD_READ_STRUCT, req, True)
    check(False, "physical layer 4 succeeded")
except OSError as e:
    check(e.errno == errno.EINVAL, f"physical layer 4: {e}")

req = bytearray(size)
req[0], req[1], req[2], req[3] = COPYRIGHT, 0, 0xFF, 0xFF
fcntl.ioctl(fd, DVD_READ_STRUCT, req, True)
check((req[2], req[3]) == (0, 0), f"copyright: cpst {req[2]}, rmi {req[3]}")
for kind in (BCA, MANUFACT):
    req = bytearray(size)
    req[0] = kind
    try:
        fcntl.ioctl(fd, DVD_READ_STRUCT, req, True)
        check(False, f"structure {kind} succeeded")
    except OSError as e:
        check(e.errno == errno.EIO, f"structure {kind}: {e}")
cap = fcntl.ioctl(fd, 0x5331, 0)  # CDROM_GET_CAPABILITY
check(cap & 0x8000, "capability without CDC_DVD")
sys.exit(1 if fails else 0)

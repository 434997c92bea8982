#!/usr/bin/env bash
# The legacy CD-ROM ioctls the preload library translates into MMC commands, as the kernel's
# cdrom/sr layers do: every one called directly (cdrom_ioctls.py, against the source CUE and
# BINs), then util-linux eject's use of them (CDROMEJECT, CDROMCLOSETRAY, CDROM_SELECT_SPEED,
# CDROM_LOCKDOOR, CDROM_DRIVE_STATUS) with the tray state checked between the steps.
# KIND dvd: DVD_READ_STRUCT on a single-layer DVD-ROM image (the demo ISO, made sparse past a
# CD's capacity), checked by dvd_struct.py.
#   cdrom_ioctls.sh BUILD_DIR PERSONALITY KIND
set -euo pipefail
build=$(cd "${1:?usage: cdrom_ioctls.sh BUILD_DIR PERSONALITY KIND}" && pwd)
drive=${2:?usage: cdrom_ioctls.sh BUILD_DIR PERSONALITY KIND}
kind=${3:?usage: cdrom_ioctls.sh BUILD_DIR PERSONALITY KIND}
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
need python3
if [ "$kind" = dvd ]; then
  emulate_disc mixed
  sectors=460000  # more than a CD holds (449,850)
  cp "$work/src/data.iso" "$work/dvd.iso"
  truncate -s $((sectors * 2048)) "$work/dvd.iso"
  emu "virtual:$work/dvd.iso?drive=$drive&timing=instant" -- python3 "$here/dvd_struct.py" "$sectors" ||
    { echo "FAIL: DVD_READ_STRUCT ($drive)"; exit 1; }
  echo "PASS: DVD_READ_STRUCT ($drive)"
  exit 0
fi
emulate_disc "$kind"
spec="virtual:$cue?drive=$drive&timing=instant"
emu "$spec" -- python3 "$here/cdrom_ioctls.py" "$here/cue.py" "$cue" "$drive" || { echo "FAIL: CD-ROM ioctls ($drive, $kind)"; exit 1; }

if command -v eject >/dev/null; then
  # CDROM_DRIVE_STATUS: 2 tray open, 4 disc OK.
  status='import fcntl, os, sys; fd = os.open("/dev/sr0", os.O_RDONLY | os.O_NONBLOCK); sys.exit(fcntl.ioctl(fd, 0x5326, 0) != int(sys.argv[1]))'
  emu "$spec" -- sh -ec "
    eject /dev/sr0; python3 -c '$status' 2
    eject -t /dev/sr0; python3 -c '$status' 4
    eject -x 8 /dev/sr0
    eject -i on /dev/sr0 >/dev/null; eject -i off /dev/sr0 >/dev/null
    eject -T /dev/sr0; python3 -c '$status' 2" ||
    { echo "FAIL: eject, eject -t, -x 8, -i on/off, -T ($drive, $kind)"; exit 1; }
fi
echo "PASS: CD-ROM ioctls and eject ($drive, $kind)"

#!/usr/bin/env bash
# The drive as other programs see it: sg_inq reads the personality's INQUIRY strings through
# SG_IO; the device files are block 11:N / char 21:N; /sys and /proc describe a SCSI CD drive;
# a second O_EXCL open is refused with EBUSY while a dup'd and a forked descriptor keep working.
#   identity.sh BUILD_DIR PERSONALITY
set -euo pipefail
build=$(cd "${1:?usage: identity.sh BUILD_DIR PERSONALITY}" && pwd)
drive=${2:?usage: identity.sh BUILD_DIR PERSONALITY}
. "$(dirname "$0")/lib.sh"
need sg_inq python3
emulate_disc audio
drive_identity "$drive"
spec="virtual:$cue?drive=$drive&timing=instant"
out=$(emu "$spec" -- sg_inq /dev/sr0)
grep -q "Vendor identification: $vendor" <<<"$out" || { echo "FAIL: sg_inq vendor"; echo "$out"; exit 1; }
grep -q "Product identification: $product" <<<"$out" || { echo "FAIL: sg_inq product"; echo "$out"; exit 1; }
grep -q "Peripheral device type: cd/dvd" <<<"$out" || { echo "FAIL: sg_inq device type"; echo "$out"; exit 1; }
# The same through the generic device and an alias.
emu "$spec" -- sg_inq /dev/sg0 | grep "Vendor identification: $vendor" >/dev/null || { echo "FAIL: sg_inq /dev/sg0"; exit 1; }
emu "$spec" -- sg_inq /dev/cdrom | grep "Vendor identification: $vendor" >/dev/null || { echo "FAIL: sg_inq /dev/cdrom"; exit 1; }
emu "$spec" -- python3 - <<'PY' || { echo "FAIL: device files, /sys or /proc"; exit 1; }
import errno, fcntl, os, stat, sys
def check(cond, what):
    if not cond:
        print("FAIL:", what); sys.exit(1)
st = os.stat("/dev/sr0")
check(stat.S_ISBLK(st.st_mode) and os.major(st.st_rdev) == 11 and os.minor(st.st_rdev) == 0, "/dev/sr0 is block 11:0")
st = os.stat("/dev/sg0")
check(stat.S_ISCHR(st.st_mode) and os.major(st.st_rdev) == 21 and os.minor(st.st_rdev) == 0, "/dev/sg0 is char 21:0")
check(os.path.realpath("/dev/cdrom") == "/dev/sr0" and os.readlink("/dev/scd0") == "sr0", "aliases")
check(open("/sys/block/sr0/device/type").read().strip() == "5", "/sys/block/sr0/device/type is 5")
check(open("/sys/class/block/sr0/dev").read().strip() == "11:0", "/sys/class/block/sr0/dev")
check(os.path.basename(os.path.realpath("/sys/class/scsi_generic/sg0/device")) == "0:0:0:0", "sg0 -> 0:0:0:0")
check(os.path.isdir("/sys/bus/scsi/devices/0:0:0:0"), "/sys/bus/scsi/devices/0:0:0:0")
check(" 11 sr" in open("/proc/devices").read() and " 21 sg" in open("/proc/devices").read(), "/proc/devices")
info = open("/proc/sys/dev/cdrom/info").read()
check("drive name:\t\tsr0" in info, "/proc/sys/dev/cdrom/info")
# A pressed CD is loaded: page 2A reports no DVD-R writing, and so does the kernel's table.
check("Can write DVD-R:\t0\n" in info, "/proc/sys/dev/cdrom/info: Can write DVD-R 0 with a CD loaded")
# O_EXCL: the first exclusive open holds the drive, a second gets EBUSY; a dup'd descriptor
# and a forked child still read it; once every descriptor of the first open is closed, the drive
# can be opened exclusively again.
a = os.open("/dev/sr0", os.O_RDONLY | os.O_NONBLOCK | os.O_EXCL)
try:
    os.open("/dev/sr0", os.O_RDONLY | os.O_NONBLOCK | os.O_EXCL)
    check(False, "second O_EXCL open succeeded")
except OSError as e:
    check(e.errno == errno.EBUSY, "second O_EXCL open: EBUSY, got %s" % e)
b = os.dup(a)
# An audio disc's blocks are not data: read() of them fails with EIO, as on a real drive.
try:
    os.pread(b, 2048, 0)
    check(False, "read() of an audio CD's block 0 succeeded")
except OSError as e:
    check(e.errno == errno.EIO, "read() of audio: EIO, got %s" % e)
pid = os.fork()
if pid == 0:
    os._exit(0 if os.fstat(b).st_rdev == os.makedev(11, 0) else 1)
check(os.waitpid(pid, 0)[1] == 0, "fstat in a forked child")
os.close(a); os.close(b)
c = os.open("/dev/sr0", os.O_RDONLY | os.O_NONBLOCK | os.O_EXCL)
os.close(c)
PY
# A normal user: as root, run the same as nobody (the disc copied where nobody can read it).
# (Only where nobody can run the build's binaries: a build under a private folder cannot be.)
as_nobody() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null && as_nobody test -x "$dw" -a -r "$build/lib/libdiscwright-preload.so"; then
  pub=$(mktemp -d)
  cp -r "$work/src/." "$pub/"
  chmod 755 "$pub"
  chmod -R a+rX "$pub"
  out=$(as_nobody "$dw" emulate "virtual:$pub/$(basename "$cue")?drive=$drive" \
    -- sh -c 'id -u; stat -c "%u %t:%T %F" /dev/sr0; sg_inq /dev/sr0') || { echo "FAIL: emulate as nobody: $out"; rm -rf "$pub"; exit 1; }
  rm -rf "$pub"
  grep -qx 65534 <<<"$out" || { echo "FAIL: the program did not run as nobody"; echo "$out"; exit 1; }
  grep -qx "65534 b:0 block special file" <<<"$out" || { echo "FAIL: /dev/sr0 as nobody"; echo "$out"; exit 1; }
  grep -q "Vendor identification: $vendor" <<<"$out" || { echo "FAIL: sg_inq as nobody"; echo "$out"; exit 1; }
fi
# The host's /dev is untouched.
[ ! -e /dev/sr0 ] || [ -b /dev/sr0 ] || { echo "FAIL: a /dev/sr0 appeared on the host"; exit 1; }
echo "PASS: identity and device files ($drive)"

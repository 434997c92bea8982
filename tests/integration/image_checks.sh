#!/usr/bin/env bash
# What `info`, `verify` and `convert` say about damaged or odd image files, message by message:
# files cut short (a partial sector at the end) are a verify problem (exit 1) and a conversion
# loss (refused without --allow-lossy, exit 3); UTF-8 CD-Text in a sheet reaches the CD-Text packs as
# ISO 8859-1; a track file opened alone points at its sheet; CUE FILE problems are named at their line; FIFOs and devices are refused;
# control characters from files are printed escaped; bytes that are not UTF-8 (overlongs and
# surrogates too) are read as ISO 8859-1 by the listing and the JSON alike.
#   image_checks.sh BUILD_DIR
set -euo pipefail
build=$(cd "${1:?usage: image_checks.sh BUILD_DIR}" && pwd)
. "$(dirname "$0")/demo_disc.sh"
demo_disc mixed
src=$work/src

# A redump-style set with track 2 cut to 500000 bytes: 212 sectors of 2352 and 1376 bytes left over
# (212 * 2352 = 498624).
cp -r "$src" "$work/tr"
truncate -s 500000 "$work/tr/Demo (Track 2).bin"
t2="$work/tr/Demo (Track 2).bin"
expect_exit 1 "  $t2 is 500000 bytes: it ends with 1376 bytes that do not fill a 2352-byte sector; they are not part of the disc (is the file cut short?)" \
  "$dw" verify "$work/tr/Demo.cue"
grep -qx "verify: 1 problem(s)" "$work/out" || fail "verify does not count the cut-short file as one problem"
expect_exit 1 '"left_over": 1376' "$dw" verify --json "$work/tr/Demo.cue"
grep -qF '"verdict": "problems"' "$work/out" || fail "verify --json of a cut-short file is not verdict problems"
expect_exit 3 "  - the last 1376 bytes of $t2 (500000 bytes), which do not fill a 2352-byte sector" \
  "$dw" convert "$work/tr/Demo.cue" "$work/out1/x.ccd"
[ ! -e "$work/out1/x.ccd" ] || fail "a refused conversion wrote files"
# With --json the refusal is JSON on stdout: the error, each loss, the exit code.
expect_exit 3 "would lose" "$dw" convert --json "$work/tr/Demo.cue" "$work/out1/x.ccd"
python3 - "$work/out" "$t2" <<'PY' || fail "convert --json's refusal is not the JSON expected"
import json, sys
r = json.load(open(sys.argv[1]))
lost = [f"the last 1376 bytes of {sys.argv[2]} (500000 bytes), which do not fill a 2352-byte sector"]
assert r["lost"] == lost and r["exit_code"] == 3, r
assert r["error"].endswith("would lose: " + lost[0]), r["error"]
PY
expect_exit 0 "\"the last 1376 bytes of $t2 (500000 bytes), which do not fill a 2352-byte sector\"" \
  "$dw" convert --json --allow-lossy "$work/tr/Demo.cue" "$work/out1/x.ccd"
# info keeps its note and exit 0.
expect_exit 0 "FILE \"Demo (Track 2).bin\" ends with 1376 bytes that do not fill a 2352-byte sector" "$dw" info "$work/tr/Demo.cue"

# One file cut by 1000 bytes: 2352 - 1000 = 1352 left over of its last sector.
"$dw" convert --to cue-single "$src/Demo.cue" "$work/one/One.cue" >/dev/null
size=$(stat -c %s "$work/one/One.bin")
truncate -s -1000 "$work/one/One.bin"
expect_exit 1 "$work/one/One.bin is $((size - 1000)) bytes: it ends with 1352 bytes that do not fill a 2352-byte sector" \
  "$dw" verify "$work/one/One.cue"

# A MODE1/2048 track of 483000 bytes: 235 sectors (481280 bytes) and 1720 left over.
mkdir "$work/cooked"
head -c 483000 "$src/data.iso" >"$work/cooked/data.iso"
printf 'FILE "data.iso" BINARY\n  TRACK 01 MODE1/2048\n    INDEX 01 00:00:00\n' >"$work/cooked/data.cue"
expect_exit 1 "$work/cooked/data.iso is 483000 bytes: it ends with 1720 bytes that do not fill a 2048-byte sector" \
  "$dw" verify "$work/cooked/data.cue"
expect_exit 3 "the last 1720 bytes of $work/cooked/data.iso (483000 bytes), which do not fill a 2048-byte sector" \
  "$dw" convert "$work/cooked/data.cue" "$work/cooked/out.iso"

# The intact disc stays clean.
expect_exit 0 "verify: clean" "$dw" verify "$src/Demo.cue"

# UTF-8 CD-Text in a sheet: converted to ISO 8859-1 (é = e9), a character outside it replaced by '?'
# with a warning naming the file, line and character (☃ = U+2603).
mkdir "$work/utf8"
cp "$src/Demo (Track 3).bin" "$work/utf8/t.bin"
printf 'TITLE "Caf\xc3\xa9"\nPERFORMER "Snow \xe2\x98\x83"\nFILE "t.bin" BINARY\n TRACK 01 AUDIO\n  INDEX 01 00:00:00\n' >"$work/utf8/u.cue"
expect_exit 0 "[warning] $work/utf8/u.cue:2: PERFORMER is UTF-8 text: stored as ISO 8859-1, CD-Text's character set, which lacks U+2603 (☃): each written as '?'" \
  "$dw" info "$work/utf8/u.cue"
grep -q "^  disc     title      Café$" "$work/out" || fail "info does not show the converted title as Café"
"$dw" convert "$work/utf8/u.cue" "$work/utf8/ccd/u.ccd" >/dev/null 2>&1 || fail "convert of the UTF-8 sheet to ccd failed"
# Title pack: 80 00 00 00, "Café" = 43 61 66 e9, its 00, then 7 bytes of the (empty) track title and padding.
grep -qx "Entry 0=80 00 00 00 43 61 66 e9 00 00 00 00 00 00 00 00" "$work/utf8/ccd/u.ccd" ||
  fail "the CCD's [CDText] does not hold Café in ISO 8859-1: $(grep 'Entry 0=' "$work/utf8/ccd/u.ccd")"

# A track file read alone: audio (600 * 2352 = 1411200 bytes, no sync) is named as raw audio and
# the sheet listing it is given; track 1 (raw Mode 1) is a raw sector image, not an "iso image".
expect_exit 3 "$src/Demo (Track 2).bin: holds 600 whole 2352-byte sectors without a CD sync pattern: raw CD audio (or data stored without sector headers), not an ISO; it needs the sheet (.cue or .toc) that describes its tracks. Demo.cue lists this file: open that sheet instead ($src/Demo.cue)" \
  "$dw" info "$src/Demo (Track 2).bin"
expect_exit 0 "$src/Demo (Track 1).bin: raw 2352-byte sector image (one mode1 track, no sheet), 1 session(s), 1 track(s)" \
  "$dw" info "$src/Demo (Track 1).bin"
grep -qF "  - Demo.cue lists this file: it is one track of that disc; open the sheet for the whole disc ($src/Demo.cue)" "$work/out" ||
  fail "info of track 1 does not name the sheet"
expect_exit 0 "$src/data.iso: iso image, 1 session(s)" "$dw" info "$src/data.iso"

# CUE FILE problems, each at its line: empty, shorter than a sector, a folder, a FILE with no
# TRACK after it (a warning, the disc still reads), FLAC given as WAVE.
mkdir "$work/files"
cd "$work/files"
track=$'\n TRACK 01 AUDIO\n  INDEX 01 00:00:00\n'
: >x.bin
printf 'FILE "x.bin" BINARY%s' "$track" >tiny.cue
expect_exit 3 'discwright: tiny.cue:1: FILE "x.bin" is empty' "$dw" info tiny.cue
head -c 1000 "$src/data.iso" >y.bin
printf 'FILE "y.bin" BINARY%s' "$track" >short.cue
expect_exit 3 'discwright: short.cue:1: FILE "y.bin" holds 1000 bytes, less than one 2352-byte sector' "$dw" info short.cue
mkdir dirbin.bin
printf 'FILE "dirbin.bin" BINARY%s' "$track" >dir.cue
expect_exit 3 'discwright: dir.cue:1: file "dirbin.bin" is a folder, not a file (dirbin.bin)' "$dw" info dir.cue
cp "$src/Demo (Track 3).bin" t.bin
printf 'FILE "t.bin" BINARY%sFILE "gone.bin" BINARY\n' "$track" >trail.cue
expect_exit 0 '[warning] trail.cue:4: FILE "gone.bin" has no INDEX after it: it is not part of the disc and is not read' \
  "$dw" info trail.cue
if command -v flac >/dev/null; then
  # A real FLAC file made by the flac tool from WAVE samples.
  "$dw" convert --allow-lossy --to wav "$src/Demo.cue" wav >/dev/null 2>&1 || fail "convert to wav failed"
  flac -s -o t.flac "wav/Demo (Track 3).wav"
  printf 'FILE "t.flac" WAVE%s' "$track" >flac.cue
  expect_exit 3 'discwright: flac.cue:1: FILE "t.flac" is a FLAC file: FLAC in cue sheets is not supported, decode it to WAVE (flac -d)' \
    "$dw" info flac.cue
fi
cd - >/dev/null

# Not regular files: a FIFO is refused at once (no hang), and so is a device.
mkfifo "$work/ff.cue"
expect_exit 3 "$work/ff.cue: is a named pipe (FIFO), not a regular file: give an image file" timeout 10 "$dw" identify "$work/ff.cue"
expect_exit 3 "$work/ff.cue: is a named pipe (FIFO), not a regular file: give an image file" timeout 10 "$dw" info "$work/ff.cue"
expect_exit 3 "/dev/zero: is a character device, not a regular file: give an image file" "$dw" identify /dev/zero

# Control characters from a file are shown escaped, never sent to the terminal: in a parser's
# error message, and in info's CD-Text listing (JSON escapes them its own way).
printf '\x1b[2J\x1b]0;pwned\x07\n' >"$work/esc.cue"
expect_exit 3 "discwright: $work/esc.cue:1: unknown command '\\x1b[2J\\x1b]0;pwned\\x07'" "$dw" info "$work/esc.cue"
if grep -q $'\x1b' "$work/err"; then fail "an escape character reached the terminal"; fi
cp "$src/Demo (Track 3).bin" "$work/utf8/e.bin"
printf 'TITLE "a\x1b[31mred"\nFILE "e.bin" BINARY\n TRACK 01 AUDIO\n  INDEX 01 00:00:00\n' >"$work/utf8/e.cue"
expect_exit 0 '  disc     title      a\x1b[31mred' "$dw" info "$work/utf8/e.cue"
if grep -q $'\x1b' "$work/out"; then fail "info printed an escape character from the CD-Text"; fi
expect_exit 0 '"title": "a\u001b[31mred"' "$dw" info --json "$work/utf8/e.cue"
# An overlong NUL (e0 80 80) and a surrogate half (ed a0 80) are not UTF-8 (RFC 3629), so the
# sheet's bytes are kept as ISO 8859-1 and read so everywhere: e0 is à (c3 a0), ed í (c3 ad), a0
# a no-break space (c2 a0), 80 the C1 control U+0080 (c2 80), which the listing escapes.
printf 'TITLE "a\xe0\x80\x80z"\nPERFORMER "b\xed\xa0\x80y"\nFILE "e.bin" BINARY\n TRACK 01 AUDIO\n  INDEX 01 00:00:00\n' >"$work/utf8/o.cue"
expect_exit 0 $'  disc     title      a\xc3\xa0\\xc2\\x80\\xc2\\x80z' "$dw" info "$work/utf8/o.cue"
grep -qF $'  disc     performer  b\xc3\xad\xc2\xa0\\xc2\\x80y' "$work/out" || fail "info does not show the surrogate bytes as Latin-1"
expect_exit 0 $'"title": "a\xc3\xa0\xc2\x80\xc2\x80z"' "$dw" info --json "$work/utf8/o.cue"
grep -qF $'"performer": "b\xc3\xad\xc2\xa0\xc2\x80y"' "$work/out" || fail "info --json does not read the surrogate bytes as Latin-1"

echo "ok: cut-short files in verify, convert and info; UTF-8 CD-Text; track files read alone; CUE FILE problems; non-regular files; control characters"

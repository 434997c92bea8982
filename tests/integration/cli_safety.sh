#!/usr/bin/env bash
# The command line keeps a user's files safe and says what went wrong, in words and in JSON:
#  - verify --dat never writes over the image, nor over an existing file without --force;
#  - burn --log refuses the image itself or a name like an image file; a log that cannot be
#    written beside the image goes to the current folder, with a warning;
#  - a virtual recorder's save= never replaces an existing file unless the spec says
#    overwrite=yes (refused before anything is burned, exit 2); an image whose name holds '?' can
#    be loaded with options after it;
#  - convert into a folder that does not exist yet (OUT ends with /) creates it and names the
#    files after the input; OUT without an extension gets the format's; --track with anything but
#    ISO output, or a track the disc lacks, is a usage error (2);
#  - rip --format iso of a Mode 2 XA disc writes the ISO and says the Form 2 sectors are not in it
#    (log, JSON "lost"); of a mixed-mode disc it writes no ISO, says why (JSON "skipped"), exit 1;
#  - a rip of a blank disc, or with a wrong device option, leaves nothing behind; --resume of a
#    finished rip writes its images again;
#  - load and eject send their command again after a unit attention;
#  - an unknown command is named, with the nearest one; `help CMD` is `CMD --help`; -v works after
#    the command too;
#  - rip --json names the drive; verify --json has rip's verdict words;
#  - with --json an error is JSON on stdout ({"error", "exit_code"}) and every stderr line of a
#    rip is JSON (progress and log lines alike).
#   cli_safety.sh BUILD_DIR
set -euo pipefail
build=$(cd "${1:?usage: cli_safety.sh BUILD_DIR}" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
. "$here/demo_disc.sh"
demo_disc mixed
src=$(dirname "$cue")
sum() { md5sum "$1" | cut -d' ' -f1; }

# verify --dat
before=$(sum "$cue")
expect_exit 2 "is the image being verified" "$dw" verify --dat "$cue" "$cue"
[ "$(sum "$cue")" = "$before" ] || fail "verify --dat changed the cue sheet"
echo keep >"$work/old.dat"
expect_exit 2 "already exists; use --force to overwrite it" "$dw" verify --dat "$work/old.dat" "$cue"
[ "$(cat "$work/old.dat")" = keep ] || fail "verify --dat wrote over an existing file"
expect_exit 0 "verify: clean" "$dw" verify --force --dat "$work/old.dat" "$cue"
grep -F '<rom name="Demo (Track 1).bin"' "$work/old.dat" >/dev/null || fail "--force did not write the DAT"

# burn --log
expect_exit 2 "is (or is named like) an image file" "$dw" burn "$cue" 'virtual:blank?media=cdr' --log "$cue"
expect_exit 2 "is (or is named like) an image file" "$dw" burn "$cue" 'virtual:blank?media=cdr' --log "$work/x.CUE"
[ "$(sum "$cue")" = "$before" ] || fail "burn --log changed the cue sheet"
# The log's place beside the image cannot be written (a folder of that name stands there): the
# burn goes on and logs in the current folder.
mkdir "$src/Demo.burn.log" "$work/cwd"
(cd "$work/cwd" && expect_exit 0 "cannot be written; the burn log goes to $work/cwd/Demo.burn.log" \
  "$dw" burn "$cue" 'virtual:blank?media=cdr&timing=instant' --no-verify)
grep -F "burn $cue -> virtual:blank" "$work/cwd/Demo.burn.log" >/dev/null || fail "no burn log in the current folder"
rmdir "$src/Demo.burn.log"

# save= over an existing recording, and '?' in an image's name
mkdir "$work/save"
"$dw" burn "$cue" "virtual:blank?media=cdr&timing=instant&save=$work/save/d.ccd" --no-verify >/dev/null 2>&1 ||
  fail "the first burn to save= failed"
saved=$(sum "$work/save/d.img")
expect_exit 2 "save=$work/save/d.ccd: $work/save/d.ccd exists, and the recording would replace it; remove it, choose another name, or add &overwrite=yes" \
  "$dw" burn "$cue" "virtual:blank?media=cdr&timing=instant&save=$work/save/d.ccd" --no-verify
rm "$work/save/d.ccd"
expect_exit 2 "$work/save/d.img exists" "$dw" burn "$cue" "virtual:blank?media=cdr&timing=instant&save=$work/save/d.ccd"
[ "$(sum "$work/save/d.img")" = "$saved" ] || fail "a refused burn changed the saved image"
expect_exit 0 "" "$dw" burn "$cue" "virtual:blank?media=cdr&timing=instant&save=$work/save/d.ccd&overwrite=yes" --no-verify
[ -s "$work/save/d.ccd" ] || fail "overwrite=yes did not save the recording"
# Which files a save writes decides what is checked: DVD media and CDs saved as .iso write one ISO.
touch "$work/save/n.img"
expect_exit 2 "save=$work/save/n.ccd: $work/save/n.img exists" "$dw" drive-info "virtual:blank?media=cdr&save=$work/save/n.ccd"
expect_exit 0 "" "$dw" drive-info "virtual:blank?media=cdr&save=$work/save/n.iso"
expect_exit 0 "" "$dw" drive-info "virtual:blank?media=dvdr&save=$work/save/n.bin"
expect_exit 2 "save=$work/save/n.img: a CD is saved as PATH.ccd (CloneCD: .ccd, .img and .sub) or PATH.iso (its data track)" \
  "$dw" drive-info "virtual:blank?media=cdr&save=$work/save/n.img"
expect_exit 2 "save= needs a file name" "$dw" drive-info "virtual:blank?media=cdr&save="
cp "$work/save/d.ccd" "$work/save/d?x.ccd"; cp "$work/save/d.img" "$work/save/d?x.img"; cp "$work/save/d.sub" "$work/save/d?x.sub"
expect_exit 0 ": PLEXTOR DVDR   PX-760A" "$dw" drive-info "virtual:$work/save/d?x.ccd?drive=plextor&timing=instant"
expect_exit 0 "" "$dw" drive-info "virtual:$work/save/d?x.ccd"

# convert: a new folder, no extension, --track misuse
expect_exit 0 "wrote 4 file(s)" "$dw" convert --to cue "$cue" "$work/new/folder/"
for f in "Demo.cue" "Demo (Track 1).bin" "Demo (Track 2).bin" "Demo (Track 3).bin"; do
  [ -f "$work/new/folder/$f" ] || fail "convert into a new folder: $f missing"
done
expect_exit 0 "wrote 1 file(s)" "$dw" convert --to nrg "$cue" "$work/plain"
[ -f "$work/plain.nrg" ] || fail "convert --to nrg OUT without an extension: no OUT.nrg"
expect_exit 2 "--track: extracts one data track into an ISO; cue output keeps every track" \
  "$dw" convert --track 1 "$cue" "$work/t.cue"
expect_exit 2 "--track: the disc has no track 5" "$dw" convert --track 5 "$cue" "$work/t.iso"
# --track asks for the other tracks' loss: not refused without --allow-lossy, and not listed.
expect_exit 0 "wrote 1 file(s)" "$dw" convert --track 1 "$cue" "$work/t1.iso"
! grep -q "lost (allowed)" "$work/out" || fail "convert --track lists the other tracks as lost"

# rip --format iso: Form 2 sectors not in it (XA), no ISO at all (mixed mode)
xa=$("$here/../../testdata/make-demo.sh" "$build" "$work/xa" xa)
expect_exit 0 "\"verdict\": \"good\"" \
  "$dw" rip "virtual:$xa?timing=instant" -o "$work/ripxa" --name X --format iso --json
python3 - "$work/out" <<'PY' || fail "rip --format iso of the XA disc: the JSON does not say what the ISO lacks"
import json, re, sys
r = json.load(open(sys.argv[1]))
assert r["skipped"] == [], r
assert len(r["lost"]) == 1 and r["lost"][0]["format"] == "iso", r["lost"]
assert re.fullmatch(r"\d+ Mode 2 Form 2 sectors \(their 2324-byte payloads, e\.g\. video or audio\)", r["lost"][0]["what"]), r["lost"]
PY
grep -E "WARN  --format iso: not in it: [0-9]+ Mode 2 Form 2 sectors" "$work/ripxa/X.log" >/dev/null || fail "the XA rip's log does not warn"
expect_exit 1 "1 format(s) not written" "$dw" rip "virtual:$cue?timing=instant" -o "$work/ripmixed" --name M --format iso
grep -F "WARN  --format iso: not written: an ISO holds one data track, and this disc has 3 (1 mode1, 2 audio, 3 audio)" \
  "$work/ripmixed/M.log" >/dev/null || fail "the mixed rip's log does not say why no ISO"
[ ! -e "$work/ripmixed/M.iso" ] || fail "an ISO was written for a mixed-mode disc"

# nothing to rip, a wrong device option: nothing left behind; --resume of a finished rip makes its
# images again
expect_exit 4 "the disc is blank: there is nothing to rip" "$dw" rip 'virtual:blank?media=cdr' -o "$work/blank"
[ ! -e "$work/blank" ] || fail "a rip of a blank disc left $work/blank"
expect_exit 2 'unknown drive personality "bogus"' "$dw" rip "virtual:$cue?drive=bogus" -o "$work/bogus"
[ ! -e "$work/bogus" ] || fail "a rip with a wrong device option left $work/bogus"
expect_exit 0 "good: every sector read without errors" "$dw" rip "virtual:$cue?timing=instant" -o "$work/ripmixed" \
  --name M --resume

# load and eject get past the unit attention a drive reports first (06/28/00 on the virtual one)
"$dw" load "virtual:$cue" || fail "load exited $?"
"$dw" eject "virtual:$cue" || fail "eject exited $?"

# an image given where a drive is expected: the hint names the virtual drive
expect_exit 4 "a file, not a drive: to use an image as a disc in the virtual drive, give virtual:$cue" \
  "$dw" drive-info "$cue"

# commands, help, JSON errors, JSON stderr
expect_exit 2 "unknown command 'inof'; did you mean 'info'?" "$dw" inof "$cue"
expect_exit 0 "--dat" "$dw" help verify
expect_exit 2 "discwright: DEVICE is required (see --help)" "$dw" burn "$cue"
set +e; "$dw" info --json "$work/none.cue" >"$work/out" 2>/dev/null; rc=$?; set -e
[ "$rc" = 3 ] || fail "info of a missing file exited $rc"
python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); assert j["exit_code"] == 3 and "none.cue" in j["error"], j' "$work/out" ||
  fail "info --json: the error is not JSON on stdout"
"$dw" rip "virtual:$cue?timing=instant&drive=lg" -o "$work/ripjson" --name J --json >"$work/rip.json" 2>"$work/rip.err"
# The summary names the drive as drive-info reads its INQUIRY (vendor, product, revision) and unit
# serial number, and verify's JSON has the same verdict words as rip's.
"$dw" drive-info --json "virtual:$cue?timing=instant&drive=lg" >"$work/di.json"
python3 - "$work/rip.json" "$work/di.json" "virtual:$cue?timing=instant&drive=lg" <<'PY' || fail "rip --json does not name the drive"
import json, sys
d = json.load(open(sys.argv[1]))["drive"]
i = json.load(open(sys.argv[2]))["identity"]
assert i["vendor"] == "HL-DT-ST" and i["product"].startswith("DVDRAM"), i
assert d == dict(i, device=sys.argv[3]), (d, i)
# Page 2A's speeds: the lg personality reads at 48x and writes at 24x (1x = 176.4 kB/s).
c = json.load(open(sys.argv[2]))["capabilities"]
assert (c["max_read_kbps"], c["max_write_kbps"], c["write_speeds_kbps"]) == (8467, 4234, [4234, 2117, 706]), c
assert c["notes"] == [], c
PY
expect_exit 0 '"verdict": "good"' "$dw" verify --json "$work/ripjson/J.cue"
python3 -c '
import json, sys
lines = open(sys.argv[1]).read().splitlines()
assert lines, "no stderr"
events = [json.loads(l)["event"] for l in lines]
assert "log" in events and "progress" in events, set(events)
' "$work/rip.err" || fail "rip --json: stderr has lines that are not JSON"
# -v counts after the command as before it.
"$dw" rip "virtual:$cue?timing=instant" -o "$work/ripv" --name V -vv >/dev/null 2>"$work/v.err"
grep -q "\] \[debug\] " "$work/v.err" || fail "-vv after the command did not turn on debug output"
"$dw" rip "virtual:$cue?timing=instant" -o "$work/ripq" --name Q >/dev/null 2>"$work/q.err"
! grep -q "\] \[debug\] " "$work/q.err" || fail "debug output without -v"
echo "ok: DAT and log never over the image, convert folders, rip formats' losses said, unknown commands, JSON errors"

#!/usr/bin/env bash
# Main job: install what is needed, build, make the demo disc (a small mixed-mode CD with
# CD-Text: an ISO 9660 data track and two audio tracks) and show the formats layer on it:
# identify, info, verify (with per-track hashes), and conversions; then the drives of the machine
# and the demo disc loaded in the virtual drive. First the main job: rip the demo disc from the
# virtual drive, burn the rip onto a virtual blank CD-R, rip that back and compare.
set -euo pipefail
cd "$(dirname "$0")/.."
./.ci/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DDW_BUILD_TESTS=OFF -DDW_BUILD_BENCH=OFF >/dev/null
cmake --build build --target discwright dw-make-disc
dw=./build/bin/discwright
demo=build/demo
rm -rf "$demo"
cue=$(testdata/make-demo.sh build "$demo")
echo "== discwright --version"; $dw --version
echo "== discwright rip 'virtual:$cue?drive=plextor' -o $demo/rip --name Demo (the main job: the demo disc ripped from the virtual drive)"
$dw rip "virtual:$cue?drive=plextor" -o "$demo/rip" --name Demo
for f in "$demo/"*.bin; do cmp "$f" "$demo/rip/$(basename "$f")"; done
echo "every ripped track file is identical to the image the disc was pressed from"
echo "== discwright burn $demo/rip/Demo.cue 'virtual:blank?media=cdr&save=$demo/burned.ccd' (the rip burned onto a virtual blank CD-R, read back and verified)"
$dw burn "$demo/rip/Demo.cue" "virtual:blank?media=cdr&save=$demo/burned.ccd"
echo "== discwright rip 'virtual:$demo/burned.ccd' -o $demo/reburn --name Demo (the burned disc ripped back)"
$dw rip "virtual:$demo/burned.ccd" -o "$demo/reburn" --name Demo
for f in "$demo/"*.bin; do cmp "$f" "$demo/reburn/$(basename "$f")"; done
echo "every track file of the burned disc is identical to the image: rip -> burn -> rip is lossless"
echo "== discwright identify $demo/data.iso $demo/Demo\ \(Track\ 1\).bin $cue"
$dw identify "$demo/data.iso" "$demo/Demo (Track 1).bin" "$cue"
echo "== discwright info $cue"; $dw info "$cue"
echo "== discwright verify $cue"; $dw verify "$cue"
echo "== discwright convert --to cue-single $cue $demo/single/Demo.cue"
$dw convert --to cue-single "$cue" "$demo/single/Demo.cue"
echo "== discwright convert $cue $demo/clonecd/Demo.ccd"
$dw convert "$cue" "$demo/clonecd/Demo.ccd"
echo "== discwright convert --track 1 --allow-lossy $cue $demo/track1.iso (the data track alone, as an ISO)"
$dw convert --track 1 --allow-lossy "$cue" "$demo/track1.iso"
cmp "$demo/track1.iso" "$demo/data.iso" && echo "track 1 as ISO is identical to the ISO the disc was made from"
echo "== discwright drives (this machine's drives; none in CI)"; $dw drives
echo "== discwright drive-info 'virtual:$cue?drive=plextor' (the demo disc in the virtual drive)"
$dw drive-info "virtual:$cue?drive=plextor"
echo "== discwright drive-info 'virtual:blank?media=cdrw'"; $dw drive-info "virtual:blank?media=cdrw"

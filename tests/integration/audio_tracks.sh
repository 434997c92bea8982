#!/usr/bin/env bash
# Audio track files from a rip: the demo disc KIND (mixed: a data track and two audio tracks with
# CD-Text, MCN and an ISRC; htoa: hidden track one audio, a pregap, index 02, flags) is ripped
# from the virtual drive with --format cue,flac,wav. Each FLAC passes `flac -t`; `flac -d` gives
# exactly the bytes cut with dd from the redump BINs (gaps appended: a file runs from its track's
# INDEX 01 to the next track's); each WAVE holds the same bytes after a header Python's wave
# module reads as 44.1 kHz/16-bit/stereo; `metaflac --export-tags-to=-` shows the expected tags;
# the sheet is the expected text; `split` of the kept dump gives byte-identical files; and (htoa)
# the WAV sheet converted back to BIN/CUE gives the rip's BINs and sheet; `convert --to flac|wav`
# of the rip's BIN/CUE gives the same audio files as the rip.
#   audio_tracks.sh BUILD_DIR [KIND]
set -euo pipefail
build=$(cd "${1:?usage: audio_tracks.sh BUILD_DIR [mixed|htoa]}" && pwd)
kind=${2:-mixed}
if ! command -v flac >/dev/null || ! command -v metaflac >/dev/null; then
  echo "SKIP: flac/metaflac not installed (.ci/install-deps.sh installs them)"; exit 0
fi
. "$(dirname "$0")/demo_disc.sh"
demo_disc "$kind"
spec="virtual:$cue?drive=generic&timing=instant"
"$dw" rip "$spec" -o "$work/rip" --name Demo --format cue,flac,wav --json >"$work/rip.json" 2>"$work/rip.err" ||
  { echo "FAIL: rip exited $?"; cat "$work/rip.json" "$work/rip.err"; exit 1; }
r="$work/rip"
fail() { echo "FAIL: $*"; exit 1; }

# The expected sheet, the files with the LBA ranges of the BINs they hold, and the tags.
album='ALBUM=discwright demo disc
ALBUMARTIST=The Test Tones'
case "$kind" in
  mixed)
    sheet='CATALOG 0123456789012
TITLE "discwright demo disc"
PERFORMER "The Test Tones"
REM TRACK 01 MODE1/2352 (data): not in these files
FILE "Demo (Track 2).flac" WAVE
  TRACK 02 AUDIO
    TITLE "Tone A"
    PREGAP 00:02:00
    INDEX 01 00:00:00
FILE "Demo (Track 3).flac" WAVE
  TRACK 03 AUDIO
    TITLE "Tone B"
    ISRC USDW12600002
    INDEX 01 00:00:00'
    # file = BIN:skip:count pieces (sectors)
    pieces=("Demo (Track 2)=Demo (Track 2).bin:150:450" "Demo (Track 3)=Demo (Track 3).bin:0:300")
    tags=("Demo (Track 2)=TITLE=Tone A
ARTIST=The Test Tones
$album
TRACKNUMBER=2
TRACKTOTAL=3
CATALOG=0123456789012" "Demo (Track 3)=TITLE=Tone B
ARTIST=The Test Tones
$album
TRACKNUMBER=3
TRACKTOTAL=3
ISRC=USDW12600002
CATALOG=0123456789012")
    ;;
  htoa)
    sheet='CATALOG 0123456789012
TITLE "discwright demo disc"
PERFORMER "The Test Tones"
FILE "Demo (Track 0).flac" WAVE
  TRACK 01 AUDIO
    TITLE "First Tone"
    FLAGS PRE
    INDEX 00 00:00:00
FILE "Demo (Track 1).flac" WAVE
    INDEX 01 00:00:00
  TRACK 02 AUDIO
    TITLE "Second Tone"
    ISRC USDW12600001
    FLAGS DCP
    INDEX 00 00:04:00
FILE "Demo (Track 2).flac" WAVE
    INDEX 01 00:00:00
FILE "Demo (Track 3).flac" WAVE
  TRACK 03 AUDIO
    TITLE "Third Tone"
    INDEX 01 00:00:00
    INDEX 02 00:02:50'
    pieces=("Demo (Track 0)=Demo (Track 1).bin:0:300"
            "Demo (Track 1)=Demo (Track 1).bin:300:300 Demo (Track 2).bin:0:150"
            "Demo (Track 2)=Demo (Track 2).bin:150:450"
            "Demo (Track 3)=Demo (Track 3).bin:0:375")
    tags=("Demo (Track 0)=ARTIST=The Test Tones
$album
TRACKNUMBER=0
TRACKTOTAL=3
CATALOG=0123456789012" "Demo (Track 1)=TITLE=First Tone
ARTIST=The Test Tones
$album
TRACKNUMBER=1
TRACKTOTAL=3
CATALOG=0123456789012" "Demo (Track 2)=TITLE=Second Tone
ARTIST=The Test Tones
$album
TRACKNUMBER=2
TRACKTOTAL=3
ISRC=USDW12600001
CATALOG=0123456789012" "Demo (Track 3)=TITLE=Third Tone
ARTIST=The Test Tones
$album
TRACKNUMBER=3
TRACKTOTAL=3
CATALOG=0123456789012")
    ;;
  *) fail "unknown kind $kind" ;;
esac

[ "$(cat "$r/Demo (audio).cue")" = "$sheet" ] || { diff <(echo "$sheet") "$r/Demo (audio).cue"; fail "the FLAC sheet differs"; }
[ "$(cat "$r/Demo (audio WAV).cue")" = "${sheet//.flac\"/.wav\"}" ] ||
  { diff <(echo "${sheet//.flac\"/.wav\"}") "$r/Demo (audio WAV).cue"; fail "the WAV sheet differs"; }
[ "$(ls "$r"/*.flac | wc -l)" -eq "${#pieces[@]}" ] || fail "expected ${#pieces[@]} FLAC files, got: $(ls "$r"/*.flac)"
[ "$(ls "$r"/*.wav | wc -l)" -eq "${#pieces[@]}" ] || fail "expected ${#pieces[@]} WAV files, got: $(ls "$r"/*.wav)"
for entry in "${pieces[@]}"; do
  name=${entry%%=*}
  # The expected samples, cut from the BINs (names hold spaces: split on ".bin:").
  : >"$work/expected.raw"
  rest=${entry#*=}
  while [ -n "$rest" ]; do
    bin=${rest%%.bin:*}.bin; rest=${rest#*.bin:}
    skip=${rest%%:*}; rest=${rest#*:}
    count=${rest%% *}; [ "$rest" = "$count" ] && rest= || rest=${rest#* }
    dd if="$r/$bin" bs=2352 skip="$skip" count="$count" status=none >>"$work/expected.raw"
  done
  flac -s -t "$r/$name.flac" || fail "flac -t rejects $name.flac"
  flac -s -d --force-raw-format --endian=little --sign=signed -o "$work/decoded.raw" "$r/$name.flac"
  cmp "$work/decoded.raw" "$work/expected.raw" || fail "$name.flac does not decode to the BINs' samples"
  rm -f "$work/decoded.raw"
  [ "$(metaflac --show-md5sum "$r/$name.flac")" = "$(md5sum <"$work/expected.raw" | cut -d' ' -f1)" ] ||
    fail "$name.flac: STREAMINFO MD5 is not the samples' MD5"
  python3 - "$r/$name.wav" "$(stat -c %s "$work/expected.raw")" <<'PY' || fail "$name.wav: wrong WAVE header"
import sys, wave
w = wave.open(sys.argv[1], "rb")
assert (w.getnchannels(), w.getsampwidth(), w.getframerate()) == (2, 2, 44100), w.getparams()
assert w.getnframes() * 4 == int(sys.argv[2]), (w.getnframes(), sys.argv[2])
PY
  tail -c +45 "$r/$name.wav" | cmp - "$work/expected.raw" || fail "$name.wav does not hold the BINs' samples"
  for t in "${tags[@]}"; do
    [ "${t%%=*}" = "$name" ] || continue
    got=$(metaflac --export-tags-to=- "$r/$name.flac")
    [ "$got" = "${t#*=}" ] || { diff <(echo "${t#*=}") <(echo "$got"); fail "$name.flac: tags differ"; }
  done
done

# An audio-only disc comes back whole: the WAV sheet read by discwright and written as redump
# BIN/CUE gives the rip's own BINs and sheet (indices, pregaps, flags, ISRC, MCN, CD-Text).
if [ "$kind" = htoa ]; then
  "$dw" convert "$r/Demo (audio WAV).cue" "$work/back/Demo.cue" >/dev/null
  for f in "$r"/*.bin "$r/Demo.cue"; do
    cmp "$f" "$work/back/$(basename "$f")" || fail "the WAV sheet converted back gives a different $(basename "$f")"
  done
fi

# `convert` of the rip's BIN/CUE gives the same audio files (mixed mode: only with --allow-lossy,
# the data track being left out).
lossy=
if [ "$kind" = mixed ]; then
  lossy=--allow-lossy
  set +e; "$dw" convert --to flac "$r/Demo.cue" "$work/refused" >/dev/null 2>"$work/refused.err"; code=$?; set -e
  [ "$code" -eq 3 ] && grep -q "data track 01" "$work/refused.err" || fail "convert to flac of mixed mode was not refused as lossy (exit $code)"
  [ ! -e "$work/refused" ] || [ -z "$(ls -A "$work/refused")" ] || fail "a refused convert wrote files"
fi
for to in flac wav; do
  "$dw" convert --to "$to" $lossy "$r/Demo.cue" "$work/conv" >/dev/null
done
for f in "$work/conv"/*; do
  cmp "$f" "$r/$(basename "$f")" || fail "convert gives a different $(basename "$f")"
done
[ "$(ls "$work/conv" | wc -l)" -eq $((2 * ${#pieces[@]} + 2)) ] || fail "convert wrote $(ls "$work/conv")"

# Splitting the kept dump again gives byte-identical files.
"$dw" split "$r/Demo.dump" -o "$work/again" --name Demo --format cue,flac,wav >/dev/null
n=0
for f in "$r"/*.flac "$r"/*.wav "$r"/*.cue; do
  cmp "$f" "$work/again/$(basename "$f")" || fail "split gives a different $(basename "$f")"
  n=$((n + 1))
done
echo "ok: $kind: ${#pieces[@]} FLAC and ${#pieces[@]} WAV files equal to the BINs' samples, tags and sheets as expected; convert and split give the same $n files"

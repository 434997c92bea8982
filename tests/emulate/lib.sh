# Sourced by the emulate tests: other people's programs against our virtual drive, through
# `discwright emulate`. Expects `build` to be set. Gives:
#   need TOOL...        SKIP (exit 0 with "SKIP: ...") when a program is not installed
#   emulate_disc KIND   makes the synthetic disc KIND (sets work, dw, cue; see demo_disc.sh) and
#                       SKIPs when this machine cannot make a private user + mount namespace
#   emu SPEC [OPTS] -- PROGRAM ARGS...   runs PROGRAM against SPEC as /dev/sr0 (discwright emulate)
#   offset_samples DRIVE  the personality's read offset in samples, as cdparanoia and cd-paranoia
#                       take it (-O, --sample-offset) and the AccurateRip drive list gives it
#   offset_bytes DRIVE  the same in bytes (samples x 4)
#   overreads_leadout DRIVE  true when the personality reads past the lead-out, so that a ripper
#                       correcting a positive offset gets a track's last samples before a lead-out
#   cue_tool CMD CUE ...  golden values from the source CUE and its BINs (tests/emulate/cue.py)
#   drive_identity DRIVE  sets vendor and product (the personality's INQUIRY strings)
#   source_json, session_count, golden CMD...  the source disc as JSON and what programs must
#                       report of it (golden.py)
. "$(dirname "${BASH_SOURCE[0]}")/../integration/demo_disc.sh"

need() {
  for t in "$@"; do
    command -v "$t" >/dev/null || { echo "SKIP: $t is not installed (.ci/install-deps.sh installs it)"; exit 0; }
  done
}

# A discwright built with AddressSanitizer may be the emulated program itself; the preload
# library then comes before the sanitizer runtime, which is fine for it.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"

emulate_disc() {
  demo_disc "$1"
  local out rc=0
  out=$("$dw" emulate "$cue" -- true 2>&1) || rc=$?
  if [ $rc -eq 4 ] && grep -q 'namespace' <<<"$out"; then echo "SKIP: $out"; exit 0; fi
  [ $rc -eq 0 ] || { echo "FAIL: discwright emulate cannot run 'true' ($rc): $out"; exit 1; }
}

emu() { "$dw" emulate "$@"; }

offset_samples() {
  case "$1" in
    plextor) echo 30 ;;
    generic | asus | lg | cheap) echo 6 ;;
    *) echo "offset_samples: unknown personality $1" >&2; return 1 ;;
  esac
}

offset_bytes() { local s; s=$(offset_samples "$1") && echo $((s * 4)); }

overreads_leadout() {
  case "$1" in
    plextor | asus) return 0 ;;
    generic | lg | cheap) return 1 ;;
    *) echo "overreads_leadout: unknown personality $1" >&2; return 2 ;;
  esac
}

cue_tool() { python3 "$(dirname "${BASH_SOURCE[0]}")/cue.py" "$@"; }

# golden CMD ARGS...   expected answers of other programs, from the source image (golden.py)
golden() { python3 "$(dirname "${BASH_SOURCE[0]}")/golden.py" "$@"; }

# source_json   writes `discwright info --json` of the source CUE to $work/src.json (the golden disc)
source_json() { "$dw" info --json "$cue" >"$work/src.json"; }

# session_count   the number of sessions of the source ($work/src.json)
session_count() { python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["session_list"]))' "$work/src.json"; }

# drive_identity DRIVE   sets vendor and product: the personality's INQUIRY strings, unpadded
drive_identity() {
  case "$1" in
    generic) vendor=DISCWRT product="VIRTUAL CD-RW" ;;
    plextor) vendor=PLEXTOR product="DVDR   PX-760A" ;;
    asus) vendor=ASUS product="BW-16D1HT" ;;
    lg) vendor=HL-DT-ST product="DVDRAM GH24NSC0" ;;
    cheap) vendor=SLIMTYPE product="DVD A  DS8A8SH" ;;
    *) echo "FAIL: no expected identity for $1"; exit 1 ;;
  esac
}

# cdrdao_toc CUE: the redump-style sheet CUE (one BIN per track, single session) as a cdrdao TOC
# file, on stdout: CATALOG, CD-Text (English; disc items empty on tracks without them), per track its mode, flags, ISRC, title, the BIN
# (audio byte-swapped: cdrdao expects big-endian raw samples), START at index 1 and further INDEXes.
cdrdao_toc() {
  python3 - "$1" <<'PY'
import re, sys
lines = open(sys.argv[1]).read().splitlines()
disc, tracks, cur, fname = {}, [], None, None
for l in lines:
    w = l.strip()
    m = re.match(r'(\w+) (.*)', w)
    if not m: continue
    k, v = m.groups()
    if k == 'FILE': fname = re.match(r'"(.*)"', v).group(1)
    elif k == 'TRACK':
        cur = {'mode': v.split()[1], 'file': fname, 'index': {}, 'flags': []}
        tracks.append(cur)
    elif k == 'INDEX':
        n, t = v.split()
        mm, ss, ff = map(int, t.split(':'))
        cur['index'][int(n)] = (mm * 60 + ss) * 75 + ff
    elif k == 'FLAGS': cur['flags'] = v.split()
    elif k in ('TITLE', 'PERFORMER', 'ISRC', 'CATALOG'):
        (cur if cur is not None else disc)[k] = v.strip('"')
    elif k == 'REM': sys.exit('cdrdao_toc: ' + w + ' is not supported')
modes = {t['mode'] for t in tracks}
out = ['CD_ROM_XA' if 'MODE2/2352' in modes else 'CD_ROM' if 'MODE1/2352' in modes else 'CD_DA']
if 'CATALOG' in disc: out.append('CATALOG "%s"' % disc['CATALOG'])
# cdrdao wants an item the disc has on every track too (empty when the sheet has none).
def text(d):
    return ' '.join('%s "%s"' % (k, d.get(k, '')) for k in ('TITLE', 'PERFORMER') if k in disc)
out.append('CD_TEXT { LANGUAGE_MAP { 0 : EN } LANGUAGE 0 { %s } }' % text(disc))
msf = lambda f: '%02d:%02d:%02d' % (f // 4500, f // 75 % 60, f % 75)
for t in tracks:
    kind = {'AUDIO': 'AUDIO', 'MODE1/2352': 'MODE1_RAW', 'MODE2/2352': 'MODE2_RAW'}[t['mode']]
    out.append('TRACK ' + kind)
    out.append('COPY' if 'DCP' in t['flags'] else 'NO COPY')
    if kind == 'AUDIO': out.append('PRE_EMPHASIS' if 'PRE' in t['flags'] else 'NO PRE_EMPHASIS')
    if 'ISRC' in t: out.append('ISRC "%s"' % t['ISRC'])
    out.append('CD_TEXT { LANGUAGE 0 { %s } }' % text(t))
    out.append(('AUDIOFILE "%s" SWAP 0' if kind == 'AUDIO' else 'DATAFILE "%s"') % t['file'])
    one = t['index'][1]
    if one: out.append('START ' + msf(one))
    for n in sorted(i for i in t['index'] if i > 1): out.append('INDEX ' + msf(t['index'][n] - one))
print('\n'.join(out))
PY
}

# same_disc SAVED WHAT [nocdtext]: the disc a program burned (the CloneCD image blank media saved
# to) equals the source image: the decoded disc (TOC, indices, pregaps, MCN, ISRC, CD-Text) and,
# ripped back, every track file and the sheet. `nocdtext`: the program wrote none (left out).
same_disc() {
  local saved=$1 what=$2 drop='"file","notes","format","subchannel"'
  [ "${3:-}" != nocdtext ] || drop="$drop,\"cdtext\""
  [ -f "$saved" ] || { echo "FAIL: $what: nothing was saved"; exit 1; }
  [ "$(disc "$cue" "$drop")" = "$(disc "$saved" "$drop")" ] ||
    { echo "FAIL: $what: the burned disc differs from the source"; diff <(disc "$cue" "$drop") <(disc "$saved" "$drop"); exit 1; }
  rm -rf "$work/back"
  "$dw" rip "virtual:$saved?timing=instant" -o "$work/back" --name Demo >"$work/back.log" 2>&1 ||
    { echo "FAIL: $what: ripping the burned disc failed"; cat "$work/back.log"; exit 1; }
  for f in "$work/src/"*.bin; do
    cmp "$f" "$work/back/$(basename "$f")" || { echo "FAIL: $what: $(basename "$f") of the burned disc differs"; exit 1; }
  done
  [ "${3:-}" = nocdtext ] || cmp "$work/src/Demo.cue" "$work/back/Demo.cue" || { echo "FAIL: $what: the sheet differs"; exit 1; }
}

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
  emulate_ok "$cue"
}

# emulate_ok SPEC: SKIP when this machine cannot make a private user + mount namespace; FAIL when
# discwright emulate cannot run 'true' against SPEC. Expects `dw`.
emulate_ok() {
  local out rc=0
  out=$("$dw" emulate "$1" -- true 2>&1) || rc=$?
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

# same_disc SAVED WHAT [OPTIONS]: the disc a program burned (the CloneCD image blank media saved
# to) equals the source image $cue: the decoded disc (TOC, indices, pregaps, MCN, ISRC, CD-Text)
# and, ripped back, the program area (the track files in order against the sheet's BIN files in
# order) and the sheet. OPTIONS: `nocdtext` the program wrote no CD-Text (left out); `upc` the
# program added the MCN and ISRCs to the CD-Text as UPC/ISRC items (checked against the disc's
# MCN and ISRCs, then left out); `nosheet` the source is not a one-BIN-per-track sheet (the
# ripped sheet is not compared).
same_disc() {
  local saved=$1 what=$2 opts=" ${*:3} "
  local drop='"file","notes","format","subchannel"'
  [[ "$opts" != *" nocdtext "* ]] || drop="$drop,\"cdtext\""
  [ -f "$saved" ] || { echo "FAIL: $what: nothing was saved"; exit 1; }
  local want got
  want=$(disc "$cue" "$drop")
  got=$(disc "$saved" "$drop")
  if [[ "$opts" == *" upc "* ]]; then
    got=$(python3 -c '
import json, sys
d = json.loads(sys.argv[1])
for b in d["cdtext"]["blocks"]:
    assert b["disc"].pop("upc_isrc") == d["catalog"], b
    for n, t in b["tracks"].items():
        isrc = t.pop("upc_isrc", None)
        assert isrc == d["tracks"][int(n) - 1]["isrc"] or (isrc == "" and d["tracks"][int(n) - 1]["isrc"] is None), (n, t)
print(json.dumps(d, sort_keys=True))' "$got")
  fi
  [ "$want" = "$got" ] || { echo "FAIL: $what: the burned disc differs from the source"; diff <(echo "$want") <(echo "$got"); exit 1; }
  rm -rf "$work/back"
  "$dw" rip "virtual:$saved?timing=instant" -o "$work/back" --name Demo >"$work/back.log" 2>&1 ||
    { echo "FAIL: $what: ripping the burned disc failed"; cat "$work/back.log"; exit 1; }
  [ "$(sheet_data "$cue" | wc -c)" -gt 0 ] || { echo "FAIL: $what: the source sheet names no data"; exit 1; }
  cmp <(sheet_data "$cue") <(sheet_data "$work/back/Demo.cue") || { echo "FAIL: $what: the burned program area differs"; exit 1; }
  [[ "$opts" == *" nocdtext "* || "$opts" == *" nosheet "* ]] || cmp "$cue" "$work/back/Demo.cue" || { echo "FAIL: $what: the sheet differs"; exit 1; }
}

# sheet_data SHEET: the BIN files a sheet names, in order, concatenated.
sheet_data() {
  local dir
  dir=$(dirname "$1")
  sed -n 's/^FILE "\(.*\)" BINARY.*/\1/p' "$1" | while IFS= read -r f; do cat "$dir/$f"; done
}

# wodim_disc CUE DIR: the single-BIN sheet CUE as wodim's cue parser can burn it, in DIR:
# Demo.cue + Demo.bin (the source to compare with) and wodim.cue + Demo.wav (what wodim burns).
# wodim keeps a track's INDEX 00 for the following tracks (a track without one then gets a bogus
# pregap), so every track after the first gets one, a second before its INDEX 01 (taken from the
# track before); wodim does not put FLAGS PRE into the cue sheet, so those are left out; and it
# reads BINARY files as big-endian samples, so it is given the audio as a (little-endian) WAVE.
wodim_disc() {
  python3 - "$1" "$2" <<'PY'
import os, re, sys, wave
src, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)
lines, track, has0, binary = [], 0, False, None
for l in open(src).read().splitlines():
    w = l.split()
    if w[:1] == ['FILE']: binary = re.match(r'FILE "(.*)" BINARY', l).group(1)
    if w[:1] == ['TRACK']: track, has0 = int(w[1]), False
    if w[:2] == ['INDEX', '00']: has0 = True
    if w[:2] == ['FLAGS', 'PRE']: continue
    if w[:2] == ['INDEX', '01'] and track > 1 and not has0:
        m, s, f = map(int, w[2].split(':'))
        t = (m * 60 + s) * 75 + f - 75
        lines.append('    INDEX 00 %02d:%02d:%02d' % (t // 4500, t // 75 % 60, t % 75))
    lines.append(l)
data = open(os.path.join(os.path.dirname(src), binary), 'rb').read()
open(os.path.join(out, 'Demo.bin'), 'wb').write(data)
with wave.open(os.path.join(out, 'Demo.wav'), 'wb') as w:
    w.setnchannels(2); w.setsampwidth(2); w.setframerate(44100); w.writeframes(data)
sheet = '\n'.join(lines) + '\n'
open(os.path.join(out, 'Demo.cue'), 'w').write(sheet.replace('"%s" BINARY' % binary, '"Demo.bin" BINARY'))
open(os.path.join(out, 'wodim.cue'), 'w').write(sheet.replace('"%s" BINARY' % binary, '"Demo.wav" WAVE'))
PY
}

# toc_facts SHEET: what a cue sheet (one BIN per track or one in all) or a cdrdao TOC file says
# of the disc, as JSON: MCN, CD-Text titles and performer, and per track its mode, copy and
# pre-emphasis flags, ISRC, pregap length and further indices (frames after index 1). cdrdao
# writes CD-Text for audio tracks only, so data tracks' are left out.
toc_facts() {
  python3 - "$1" <<'PY'
import json, re, sys
text = open(sys.argv[1]).read()
frames = lambda t: (lambda m, s, f: (m * 60 + s) * 75 + f)(*map(int, t.split(':')))
disc, tracks = {}, []
if sys.argv[1].endswith('.cue'):
    cur = None
    for w in (l.strip() for l in text.splitlines()):
        k, _, v = w.partition(' ')
        if k == 'TRACK':
            cur = {'mode': {'AUDIO': 'audio'}.get(v.split()[1], 'data'), 'copy': False, 'pre': False, 'isrc': None, 'index': {}}
            tracks.append(cur)
        elif k == 'FLAGS': cur.update(copy='DCP' in v.split(), pre='PRE' in v.split())
        elif k == 'ISRC': cur['isrc'] = v
        elif k == 'INDEX': cur['index'][int(v.split()[0])] = frames(v.split()[1])
        elif k in ('TITLE', 'PERFORMER', 'CATALOG'): (cur if cur is not None else disc)[k.lower()] = v.strip('"')
    for t in tracks:
        one = t['index'].pop(1)
        t['pregap'] = one - t['index'].pop(0) if 0 in t['index'] else 0
        t['indices'] = [i - one for _, i in sorted(t['index'].items())]
        del t['index']
else:
    text = re.sub(r'//.*', '', text)
    m = re.search(r'^CATALOG "(\d+)"', text, re.M)
    if m: disc['catalog'] = m.group(1)
    parts = re.split(r'^TRACK ', text, flags=re.M)
    def cdtext(s):
        return {k.lower(): v for k, v in re.findall(r'\b(TITLE|PERFORMER) "(.*?)"', s) if v}
    disc.update(cdtext(parts[0]))
    for p in parts[1:]:
        t = {'mode': 'audio' if p.startswith('AUDIO') else 'data',
             'copy': bool(re.search(r'^COPY', p, re.M)), 'pre': bool(re.search(r'^PRE_EMPHASIS', p, re.M))}
        m = re.search(r'^ISRC "(.*)"', p, re.M)
        t['isrc'] = m.group(1) if m else None
        t.update(cdtext(p))
        m = re.search(r'^START (\S+)', p, re.M)  # index 1, after a SILENCE or FILE pregap
        t['pregap'] = frames(m.group(1)) if m else 0
        t['indices'] = [frames(x) for x in re.findall(r'^INDEX (\S+)', p, re.M)]
        tracks.append(t)
for t in tracks:  # cdrdao writes CD-Text for audio tracks only
    if t['mode'] == 'data': t.pop('title', None), t.pop('performer', None)
print(json.dumps({'disc': disc, 'tracks': tracks}, sort_keys=True))
PY
}

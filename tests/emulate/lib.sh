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

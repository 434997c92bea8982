# Sourced by the integration scripts: `demo_disc KIND` makes the synthetic disc KIND
# (testdata/make_disc.cpp) in a scratch folder removed on exit, and sets `work`, `dw` and `cue`;
# it exits with SKIP when genisoimage is missing. `disc FILE` prints the disc an image describes
# as JSON without its file names, notes, format and subchannel origin (for comparing images).
# Expects `build` (the build folder) to be set.
demo_disc() {
  if ! command -v genisoimage >/dev/null; then echo "SKIP: genisoimage not installed (.ci/install-deps.sh installs it)"; exit 0; fi
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  dw="$build/bin/discwright"
  cue=$("$(dirname "${BASH_SOURCE[0]}")/../../testdata/make-demo.sh" "$build" "$work/src" "$1")
}
disc() {
  "$dw" info --json "$1" | python3 -c "import json,sys; d=json.load(sys.stdin); [d.pop(k, None) for k in (${2:-\"file\",\"notes\",\"format\",\"subchannel\"})]; print(json.dumps(d, sort_keys=True))"
}

# Sourced by the integration scripts: `demo_disc KIND` makes the synthetic disc KIND
# (testdata/make_disc.cpp) in a scratch folder removed on exit, and sets `work`, `dw` and `cue`;
# it exits with SKIP when genisoimage is missing. `disc FILE` prints the disc an image describes
# as JSON without its file names, notes, format and subchannel origin (for comparing images).
# `expect_exit CODE TEXT COMMAND...` runs COMMAND and FAILs unless it exits CODE and its stdout or
# stderr (kept in $work/out and $work/err) contains TEXT.
# `http_serve DIR` serves DIR on a free loopback port (python3 -m http.server), sets `port`, and
# stops the server on exit; its requests go to $work/http.log.
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
http_serve() {
  : >"$work/http.log"
  python3 -u -m http.server 0 --bind 127.0.0.1 --directory "$1" >"$work/http.log" 2>&1 &
  local server=$!
  trap "kill $server 2>/dev/null; rm -rf '$work'" EXIT
  for _ in $(seq 100); do grep -q 'port [0-9]*' "$work/http.log" && break; sleep 0.1; done
  port=$(grep -o 'port [0-9]*' "$work/http.log" | head -1 | cut -d' ' -f2)
  [ -n "$port" ] || { echo "FAIL: the HTTP server did not start: $(cat "$work/http.log")"; exit 1; }
}
fail() { echo "FAIL: $*"; exit 1; }
expect_exit() {
  local want=$1 text=$2; shift 2
  set +e; "$@" >"$work/out" 2>"$work/err"; local got=$?; set -e
  [ "$got" = "$want" ] || { cat "$work/out" "$work/err"; fail "$* exited $got, expected $want"; }
  grep -qF -- "$text" "$work/out" "$work/err" || { cat "$work/out" "$work/err"; fail "$* did not say: $text"; }
}

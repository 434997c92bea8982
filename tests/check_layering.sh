#!/usr/bin/env bash
# Enforces the design table: each library includes only headers of the libraries it may use.
# Prints every violating #include with file and line; exits 1 when there is any.
set -u
root=${1:-.}
cd "$root" || exit 2
status=0
check() {  # check FOLDER "allowed include prefixes..."
  local dir=$1; shift
  local allowed="$*"
  [ -d "$dir" ] || return 0
  while IFS= read -r hit; do
    file=${hit%%:*}; rest=${hit#*:}; line=${rest%%:*}; inc=${rest#*:}
    target=$(sed -E 's/.*#include "([^"]+)".*/\1/' <<<"$inc")
    prefix=${target%%/*}
    [ "$prefix" = "$target" ] && continue       # same-folder include
    ok=0
    for a in $allowed; do [ "$a" = "$prefix" ] && ok=1; done
    # scsi/virtual and scsi/emulate are libraries of their own below scsi/
    case "$target" in scsi/virtual/*) [[ " $allowed " == *" scsi/virtual "* ]] || ok=0 ;; esac
    if [ $ok -eq 0 ]; then echo "layering: $file:$line includes \"$target\""; status=1; fi
  done < <(grep -rn --include='*.cpp' --include='*.hpp' -E '^\s*#include "' "$dir" 2>/dev/null \
           | grep -v -E "^$dir/(virtual|emulate)/" )
}
check src/disc "disc"
check src/checksum "disc checksum"
check formats "disc checksum formats"
check scsi "disc scsi"
check scsi/virtual "disc scsi scsi/virtual"
check src/rip "disc checksum scsi rip"
check src/burn "disc scsi burn"
# scsi/emulate (the preload library and its launcher) may use only its own headers and libc.
while IFS= read -r hit; do
  echo "layering: ${hit%%:*}:$(cut -d: -f2 <<<"$hit") includes $(sed -E 's/.*#include ("[^"]+").*/\1/' <<<"$hit")"
  status=1
done < <(grep -rn --include='*.cpp' --include='*.hpp' -E '^\s*#include "' scsi/emulate 2>/dev/null \
         | grep -v -E '#include "scsi/emulate/')
[ $status -eq 0 ] && echo "layering: every include follows the design table"
exit $status

# The start every bench/*.sh script shares; sourced right after `set -euo pipefail`:
#   . "$(dirname "${BASH_SOURCE[0]}")/common.sh"
#   bench_invocation "$0" "$@"
# Sets here (bench/), root (the repository), TKG (default <repo>/build/tkg), PYTHON (default
# /usr/bin/python3, with Debian's python3-igraph and python3-networkx) and TIME; defines usage
# (the script's header comment), die (exit 1) and usage_error (exit 2).
# shellcheck shell=bash

here=$(cd "$(dirname "${BASH_SOURCE[1]}")" && pwd)
root=$(cd "$here/.." && pwd)
TKG=${TKG:-$root/build/tkg}
PYTHON=${PYTHON:-/usr/bin/python3}
# shellcheck disable=SC2034 # used by the scripts that source this
TIME=/usr/bin/time
bench_name=$(basename "${BASH_SOURCE[1]}")
bench_script=${BASH_SOURCE[1]}

# The script's header comment, from its second line to `set -euo pipefail`.
usage() {
    sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$bench_script"
}
die() {
    printf '%s: error: %s\n' "$bench_name" "$*" >&2
    exit 1
}
usage_error() {
    printf '%s: %s (see --help)\n' "$bench_name" "$*" >&2
    exit 2
}

# `invocation`: the command line as given ("$0" "$@"), with TKG and PYTHON when not the
# defaults, for the records a script appends to bench/RESULTS.md.
bench_invocation() {
    invocation=$(printf '%q ' "$@")
    invocation=${invocation% }
    [ "$PYTHON" = /usr/bin/python3 ] || invocation="PYTHON=$(printf '%q' "$PYTHON") $invocation"
    [ "$TKG" = "$root/build/tkg" ] || invocation="TKG=$(printf '%q' "$TKG") $invocation"
}

#!/usr/bin/env bash
# Read benchmark: tkg's XML readers against a bare libxml2 SAX2 parse, python-igraph and
# NetworkX, side by side, CPU (user+sys), wall and peak RSS of whole processes.
#
#   bench/read.sh [--size M] [--seed N] [--rounds R] [--busy] [--out FILE]
#
# Data (bench/data/m<M>-s<seed>/, made when missing): graph.xml, graph.graphml (bench/gen_tkg.py)
# and plain.graphml (bench/gen_graphml_plain.py: the same graph as NetworkX writes it, label and
# category on nodes, string dates and a double weight on edges, no key tkg gives a meaning to).
# Each round runs, in this order, each command a whole process under /usr/bin/time:
#   TKG-XML, M relations
#     sax2-xml        build/sax2_bare graph.xml (bench/sax2_bare.c: a bare SAX2 push parse)
#     parse-xml       build/read_floor parse graph.xml (bench/read_floor.c: tkg's XML layer alone)
#     check-xml       build/read_floor check graph.xml (and its schema check; nothing stored)
#     tkg-xml         tkg stats graph.xml
#     igraph-xml      python-igraph Graph.Read_GraphML graph.graphml (the same graph)
#   plain GraphML, M edges
#     sax2-plain      build/sax2_bare plain.graphml
#     parse-plain     build/read_floor parse plain.graphml
#     tkg-plain       tkg stats plain.graphml
#     igraph-plain    python-igraph Graph.Read_GraphML plain.graphml
#     networkx-plain  NetworkX read_graphml plain.graphml
# The input files are read once before (page cache), and each command's output must name
# the expected count (elements, relations, edges). With --busy, a busy loop runs on the other
# core for the whole run (a machine where another job is running). The read_floor rows are
# the floors under tkg's reader: what reading costs before anything is stored.
# Prints a Markdown table (medians over the rounds when R > 1): user, sys, CPU = user+sys,
# wall, peak RSS, RSS bytes per relation, and ratios: CPU over the bare SAX2 parse of the
# same file, and each reference's CPU and wall over tkg's (> 1: tkg is faster).
# --out FILE appends it to FILE with the date, machine, load average, versions and command.
#
# Options: --size M (default 1e6 relations), --seed N (42), --rounds R (1), --busy, --out FILE.
# Environment: TKG (default <repo>/build/tkg; sax2_bare is looked up next to it), PYTHON
# (default /usr/bin/python3, with Debian's python3-igraph and python3-networkx).
set -euo pipefail

# shellcheck source=bench/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
bench_invocation "$0" "$@"

size=1e6
seed=42
rounds=1
busy=
out=
while [ $# -gt 0 ]; do
    case $1 in
    -h | --help) usage; exit 0 ;;
    --size) [ $# -ge 2 ] || usage_error "--size needs a value"; size=$2; shift 2 ;;
    --size=*) size=${1#*=}; shift ;;
    --seed) [ $# -ge 2 ] || usage_error "--seed needs a value"; seed=$2; shift 2 ;;
    --seed=*) seed=${1#*=}; shift ;;
    --rounds) [ $# -ge 2 ] || usage_error "--rounds needs a value"; rounds=$2; shift 2 ;;
    --rounds=*) rounds=${1#*=}; shift ;;
    --busy) busy=1; shift ;;
    --out) [ $# -ge 2 ] || usage_error "--out needs a file name"; out=$2; shift 2 ;;
    --out=*) out=${1#*=}; shift ;;
    *) usage_error "unknown argument '$1'" ;;
    esac
done
[[ $size =~ ^[0-9]+([eE][0-9]+)?$ ]] || usage_error "--size must look like 1e6 or 1000000, not '$size'"
m=$(awk -v s="$size" 'BEGIN { printf "%.0f", s + 0 }')
[ "$m" -ge 16 ] || usage_error "--size must be at least 16 relations"
[[ $seed =~ ^[0-9]+$ ]] || usage_error "--seed must be a non-negative integer, not '$seed'"
[[ $rounds =~ ^[1-9][0-9]*$ ]] || usage_error "--rounds must be a positive integer, not '$rounds'"

# --- tools ------------------------------------------------------------------------------------
"$TIME" -f '%U %S %e %M' -o /dev/null true 2>/dev/null ||
    die "GNU time not found at $TIME (Debian package: time)"
[ -x "$PYTHON" ] || die "python not found at $PYTHON (set PYTHON=...)"
"$PYTHON" -c 'import igraph' 2>/dev/null || die "$PYTHON cannot import igraph (Debian package: python3-igraph)"
"$PYTHON" -c 'import networkx' 2>/dev/null ||
    die "$PYTHON cannot import networkx (Debian package: python3-networkx)"
[ -x "$TKG" ] || die "tkg not found at $TKG: build it first (cmake -S . -B build && cmake --build build), or set TKG=..."
SAX2=$(dirname "$TKG")/sax2_bare
[ -x "$SAX2" ] || die "sax2_bare not found at $SAX2 (built with tkg: cmake --build build --target sax2_bare)"
FLOOR=$(dirname "$TKG")/read_floor
[ -x "$FLOOR" ] || die "read_floor not found at $FLOOR (built with tkg: cmake --build build --target read_floor)"

# --- data -------------------------------------------------------------------------------------
data=$root/bench/data/m$m-s$seed
if [ ! -f "$data/manifest.json" ] || [ "$here/gen_tkg.py" -nt "$data/manifest.json" ]; then
    printf 'read.sh: generating %s (M=%s, seed %s)\n' "$data" "$m" "$seed" >&2
    "$PYTHON" "$here/gen_tkg.py" "$m" "$data" --seed "$seed" >&2
fi
plain=$data/plain.graphml
if [ ! -f "$plain" ] || [ "$data/graph.graphml" -nt "$plain" ] || [ "$here/gen_graphml_plain.py" -nt "$plain" ]; then
    printf 'read.sh: writing %s with NetworkX\n' "$plain" >&2
    "$PYTHON" "$here/gen_graphml_plain.py" "$data/graph.graphml" "$plain" >&2
fi
cat "$data/graph.xml" "$data/graph.graphml" "$plain" >/dev/null # into the page cache

stamp=$(date -u +%Y%m%dT%H%M%SZ)
started=$(date -u '+%Y-%m-%d %H:%M')
rawdir=$root/bench/out/read-$stamp
mkdir -p "$rawdir"
runs=$rawdir/runs.tsv
printf 'id\tround\tuser_s\tsys_s\twall_s\tpeak_rss_kib\n' >"$runs"

busy_pid=
stop_busy() {
    if [ -n "$busy_pid" ]; then
        kill "$busy_pid" 2>/dev/null || true
        wait "$busy_pid" 2>/dev/null || true
        busy_pid=
    fi
}
trap stop_busy EXIT
if [ -n "$busy" ]; then
    bash -c 'while :; do :; done' &
    busy_pid=$!
    printf 'read.sh: busy loop on the other core (pid %s)\n' "$busy_pid" >&2
fi

# run_one ID ROUND EXPECT CMD... : one whole-process measurement, appended to runs.tsv; the
# output must mention EXPECT (a count) or the run is refused.
run_one() {
    local id=$1 round=$2 expect=$3 user sys wall rss
    shift 3
    local tf=$rawdir/$id.time so=$rawdir/$id.stdout se=$rawdir/$id.stderr
    if ! "$TIME" -f '%U %S %e %M' -o "$tf" "$@" >"$so" 2>"$se"; then
        {
            printf 'read.sh: error: %s failed (round %s):\n  %s\n' "$id" "$round" "$*"
            tail -n 20 "$se" | sed 's/^/  | /'
        } >&2
        exit 1
    fi
    if ! tr -d ",_" <"$so" | grep -Eq "(^|[^0-9])$expect([^0-9]|\$)"; then
        printf 'read.sh: error: %s output does not mention %s; it says:\n' "$id" "$expect" >&2
        head -n 10 "$so" | sed 's/^/  | /' >&2
        exit 1
    fi
    read -r user sys wall rss <<<"$(tail -n 1 "$tf")"
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$id" "$round" "$user" "$sys" "$wall" "$rss" >>"$runs"
    printf '  %-8s %-15s cpu %7.2f s  wall %7.2f s  %8.1f MiB\n' "$round" "$id" \
        "$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')" "$wall" \
        "$(awk -v k="$rss" 'BEGIN { print k / 1024 }')" >&2
}

elements=$("$SAX2" "$data/graph.xml" | awk '{ print $1 }') # the count sax2-xml must repeat
plain_elements=$("$SAX2" "$plain" | awk '{ print $1 }')
# shellcheck disable=SC2016  # Python source
nx_read='import sys, networkx as nx
g = nx.read_graphml(sys.argv[1])
print(f"vertices {g.number_of_nodes()} edges {g.number_of_edges()}")'

for round in $(seq 1 "$rounds"); do
    run_one sax2-xml "$round" "$elements" "$SAX2" "$data/graph.xml"
    run_one parse-xml "$round" "$elements" "$FLOOR" parse "$data/graph.xml"
    run_one check-xml "$round" "$elements" "$FLOOR" check "$data/graph.xml"
    run_one tkg-xml "$round" "$m" "$TKG" stats "$data/graph.xml"
    run_one igraph-xml "$round" "$m" "$PYTHON" "$here/igraph_ingest.py" graphml "$data/graph.graphml"
    run_one sax2-plain "$round" "$plain_elements" "$SAX2" "$plain"
    run_one parse-plain "$round" "$plain_elements" "$FLOOR" parse "$plain"
    run_one tkg-plain "$round" "$m" "$TKG" stats "$plain"
    run_one igraph-plain "$round" "$m" "$PYTHON" "$here/igraph_ingest.py" graphml "$plain"
    run_one networkx-plain "$round" "$m" "$PYTHON" -c "$nx_read" "$plain"
done
stop_busy

# --- report -----------------------------------------------------------------------------------
table=$("$PYTHON" - "$runs" "$m" "$data/graph.xml" "$data/graph.graphml" "$plain" <<'PY'
import csv, os, statistics, sys

runs_path, m = sys.argv[1], int(sys.argv[2])
sizes = {"graph.xml": os.path.getsize(sys.argv[3]), "graph.graphml": os.path.getsize(sys.argv[4]),
         "plain.graphml": os.path.getsize(sys.argv[5])}
runs = {}
with open(runs_path, newline="") as f:
    for r in csv.DictReader(f, delimiter="\t"):
        runs.setdefault(r["id"], []).append(r)

def med(id, key):
    return statistics.median(float(r[key]) for r in runs[id])

def cpu(id):
    return statistics.median(float(r["user_s"]) + float(r["sys_s"]) for r in runs[id])

SETS = [
    (f"TKG-XML, {m:,} relations", "sax2-xml", "tkg-xml", [
        ("sax2-xml", "bare libxml2 SAX2 parse (`sax2_bare graph.xml`)", "graph.xml"),
        ("parse-xml", "floor: tkg's XML layer alone (`read_floor parse graph.xml`)", "graph.xml"),
        ("check-xml", "floor: XML layer and schema check, nothing stored (`read_floor check graph.xml`)",
         "graph.xml"),
        ("tkg-xml", "`tkg stats graph.xml`", "graph.xml"),
        ("igraph-xml", "python-igraph `Graph.Read_GraphML` (graph.graphml, the same graph)",
         "graph.graphml"),
    ]),
    (f"plain GraphML, {m:,} edges", "sax2-plain", "tkg-plain", [
        ("sax2-plain", "bare libxml2 SAX2 parse (`sax2_bare plain.graphml`)", "plain.graphml"),
        ("parse-plain", "floor: tkg's XML layer alone (`read_floor parse plain.graphml`)",
         "plain.graphml"),
        ("tkg-plain", "`tkg stats plain.graphml`", "plain.graphml"),
        ("igraph-plain", "python-igraph `Graph.Read_GraphML` (plain.graphml)", "plain.graphml"),
        ("networkx-plain", "NetworkX `read_graphml` (plain.graphml)", "plain.graphml"),
    ]),
]
n = len(next(iter(runs.values())))
print(f"Whole processes under `/usr/bin/time`; {'medians of ' + str(n) + ' rounds' if n > 1 else 'one round'}. "
      "CPU = user + sys. Ratios: CPU / bare SAX2 of the same file; reference / tkg for CPU "
      "and wall (> 1: tkg is faster).")
print()
print("| input | command | file B / relation | user s | sys s | CPU s | wall s | peak RSS MiB "
      "| RSS B / relation | CPU / bare SAX2 | CPU ref / tkg | wall ref / tkg |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|")
for title, sax, tkg, rows in SETS:
    for id, label, file in rows:
        if id not in runs:
            continue
        rss = med(id, "peak_rss_kib") * 1024
        ref = id not in (sax, tkg) and not id.startswith(("parse-", "check-"))
        print(f"| {title} | {label} | {sizes[file] / m:.0f} | {med(id, 'user_s'):.2f} "
              f"| {med(id, 'sys_s'):.2f} | {cpu(id):.2f} | {med(id, 'wall_s'):.2f} "
              f"| {rss / 2**20:.1f} | {rss / m:.0f} | {cpu(id) / max(cpu(sax), 0.01):.2f} "
              f"| {cpu(id) / max(cpu(tkg), 0.01):.2f} | "
              f"{med(id, 'wall_s') / max(med(tkg, 'wall_s'), 0.01):.2f} |"
              if ref else
              f"| {title} | {label} | {sizes[file] / m:.0f} | {med(id, 'user_s'):.2f} "
              f"| {med(id, 'sys_s'):.2f} | {cpu(id):.2f} | {med(id, 'wall_s'):.2f} "
              f"| {rss / 2**20:.1f} | {rss / m:.0f} | {cpu(id) / max(cpu(sax), 0.01):.2f} | | |")

def ratio(a, b, f=cpu):
    return f(a) / max(f(b), 0.01)

def wall(id):
    return med(id, "wall_s")

print()
print("Against the targets of issue 11:")
print()
print("| target | measured |")
print("|---|---|")
print(f"| TKG-XML: tkg CPU <= 1.5x the bare SAX2 parse | {ratio('tkg-xml', 'sax2-xml'):.2f}x |")
print(f"| TKG-XML: python-igraph Read_GraphML CPU / tkg >= 3 | {ratio('igraph-xml', 'tkg-xml'):.2f} |")
print(f"| plain GraphML: python-igraph / tkg >= 3, CPU and wall | CPU {ratio('igraph-plain', 'tkg-plain'):.2f}, "
      f"wall {ratio('igraph-plain', 'tkg-plain', wall):.2f} |")
print(f"| plain GraphML: NetworkX / tkg (second reference), CPU and wall | CPU {ratio('networkx-plain', 'tkg-plain'):.2f}, "
      f"wall {ratio('networkx-plain', 'tkg-plain', wall):.2f} |")
print(f"| TKG-XML floors: XML layer / bare SAX2; with the schema check / bare SAX2 | "
      f"{ratio('parse-xml', 'sax2-xml'):.2f}x; {ratio('check-xml', 'sax2-xml'):.2f}x |")
print(f"| TKG-XML: python-igraph CPU / the check floor (the most tkg could reach storing nothing) | "
      f"{ratio('igraph-xml', 'check-xml'):.2f} |")
print(f"| plain GraphML: python-igraph CPU / tkg's XML-layer floor | {ratio('igraph-plain', 'parse-plain'):.2f} |")
print(f"| plain GraphML: tkg peak RSS <= 250 B / relation | {med('tkg-plain', 'peak_rss_kib') * 1024 / m:.0f} B |")
PY
)

printf '%s\n' "$table"
printf 'read.sh: per-run records in %s\n' "${runs#"$root"/}" >&2

if [ -n "$out" ]; then
    cpu=$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)
    tkgver=$("$TKG" --version 2>/dev/null | head -n 1 || true)
    vers=$("$PYTHON" -c 'import igraph, networkx; print(f"python-igraph {igraph.__version__}, NetworkX {networkx.__version__}")' 2>/dev/null || true)
    rev=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo 'no commit')
    [ -z "$(git -C "$root" status --porcelain -- src include CMakeLists.txt 2>/dev/null)" ] || rev="$rev, uncommitted changes"
    # shellcheck disable=SC2016  # the backquotes are Markdown
    {
        printf '\n### Run of %s–%s UTC%s\n\n' "$started" "$(date -u '+%H:%M')" \
            "${busy:+, with a busy loop on the other core}"
        printf -- '- command: `%s`\n' "$invocation"
        printf -- '- machine: %s, %s, %s CPUs; load average at the end: %s\n' "$(uname -m)" "${cpu:-unknown CPU}" \
            "$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo '?')" "$(cut -d' ' -f1-3 /proc/loadavg)"
        printf -- '- tkg: %s (tree %s); %s\n\n' "${tkgver:-version unknown}" "$rev" "${vers:-?}"
        printf '%s\n' "$table"
    } >>"$out"
    printf 'read.sh: appended to %s\n' "$out" >&2
fi

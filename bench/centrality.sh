#!/usr/bin/env bash
# Centrality benchmark: tkg against python-igraph computing the same measure on the same graph,
# side by side, interleaved.
#
#   bench/centrality.sh [--rounds R] [--seed N] [--out FILE]
#
# Graphs come from bench/gen_tkg.py (generated into bench/data/m<M>-s<seed>/ when missing):
#   10^5 relations  degree, pagerank, eigenvector, hub, authority, and betweenness --cutoff 2
#   10^4 relations  betweenness, closeness, harmonic (exact: O(n m), minutes at 10^5)
# and, at 10^5, a 20-date yearly PageRank series (2005..2024) against the single snapshot of
# its last date (--at 2024-01-01).
#
# Each round runs, for every case, tkg then python-igraph, each as a whole process under
# /usr/bin/time -f '%e %M' (wall seconds, peak RSS). tkg runs
#   tkg centrality -m MEASURE --kind entity --format tsv --timings graph.xml
# and reports on stderr the seconds it spent building graphs from the view, computing the
# measure (igraph's call and tkg's work on its result) and ranking the entities;
# bench/centrality_igraph.py reads graph.graphml, builds the same graph (undirected ties;
# directed with symmetric kinds both ways for hub and authority) and times the measure call
# alone. The target (<= 1.2) applies to tkg's measure time over python-igraph's: as the median
# of the per-round ratios, and as the ratio of each side's best time, which is the fairer
# figure on a shared machine whose load comes and goes. Graph building and ranking are
# reported next to it (python-igraph pays the first in Read_GraphML, outside its timing, and
# does not rank). The warm-up round checks that both sides
# print the same sum of values. A Markdown report goes to stdout (and, with --out, is appended
# to FILE with the date, machine and command line); every run is kept in
# bench/out/centrality-<UTC time>/runs.tsv.
#
# Environment: TKG (default <repo>/build/tkg), PYTHON (default /usr/bin/python3, which has
# Debian's python3-igraph).
set -euo pipefail

# shellcheck source=bench/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
bench_invocation "$0" "$@"

rounds=5 seed=42 out=
while [ $# -gt 0 ]; do
    case $1 in
    -h | --help) usage; exit 0 ;;
    --rounds) [ $# -ge 2 ] || usage_error "--rounds needs a value"; rounds=$2; shift 2 ;;
    --seed) [ $# -ge 2 ] || usage_error "--seed needs a value"; seed=$2; shift 2 ;;
    --out) [ $# -ge 2 ] || usage_error "--out needs a file"; out=$2; shift 2 ;;
    *) usage_error "unknown argument '$1'" ;;
    esac
done
[[ $rounds =~ ^[1-9][0-9]*$ ]] || usage_error "--rounds must be a positive integer"
[[ $seed =~ ^[0-9]+$ ]] || usage_error "--seed must be a non-negative integer"
[ -x "$TIME" ] || die "GNU time not found at $TIME (Debian package: time)"
[ -x "$TKG" ] || die "tkg not found at $TKG: build it (cmake -S . -B build -DCMAKE_BUILD_TYPE=Release && cmake --build build) or set TKG"
"$PYTHON" -c 'import igraph' 2>/dev/null || die "$PYTHON cannot import igraph (Debian package: python3-igraph)"

data_for() { # M -> data directory, generated when missing
    local dir=$root/bench/data/m$1-s$seed
    if [ ! -f "$dir/manifest.json" ] || [ "$here/gen_tkg.py" -nt "$dir/manifest.json" ]; then
        printf 'centrality.sh: generating %s\n' "$dir" >&2
        "$PYTHON" "$here/gen_tkg.py" "$1" "$dir" --seed "$seed" >&2
    fi
    printf '%s' "$dir"
}
d4=$(data_for 10000)
d5=$(data_for 100000)

stamp=$(date -u +%Y%m%dT%H%M%SZ)
raw=$root/bench/out/centrality-$stamp
mkdir -p "$raw"
runs=$raw/runs.tsv
printf 'case\tside\tround\twall_s\trss_kib\tgraph_s\tmeasure_s\trank_s\tsum\n' >"$runs"

# timed SIDE CASE ROUND CMD... : runs CMD under /usr/bin/time, leaves stdout/stderr in $raw
timed() {
    local side=$1 case=$2 round=$3
    shift 3
    if ! "$TIME" -f '%e %M' -o "$raw/time" "$@" >"$raw/$side.out" 2>"$raw/$side.err"; then
        printf 'centrality.sh: %s failed (%s, round %s): %s\n' "$side" "$case" "$round" "$*" >&2
        tail -n 5 "$raw/$side.err" >&2
        exit 1
    fi
    read -r wall rss <<<"$(tail -n 1 "$raw/time")"
}

# tkg_run CASE ROUND DATA ARGS... ; igraph_run CASE ROUND DATA MEASURE [--cutoff L]
tkg_run() {
    local case=$1 round=$2 dir=$3
    shift 3
    timed tkg "$case" "$round" "$TKG" centrality --kind entity --format tsv --timings "$@" "$dir/graph.xml"
    local graph measure ranks sum
    read -r graph measure ranks <<<"$(sed -n 's/^tkg: timings: graph \([0-9.]*\) s, measures \([0-9.]*\) s, ranks \([0-9.]*\) s.*/\1 \2 \3/p' "$raw/tkg.err")"
    sum=$(awk -F'\t' 'NR > 1 { s += $5 } END { printf "%.10g", s }' "$raw/tkg.out")
    printf '%s\ttkg\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$case" "$round" "$wall" "$rss" "$graph" "$measure" "$ranks" "$sum" >>"$runs"
    printf '  %-24s %-7s tkg     %7s s  graph %9s s  measure %9s s  %7s MiB\n' "$case" "$round" "$wall" "$graph" "$measure" "$((rss / 1024))" >&2
}
igraph_run() {
    local case=$1 round=$2 dir=$3
    shift 3
    timed igraph "$case" "$round" "$PYTHON" "$here/centrality_igraph.py" "$dir/graph.graphml" "$@"
    local seconds sum
    seconds=$(sed -n 's/.* seconds \([0-9.]*\) .*/\1/p' "$raw/igraph.out")
    sum=$(sed -n 's/.* sum \([-0-9.e+]*\)$/\1/p' "$raw/igraph.out")
    printf '%s\tigraph\t%s\t%s\t%s\t\t%s\t\t%s\n' "$case" "$round" "$wall" "$rss" "$seconds" "$sum" >>"$runs"
    printf '  %-24s %-7s igraph  %7s s  %25s %9s s  %7s MiB\n' "$case" "$round" "$wall" "" "$seconds" "$((rss / 1024))" >&2
}
series_run() { # CASE ROUND ARGS...: tkg only, PageRank single snapshot or series
    local case=$1 round=$2
    shift 2
    timed tkg "$case" "$round" "$TKG" centrality -m pagerank --kind entity --format tsv --timings "$@" "$d5/graph.xml"
    local graph measure ranks
    read -r graph measure ranks <<<"$(sed -n 's/^tkg: timings: graph \([0-9.]*\) s, measures \([0-9.]*\) s, ranks \([0-9.]*\) s.*/\1 \2 \3/p' "$raw/tkg.err")"
    printf '%s\ttkg\t%s\t%s\t%s\t%s\t%s\t%s\t\n' "$case" "$round" "$wall" "$rss" "$graph" "$measure" "$ranks" >>"$runs"
    printf '  %-24s %-7s tkg     %7s s  graph %9s s  measure %9s s  %7s MiB\n' "$case" "$round" "$wall" "$graph" "$measure" "$((rss / 1024))" >&2
}

cases=(
    "1e5 degree|$d5|degree"
    "1e5 pagerank|$d5|pagerank"
    "1e5 eigenvector|$d5|eigenvector"
    "1e5 hub|$d5|hub"
    "1e5 authority|$d5|authority"
    "1e5 betweenness cutoff 2|$d5|betweenness|2"
    "1e4 betweenness|$d4|betweenness"
    "1e4 closeness|$d4|closeness"
    "1e4 harmonic|$d4|harmonic"
)
for round in warmup $(seq 1 "$rounds"); do
    for c in "${cases[@]}"; do
        IFS='|' read -r name dir measure cutoff <<<"$c"
        targs=(-m "$measure") iargs=("$measure")
        if [ -n "$cutoff" ]; then targs+=(--cutoff "$cutoff"); iargs+=(--cutoff "$cutoff"); fi
        tkg_run "$name" "$round" "$dir" "${targs[@]}"
        igraph_run "$name" "$round" "$dir" "${iargs[@]}"
    done
    series_run "1e5 pagerank at 2024" "$round" --at 2024-01-01
    series_run "1e5 pagerank series 20y" "$round" --series 2005..2024 --step 1y
done

report=$("$PYTHON" - "$runs" <<'PY'
import csv, statistics, sys

rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
def med(xs):
    return statistics.median(xs)
def rng(xs):
    return f"{med(xs):.3g} [{min(xs):.3g}–{max(xs):.3g}]"
timed = [r for r in rows if r["round"] != "warmup"]
cases = list(dict.fromkeys(r["case"] for r in rows))
problems = []
for c in cases:
    w = {r["side"]: r for r in rows if r["case"] == c and r["round"] == "warmup"}
    if "igraph" in w:
        a, b = float(w["tkg"]["sum"]), float(w["igraph"]["sum"])
        if abs(a - b) > 1e-6 * max(1.0, abs(b)):
            problems.append(f"{c}: tkg's values sum to {a}, python-igraph's to {b}")
print("| case | tkg measure s | python-igraph measure s | tkg / igraph, paired | tkg / igraph, best of each | tkg graph build s | tkg ranks s | tkg wall s / RSS MiB | python-igraph wall s / RSS MiB |")
print("|---|---|---|---|---|---|---|---|---|")
for c in cases:
    t = [r for r in timed if r["case"] == c and r["side"] == "tkg"]
    i = [r for r in timed if r["case"] == c and r["side"] == "igraph"]
    if not i:
        continue
    tm = [float(x["measure_s"]) for x in t]
    im = [float(y["measure_s"]) for y in i]
    ratios = [a / max(b, 1e-6) for a, b in zip(tm, im)]
    print(f"| {c} | {rng(tm)} | {rng(im)} "
          f"| **{med(ratios):.2f}** [{min(ratios):.2f}–{max(ratios):.2f}] | **{min(tm) / max(min(im), 1e-6):.2f}** "
          f"| {med([float(x['graph_s']) for x in t]):.3g} | {med([float(x['rank_s']) for x in t]):.3g} "
          f"| {med([float(x['wall_s']) for x in t]):.2f} / {med([int(x['rss_kib']) for x in t]) / 1024:.0f} "
          f"| {med([float(y['wall_s']) for y in i]):.2f} / {med([int(y['rss_kib']) for y in i]) / 1024:.0f} |")
one = [r for r in timed if r["case"] == "1e5 pagerank at 2024"]
ser = [r for r in timed if r["case"] == "1e5 pagerank series 20y"]
if one and ser:
    cost = lambda r: float(r["graph_s"]) + float(r["measure_s"]) + float(r["rank_s"])
    ratios = [cost(s) / cost(o) for s, o in zip(ser, one)]
    print()
    print("| PageRank at 10^5 | graph build + measures + ranks s | wall s | peak RSS MiB |")
    print("|---|---|---|---|")
    for name, rs in (("one snapshot (--at 2024-01-01)", one), ("20 yearly snapshots (--series 2005..2024)", ser)):
        print(f"| {name} | {rng([cost(r) for r in rs])} | {med([float(r['wall_s']) for r in rs]):.2f} "
              f"| {med([int(r['rss_kib']) for r in rs]) / 1024:.0f} |")
    walls = [float(s["wall_s"]) / float(o["wall_s"]) for s, o in zip(ser, one)]
    print(f"\nSeries / single snapshot, computing (paired): **{med(ratios):.1f}×** [{min(ratios):.1f}–{max(ratios):.1f}], "
          f"best of each **{min(map(cost, ser)) / min(map(cost, one)):.1f}×**; whole process (paired): "
          f"**{med(walls):.1f}×** [{min(walls):.1f}–{max(walls):.1f}] (target < 20×).")
for p in problems:
    print(f"\nWARNING: {p}")
PY
)
printf '%s\n' "$report"
if [ -n "$out" ]; then
    {
        printf '\n### Run of %s\n\n' "$(date -u '+%Y-%m-%d %H:%M UTC')"
        printf 'Machine: %s, %s, %s CPUs. tkg: `%s`; python-igraph %s. Command: `%s` (%s rounds after a warm-up).\n\n' \
            "$(uname -m)" "$(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1)" "$(nproc)" \
            "$("$TKG" --version | tr '\n' ' ' | sed 's/ $//')" "$("$PYTHON" -c 'import igraph; print(igraph.__version__)')" \
            "$invocation" "$rounds"
        printf '%s\n' "$report"
    } >>"$out"
fi

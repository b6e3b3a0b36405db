#!/usr/bin/env bash
# Ingest benchmark: tkg against what a user would otherwise run, side by side, interleaved.
#
#   bench/ingest.sh [--rounds R] [--seed N] [--only tsv|xml] [--out FILE] [SIZE...]
#                                                                       (SIZE default: 1e4 1e5 1e6)
#
# For each SIZE (number of relations) it generates bench/data/m<M>-s<seed>/ if missing (bench/gen_tkg.py),
# then runs one unreported warm-up of every command followed by R rounds (default 5) of
#   tkg-tsv      tkg stats quads.tsv
#   igraph-tsv   python-igraph: csv reader + Graph.TupleList on quads.tsv (bench/igraph_ingest.py)
#   tkg-xml      tkg stats graph.xml (tkg always validates against the XSD and the ontology)
#   igraph-gml   python-igraph: Graph.Read_GraphML on graph.graphml (same graph)
#   xmllint      xmllint --stream --noout graph.xml (a bare libxml2 parse, for scale)
# in that order within each round, each as a whole process under /usr/bin/time -f '%e %M'.
# --only tsv runs the first two alone (quadruples), --only xml the last three.
# Prints a Markdown table to stdout; --out FILE appends it, with the date, machine and command
# line, to FILE. Per-run records go to bench/out/ingest-<timestamp>/runs.tsv.
#
# Environment: TKG (default <repo>/build/tkg; TKG=true gives a dry run of everything else),
# PYTHON (default /usr/bin/python3, the interpreter that has Debian's python3-igraph).
set -euo pipefail

# shellcheck source=bench/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
bench_invocation "$0" "$@"

rounds=5
seed=42
out=
only=
sizes=()
while [ $# -gt 0 ]; do
    case $1 in
    -h | --help) usage; exit 0 ;;
    --rounds) [ $# -ge 2 ] || usage_error "--rounds needs a value"; rounds=$2; shift 2 ;;
    --rounds=*) rounds=${1#*=}; shift ;;
    --seed) [ $# -ge 2 ] || usage_error "--seed needs a value"; seed=$2; shift 2 ;;
    --seed=*) seed=${1#*=}; shift ;;
    --only) [ $# -ge 2 ] || usage_error "--only needs tsv or xml"; only=$2; shift 2 ;;
    --only=*) only=${1#*=}; shift ;;
    --out) [ $# -ge 2 ] || usage_error "--out needs a file name"; out=$2; shift 2 ;;
    --out=*) out=${1#*=}; shift ;;
    -*) usage_error "unknown option '$1'" ;;
    *) sizes+=("$1"); shift ;;
    esac
done
[ ${#sizes[@]} -gt 0 ] || sizes=(1e4 1e5 1e6)
[[ $rounds =~ ^[1-9][0-9]*$ ]] || usage_error "--rounds must be a positive integer, not '$rounds'"
[[ $seed =~ ^[0-9]+$ ]] || usage_error "--seed must be a non-negative integer, not '$seed'"
case $only in
'') ids=(tkg-tsv igraph-tsv tkg-xml igraph-gml xmllint) ;;
tsv) ids=(tkg-tsv igraph-tsv) ;;
xml) ids=(tkg-xml igraph-gml xmllint) ;;
*) usage_error "--only must be tsv or xml, not '$only'" ;;
esac

# --- tools ------------------------------------------------------------------------------------
if ! { [ -x "$TIME" ] && "$TIME" -f '%e %M' -o /dev/null true 2>/dev/null; }; then
    die "GNU time not found at $TIME (Debian package: time)"
fi
[ "$only" = tsv ] || command -v xmllint >/dev/null 2>&1 ||
    die "xmllint not found (Debian package: libxml2-utils)"
[ -x "$PYTHON" ] || die "python not found at $PYTHON (Debian package: python3; or set PYTHON=...)"
"$PYTHON" -c 'import igraph' 2>/dev/null ||
    die "$PYTHON cannot import igraph (Debian package: python3-igraph)"
case $TKG in
*/*) [ -x "$TKG" ] || die "tkg not found at $TKG: build it first (cmake -S . -B build && cmake --build build), or set TKG=/path/to/tkg" ;;
*) command -v "$TKG" >/dev/null 2>&1 || die "tkg command '$TKG' not found in PATH" ;;
esac

# --- sizes -> relation counts -----------------------------------------------------------------
counts=()
for s in "${sizes[@]}"; do
    [[ $s =~ ^[0-9]+([eE][0-9]+)?$ ]] || usage_error "size must look like 1e5 or 100000, not '$s'"
    m=$(awk -v s="$s" 'BEGIN { printf "%.0f", s + 0 }')
    [ "$m" -ge 1 ] || die "size must be at least 1, not '$s'"
    counts+=("$m")
done

stamp=$(date -u +%Y%m%dT%H%M%SZ)
rawdir=$root/bench/out/ingest-$stamp
mkdir -p "$rawdir"
runs=$rawdir/runs.tsv
printf 'size\trelations\tcommand\tround\twall_s\tpeak_rss_kib\n' >"$runs"

# run_one SIZE M CMDID ROUND CMD... : one whole-process measurement, appended to runs.tsv
run_one() {
    local size=$1 m=$2 id=$3 round=$4 wall rss
    shift 4
    local tf=$rawdir/$id.time so=$rawdir/$id.stdout se=$rawdir/$id.stderr
    if ! "$TIME" -f '%e %M' -o "$tf" "$@" >"$so" 2>"$se"; then
        {
            printf 'ingest.sh: error: %s failed (size %s, round %s):\n  %s\n' "$id" "$size" "$round" "$*"
            tail -n 20 "$se" | sed 's/^/  | /'
            tail -n 2 "$tf" | sed 's/^/  | /'
        } >&2
        exit 1
    fi
    read -r wall rss <<<"$(tail -n 1 "$tf")"
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$size" "$m" "$id" "$round" "$wall" "$rss" >>"$runs"
    printf '  %-5s %-8s %-11s %8s s %8s MiB\n' "$size" "$round" "$id" "$wall" \
        "$(awk -v k="$rss" 'BEGIN { printf "%.1f", k / 1024 }')" >&2
}

# check_count ID M WHAT : warn when a warm-up output does not mention the expected count
check_count() {
    if ! tr -d ",_" <"$rawdir/$1.stdout" | grep -Eq "(^|[^0-9])$2([^0-9]|\$)"; then
        printf 'ingest.sh: warning: %s output does not mention %s %s; it says:\n' "$1" "$2" "$3" >&2
        head -n 10 "$rawdir/$1.stdout" | sed 's/^/  | /' >&2
    fi
}

# wants ID : whether this run measures command ID
wants() {
    local id
    for id in "${ids[@]}"; do [ "$id" = "$1" ] && return 0; done
    return 1
}

for i in "${!sizes[@]}"; do
    size=${sizes[$i]} m=${counts[$i]}
    data=$root/bench/data/m$m-s$seed
    if [ ! -f "$data/manifest.json" ] || [ "$here/gen_tkg.py" -nt "$data/manifest.json" ]; then
        printf 'ingest.sh: generating %s (M=%s, seed %s)\n' "$data" "$m" "$seed" >&2
        "$PYTHON" "$here/gen_tkg.py" "$m" "$data" --seed "$seed"
    fi
    cmd_tkg_tsv=("$TKG" stats "$data/quads.tsv")
    cmd_igraph_tsv=("$PYTHON" "$here/igraph_ingest.py" tsv "$data/quads.tsv")
    cmd_tkg_xml=("$TKG" stats "$data/graph.xml")
    cmd_igraph_gml=("$PYTHON" "$here/igraph_ingest.py" graphml "$data/graph.graphml")
    cmd_xmllint=(xmllint --stream --noout "$data/graph.xml")
    for round in warmup $(seq 1 "$rounds"); do
        ! wants tkg-tsv || run_one "$size" "$m" tkg-tsv "$round" "${cmd_tkg_tsv[@]}"
        ! wants igraph-tsv || run_one "$size" "$m" igraph-tsv "$round" "${cmd_igraph_tsv[@]}"
        ! wants tkg-xml || run_one "$size" "$m" tkg-xml "$round" "${cmd_tkg_xml[@]}"
        ! wants igraph-gml || run_one "$size" "$m" igraph-gml "$round" "${cmd_igraph_gml[@]}"
        ! wants xmllint || run_one "$size" "$m" xmllint "$round" "${cmd_xmllint[@]}"
        if [ "$round" = warmup ]; then
            ! wants igraph-tsv || check_count igraph-tsv "$m" edges
            ! wants igraph-gml || check_count igraph-gml "$m" edges
            ! wants tkg-tsv || check_count tkg-tsv "$m" relations
            ! wants tkg-xml || check_count tkg-xml "$m" relations
            for id in "${ids[@]}"; do cp "$rawdir/$id.stdout" "$rawdir/$id.m$m.stdout"; done
        fi
    done
done

# --- report -----------------------------------------------------------------------------------
table=$("$PYTHON" - "$runs" <<'PY'
import csv, statistics, sys

LABELS = {
    "tkg-tsv": "`tkg stats quads.tsv`",
    "igraph-tsv": "python-igraph csv + `Graph.TupleList` (quads.tsv)",
    "tkg-xml": "`tkg stats graph.xml` (validating)",
    "igraph-gml": "python-igraph `Graph.Read_GraphML` (graph.graphml)",
    "xmllint": "`xmllint --stream --noout graph.xml`",
}
runs = {}
order = []
with open(sys.argv[1], newline="") as f:
    for r in csv.DictReader(f, delimiter="\t"):
        if r["round"] == "warmup":
            continue
        key = (r["size"], int(r["relations"]))
        if key not in runs:
            runs[key] = {}
            order.append(key)
        runs[key].setdefault(r["command"], {})[int(r["round"])] = (float(r["wall_s"]),
                                                                  int(r["peak_rss_kib"]))

def g(x):
    return f"{x:.2f}"  # /usr/bin/time's %e has 0.01 s resolution

print("| size | relations | command | wall s, median [min–max] | peak RSS MiB (median) | RSS bytes / relation |")
print("|---|---|---|---|---|---|")
for key in order:
    size, m = key
    for cmd, label in LABELS.items():
        rr = runs[key].get(cmd)
        if not rr:
            continue
        walls = [w for w, _ in rr.values()]
        rss = statistics.median(k for _, k in rr.values())
        print(f"| {size} | {m:,} | {label} | {g(statistics.median(walls))} "
              f"[{g(min(walls))}–{g(max(walls))}] n={len(walls)} | {rss / 1024:.1f} | {rss * 1024 / m:.0f} |")
print()
print("Ratios python-igraph / tkg (> 1: tkg is faster or smaller). Wall: median of the per-round "
      "ratios [min–max]; RSS: ratio of the median peak RSS.")
print()
print("| size | input | wall ratio, median [min–max] | peak RSS ratio |")
print("|---|---|---|---|")
for key in order:
    size, _m = key
    for what, base, ours in (("TSV: TupleList / tkg", "igraph-tsv", "tkg-tsv"),
                             ("XML: Read_GraphML (GraphML) / tkg (TKG-XML)", "igraph-gml", "tkg-xml")):
        b, t = runs[key].get(base, {}), runs[key].get(ours, {})
        if not b and not t:
            continue  # not measured (--only)
        # %e truncates to 0.01 s: a tkg run shown as 0.00 took < 0.01 s, so its round's ratio is
        # at least base / 0.01, and the median is then reported as a lower bound.
        paired = [r for r in sorted(b) if r in t]
        ratios = [b[r][0] / max(t[r][0], 0.01) for r in paired]
        floored = sum(1 for r in paired if t[r][0] <= 0)
        if not ratios:
            wall = "n/a"
        else:
            wall = (f"{'≥ ' if floored else ''}{statistics.median(ratios):.2f} "
                    f"[{min(ratios):.2f}–{max(ratios):.2f}] n={len(ratios)}")
            if floored:
                wall += f" (tkg under the 0.01 s timer resolution in {floored} round(s))"
        rb = statistics.median(k for _, k in b.values()) if b else 0
        rt = statistics.median(k for _, k in t.values()) if t else 0
        print(f"| {size} | {what} | {wall} | {rb / rt:.2f} |" if rt else f"| {size} | {what} | {wall} | n/a |")
PY
)

printf '%s\n' "$table"
printf 'ingest.sh: per-run records in %s\n' "${runs#"$root"/}" >&2

if [ -n "$out" ]; then
    cpu=$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)
    tkgver=$("$TKG" --version 2>/dev/null | head -n 1 || true)
    igver=$("$PYTHON" -c 'import igraph; print(igraph.__version__)' 2>/dev/null || true)
    xmlver=$(xmllint --version 2>&1 | head -n 1 || true)
    rev=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo 'no commit')
    [ -z "$(git -C "$root" status --porcelain 2>/dev/null)" ] || rev="$rev, uncommitted changes"
    # shellcheck disable=SC2016  # the backquotes are Markdown
    {
        printf '\n## Ingest benchmark, %s\n\n' "$(date -u '+%Y-%m-%d %H:%M UTC')"
        printf -- '- command: `%s` (from %s)\n' "$invocation" "$PWD"
        printf -- '- machine: %s, %s, %s CPUs, %s\n' "$(uname -m)" "${cpu:-unknown CPU}" \
            "$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo '?')" \
            "$(awk '/^MemTotal/ { printf "%.0f GiB RAM", $2 / 1048576 }' /proc/meminfo 2>/dev/null || true)"
        printf -- '- tkg: %s (%s; tree %s); python-igraph %s; %s\n' "${tkgver:-version unknown}" "$TKG" "$rev" \
            "${igver:-?}" "${xmlver#xmllint: using }"
        printf -- '- method: %s rounds after 1 warm-up, commands interleaved within each round, each a whole process under `/usr/bin/time -f "%%e %%M"`; data `bench/gen_tkg.py M DIR --seed %s`\n\n' \
            "$rounds" "$seed"
        printf '%s\n' "$table"
    } >>"$out"
    printf 'ingest.sh: appended to %s\n' "$out" >&2
fi

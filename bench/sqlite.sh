#!/usr/bin/env bash
# SQLite base benchmark (issue 13): writing, reading and querying a tkg SQLite base against the
# same work on GraphML and on quadruples, side by side, CPU (user+sys), wall and peak RSS of
# whole processes.
#
#   bench/sqlite.sh [--size M] [--seed N] [--rounds R] [--at DAY] [--around ID] [--busy]
#                   [--out FILE]
#
# Data (bench/data/m<M>-s<seed>/, made by bench/gen_tkg.py when missing): quads.tsv (the
# quadruples) and graph.xml (the same graph in TKG-XML, with sources, labels and quotes). The
# bases and GraphML files are written into bench/out/sqlite-<UTC time>/ (gitignored). Each
# round runs, in this order, each command a whole process under /usr/bin/time:
#   writing, from quads.tsv then from graph.xml (F = tsv, xml)
#     write-sqlite-F        tkg export -f sqlite -o kb-F.sqlite INPUT
#     write-graphml-F       tkg export -f graphml -o F.graphml INPUT (positions from igraph,
#                           the default)
#     write-graphml-none-F  tkg export -f graphml --layout none -o F-none.graphml INPUT (the
#                           file alone, no positions)
#   reading the base of quads.tsv whole, and the quadruples
#     read-sqlite           tkg stats kb-tsv.sqlite
#     read-tsv              tkg stats quads.tsv
#     floor-rows            build/sqlite_floor rows kb-tsv.sqlite (bench/sqlite_floor.c: steps
#                           through every row a whole read visits, fetching nothing)
#     floor-columns         build/sqlite_floor columns kb-tsv.sqlite (the same, fetching the
#                           columns the reader fetches, storing nothing)
#   one entity's neighbourhood on a day
#     query-sqlite          tkg query --at DAY --around ID kb-tsv.sqlite
#     query-tsv             tkg query --at DAY --around ID quads.tsv
# DAY and ID are what a user would ask about: by default ID is the entity with the most
# relations in quads.tsv and DAY the day on which it has the most (the latest such day);
# --at and --around choose others. The two queries must print the same relations and the two
# stats the same counts, or the script stops. The files are read once before (page cache).
# With --busy, a busy loop runs on the other core for the whole run (a machine where another
# job runs).
# Prints a Markdown report (medians over the rounds): per command user, sys, CPU, wall (from
# bash's clock around the run, to the microsecond) and peak RSS; the ratios of each pair (base over its reference, CPU and wall: <= 1 means the
# base is as fast), the bytes on disk per relation of the base, the GraphML and the inputs,
# and the issue's targets with the measured values. --out FILE appends it to FILE with the
# date, machine, load average, versions and command line.
#
# Options: --size M (default 1e6 relations), --seed N (42), --rounds R (3), --at DAY,
# --around ID, --busy, --out FILE.
# Environment: TKG (default <repo>/build/tkg), PYTHON (default /usr/bin/python3: the report
# and the generator).
set -euo pipefail

# shellcheck source=bench/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
bench_invocation "$0" "$@"

size=1e6
seed=42
rounds=3
day=
centre=
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
    --at) [ $# -ge 2 ] || usage_error "--at needs a day"; day=$2; shift 2 ;;
    --at=*) day=${1#*=}; shift ;;
    --around) [ $# -ge 2 ] || usage_error "--around needs an entity id"; centre=$2; shift 2 ;;
    --around=*) centre=${1#*=}; shift ;;
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
[ -x "$TKG" ] || die "tkg not found at $TKG: build it first (cmake -S . -B build && cmake --build build), or set TKG=..."
FLOOR=$(dirname "$TKG")/sqlite_floor
[ -x "$FLOOR" ] || die "sqlite_floor not found at $FLOOR (built with tkg: cmake --build build --target sqlite_floor)"

# --- data -------------------------------------------------------------------------------------
data=$root/bench/data/m$m-s$seed
if [ ! -f "$data/manifest.json" ] || [ "$here/gen_tkg.py" -nt "$data/manifest.json" ]; then
    printf 'sqlite.sh: generating %s (M=%s, seed %s)\n' "$data" "$m" "$seed" >&2
    "$PYTHON" "$here/gen_tkg.py" "$m" "$data" --seed "$seed" >&2
fi
quads=$data/quads.tsv
xml=$data/graph.xml
cat "$quads" "$xml" >/dev/null # into the page cache

# (awk alone: `sort | head` would end in SIGPIPE, which pipefail takes for a failure)
if [ -z "$centre" ]; then
    centre=$(awk -F'\t' '{ n[$1]++; n[$3]++ }
        END { for (e in n) if (n[e] > best || (n[e] == best && e < id)) { best = n[e]; id = e }
              print id }' "$quads")
fi
if [ -z "$day" ]; then
    day=$(awk -F'\t' -v e="$centre" '$1 == e || $3 == e { n[$4]++ }
        END { for (d in n) if (n[d] > best || (n[d] == best && d > day)) { best = n[d]; day = d }
              print day }' "$quads")
fi
[ -n "$centre" ] && [ -n "$day" ] || die "no entity or day to query in $quads"

stamp=$(date -u +%Y%m%dT%H%M%SZ)
started=$(date -u '+%Y-%m-%d %H:%M')
rawdir=$root/bench/out/sqlite-$stamp
mkdir -p "$rawdir"
runs=$rawdir/runs.tsv
printf 'id\tround\tuser_s\tsys_s\twall_s\tpeak_rss_kib\ttime_wall_s\n' >"$runs"

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
    printf 'sqlite.sh: busy loop on the other core (pid %s)\n' "$busy_pid" >&2
fi

# run_one ID ROUND CMD... : one whole-process measurement, appended to runs.tsv (round 0 is
# the warm-up, not recorded); its stdout is kept in ID.stdout.
run_one() {
    local id=$1 round=$2 user sys wall rss t0 t1
    shift 2
    local tf=$rawdir/$id.time so=$rawdir/$id.stdout se=$rawdir/$id.stderr
    t0=$EPOCHREALTIME
    if ! "$TIME" -f '%U %S %e %M' -o "$tf" "$@" >"$so" 2>"$se"; then
        {
            printf 'sqlite.sh: error: %s failed (round %s):\n  %s\n' "$id" "$round" "$*"
            tail -n 20 "$se" | sed 's/^/  | /'
        } >&2
        exit 1
    fi
    t1=$EPOCHREALTIME
    read -r user sys twall rss <<<"$(tail -n 1 "$tf")"
    # Wall time to the microsecond (time's %e has 10 ms steps, too coarse for a query); it
    # includes starting /usr/bin/time, about a millisecond.
    wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", b - a }')
    [ "$round" = 0 ] ||
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$id" "$round" "$user" "$sys" "$wall" "$rss" "$twall" >>"$runs"
    printf '  %-8s %-21s cpu %7.2f s  wall %7.2f s  %8.1f MiB\n' "${round/#0/warm-up}" "$id" \
        "$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')" "$wall" \
        "$(awk -v k="$rss" 'BEGIN { print k / 1024 }')" >&2
}
[ -n "${EPOCHREALTIME:-}" ] || die "bash 5 or later is needed (EPOCHREALTIME)"

# same A B WHAT : the two outputs must be equal (the same relations, the same counts).
same() {
    cmp -s "$rawdir/$1.stdout" "$rawdir/$2.stdout" ||
        die "$1 and $2 differ ($3): see $rawdir/$1.stdout and $rawdir/$2.stdout"
}

base=$rawdir/kb-tsv.sqlite
for round in $(seq 0 "$rounds"); do
    for f in tsv xml; do
        input=$quads
        [ "$f" = tsv ] || input=$xml
        run_one "write-sqlite-$f" "$round" "$TKG" export -f sqlite -o "$rawdir/kb-$f.sqlite" "$input"
        run_one "write-graphml-$f" "$round" "$TKG" export -f graphml -o "$rawdir/$f.graphml" "$input"
        run_one "write-graphml-none-$f" "$round" "$TKG" export -f graphml --layout none \
            -o "$rawdir/$f-none.graphml" "$input"
    done
    run_one read-sqlite "$round" "$TKG" stats "$base"
    run_one read-tsv "$round" "$TKG" stats "$quads"
    run_one floor-rows "$round" "$FLOOR" rows "$base"
    run_one floor-columns "$round" "$FLOOR" columns "$base"
    same read-sqlite read-tsv "tkg stats"
    grep -Eq "(^|[^0-9])$m([^0-9]|\$)" "$rawdir/read-sqlite.stdout" ||
        die "tkg stats of the base does not say $m relations: see $rawdir/read-sqlite.stdout"
    run_one query-sqlite "$round" "$TKG" query --at "$day" --around "$centre" "$base"
    run_one query-tsv "$round" "$TKG" query --at "$day" --around "$centre" "$quads"
    same query-sqlite query-tsv "tkg query --at $day --around $centre"
done
stop_busy
answer=$(($(wc -l <"$rawdir/query-sqlite.stdout") - 1))
[ "$answer" -gt 0 ] || die "tkg query --at $day --around $centre found no relation"

# --- report -----------------------------------------------------------------------------------
table=$("$PYTHON" - "$runs" "$m" "$rawdir" "$quads" "$xml" "$day" "$centre" "$answer" <<'PY'
import csv, os, statistics, sys

runs_path, m, rawdir, quads, xml, day, centre, answer = sys.argv[1:9]
m = int(m)
runs = {}
with open(runs_path, newline="") as f:
    for r in csv.DictReader(f, delimiter="\t"):
        runs.setdefault(r["id"], []).append(r)
n = len(runs["read-sqlite"])


def med(id, key):
    return statistics.median(float(r[key]) for r in runs[id])


def cpu(id):
    return statistics.median(float(r["user_s"]) + float(r["sys_s"]) for r in runs[id])


def wall(id):
    return med(id, "wall_s")


def paired(a, b, f):
    """Median of the per-round ratios a/b (a round runs both, so drift hits both alike)."""
    ra = {r["round"]: f(r) for r in runs[a]}
    rb = {r["round"]: f(r) for r in runs[b]}
    return statistics.median(ra[k] / max(rb[k], 0.01) for k in ra if k in rb)


def rcpu(r):
    return float(r["user_s"]) + float(r["sys_s"])


def rwall(r):
    return float(r["wall_s"])


ROWS = [
    ("write-sqlite-tsv", "`tkg export -f sqlite` of quads.tsv"),
    ("write-graphml-tsv", "`tkg export -f graphml` of quads.tsv"),
    ("write-graphml-none-tsv", "`tkg export -f graphml --layout none` of quads.tsv"),
    ("write-sqlite-xml", "`tkg export -f sqlite` of graph.xml"),
    ("write-graphml-xml", "`tkg export -f graphml` of graph.xml"),
    ("write-graphml-none-xml", "`tkg export -f graphml --layout none` of graph.xml"),
    ("read-sqlite", "`tkg stats kb.sqlite` (the base of quads.tsv)"),
    ("read-tsv", "`tkg stats quads.tsv`"),
    ("floor-rows", "floor: `sqlite_floor rows kb.sqlite` (stepping the rows, nothing fetched)"),
    ("floor-columns", "floor: `sqlite_floor columns kb.sqlite` (the reader's columns fetched)"),
    ("query-sqlite", f"`tkg query --at {day} --around {centre} kb.sqlite`"),
    ("query-tsv", f"`tkg query --at {day} --around {centre} quads.tsv`"),
]
print(f"{m:,} relations; whole processes under `/usr/bin/time`, "
      f"{'medians of ' + str(n) + ' rounds' if n > 1 else 'one round'} after a warm-up. "
      f"CPU = user + sys. The query answers {int(answer):,} relations on both inputs.")
print()
print("| command | user s | sys s | CPU s | wall s | peak RSS MiB | RSS B / relation |")
print("|---|---|---|---|---|---|---|")
for id, label in ROWS:
    rss = med(id, "peak_rss_kib") * 1024
    print(f"| {label} | {med(id, 'user_s'):.2f} | {med(id, 'sys_s'):.2f} | {cpu(id):.2f} "
          f"| {wall(id):.3f} | {rss / 2**20:.1f} | {rss / m:.0f} |")

print()
print("Ratios, median of the per-round ratios (base / reference; <= 1: the base is as fast):")
print()
print("| pair | CPU | wall | peak RSS |")
print("|---|---|---|---|")
PAIRS = [
    ("write-sqlite-tsv", "write-graphml-tsv", "write, quads.tsv: sqlite / graphml"),
    ("write-sqlite-tsv", "write-graphml-none-tsv", "write, quads.tsv: sqlite / graphml --layout none"),
    ("write-sqlite-xml", "write-graphml-xml", "write, graph.xml: sqlite / graphml"),
    ("write-sqlite-xml", "write-graphml-none-xml", "write, graph.xml: sqlite / graphml --layout none"),
    ("read-sqlite", "read-tsv", "read whole: kb.sqlite / quads.tsv"),
    ("floor-rows", "read-tsv", "floor, rows: sqlite_floor rows kb.sqlite / tkg stats quads.tsv"),
    ("floor-columns", "read-tsv", "floor, columns: sqlite_floor columns kb.sqlite / tkg stats quads.tsv"),
    ("query-sqlite", "query-tsv", "query --at --around: kb.sqlite / quads.tsv"),
]
for a, b, label in PAIRS:
    print(f"| {label} | {paired(a, b, rcpu):.2f} | {paired(a, b, rwall):.2f} "
          f"| {med(a, 'peak_rss_kib') / med(b, 'peak_rss_kib'):.2f} |")

print()
print("Size on disk, bytes per relation:")
print()
print("| file | MB | B / relation |")
print("|---|---|---|")
for name, path in (("kb.sqlite, the base of quads.tsv", os.path.join(rawdir, "kb-tsv.sqlite")),
                   ("the base of graph.xml", os.path.join(rawdir, "kb-xml.sqlite")),
                   ("GraphML of quads.tsv (with positions)", os.path.join(rawdir, "tsv.graphml")),
                   ("GraphML of graph.xml (with positions)", os.path.join(rawdir, "xml.graphml")),
                   ("quads.tsv", quads), ("graph.xml", xml)):
    size = os.path.getsize(path)
    print(f"| {name} | {size / 1e6:.1f} | {size / m:.0f} |")

print()
print("Against the targets of issue 13:")
print()
print("| target | measured |")
print("|---|---|")
print(f"| writing the base <= 2x writing GraphML (quads.tsv; graph.xml) | CPU "
      f"{paired('write-sqlite-tsv', 'write-graphml-tsv', rcpu):.2f}x, wall "
      f"{paired('write-sqlite-tsv', 'write-graphml-tsv', rwall):.2f}x; CPU "
      f"{paired('write-sqlite-xml', 'write-graphml-xml', rcpu):.2f}x, wall "
      f"{paired('write-sqlite-xml', 'write-graphml-xml', rwall):.2f}x |")
print(f"| the same against GraphML without positions (the file alone) | CPU "
      f"{paired('write-sqlite-tsv', 'write-graphml-none-tsv', rcpu):.2f}x, wall "
      f"{paired('write-sqlite-tsv', 'write-graphml-none-tsv', rwall):.2f}x; CPU "
      f"{paired('write-sqlite-xml', 'write-graphml-none-xml', rcpu):.2f}x, wall "
      f"{paired('write-sqlite-xml', 'write-graphml-none-xml', rwall):.2f}x |")
print(f"| reading the base whole <= reading the quadruples | CPU "
      f"{paired('read-sqlite', 'read-tsv', rcpu):.2f}x, wall "
      f"{paired('read-sqlite', 'read-tsv', rwall):.2f}x; the floors (SQLite alone) CPU "
      f"{paired('floor-rows', 'read-tsv', rcpu):.2f}x (rows), "
      f"{paired('floor-columns', 'read-tsv', rcpu):.2f}x (columns) |")
print(f"| `tkg query --at D --around X` on the base <= 50 ms, whole process | "
      f"{wall('query-sqlite') * 1000:.0f} ms wall ({cpu('query-sqlite') * 1000:.0f} ms CPU); "
      f"on quads.tsv {wall('query-tsv') * 1000:.0f} ms |")
PY
)

printf '%s\n' "$table"
printf 'sqlite.sh: per-run records in %s\n' "${runs#"$root"/}" >&2

if [ -n "$out" ]; then
    cpu=$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)
    tkgver=$("$TKG" --version 2>/dev/null | head -n 1 || true)
    sqlitever=$("$PYTHON" -c 'import sqlite3; print(sqlite3.sqlite_version)' 2>/dev/null || echo '?')
    rev=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo 'no commit')
    [ -z "$(git -C "$root" status --porcelain -- src include CMakeLists.txt 2>/dev/null)" ] || rev="$rev, uncommitted changes"
    # shellcheck disable=SC2016  # the backquotes are Markdown
    {
        printf '\n### Run of %s–%s UTC%s\n\n' "$started" "$(date -u '+%H:%M')" \
            "${busy:+, with a busy loop on the other core}"
        printf -- '- command: `%s`\n' "$invocation"
        printf -- '- machine: %s, %s, %s CPUs; load average at the end: %s\n' "$(uname -m)" "${cpu:-unknown CPU}" \
            "$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo '?')" "$(cut -d' ' -f1-3 /proc/loadavg)"
        printf -- '- tkg: %s (tree %s); SQLite %s\n\n' "${tkgver:-version unknown}" "$rev" "$sqlitever"
        printf '%s\n' "$table"
    } >>"$out"
    printf 'sqlite.sh: appended to %s\n' "$out" >&2
fi

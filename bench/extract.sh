#!/usr/bin/env bash
# Drafting facts benchmark (issue 14): the whole `tkg extract` (reading the article and the
# --graph inputs, sentences, gazetteer, dates, relations, writing the draft) on 1 MB of French
# and 1 MB of English, CPU (user+sys) and wall time of whole processes side by side.
#
#   bench/extract.sh [--rounds R] [--bytes N] [--corpus DIR] [--baseline TKG] [--out FILE]
#
# The texts (bench/out/extract-<UTC time>/text-fr.txt and text-en.txt, gitignored) are the
# articles of tests/extract/ in each language (French: the seed article and the own French
# texts; English: the own English texts) concatenated, one blank line between paragraphs,
# until each holds at least N bytes (default 1,000,000). Copy k of a text has each year from
# 1990 to 2030 shifted by (k mod 61) - 30, so that copies differ in their dates and the draft
# holds as many distinct relations as a real 1 MB of news would rather than one relation
# citing thousands of identical sentences; resolution numbers (2100, 2690, 1925, 2149) stay.
#
# Each round runs, in this order, each command a whole process under /usr/bin/time:
#   extract-L          tkg extract --lang L --source-id bench-L --published P
#                      --graph graphs/sahel.xml -o draft-L.xml text-L.txt   (L = fr, en)
#   extract-L-icews    the same with the ICEWS sample as a large gazetteer: --graph
#                      DIR/temporal-kg/icews_2014_test.txt --graph .../icews_2014_valid.txt
#                      (3,856 named actors: states, governments, people); skipped when
#                      DIR/temporal-kg is missing (DIR: --corpus, default TKG_CORPUS from the
#                      environment, else the default of tests/CMakeLists.txt's TKG_CORPUS;
#                      the script only reads it)
#   extract-L-corpus   the same with the five samples of DIR/temporal-kg as gazetteer:
#                      icews_2014_test.txt, icews_2014_valid.txt, yago15k_test.txt,
#                      yago15k_valid.txt, wiki_valid.txt (23,407 entities); skipped when one
#                      is missing
#   graph-sahel        tkg stats graphs/sahel.xml: the floor of starting tkg and reading the
#                      gazetteer's graph, without the article
#   graph-icews        tkg stats of the two ICEWS files (with the ICEWS sample)
#   graph-corpus       tkg stats of the five samples (with them)
# With --baseline TKG, each command also runs with that other tkg binary right after the
# measured one, in the same round (ids base-ID), and the report shows both side by side: a
# before/after comparison on one machine under the same load (keep a copy of the old binary,
# e.g. cp build/tkg /tmp/tkg-before, before rebuilding).
# after one warm-up round (not reported). Every draft must pass `tkg validate`, or the
# script stops. Then, when built next to tkg, build/extract_stages_time
# (bench/extract_stages_time.c) times the library stages one by one inside one process
# (reading the graphs, the gazetteer, the text, sentences, actor mentions, temporal
# expressions: R runs each, median CPU), for each text and gazetteer (and so does the
# extract_stages_time next to the --baseline binary, when there is one).
# Prints a Markdown report (medians over the rounds): per command the article's bytes, the
# relations drafted, user, sys, CPU, wall (bash's clock around the run, to the microsecond)
# and peak RSS, and CPU and wall per MB; --out FILE appends it to FILE with the date,
# machine, load average, versions and command line.
#
# Options: --rounds R (default 5), --bytes N (default 1000000), --corpus DIR, --baseline TKG,
# --out FILE.
# Environment: TKG (default <repo>/build/tkg), PYTHON (default /usr/bin/python3: the texts
# and the report), TKG_CORPUS (the corpus directory), STAGES (default: extract_stages_time
# next to TKG).
set -euo pipefail

# shellcheck source=bench/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
bench_invocation "$0" "$@"

rounds=5
bytes=1000000
corpus=${TKG_CORPUS:-$root/../shared/corpus}
out=
baseline=
while [ $# -gt 0 ]; do
    case $1 in
    -h | --help) usage; exit 0 ;;
    --rounds) [ $# -ge 2 ] || usage_error "--rounds needs a value"; rounds=$2; shift 2 ;;
    --rounds=*) rounds=${1#*=}; shift ;;
    --bytes) [ $# -ge 2 ] || usage_error "--bytes needs a value"; bytes=$2; shift 2 ;;
    --bytes=*) bytes=${1#*=}; shift ;;
    --corpus) [ $# -ge 2 ] || usage_error "--corpus needs a directory"; corpus=$2; shift 2 ;;
    --corpus=*) corpus=${1#*=}; shift ;;
    --baseline) [ $# -ge 2 ] || usage_error "--baseline needs a tkg binary"; baseline=$2; shift 2 ;;
    --baseline=*) baseline=${1#*=}; shift ;;
    --out) [ $# -ge 2 ] || usage_error "--out needs a file name"; out=$2; shift 2 ;;
    --out=*) out=${1#*=}; shift ;;
    *) usage_error "unknown argument '$1'" ;;
    esac
done
[[ $rounds =~ ^[1-9][0-9]*$ ]] || usage_error "--rounds must be a positive integer, not '$rounds'"
[[ $bytes =~ ^[1-9][0-9]*$ ]] || usage_error "--bytes must be a positive integer, not '$bytes'"

# --- tools ------------------------------------------------------------------------------------
"$TIME" -f '%U %S %e %M' -o /dev/null true 2>/dev/null ||
    die "GNU time not found at $TIME (Debian package: time)"
[ -x "$PYTHON" ] || die "python not found at $PYTHON (set PYTHON=...)"
[ -x "$TKG" ] || die "tkg not found at $TKG: build it first (cmake -S . -B build && cmake --build build), or set TKG=..."
"$TKG" extract --help >/dev/null 2>&1 || die "$TKG has no 'extract' command"
if [ -n "$baseline" ]; then
    [ -x "$baseline" ] || die "--baseline: no tkg binary at $baseline"
    "$baseline" extract --help >/dev/null 2>&1 || die "$baseline has no 'extract' command"
fi
[ -n "${EPOCHREALTIME:-}" ] || die "bash 5 or later is needed (EPOCHREALTIME)"

sahel=$root/graphs/sahel.xml
icews=()
if [ -d "$corpus/temporal-kg" ]; then
    for f in icews_2014_test.txt icews_2014_valid.txt; do
        [ -f "$corpus/temporal-kg/$f" ] && icews+=("$corpus/temporal-kg/$f")
    done
fi
[ ${#icews[@]} -gt 0 ] ||
    printf 'extract.sh: no ICEWS sample in %s/temporal-kg: the large gazetteer is skipped\n' "$corpus" >&2
samples=()
if [ ${#icews[@]} -eq 2 ]; then
    samples=("${icews[@]}")
    for f in yago15k_test.txt yago15k_valid.txt wiki_valid.txt; do
        [ -f "$corpus/temporal-kg/$f" ] && samples+=("$corpus/temporal-kg/$f")
    done
fi
if [ ${#samples[@]} -ne 5 ]; then
    samples=()
    printf 'extract.sh: not all five samples in %s/temporal-kg: the corpus gazetteer is skipped\n' "$corpus" >&2
fi

stamp=$(date -u +%Y%m%dT%H%M%SZ)
started=$(date -u '+%Y-%m-%d %H:%M')
rawdir=$root/bench/out/extract-$stamp
mkdir -p "$rawdir"
runs=$rawdir/runs.tsv
printf 'id\tround\tuser_s\tsys_s\twall_s\tpeak_rss_kib\n' >"$runs"

# --- the texts --------------------------------------------------------------------------------
"$PYTHON" - "$root/tests/extract" "$rawdir" "$bytes" <<'PY'
import os, re, sys

src, outdir, target = sys.argv[1], sys.argv[2], int(sys.argv[3])
texts = {
    'fr': ['minusma-2024-11-15.fr.txt', 'texts/etat-urgence-2025-01-03.fr.txt',
           'texts/afrique-2025-03-21.fr.txt'],
    'en': ['texts/minusma-2024-01-02.en.txt', 'texts/sahel-congo-2025-03-14.en.txt'],
}
YEAR = re.compile(r'(?<![0-9])(199[0-9]|20[0-2][0-9]|2030)(?![0-9])')
for lang, names in texts.items():
    bodies = []
    for n in names:
        with open(os.path.join(src, n), encoding='utf-8') as f:
            bodies.append(f.read().strip('\n'))
    parts, size, k = [], 0, 0
    while size < target:
        shift = k % 61 - 30
        for b in bodies:
            p = YEAR.sub(lambda m: str(int(m.group(1)) + shift), b)
            parts.append(p)
            size += len(p.encode('utf-8')) + 2
        k += 1
    with open(os.path.join(outdir, 'text-%s.txt' % lang), 'w', encoding='utf-8') as f:
        f.write('\n\n'.join(parts) + '\n')
PY
for lang in fr en; do
    [ "$(wc -c <"$rawdir/text-$lang.txt")" -ge "$bytes" ] || die "text-$lang.txt is shorter than $bytes bytes"
done
cat "$rawdir"/text-*.txt "$sahel" "${samples[@]}" "${icews[@]}" >/dev/null # into the page cache

# run_one ID ROUND CMD... : one whole-process measurement, appended to runs.tsv (round 0 is
# the warm-up, not recorded); its stdout is kept in ID.stdout.
run_one() {
    local id=$1 round=$2 user sys rss wall t0 t1
    shift 2
    local tf=$rawdir/$id.time so=$rawdir/$id.stdout se=$rawdir/$id.stderr
    t0=$EPOCHREALTIME
    if ! "$TIME" -f '%U %S %e %M' -o "$tf" "$@" >"$so" 2>"$se"; then
        {
            printf 'extract.sh: error: %s failed (round %s):\n  %s\n' "$id" "$round" "$*"
            tail -n 20 "$se" | sed 's/^/  | /'
        } >&2
        exit 1
    fi
    t1=$EPOCHREALTIME
    read -r user sys _ rss <<<"$(tail -n 1 "$tf")"
    wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", b - a }')
    [ "$round" = 0 ] ||
        printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$id" "$round" "$user" "$sys" "$wall" "$rss" >>"$runs"
    printf '  %-8s %-16s cpu %6.2f s  wall %6.2f s  %7.1f MiB\n' "${round/#0/warm-up}" "$id" \
        "$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')" "$wall" \
        "$(awk -v k="$rss" 'BEGIN { print k / 1024 }')" >&2
}

published() { [ "$1" = fr ] && echo 2024-11-15 || echo 2024-01-02; }
icews_args=()
for f in "${icews[@]}"; do icews_args+=(--graph "$f"); done
samples_args=()
for f in "${samples[@]}"; do samples_args+=(--graph "$f"); done

# run_both ID ROUND ARGS... : tkg ARGS as ID, then with --baseline the baseline's as base-ID
# (its draft, if any, beside the measured one's as base-DRAFT).
run_both() {
    local id=$1 round=$2
    shift 2
    run_one "$id" "$round" "$TKG" "$@"
    [ -n "$baseline" ] || return 0
    local args=() a
    for a in "$@"; do
        case $a in "$rawdir"/draft-*) a=$rawdir/base-${a#"$rawdir"/} ;; esac
        args+=("$a")
    done
    run_one "base-$id" "$round" "$baseline" "${args[@]}"
}

for round in $(seq 0 "$rounds"); do
    run_both graph-sahel "$round" stats "$sahel"
    [ ${#icews[@]} -eq 0 ] || run_both graph-icews "$round" stats "${icews[@]}"
    [ ${#samples[@]} -eq 0 ] || run_both graph-corpus "$round" stats "${samples[@]}"
    for lang in fr en; do
        run_both "extract-$lang" "$round" extract --lang "$lang" --source-id "bench-$lang" \
            --published "$(published "$lang")" --graph "$sahel" -o "$rawdir/draft-$lang.xml" \
            "$rawdir/text-$lang.txt"
        [ ${#icews[@]} -eq 0 ] ||
            run_both "extract-$lang-icews" "$round" extract --lang "$lang" \
                --source-id "bench-$lang" --published "$(published "$lang")" --graph "$sahel" \
                "${icews_args[@]}" -o "$rawdir/draft-$lang-icews.xml" "$rawdir/text-$lang.txt"
        [ ${#samples[@]} -eq 0 ] ||
            run_both "extract-$lang-corpus" "$round" extract --lang "$lang" \
                --source-id "bench-$lang" --published "$(published "$lang")" --graph "$sahel" \
                "${samples_args[@]}" -o "$rawdir/draft-$lang-corpus.xml" "$rawdir/text-$lang.txt"
    done
    if [ "$round" = 0 ]; then
        for d in "$rawdir"/draft-*.xml "$rawdir"/base-draft-*.xml; do
            [ -e "$d" ] || continue
            "$TKG" validate "$d" >/dev/null 2>"$rawdir/validate.stderr" ||
                die "the draft $d does not validate: see $rawdir/validate.stderr"
        done
    fi
done

# --- the stages, one process each -------------------------------------------------------------
STAGES=${STAGES:-$(dirname "$TKG")/extract_stages_time}
stages=$rawdir/stages.tsv
: >"$stages"
# time_stages PROGRAM VARIANT: its rows in stages.tsv (VARIANT: "" or "base-").
time_stages() {
    local program=$1 variant=$2 lang gaz graphs
    for lang in fr en; do
        for gaz in sahel icews corpus; do
            graphs=("$sahel")
            case $gaz in
            icews) [ ${#icews[@]} -gt 0 ] || continue; graphs+=("${icews[@]}") ;;
            corpus) [ ${#samples[@]} -gt 0 ] || continue; graphs+=("${samples[@]}") ;;
            esac
            "$program" "$lang" "$(published "$lang")" "$rounds" "$rawdir/text-$lang.txt" \
                "${graphs[@]}" | sed "1d; s/^/$variant\t$lang\t$gaz\t/" >>"$stages" ||
                die "$program failed on text-$lang.txt"
        done
    done
}
if [ -x "$STAGES" ]; then
    time_stages "$STAGES" ""
    if [ -n "$baseline" ] && [ -x "$(dirname "$baseline")/extract_stages_time" ]; then
        time_stages "$(dirname "$baseline")/extract_stages_time" base-
    fi
else
    printf 'extract.sh: no %s (cmake --build build --target extract_stages_time): the stages are not timed\n' "$STAGES" >&2
fi

# --- report -----------------------------------------------------------------------------------
table=$("$PYTHON" - "$runs" "$rawdir" "$stages" <<'PY'
import csv, os, re, statistics, sys

runs_path, rawdir, stages_path = sys.argv[1:4]
runs = {}
with open(runs_path, newline="") as f:
    for r in csv.DictReader(f, delimiter="\t"):
        runs.setdefault(r["id"], []).append(r)


def med(id, f):
    return statistics.median(f(r) for r in runs[id])


def cpu(r):
    return float(r["user_s"]) + float(r["sys_s"])


def relations(path):
    with open(path, encoding="utf-8") as f:
        return len(re.findall(r"<relation ", f.read()))


n = len(runs["graph-sahel"])
GAZ = {"": "graphs/sahel.xml", "-icews": "graphs/sahel.xml + ICEWS sample",
       "-corpus": "graphs/sahel.xml + the five samples"}
# The variants: the measured tkg, and with --baseline the baseline ("base-" ids) before it.
variants = [("base-", " (baseline)"), ("", "")] if "base-graph-sahel" in runs else [("", "")]
print(f"Whole processes under `/usr/bin/time`, {'medians of ' + str(n) + ' rounds' if n > 1 else 'one round'} "
      "after a warm-up; CPU = user + sys; wall from bash's clock around the run"
      + ("; \"(baseline)\": the --baseline binary, run right after the measured one in each round."
         if len(variants) > 1 else "."))
print()
print("| command | article bytes | relations drafted | user s | sys s | CPU s | wall s "
      "| CPU s / MB | wall s / MB | peak RSS MiB |")
print("|---|---|---|---|---|---|---|---|---|---|")
rows = [("graph-sahel", "`tkg stats graphs/sahel.xml` (floor: start-up, the graph)", None, None),
        ("graph-icews", "`tkg stats` of the ICEWS sample (floor: start-up, the graphs)", None, None),
        ("graph-corpus", "`tkg stats` of the five samples (floor: start-up, the graphs)", None, None)]
for lang in ("fr", "en"):
    text = os.path.join(rawdir, f"text-{lang}.txt")
    for suffix, what in (("", ""), ("-icews", " and the ICEWS sample"),
                         ("-corpus", " and the five samples")):
        rows.append((f"extract-{lang}{suffix}",
                     f"`tkg extract --lang {lang}`, `--graph graphs/sahel.xml`{what}",
                     text, f"draft-{lang}{suffix}.xml"))
for id, label, text, draft in rows:
    for prefix, note in variants:
        if prefix + id not in runs:
            continue
        size = os.path.getsize(text) if text else 0
        c = med(prefix + id, cpu)
        w = med(prefix + id, lambda r: float(r["wall_s"]))
        per = (lambda x: f"{x / (size / 1e6):.3f}") if size else (lambda x: "")
        rel = relations(os.path.join(rawdir, prefix + draft)) if draft else ""
        print(f"| {label}{note} | {f'{size:,}' if size else ''} | {rel} "
              f"| {med(prefix + id, lambda r: float(r['user_s'])):.2f} "
              f"| {med(prefix + id, lambda r: float(r['sys_s'])):.2f} "
              f"| {c:.2f} | {w:.3f} | {per(c)} | {per(w)} "
              f"| {med(prefix + id, lambda r: float(r['peak_rss_kib'])) / 1024:.1f} |")
print()
print("Against the target of issue 14 (1 MB of text in under a second):")
print()
print("| text | gazetteer | CPU s | wall s | met? |")
print("|---|---|---|---|---|")
for lang in ("fr", "en"):
    for suffix, gaz in GAZ.items():
        for prefix, note in variants:
            id = f"{prefix}extract-{lang}{suffix}"
            if id not in runs:
                continue
            c = med(id, cpu)
            w = med(id, lambda r: float(r["wall_s"]))
            print(f"| {lang} | {gaz}{note} | {c:.2f} | {w:.3f} | {'yes' if max(c, w) < 1 else 'no'} |")

stages = {}
with open(stages_path) as f:
    for line in f:
        prefix, lang, gaz, stage, found, med_cpu, _ = line.rstrip("\n").split("\t")
        stages.setdefault((lang, gaz, prefix), []).append((stage, int(found), float(med_cpu)))
if stages:
    names = [s for s, _, _ in next(iter(stages.values()))]
    print()
    print(f"The library stages one by one (`build/extract_stages_time`, one process per text and "
          f"gazetteer, median CPU s of {n} runs; in parentheses what each found: entities, "
          f"names, bytes, sentences, mentions, expressions):")
    print()
    print("| text | gazetteer | " + " | ".join(names) + " | sum |")
    print("|---|---|" + "---|" * (len(names) + 1))
    for (lang, gaz, prefix), rows in sorted(stages.items(), key=lambda kv: (
            ("fr", "en").index(kv[0][0]), ("sahel", "icews", "corpus").index(kv[0][1]),
            kv[0][2] != "base-")):
        label = GAZ["" if gaz == "sahel" else "-" + gaz] + (" (baseline)" if prefix else "")
        print(f"| {lang} | {label} | " + " | ".join(f"{c:.3f} ({k:,})" for _, k, c in rows)
              + f" | {sum(c for _, _, c in rows):.3f} |")
PY
)

printf '%s\n' "$table"
printf 'extract.sh: per-run records in %s\n' "${runs#"$root"/}" >&2

if [ -n "$out" ]; then
    cpu=$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)
    tkgver=$("$TKG" --version 2>/dev/null | head -n 1 || true)
    rev=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo 'no commit')
    [ -z "$(git -C "$root" status --porcelain -- src include CMakeLists.txt 2>/dev/null)" ] || rev="$rev, uncommitted changes"
    # shellcheck disable=SC2016  # the backquotes are Markdown
    {
        printf '\n### Run of %s–%s UTC\n\n' "$started" "$(date -u '+%H:%M')"
        printf -- '- command: `%s`\n' "$invocation"
        printf -- '- machine: %s, %s, load average %s\n' "$(uname -m)" "${cpu:-unknown CPU}" \
            "$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
        printf -- '- tkg: %s (tree %s)\n\n' "${tkgver:-?}" "$rev"
        printf '%s\n' "$table"
    } >>"$out"
    printf 'extract.sh: appended to %s\n' "$out" >&2
fi

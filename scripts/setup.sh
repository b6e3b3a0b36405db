#!/usr/bin/env bash
# Installs what tkg needs, on Debian 12, as root. Safe to run again: only missing packages
# are installed.
#   scripts/setup.sh --main   what building tkg and running scripts/run.sh need (no Node.js,
#                             no npm, no network but the Debian mirror);
#   scripts/setup.sh          that and everything the test suite needs (scripts/test.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

mode=all
case ${1:-} in
--main) mode=main ;;
"") ;;
*)
    echo "usage: scripts/setup.sh [--main]" >&2
    exit 2
    ;;
esac

# The build and the main job: the library, tkg, tkg-render and `tkg report`.
main_packages=(
    build-essential cmake pkg-config     # toolchain
    libxml2-dev                          # XML parsing
    libigraph-dev                        # centrality, communities, paths, layouts
    libgraphviz-dev                      # tkg-render (diagrams)
    libsqlite3-dev                       # tkg export -f sqlite (docs/sqlite.md)
    libicu-dev                           # sentence boundaries of articles (docs/extract.md)
)
# The tests: the independent readers and oracles they check tkg's output with.
test_packages=(
    libxml2-utils                        # xmllint with the official schemas
    librsvg2-bin                         # rsvg-convert: draws tkg report's chart
    graphviz                             # dot for the DOT tests
    libcunit1-dev                        # unit tests
    libsqlite3-dev sqlite3               # the sqlite3 shell checks the SQLite bases
    libglpk-dev libarpack2-dev libplfit-dev  # named by `pkg-config --static igraph` (tests/install)
    python3 python3-networkx python3-igraph  # independent oracles
    python3-numpy python3-scipy          # NetworkX's PageRank, HITS and matrices (analytics oracles)
    nodejs npm                           # graphology (Gephi Lite's parser), the viewer, puppeteer-core
    chromium fonts-dejavu-core           # the browser tests drive Debian's Chromium, headless
    firefox-esr xvfb                     # and Firefox ESR, on a virtual display (WebGL)
    iso-codes                            # data/states.tsv is checked against it (tests/extract)
    locales time
)
packages=("${main_packages[@]}")
[[ $mode == main ]] || packages+=("${test_packages[@]}")

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# Node.js may come from outside Debian on some images: accept any node and npm on PATH.
if command -v node >/dev/null && command -v npm >/dev/null; then
    tmp=()
    for p in "${missing[@]}"; do [[ $p == nodejs || $p == npm ]] || tmp+=("$p"); done
    missing=("${tmp[@]}")
fi
if ((${#missing[@]})); then
    echo "installing: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

[[ $mode == main ]] && exit 0

# A French locale, to check that numbers are written in the C locale whatever LC_ALL says.
if ! locale -a 2>/dev/null | grep -qi '^fr_FR.utf8$'; then
    localedef -i fr_FR -f UTF-8 fr_FR.UTF-8 || echo "warning: could not generate fr_FR.UTF-8"
fi

# graphology, at the versions Gephi Lite pins, for the export tests (package-lock.json).
if [[ ! -d tests/export/node_modules/graphology-gexf ]]; then
    npm ci --prefix tests/export --no-audit --no-fund --loglevel=error
fi

# npm ci DIR, unless DIR/node_modules already holds what DIR/package-lock.json pins (a copy of
# the lockfile is kept beside the modules it installed).
npm_ci() {
    local dir=$1 stamp=$1/node_modules/.tkg-package-lock.json
    if [[ -f $stamp ]] && cmp -s "$dir/package-lock.json" "$stamp"; then
        return 0
    fi
    npm ci --prefix "$dir" --no-audit --no-fund --loglevel=error
    cp "$dir/package-lock.json" "$stamp"
}
# puppeteer-core for the browser tests (tests/browser): it drives /usr/bin/chromium and
# /usr/bin/firefox-esr and downloads no browser.
npm_ci tests/browser
# The viewer's build, lint and unit tests (viewer/): the main job never runs npm, since the
# built page is committed.
npm_ci viewer

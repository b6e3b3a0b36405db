#!/usr/bin/env bash
# Installs what tkg needs to build and test, on Debian 12, as root. Safe to run again:
# only missing packages are installed.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
    build-essential cmake pkg-config    # toolchain
    libxml2-dev libxml2-utils            # XML parsing; xmllint for the schema tests
    librsvg2-bin                         # rsvg-convert: draws tkg report's chart in the tests
    libigraph-dev                        # centrality, communities, paths
    libgraphviz-dev graphviz             # tkg-render; dot for the DOT tests
    libcunit1-dev                        # unit tests
    python3 python3-networkx python3-igraph  # independent oracles in the tests
    python3-numpy python3-scipy          # NetworkX's PageRank, HITS and matrices (analytics oracles)
    nodejs npm                           # graphology (Gephi Lite's parser) in the tests
    locales time
)
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

# A French locale, to check that numbers are written in the C locale whatever LC_ALL says.
if ! locale -a 2>/dev/null | grep -qi '^fr_FR.utf8$'; then
    localedef -i fr_FR -f UTF-8 fr_FR.UTF-8 || echo "warning: could not generate fr_FR.UTF-8"
fi

# graphology, at the versions Gephi Lite pins, for the export tests (package-lock.json).
if [[ ! -d tests/export/node_modules/graphology-gexf ]]; then
    npm ci --prefix tests/export --no-audit --no-fund --loglevel=error
fi

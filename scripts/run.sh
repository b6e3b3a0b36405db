#!/usr/bin/env bash
# The main job: installs what is missing, builds tkg, and writes every output for graphs/
# into output/ (diagrams, GraphML, GEXF, graphology JSON, Neo4j CSV, the actors' centrality
# now and over time with a chart of their ranks, index.html).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$(nproc)"
build/tkg stats graphs/
build/tkg report -o output graphs/
echo "open output/index.html"

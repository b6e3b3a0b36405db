#!/usr/bin/env bash
# The main job: installs what is missing for it (scripts/setup.sh --main: no Node.js, no
# npm), builds tkg and tkg-render, and writes every output for graphs/ into output/ (the
# interactive timeline page, diagrams, GraphML, GEXF, graphology JSON, Neo4j CSV, the actors'
# centrality now and over time with a chart of their ranks, index.html).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --main
# Only tkg and tkg-render: the tests (BUILD_TESTING=OFF) need packages the main job does not.
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBUILD_TESTING=OFF >/dev/null
cmake --build build -j"$(nproc)" --target tkg_cli tkg-render
build/tkg stats graphs/
build/tkg report -o output graphs/
echo "open output/index.html"

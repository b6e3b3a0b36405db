#!/usr/bin/env bash
# Longer fuzzing campaigns than CI runs: builds every libFuzzer target of fuzz/ with clang
# (ASan + UBSan) into build-fuzz/, runs each for SECONDS (default 300) on its corpus, then
# merges what it found back into fuzz/corpus/TARGET/ (libFuzzer's -merge keeps only inputs
# that add coverage). ctest replays those corpora on every run, so a finding stays a
# regression test once it is committed. A crash leaves its input as build-fuzz/crash-*
# (and the script stops with status 1): add it to the target's corpus with the fix.
#
# Usage: scripts/fuzz.sh [--seconds N] [--jobs N] [TARGET...]
#        (targets: those listed in fuzz/CMakeLists.txt, all by default)
# Not run by CI: a campaign takes minutes per target.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=300
jobs=1
targets=()
while (($#)); do
    case $1 in
    --seconds) seconds=$2; shift 2 ;;
    --jobs) jobs=$2; shift 2 ;;
    -h | --help) sed -n '2,13p' "$0"; exit 0 ;;
    -*) echo "fuzz.sh: unknown option $1" >&2; exit 2 ;;
    *) targets+=("$1"); shift ;;
    esac
done
if ((${#targets[@]} == 0)); then
    read -r -a targets <<<"$(sed -n 's/^set(TKG_FUZZ_TARGETS \(.*\))$/\1/p' fuzz/CMakeLists.txt)"
fi

scripts/setup.sh
if ! command -v clang >/dev/null || ! dpkg-query -W libclang-rt-14-dev >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends clang libclang-rt-14-dev
fi
CC=clang cmake -S . -B build-fuzz -DTKG_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
for t in "${targets[@]}"; do
    cmake --build build-fuzz -j"$(nproc)" --target "fuzz_$t" >/dev/null
done

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
for t in "${targets[@]}"; do
    corpus=fuzz/corpus/$t
    found=build-fuzz/found-$t
    mkdir -p "$corpus" "$found"
    echo "== fuzz_$t: ${seconds}s on $corpus"
    (cd build-fuzz && "./fuzz/fuzz_$t" -max_total_time="$seconds" -jobs="$jobs" -workers="$jobs" \
        -print_final_stats=1 "../$found" "../$corpus")
    before=$(find "$corpus" -type f | wc -l)
    "build-fuzz/fuzz/fuzz_$t" -merge=1 "$corpus" "$found" >/dev/null 2>&1
    after=$(find "$corpus" -type f | wc -l)
    echo "== fuzz_$t: corpus $before -> $after inputs"
done
echo "Commit the new inputs of fuzz/corpus/ (git status shows them): ctest replays them."

#!/usr/bin/env bash
# The whole test suite: installs what is missing, builds with warnings as errors, runs ctest.
# With --sanitize, builds into build-asan with AddressSanitizer and UndefinedBehaviorSanitizer.
# With --tsan, builds into build-tsan with ThreadSanitizer and runs the tests of what tkg.h
# ("Threads") says may run at once: unit_threads, and unit_outfile (the file sinks).
set -euo pipefail
cd "$(dirname "$0")/.."

dir=build
flags=(-DTKG_WERROR=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBUILD_TESTING=ON)
targets=()
select=()
case ${1:-} in
--sanitize)
    dir=build-asan
    flags=(-DTKG_WERROR=ON -DTKG_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug -DBUILD_TESTING=ON)
    export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
    export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
    ;;
--tsan)
    dir=build-tsan
    flags=(-DTKG_WERROR=ON -DTKG_TSAN=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBUILD_TESTING=ON)
    targets=(--target test_threads test_outfile)
    select=(-R '^unit_(threads|outfile)$')
    export TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1
    ;;
"") ;;
*)
    echo "usage: scripts/test.sh [--sanitize | --tsan]" >&2
    exit 2
    ;;
esac

scripts/setup.sh
cmake -S . -B "$dir" "${flags[@]}"
cmake --build "$dir" -j"$(nproc)" "${targets[@]}"
ctest --test-dir "$dir" --output-on-failure -j"$(nproc)" "${select[@]}"

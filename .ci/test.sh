#!/usr/bin/env bash
# The whole test suite: install, build with warnings as errors, run every test; then the same
# tests under AddressSanitizer + UndefinedBehaviorSanitizer; then each libFuzzer target for a
# short smoke run (DW_FUZZ_SECONDS, default 15 s each). Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
./.ci/install-deps.sh
jobs=$(nproc)

echo "== release build (-Werror) and tests"
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DDW_WERROR=ON -DDW_BUILD_TESTS=ON >/dev/null
cmake --build build -j "$jobs"
ctest --test-dir build -j "$jobs" --output-on-failure

echo "== ASan+UBSan build and tests"
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DDW_WERROR=ON -DDW_SANITIZE=ON \
      -DDW_BUILD_BENCH=OFF >/dev/null
cmake --build build-asan -j "$jobs"
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --test-dir build-asan -j "$jobs" --output-on-failure

echo "== libFuzzer smoke runs"
CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDW_FUZZ=ON \
      -DDW_BUILD_TESTS=OFF -DDW_BUILD_BENCH=OFF >/dev/null
cmake --build build-fuzz -j "$jobs"
tests/fuzz/run.sh build-fuzz "${DW_FUZZ_SECONDS:-15}"

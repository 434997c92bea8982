#!/usr/bin/env bash
# Main job: install what is needed, build, and run discwright on this machine.
# Until the formats and virtual-drive issues land, the main job is the self-test of the build:
# `discwright --version` and `discwright selftest` (golden vectors of the CD physics and checksums).
set -euo pipefail
cd "$(dirname "$0")/.."
./.ci/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DDW_BUILD_TESTS=OFF -DDW_BUILD_BENCH=OFF >/dev/null
cmake --build build --target discwright
./build/bin/discwright --version
./build/bin/discwright selftest

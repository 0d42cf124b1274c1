#!/usr/bin/env bash
# build-fuzzers.sh SOURCE_DIR FUZZ_BUILD_DIR CLANGXX
# Configures and builds the clang-instrumented fuzz tree next to the normal
# build: only the fuzz targets (and what they link), not the whole project.
set -euo pipefail
src=$1 out=$2 cxx=$3
if [ ! -x "$cxx" ]; then
  echo "fuzz_build: no clang++ found; scripts/setup installs clang-14 and libclang-rt-14-dev" >&2
  exit 1
fi
cmake -S "$src" -B "$out" -G Ninja -DCMAKE_CXX_COMPILER="$cxx" -DSLUICE_FUZZ=ON \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$out" --target fuzzers

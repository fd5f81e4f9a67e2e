#!/usr/bin/env bash
# Builds GenNet's RTNeural peer (gennet_dense_bench.cpp, or the one GENNET_RTNEURAL_BENCH names, e.g.
# gennet_recurrent_bench) with RTNeural's Eigen backend, -O3 -march=native, as the
# peer's own `run` script does (/work/shared/peers/rtneural/run).
#
#   build.sh [output-dir]
#
# Unpacks rtneural-src.tgz (RTNeural's headers with the vendored Eigen; GENNET_RTNEURAL_DIR names the folder that holds
# it, /work/shared/peers/rtneural by default) into <output-dir>/src once, compiles <output-dir>/gennet_dense_bench and
# prints its path as the last line. <output-dir> defaults to obj/rtneural beside this script's project (ignored by
# git). Rebuilds only when the archive or the source is newer than the binary. Needs g++ (apt-get install -y g++).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
peer=${GENNET_RTNEURAL_DIR:-/work/shared/peers/rtneural}
archive="$peer/rtneural-src.tgz"
out=${1:-"$here/../obj/rtneural"}
bench=${GENNET_RTNEURAL_BENCH:-gennet_dense_bench}
source="$here/$bench.cpp"

command -v g++ >/dev/null || { echo "g++ not found (apt-get install -y g++)" >&2; exit 2; }
[ -f "$archive" ] || { echo "$archive not found (set GENNET_RTNEURAL_DIR)" >&2; exit 3; }

mkdir -p "$out"
out=$(cd "$out" && pwd)
binary="$out/$bench"
if [ ! -f "$out/src/.unpacked" ] || [ "$archive" -nt "$out/src/.unpacked" ]; then
  rm -rf "$out/src"
  mkdir -p "$out/src"
  tar -C "$out/src" -xzf "$archive"
  touch "$out/src/.unpacked"
fi

if [ ! -x "$binary" ] || [ "$source" -nt "$binary" ] || [ "$out/src/.unpacked" -nt "$binary" ]; then
  src="$out/src"
  g++ -O3 -march=native -std=c++17 -DNDEBUG -DRTNEURAL_USE_EIGEN=1 -DRTNEURAL_DEFAULT_ALIGNMENT=32 \
      -I"$src" -I"$src/RTNeural" -I"$src/modules/Eigen" -I"$src/modules/json" \
      "$source" -o "$binary.tmp"
  mv "$binary.tmp" "$binary"
fi
echo "$binary"

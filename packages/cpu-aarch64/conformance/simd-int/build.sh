#!/bin/sh
# Build the AdvSIMD integer conformance programs from src/ into bin/ (or $1). Reproducible:
# sources are named relative to src/, no build IDs, no timestamps.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-"$here/bin"}
mkdir -p "$out"
out=$(cd "$out" && pwd)
objs=$(mktemp -d)
trap 'rm -rf "$objs"' EXIT
cd "$here/src"
for src in *.S; do
  name=${src%.S}
  aarch64-linux-gnu-as -march=armv8-a+crypto -o "$objs/$name.o" "$src"
  aarch64-linux-gnu-ld -static --build-id=none -o "$out/$name" "$objs/$name.o"
done

#!/bin/sh
# Build every conformance program from src/ into the directory given as $1 (default: bin/).
# The build is reproducible: sources are named relative to src/, no build IDs, no timestamps,
# so rebuilding with the same toolchain gives byte-identical binaries.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-"$here/bin"}
mkdir -p "$out"
out=$(cd "$out" && pwd)
objs=$(mktemp -d)
trap 'rm -rf "$objs"' EXIT
cd "$here/src"

for src in *.S; do
  [ -e "$src" ] || continue
  name=${src%.S}
  aarch64-linux-gnu-as -I . -o "$objs/$name.o" "$src"
  aarch64-linux-gnu-ld -static --build-id=none -o "$out/$name" "$objs/$name.o"
done

for src in *.c; do
  [ -e "$src" ] || continue
  name=${src%.c}
  aarch64-linux-gnu-gcc -O2 -static -nostdlib -ffreestanding -mgeneral-regs-only \
    -fno-pie -no-pie -fno-stack-protector -fno-asynchronous-unwind-tables \
    -fno-tree-loop-distribute-patterns -g0 -Wall -Wextra -Werror \
    -Wl,--build-id=none -I . -o "$out/$name" "$src"
done

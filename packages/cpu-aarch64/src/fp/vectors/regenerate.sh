#!/bin/sh
# Rebuilds the soft-float test vectors from real instruction behaviour under QEMU's Cortex-A53.
# Needs aarch64-linux-gnu-gcc (Debian gcc-aarch64-linux-gnu) and qemu-aarch64-static.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
aarch64-linux-gnu-gcc -O1 -static -Wall -o "$tmp/gen-vectors" "$here/gen-vectors.c"
qemu-aarch64-static -cpu cortex-a53 "$tmp/gen-vectors" > "$tmp/fp-vectors.txt"
gzip -9 -n -c "$tmp/fp-vectors.txt" > "$here/fp-vectors.txt.gz"
wc -l "$tmp/fp-vectors.txt"

#!/bin/sh
# Builds simd-fp (static glibc, -O3 -march=armv8-a+crc+crypto) from simd-fp.c and records its
# qemu-aarch64 output in golden/. Needs gcc-aarch64-linux-gnu (glibc for arm64) and qemu-user-static.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
cd "$here"
aarch64-linux-gnu-gcc -static -O3 -march=armv8-a+crc+crypto -Wall -Wextra -ffp-contract=off \
  -Wl,--build-id=none -o simd-fp simd-fp.c -lm
mkdir -p golden
status=0
env -i qemu-aarch64-static -cpu cortex-a53 -0 simd-fp ./simd-fp < /dev/null > golden/simd-fp.out || status=$?
echo "$status" > golden/simd-fp.exit

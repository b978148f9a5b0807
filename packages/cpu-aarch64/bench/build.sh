#!/bin/sh
# Builds bench/workload from workload.c (needs gcc-aarch64-linux-gnu) and refreshes its QEMU
# golden outputs (needs qemu-user-static). Reproducible: the same compiler gives the same bytes.
# With a directory argument, only builds the binary into that directory (used by the test that
# checks the committed binary is up to date).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-"$here"}
mkdir -p "$out"
out=$(cd "$out" && pwd)
cd "$here"
aarch64-linux-gnu-gcc -O2 -static -nostdlib -ffreestanding -mgeneral-regs-only \
  -fno-pie -no-pie -fno-stack-protector -fno-asynchronous-unwind-tables \
  -fno-tree-loop-distribute-patterns -g0 -Wall -Wextra -Werror -Wl,--build-id=none \
  -o "$out/workload" workload.c
# The floating-point workload: scalar FP only (no auto-vectorisation), FMADD contraction as GCC's default.
aarch64-linux-gnu-gcc -O2 -static -nostdlib -ffreestanding -fno-tree-vectorize -fno-math-errno \
  -fno-pie -no-pie -fno-stack-protector -fno-asynchronous-unwind-tables \
  -fno-tree-loop-distribute-patterns -g0 -Wall -Wextra -Werror -Wl,--build-id=none \
  -o "$out/fp-workload" fp-workload.c
# fp-simd: FP-heavy and SIMD-heavy workloads (FP/SIMD registers allowed; no auto-vectorisation,
# so the FP workload stays scalar and the SIMD one is exactly its intrinsics).
aarch64-linux-gnu-gcc -O2 -static -nostdlib -ffreestanding -fno-tree-vectorize -fno-math-errno \
  -fno-pie -no-pie -fno-stack-protector -fno-asynchronous-unwind-tables \
  -fno-tree-loop-distribute-patterns -g0 -Wall -Wextra -Werror -Wl,--build-id=none \
  -o "$out/fp-simd" fp-simd.c
[ $# -eq 0 ] || exit 0
mkdir -p golden
for kib in 4 64; do
  status=0
  env -i qemu-aarch64-static -cpu cortex-a53 -0 workload ./workload "$kib" > "golden/workload-$kib.out" || status=$?
  echo "$status" > "golden/workload-$kib.exit"
done
for n in 4 16; do
  status=0
  env -i qemu-aarch64-static -cpu cortex-a53 -0 fp-workload ./fp-workload "$n" > "golden/fp-workload-$n.out" || status=$?
  echo "$status" > "golden/fp-workload-$n.exit"
done
for run in "fp 48" "simd 16"; do
  status=0
  # shellcheck disable=SC2086 # the mode and size are two arguments
  env -i qemu-aarch64-static -cpu cortex-a53 -0 fp-simd ./fp-simd $run > "golden/fp-simd-${run% *}.out" || status=$?
  echo "$status" > "golden/fp-simd-${run% *}.exit"
done

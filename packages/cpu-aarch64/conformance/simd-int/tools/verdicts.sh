#!/bin/sh
# For each random word of the AdvSIMD integer disassembler corpus (the `.inst` lines of
# src/disasm/golden/simd-int.S), run it alone under qemu-aarch64-static -cpu cortex-a53 and
# record whether it executes (ok) or raises SIGILL (undefined): golden/verdicts.tsv, one
# "<word> <TAB> ok|undefined" line per word. Needs binutils-aarch64-linux-gnu and qemu-user-static.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
corpus="$here/../../src/disasm/golden/simd-int.S"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ulimit -c 0
out="$here/golden/verdicts.tsv"
: > "$out"
for word in $(sed -n 's/^ *\.inst 0x\([0-9a-f]*\)$/\1/p' "$corpus"); do
  printf '.text\n.globl _start\n_start:\n.inst 0x%s\nmov x0, #0\nmov x8, #93\nsvc #0\n' "$word" > "$tmp/p.S"
  aarch64-linux-gnu-as "$tmp/p.S" -o "$tmp/p.o"
  aarch64-linux-gnu-ld -static --build-id=none "$tmp/p.o" -o "$tmp/p"
  status=$(sh -c "env -i qemu-aarch64-static -cpu cortex-a53 '$tmp/p' >/dev/null 2>&1; echo \$?" 2>/dev/null)
  case $status in
    0) verdict=ok ;;
    132) verdict=undefined ;;
    *) echo "unexpected status $status for $word" >&2; exit 1 ;;
  esac
  printf '%s\t%s\n' "$word" "$verdict" >> "$out"
done
echo "wrote $(wc -l < "$out") verdicts"

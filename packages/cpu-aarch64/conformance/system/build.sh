#!/bin/sh
# Build every system guest (src/*.S except boot.S) into the directory given as $1 (default bin/):
# <name>.elf, linked at 0x40080000 with boot.S by src/guest.ld, and <name>.bin, its raw image
# (objcopy -O binary) to load at 0x40080000 and enter at its first byte.
# Reproducible: sources are named relative to src/, no build IDs, no timestamps, no debug info.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-"$here/bin"}
mkdir -p "$out"
out=$(cd "$out" && pwd)
objs=$(mktemp -d)
trap 'rm -rf "$objs"' EXIT
cd "$here/src"

aarch64-linux-gnu-as -I . -o "$objs/boot.o" boot.S
for src in *.S; do
  name=${src%.S}
  [ "$name" = boot ] && continue
  aarch64-linux-gnu-as -I . -o "$objs/$name.o" "$src"
  aarch64-linux-gnu-ld -nostdlib --build-id=none --no-warn-rwx-segments -T guest.ld -o "$out/$name.elf" "$objs/boot.o" "$objs/$name.o"
  aarch64-linux-gnu-objcopy -O binary "$out/$name.elf" "$out/$name.bin"
done

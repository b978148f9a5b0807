#!/bin/sh
# Rebuilds cross.bin from cross.S with GNU binutils for aarch64 (Debian binutils-aarch64-linux-gnu).
set -eu
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
aarch64-linux-gnu-as -o "$tmp/cross.o" cross.S
aarch64-linux-gnu-ld -T link.ld -o "$tmp/cross.elf" "$tmp/cross.o"
aarch64-linux-gnu-objcopy -O binary "$tmp/cross.elf" "${1:-cross.bin}"

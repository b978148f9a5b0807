#!/bin/sh
# Rebuilds hello.bin from hello.S with GNU binutils for aarch64 (Debian binutils-aarch64-linux-gnu).
set -eu
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
aarch64-linux-gnu-as -o "$tmp/hello.o" hello.S
aarch64-linux-gnu-ld -T link.ld -o "$tmp/hello.elf" "$tmp/hello.o"
aarch64-linux-gnu-objcopy -O binary "$tmp/hello.elf" "${1:-hello.bin}"

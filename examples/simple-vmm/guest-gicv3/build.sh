#!/bin/sh
# Rebuilds guest.bin from guest.S with GNU binutils for aarch64 (Debian binutils-aarch64-linux-gnu).
set -eu
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
aarch64-linux-gnu-as -o "$tmp/guest.o" guest.S
aarch64-linux-gnu-ld -T ../guest/link.ld -o "$tmp/guest.elf" "$tmp/guest.o"
aarch64-linux-gnu-objcopy -O binary "$tmp/guest.elf" "${1:-guest.bin}"

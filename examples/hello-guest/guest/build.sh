#!/bin/sh
# Rebuilds the guests (hello.bin, echo.bin, primes.bin) from their .S sources with GNU binutils for
# aarch64 (Debian binutils-aarch64-linux-gnu). The optional argument is the output directory
# (default: this directory).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=$(cd "${1:-$here}" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for guest in hello echo primes; do
  aarch64-linux-gnu-as -o "$tmp/$guest.o" "$here/$guest.S"
  aarch64-linux-gnu-ld -T "$here/link.ld" -o "$tmp/$guest.elf" "$tmp/$guest.o"
  aarch64-linux-gnu-objcopy -O binary "$tmp/$guest.elf" "$out/$guest.bin"
done

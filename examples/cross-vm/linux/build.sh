#!/bin/sh
# Rebuilds linux/crossvm (committed, so running the example needs no cross compiler): a static
# arm64 Linux program. Needs aarch64-linux-gnu-gcc (Debian/Ubuntu: gcc-aarch64-linux-gnu).
set -e
cd "$(dirname "$0")"
aarch64-linux-gnu-gcc -static -O2 -Wall -Wextra -o crossvm crossvm.c
aarch64-linux-gnu-strip crossvm

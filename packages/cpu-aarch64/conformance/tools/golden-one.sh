#!/bin/sh
# Builds the named conformance programs (src/<name>.S or src/<name>.c) into bin/ and records
# their QEMU goldens, without touching the other programs (regenerate.sh redoes everything).
# Usage: tools/golden-one.sh <name>...      Needs binutils/gcc for aarch64 and qemu-user-static.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
[ $# -gt 0 ] || { echo "usage: $0 <program name>..." >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/src"
for name in "$@"; do
  if [ -e "$here/src/$name.S" ]; then cp "$here/src/$name.S" "$tmp/src/"
  elif [ -e "$here/src/$name.c" ]; then cp "$here/src/$name.c" "$tmp/src/"
  else echo "no src/$name.S or src/$name.c" >&2; exit 1
  fi
done
# build.sh builds every source of its src/: give it a copy holding only these (plus includes).
cp "$here/src/"*.inc "$here/src/"*.h "$tmp/src/" 2>/dev/null || true
mkdir -p "$tmp/tool"
cp "$here/build.sh" "$tmp/tool/build.sh"
ln -s "$tmp/src" "$tmp/tool/src"
sh "$tmp/tool/build.sh" "$here/bin"
ulimit -c 0
cd "$here"
for name in "$@"; do
  status=0
  env -i qemu-aarch64-static -cpu cortex-a53 -0 "$name" "bin/$name" < /dev/null > "golden/$name.out" 2>/dev/null || status=$?
  echo "$status" > "golden/$name.exit"
  echo "$name: exit $status, $(wc -l < "golden/$name.out") lines"
done

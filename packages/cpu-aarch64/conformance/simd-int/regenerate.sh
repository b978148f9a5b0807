#!/bin/sh
# Regenerate the AdvSIMD integer conformance programs: sources (gen/programs.mjs, fixed seeds),
# binaries (build.sh) and QEMU goldens (golden/<name>.out, golden/<name>.exit).
# Needs node, binutils-aarch64-linux-gnu and qemu-user-static.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
cd "$here"
rm -f src/*.S bin/* golden/*
node gen/programs.mjs src
./build.sh bin
mkdir -p golden
ulimit -c 0
for bin in bin/*; do
  name=$(basename "$bin")
  status=0
  env -i qemu-aarch64-static -cpu cortex-a53 -0 "$name" "$bin" < /dev/null > "golden/$name.out" 2>/dev/null || status=$?
  echo "$status" > "golden/$name.exit"
done
echo "regenerated $(ls bin | wc -l) programs"

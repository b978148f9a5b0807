#!/bin/sh
# Regenerate everything under conformance/ that is derived: the random programs (src/rand-*.S,
# from gen/random-programs.mjs with fixed seeds), the binaries (bin/, via build.sh) and the QEMU
# goldens (golden/<name>.out = stdout, golden/<name>.exit = exit status).
# Needs node, binutils-aarch64-linux-gnu, gcc-aarch64-linux-gnu and qemu-user-static.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
cd "$here"

node gen/random-programs.mjs src
node gen/fp-programs.mjs src
rm -f bin/* golden/*
./build.sh bin

# cortex-a53 pins the CPU model so that a QEMU whose "max" CPU grows new features gives the
# same goldens. The environment and stdin are empty and argv[0] is the bare program name, as in
# the tests.
# Programs that die of a signal make QEMU report it and try to dump core: no core files.
ulimit -c 0
for bin in bin/*; do
  name=$(basename "$bin")
  status=0
  # A status above 128 is 128 + the number of the signal that ended the program.
  env -i qemu-aarch64-static -cpu cortex-a53 -0 "$name" "$bin" < /dev/null > "golden/$name.out" 2>/dev/null || status=$?
  echo "$status" > "golden/$name.exit"
done
echo "regenerated $(ls bin | wc -l) programs"

#!/bin/sh
# Rebuild every system guest (bin/<name>.elf and bin/<name>.bin, via build.sh) and record its UART
# transcript under QEMU system mode (golden/<name>.out, via run-qemu.sh).
# Needs binutils-aarch64-linux-gnu and qemu-system-arm (qemu-system-aarch64).
# A guest that does not power off in time, or whose transcript does not end with "done", fails
# the script: a golden is only written for a run that completed.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
cd "$here"

rm -f bin/*.elf bin/*.bin golden/*.out
./build.sh bin
for elf in bin/*.elf; do
  name=$(basename "$elf" .elf)
  if ! ./run-qemu.sh "$elf" > "golden/$name.out.tmp"; then
    echo "$name: QEMU failed or timed out" >&2
    exit 1
  fi
  if [ "$(tail -n 1 "golden/$name.out.tmp")" != "done" ]; then
    echo "$name: transcript does not end with \"done\"" >&2
    exit 1
  fi
  mv "golden/$name.out.tmp" "golden/$name.out"
done
echo "regenerated $(ls bin/*.elf | wc -l) guests"

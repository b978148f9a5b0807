#!/bin/sh
# Run one guest ELF under QEMU system mode and print its UART transcript on stdout:
#   ./run-qemu.sh bin/<name>.elf
# The machine is the reference for runBareMetal: virt, Cortex-A53, 128 MiB, no EL2/EL3 (so the
# guest starts at EL1h and PSCI is reached by HVC), no network, no graphics. A guest that does not
# power off within 20 s is killed (exit status 124).
set -eu
exec timeout 20 qemu-system-aarch64 -M virt -cpu cortex-a53 -m 128 -smp 1 -nographic -net none \
  -monitor none -serial stdio -kernel "$1" < /dev/null

#!/bin/sh
# Boots the default guest (pnpm guest-images) under QEMU's virt machine and records its console:
# the reference that examples/linux-vmm's console is compared with, line for line apart from
# timestamps. Needs qemu-system-aarch64 (Debian qemu-system-arm).
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
root="$here/../../.."
command -v qemu-system-aarch64 >/dev/null || { echo "regenerate.sh: qemu-system-aarch64 not found (apt-get install qemu-system-arm)" >&2; exit 1; }
images="$(cd "$root" && pnpm -s guest-images)"
kernel="$(echo "$images" | sed -n 's/^kernel //p')"
initrd="$(echo "$images" | sed -n 's/^initrd //p')"
# The shell reads the commands once it is up; 25 s is ample for QEMU TCG here.
(sleep 25; echo 'uname -a; ls /proc | head -3; poweroff -f') |
  timeout 120 qemu-system-aarch64 -M virt -cpu cortex-a53 -m 512 -nographic -no-reboot -net none \
    -kernel "$kernel" -initrd "$initrd" -append "console=ttyAMA0 rdinit=/init nokaslr" |
  tr -d '\r' > "$here/qemu-virt-a53-console.txt"

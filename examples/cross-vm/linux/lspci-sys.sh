#!/bin/sh
# An lspci-like listing from /sys alone (busybox has no lspci): slot, vendor:device, class, the
# interrupt, and each memory BAR's address and size from the function's "resource" file.
for dev in /sys/bus/pci/devices/*; do
  vendor=$(cat "$dev/vendor"); device=$(cat "$dev/device"); class=$(cat "$dev/class")
  driver=""
  [ -e "$dev/driver" ] && driver=" driver $(basename "$(readlink "$dev/driver")")"
  echo "${dev##*/} ${vendor#0x}:${device#0x} class ${class#0x} irq $(cat "$dev/irq")$driver"
  bar=0
  while read -r start end flags; do
    if [ "$bar" -le 5 ] && [ "$((start))" -ne 0 ]; then
      printf '  BAR%d %08x size %08x flags %s\n' "$bar" "$((start))" "$((end - start + 1))" "$flags"
    fi
    bar=$((bar + 1))
  done < "$dev/resource"
done

#!/bin/sh
# /init of examples/cross-vm's Linux guest: lists the PCI bus through /sys, binds the cross-VM
# connections (1af4:a111) to uio_pci_generic and runs crossvm, then powers off.
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
echo "guest: Linux $(uname -r) up; PCI functions under /sys/bus/pci/devices:"
sh /usr/bin/lspci-sys.sh
modprobe uio_pci_generic || echo "guest: modprobe uio_pci_generic failed"
echo "1af4 a111" > /sys/bus/pci/drivers/uio_pci_generic/new_id
echo "guest: bound to uio_pci_generic: $(cd /sys/bus/pci/drivers/uio_pci_generic && echo 0000:*)"
ROUNDS=3
for arg in $(cat /proc/cmdline); do
  case "$arg" in crossvm.rounds=*) ROUNDS="${arg#crossvm.rounds=}" ;; esac
done
/usr/bin/crossvm "$ROUNDS"
echo "guest: crossvm exited with status $?; powering off"
poweroff -f

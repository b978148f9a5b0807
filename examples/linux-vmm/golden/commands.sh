uname -a
sh -c 'echo shell arithmetic: $((6 * 7))'
ls /proc
cat /proc/cpuinfo
mount
dd if=/dev/zero bs=4096 count=256 2>/dev/null | sha256sum
sha256sum /init
awk 'BEGIN { x = 1; for (i = 1; i <= 10; i++) x *= 1.5; printf "%.6f %.3e %g\n", x, x / 7, 22 / 7 }'
gzip -9 < /init | gunzip | sha256sum
dd if=/dev/zero bs=1024 count=100 2>/dev/null | gzip -9 | wc -c
poweroff -f

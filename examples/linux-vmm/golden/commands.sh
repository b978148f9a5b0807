uname -a
sh -c 'echo shell arithmetic: $((6 * 7))'
ls /proc
cat /proc/cpuinfo
mount
dd if=/dev/zero bs=4096 count=256 2>/dev/null | sha256sum
yes sel4ts | head -c 1000000 | sha256sum
awk 'BEGIN { x = 1; for (i = 1; i <= 10; i++) x *= 1.5; printf "%.6f %.3e %g\n", x, x / 7, 22 / 7 }'
echo 'the quick brown fox jumps over the lazy dog' | gzip -9 | gunzip
yes sel4ts | head -c 100000 | gzip -9 | wc -c
poweroff -f

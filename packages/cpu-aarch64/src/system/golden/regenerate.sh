#!/bin/sh
# Regenerates sysreg-encodings.tsv: for every register and operation name in the system register
# table, GNU as assembles an MRS/MSR/SYS that names it, and objdump reports the instruction word.
# Needs aarch64-linux-gnu-as and aarch64-linux-gnu-objdump (Debian binutils-aarch64-linux-gnu).
# Usage: sh regenerate.sh [output.tsv]   (default: sysreg-encodings.tsv beside this script;
# names.txt lists "<kind> <name>" per line)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-"$here/sysreg-encodings.tsv"}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
: > "$work/in.S"
while read -r kind name; do
  case "$kind" in
    read) echo "mrs x0, $name" ;;
    write) echo "msr $name, x0" ;;
    op) echo "$name, x0" ;;
    opnoarg) echo "$name" ;;
  esac >> "$work/in.S"
done < "$here/names.txt"
aarch64-linux-gnu-as -march=armv8-a -o "$work/out.o" "$work/in.S"
aarch64-linux-gnu-objdump -d "$work/out.o" | awk -F'\t' '/^ +[0-9a-f]+:/ { print $2 }' | tr -d ' ' > "$work/words"
paste -d '\t' "$here/names.txt" "$work/words" | sed 's/ /\t/' > "$out"

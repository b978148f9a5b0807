#!/bin/sh
# Regenerates objdump.golden.tsv from corpus.S with GNU binutils for aarch64.
# Usage: regenerate.sh [output-file]   (default: objdump.golden.tsv beside this script)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-"$here/objdump.golden.tsv"}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
aarch64-linux-gnu-as "$here/corpus.S" -o "$tmp/corpus.o"
# One line per instruction: address <TAB> word <TAB> objdump's text (trailing blanks removed).
aarch64-linux-gnu-objdump -d "$tmp/corpus.o" | awk -F'\t' '
  /^ *[0-9a-f]+:\t[0-9a-f]+ / {
    addr = $1; sub(/^ */, "", addr); sub(/:$/, "", addr)
    word = $2; sub(/ *$/, "", word)
    text = $3; for (i = 4; i <= NF; i++) text = text "\t" $i
    sub(/[ \t]*$/, "", text)
    print addr "\t" word "\t" text
  }' > "$out"

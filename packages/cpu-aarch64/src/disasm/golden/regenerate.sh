#!/bin/sh
# Regenerates the objdump goldens with GNU binutils for aarch64: corpus.S -> objdump.golden.tsv,
# random.S -> random.golden.tsv, and every other <group>.S -> <group>.golden.tsv.
# Usage: regenerate.sh [output-directory]   (default: this script's directory)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-"$here"}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for path in "$here"/*.S; do
  source=$(basename "$path" .S)
  case $source in
    corpus) golden=objdump ;;
    *) golden=$source ;;
  esac
  aarch64-linux-gnu-as "$path" -o "$tmp/$source.o"
  # One line per instruction: address <TAB> word <TAB> objdump's text (trailing blanks removed).
  aarch64-linux-gnu-objdump -d "$tmp/$source.o" | awk -F'\t' '
    /^ *[0-9a-f]+:\t[0-9a-f]+ / {
      addr = $1; sub(/^ */, "", addr); sub(/:$/, "", addr)
      word = $2; sub(/ *$/, "", word)
      text = $3; for (i = 4; i <= NF; i++) text = text "\t" $i
      sub(/[ \t]*$/, "", text)
      print addr "\t" word "\t" text
    }' > "$out/$golden.golden.tsv"
done

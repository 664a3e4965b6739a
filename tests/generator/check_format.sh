#!/usr/bin/env bash
# Fails unless every generated .h/.cc under DIR passes clang-format --dry-run -Werror.
set -euo pipefail
clang_format=$1 dir=$2
cd "$dir"
files=$(find . -name '*.h' -o -name '*.cc' | sort)
[[ -n $files ]] || { echo "no generated files under $dir"; exit 1; }
# shellcheck disable=SC2086
"$clang_format" --style=file:"$(git -C "$dir" rev-parse --show-toplevel 2>/dev/null || echo "$dir/..")/.clang-format" \
  --dry-run -Werror $files
echo "$(echo "$files" | wc -l) generated files are clang-format clean"

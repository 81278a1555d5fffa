#!/usr/bin/env bash
# Writes the wasi:* WIT that componentize-js speaks into WIT_DIR/deps: it speaks wasi:*@0.2.10, so this is jco's
# 0.2.12 WIT (from the tools installed here), renamed, without its network-error-code items.
# Usage: tools/wasi-deps.sh WIT_DIR
set -euo pipefail
tools=$(cd "$(dirname "$0")" && pwd)
[ -d "$tools/node_modules/@bytecodealliance/componentize-js" ] || (cd "$tools" && (npm ci --no-audit --no-fund --loglevel=error 2>/dev/null || npm install --no-audit --no-fund --loglevel=error))
rm -rf "$1/deps" && mkdir -p "$1/deps"
for package in "$tools"/node_modules/@bytecodealliance/jco/lib/wit/builtin/0.2.12/wasi-*; do
  mkdir -p "$1/deps/$(basename "$package")"
  sed -e 's/@0\.2\.12/@0.2.10/g' -e '/@unstable(feature = network-error-code)/,/;$/d' "$package/package.wit" > "$1/deps/$(basename "$package")/package.wit"
done

#!/usr/bin/env bash
# Writes jco's wasi:* WIT (0.2.12, from the tools installed here) into WIT_DIR/deps, without its network-error-code
# items, at VERSION: by default 0.2.10, the version componentize-js speaks.
# Usage: tools/wasi-deps.sh WIT_DIR [VERSION]
set -euo pipefail
tools=$(cd "$(dirname "$0")" && pwd)
[ -d "$tools/node_modules/@bytecodealliance/componentize-js" ] || (cd "$tools" && (npm ci --no-audit --no-fund --loglevel=error 2>/dev/null || npm install --no-audit --no-fund --loglevel=error))
rm -rf "$1/deps" && mkdir -p "$1/deps"
for package in "$tools"/node_modules/@bytecodealliance/jco/lib/wit/builtin/0.2.12/wasi-*; do
  mkdir -p "$1/deps/$(basename "$package")"
  sed -e "s/@0\.2\.12/@${2:-0.2.10}/g" -e '/@unstable(feature = network-error-code)/,/;$/d' "$package/package.wit" > "$1/deps/$(basename "$package")/package.wit"
done

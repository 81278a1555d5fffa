#!/usr/bin/env bash
# Builds hello.wasm, a WASI 0.2 command component, from hello.c: clang-19 with wasi-libc makes a preview1 core
# module and jco wraps it with the preview1 adapter (imports wasi:*@0.2.12). Installs what it lacks; the binary
# is committed, so running it needs neither.
set -euo pipefail
cd "$(dirname "$0")"
command -v clang-19 >/dev/null && [ -e /usr/lib/wasm32-wasi/libc.a ] ||
  (apt-get update -qq && apt-get install -y -qq clang-19 lld-19 libclang-rt-19-dev-wasm32 wasi-libc)
jco=../http-hello-js/tools/node_modules/@bytecodealliance/jco/dist/jco.js
[ -f "$jco" ] || (cd ../http-hello-js/tools && (npm ci --no-audit --no-fund --loglevel=error 2>/dev/null || npm install --no-audit --no-fund --loglevel=error))
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
clang-19 --target=wasm32-wasi --sysroot=/usr -O2 -o "$scratch/hello.wasm" hello.c
node "$jco" new "$scratch/hello.wasm" --wasi-command -o hello.wasm
ls -l hello.wasm

#!/usr/bin/env bash
# Builds greeter.wasm and caller.wasm, two WASI 0.2 reactor components in C (the caller imports what the
# greeter exports), from greeter.c, caller.c and wit/. Needs clang-19 with wasi-libc and node; installs
# them (apt-get) and jco (npm, into tests/WasmCloud.ComponentSpecTests/tools) when missing. The binaries are
# committed, so neither tests nor users need the toolchain.
set -euo pipefail
cd "$(dirname "$0")"
if ! command -v clang-19 >/dev/null 2>&1 || [ ! -d /usr/include/wasm32-wasi ]; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq clang-19 lld-19 libclang-rt-19-dev-wasm32 wasi-libc >/dev/null
fi
tools=../../tests/WasmCloud.ComponentSpecTests/tools
jco=$tools/node_modules/@bytecodealliance/jco/dist/jco.js
[ -f "$jco" ] || (cd "$tools" && npm install --no-audit --no-fund --loglevel=error)
# jco embed reads the WIT through preview2-shim, which preopens nothing unless told to.
fs_shim=$(node -e 'const { createRequire } = require("node:module"), { resolve } = require("node:path");
  const tools = createRequire(resolve(process.argv[1])).resolve("@bytecodealliance/jco-transpile/wasm-tools");
  console.log(require("node:url").pathToFileURL(createRequire(tools).resolve("@bytecodealliance/preview2-shim/filesystem")).href)' "$jco")
transpile=$(node -e 'const { createRequire } = require("node:module"), { resolve } = require("node:path");
  console.log(require("node:url").pathToFileURL(createRequire(resolve(process.argv[1])).resolve("@bytecodealliance/jco-transpile/wasm-tools")).href)' "$jco")
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
for name in greeter caller; do
  clang-19 --target=wasm32-wasi --sysroot=/usr -O2 -mexec-model=reactor -Wl,--no-entry -o "$scratch/$name.core.wasm" "$name.c"
  # jco 1.35's `embed --world-name` never reaches wasm-tools, so the world is chosen through the API.
  node --import "data:text/javascript,import { _setPreopens } from '$fs_shim'; _setPreopens({ '/': '/' });" --input-type=module -e "
    import { componentEmbed } from '$transpile';
    import { readFileSync, writeFileSync } from 'node:fs';
    writeFileSync('$scratch/$name.embedded.wasm', await componentEmbed({ binary: readFileSync('$scratch/$name.core.wasm'), witPath: '$PWD/wit', world: '$name-component' }));"
  node "$jco" new "$scratch/$name.embedded.wasm" --wasi-reactor -o "$name.wasm"
done

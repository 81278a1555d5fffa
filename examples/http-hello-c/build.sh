#!/usr/bin/env bash
# Builds hello.wasm, the compiled HTTP component, from hello.c: clang-19 makes a core module without libc, jco
# (installed by npm into ../http-hello-js/tools) embeds wit/ and turns it into a component. No preview1 adapter:
# the module imports wasi:http and wasi:io only. Installs what it lacks; the binary is committed, so running it
# needs neither.
set -euo pipefail
cd "$(dirname "$0")"
command -v clang-19 >/dev/null && command -v wasm-ld-19 >/dev/null ||
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq clang-19 lld-19)
tools=../http-hello-js/tools
[ -d "$tools/node_modules/@bytecodealliance/jco" ] || (cd "$tools" && (npm ci --no-audit --no-fund --loglevel=error 2>/dev/null || npm install --no-audit --no-fund --loglevel=error))
"$tools/wasi-deps.sh" wit 0.2.12
here=$PWD scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
clang-19 --target=wasm32 -nostdlib -O2 -Wl,--no-entry -o "$scratch/hello.core.wasm" hello.c
# jco embed reads the WIT from inside wasm through preview2-shim, which preopens nothing unless told to.
(cd "$tools" && node --input-type=module -e "
(await import('@bytecodealliance/preview2-shim/filesystem'))._setPreopens({ '/': '/' });
const { componentEmbed, componentNew } = await import('@bytecodealliance/jco-transpile/wasm-tools');
import { readFileSync, writeFileSync } from 'node:fs';
const embedded = await componentEmbed({ binary: readFileSync('$scratch/hello.core.wasm'), witPath: '$here/wit', world: 'hello' });
writeFileSync('$here/hello.wasm', await componentNew(embedded));
")
ls -l hello.wasm

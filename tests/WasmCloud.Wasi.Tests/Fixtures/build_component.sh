#!/usr/bin/env bash
# Rebuilds command_probe.component.wasm, the WASI 0.2 command fixture, sockets_probe.component.wasm, its
# wasi:sockets counterpart, and http_guest.component.wasm (needs: apt-get install -y clang-19 lld-19
# libclang-rt-19-dev-wasm32 wasi-libc, and node with jco, installed by `npm install` in
# tests/WasmCloud.ComponentSpecTests/tools). The binary is committed so tests need neither at test time.
set -euo pipefail
cd "$(dirname "$0")"
jco=../../WasmCloud.ComponentSpecTests/tools/node_modules/@bytecodealliance/jco/dist/jco.js
[ -f "$jco" ] || (cd ../../WasmCloud.ComponentSpecTests/tools && npm install --no-audit --no-fund --loglevel=error)
# Fixed names in a scratch directory: the name of the core module's file ends up in the component.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
core=$scratch/command_probe.wasm
clang-19 --target=wasm32-wasi --sysroot=/usr -O2 -o "$core" command_probe.c
node "$jco" new "$core" --wasi-command -o command_probe.component.wasm
# Debian's wasi-libc has no sockets, so sockets_probe.c imports wasi:sockets itself and `jco embed` records the
# world those imports come from (wit/, deps pinned to the adapter's 0.2.12 so the wasi:io imports unify).
# jco embed reads the WIT through preview2-shim, which preopens no directory by default, so a preloaded module
# opens / for it (it must be the same shim module jco-transpile's wasm-tools imports).
fs_shim=$(node -e 'const { createRequire } = require("node:module"), { resolve } = require("node:path");
  const tools = createRequire(resolve(process.argv[1])).resolve("@bytecodealliance/jco-transpile/wasm-tools");
  console.log(require("node:url").pathToFileURL(createRequire(tools).resolve("@bytecodealliance/preview2-shim/filesystem")).href)' "$jco")
core=$scratch/sockets_probe.wasm
embedded=$scratch/sockets_probe.embedded.wasm
clang-19 --target=wasm32-wasi --sysroot=/usr -O2 -o "$core" sockets_probe.c
node --import "data:text/javascript,import { _setPreopens } from '$fs_shim'; _setPreopens({ '/': '/' });" \
  "$jco" embed "$core" --wit wit --world-name sockets-probe -o "$embedded"
node "$jco" new "$embedded" --wasi-command -o sockets_probe.component.wasm
# The misbehaving HTTP guest is component text; jco carries wasm-tools' parser.
node "$jco" parse http_guest.wat -o http_guest.component.wasm

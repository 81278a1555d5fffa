#!/usr/bin/env bash
# Rebuilds command_probe.component.wasm, the WASI 0.2 command fixture, and http_guest.component.wasm (needs: apt-get install -y clang-19 lld-19
# libclang-rt-19-dev-wasm32 wasi-libc, and node with jco, installed by `npm install` in
# tests/WasmCloud.ComponentSpecTests/tools). The binary is committed so tests need neither at test time.
set -euo pipefail
cd "$(dirname "$0")"
jco=../../WasmCloud.ComponentSpecTests/tools/node_modules/@bytecodealliance/jco/dist/jco.js
[ -f "$jco" ] || (cd ../../WasmCloud.ComponentSpecTests/tools && npm install --no-audit --no-fund --loglevel=error)
core=$(mktemp --suffix=.wasm)
trap 'rm -f "$core"' EXIT
clang-19 --target=wasm32-wasi --sysroot=/usr -O2 -o "$core" command_probe.c
node "$jco" new "$core" --wasi-command -o command_probe.component.wasm
# The misbehaving HTTP guest is component text; jco carries wasm-tools' parser.
node "$jco" parse http_guest.wat -o http_guest.component.wasm

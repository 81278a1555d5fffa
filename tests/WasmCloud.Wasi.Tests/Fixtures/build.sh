#!/usr/bin/env bash
# Rebuilds the committed WASI fixtures (needs: apt-get install -y clang-19 lld-19 libclang-rt-19-dev-wasm32 wasi-libc).
set -euo pipefail
cd "$(dirname "$0")"
clang-19 --target=wasm32-wasi --sysroot=/usr -O2 -o wasi_probe.wasm wasi_probe.c

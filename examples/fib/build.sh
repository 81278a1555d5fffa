#!/usr/bin/env bash
# Rebuilds the example's binary from its text source (needs wabt: apt-get install -y wabt).
set -euo pipefail
cd "$(dirname "$0")"
wat2wasm --debug-names fib.wat -o fib.wasm

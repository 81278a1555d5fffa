#!/usr/bin/env bash
# The main job for now: runs an exported function of a WebAssembly module with `wash run`.
# Usage: scripts/run-example.sh [FILE FUNCTION ARGS...]   (default: fib(30) from examples/fib)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -eq 0 ]; then set -- examples/fib/fib.wasm fib 30; fi
file=$1 function=$2
shift 2
dotnet run --project src/WasmCloud.Wash -c Release -- run "$file" --invoke "$function" "$@"

#!/usr/bin/env bash
# The main job: serves the JavaScript HTTP component of examples/http-hello-js with `wash serve` on
# 127.0.0.1:8000 (Ctrl-C stops it); given FILE alone, runs that command with `wash run`; given FILE FUNCTION
# ARGS..., runs that exported function.
# Usage: scripts/run-example.sh [FILE [FUNCTION ARGS...]]
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -eq 0 ]; then
  exec dotnet run --project src/WasmCloud.Wash -c Release -- serve examples/http-hello-js/hello.wasm --listen 127.0.0.1:8000
fi
if [ $# -eq 1 ]; then
  exec dotnet run --project src/WasmCloud.Wash -c Release -- run "$1"
fi
file=$1 function=$2
shift 2
dotnet run --project src/WasmCloud.Wash -c Release -- run "$file" --invoke "$function" "$@"

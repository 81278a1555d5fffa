#!/usr/bin/env bash
# The main job: serves the JavaScript HTTP component of examples/http-hello-js with `wash serve` on
# 127.0.0.1:8000 (Ctrl-C stops it); given FILE alone, runs that command with `wash run`; given FILE FUNCTION
# ARGS..., runs that exported function.
# With --lattice, runs the same component on a local lattice instead: wash up -d (nats-server and a host), the
# component, the builtin http-server, its config and the link, serving on 127.0.0.1:8000 until `wash down`.
# Usage: scripts/run-example.sh [--lattice | FILE [FUNCTION ARGS...]]
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = "--lattice" ]; then
  if ! command -v nats-server >/dev/null 2>&1 && [ ! -x /usr/sbin/nats-server ]; then
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq nats-server >/dev/null
  fi
  # Published ReadyToRun into artifacts/, so each of the wash commands below starts at once.
  ./scripts/install.sh --prefix artifacts/wash --bin artifacts/bin >/dev/null
  wash=artifacts/bin/wash
  "$wash" up -d
  "$wash" start component examples/http-hello-js/hello.wasm hello
  "$wash" start provider wasmcloud+builtin://http-server http
  "$wash" config put hello-http address=127.0.0.1:8000
  "$wash" link put http hello wasi http --interface incoming-handler --source-config hello-http
  echo "serving on http://127.0.0.1:8000/ (stop with: $wash down)"
  exit 0
fi
if [ $# -eq 0 ]; then
  exec dotnet run --project src/WasmCloud.Wash -c Release -- serve examples/http-hello-js/hello.wasm --listen 127.0.0.1:8000
fi
if [ $# -eq 1 ]; then
  exec dotnet run --project src/WasmCloud.Wash -c Release -- run "$1"
fi
file=$1 function=$2
shift 2
dotnet run --project src/WasmCloud.Wash -c Release -- run "$file" --invoke "$function" "$@"

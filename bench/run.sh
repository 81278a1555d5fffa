#!/usr/bin/env bash
# Benchmarks the engine on C kernels against native code and V8, side by side in one run.
# Installs the C-to-wasm toolchain when missing. Usage: bench/run.sh [--runs N] [--only fib,nbody]
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v clang-19 >/dev/null 2>&1 || [ ! -d /usr/include/wasm32-wasi ]; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq clang-19 lld-19 libclang-rt-19-dev-wasm32 wasi-libc >/dev/null
fi
command -v node >/dev/null 2>&1 || { echo "node is required for the V8 yardstick" >&2; exit 1; }
dotnet run --project bench/KernelBench -c Release -- "$@"

#!/usr/bin/env bash
# Publishes wash, the wasmcloud host and wadm ReadyToRun (precompiled, so they start in tens of milliseconds rather than
# being jitted at every start) into $PREFIX (default ~/.local/share/wasmcloud-dotnet), and links them into
# $BIN (default ~/.local/bin). Needs the .NET SDK; NuGet restores the rest.
# Usage: scripts/install.sh [--prefix DIR] [--bin DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
prefix="${XDG_DATA_HOME:-$HOME/.local/share}/wasmcloud-dotnet"
bin="$HOME/.local/bin"
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) prefix="$2"; shift 2 ;;
    --bin) bin="$2"; shift 2 ;;
    *) echo "install.sh: unknown option $1 (use --prefix DIR, --bin DIR)" >&2; exit 1 ;;
  esac
done
prefix=$(realpath -m "$prefix")
bin=$(realpath -m "$bin")
case "$(uname -m)" in
  x86_64) rid=linux-x64 ;;
  aarch64 | arm64) rid=linux-arm64 ;;
  *) echo "install.sh: no .NET runtime identifier for $(uname -m)" >&2; exit 1 ;;
esac
dotnet publish src/WasmCloud.Wash -c Release -r "$rid" --self-contained false -p:PublishReadyToRun=true -o "$prefix" -v quiet -nologo
mkdir -p "$bin"
ln -sf "$prefix/wash" "$bin/wash"
ln -sf "$prefix/wasmcloud" "$bin/wasmcloud"
ln -sf "$prefix/wadm" "$bin/wadm"
echo "installed wash, wasmcloud and wadm into $prefix, linked from $bin"
case ":$PATH:" in
  *":$bin:"*) ;;
  *) echo "add $bin to your PATH to run them by name" ;;
esac

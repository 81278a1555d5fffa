#!/usr/bin/env bash
# Runs every test of the repository on a Debian machine with the .NET SDK: installs the tools the tests
# drive for real (wabt, nats-server, docker-registry, redis-server, curl, postgresql), builds, runs the unit and integration tests, then the WebAssembly
# spec suite from ../shared (skipped with a message when ../shared is absent).
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v wast2json >/dev/null 2>&1 || missing+=(wabt)
command -v nats-server >/dev/null 2>&1 || [ -x /usr/sbin/nats-server ] || missing+=(nats-server)
[ -x /usr/bin/docker-registry ] || missing+=(docker-registry)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
command -v curl >/dev/null 2>&1 || missing+=(curl)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "installing: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# The wRPC interoperability test speaks to our host with the official JavaScript NATS client.
if ! command -v npm >/dev/null 2>&1; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq nodejs npm >/dev/null
fi
(cd tests/WasmCloud.Host.Tests/interop && npm install --no-audit --no-fund --loglevel=error)

dotnet build WasmCloud.slnx -c Release -warnaserror
dotnet test WasmCloud.slnx -c Release --no-build
dotnet run --project tests/WasmCloud.SpecTests -c Release --no-build
# Once more through the on-disk compile cache (code emitted as PE images and loaded from them), with every
# function longer than 16 bytes split into chunk methods and fuel charges compiled in.
spec_cache=$(mktemp -d)
dotnet run --project tests/WasmCloud.SpecTests -c Release --no-build -- --cache "$spec_cache" --split-threshold 16 --consume-fuel
rm -rf "$spec_cache"

# WASI's own test suite: its preview1 programs against our wasi_snapshot_preview1 host.
dotnet run --project tests/WasmCloud.WasiTestSuite -c Release --no-build

# The component model's suite: its converter runs on node with jco, installed from the lock file.
if [ -d ../shared/component-model-tests ]; then
  (cd tests/WasmCloud.ComponentSpecTests/tools && npm install --no-audit --no-fund --loglevel=error)
fi
dotnet run --project tests/WasmCloud.ComponentSpecTests -c Release --no-build

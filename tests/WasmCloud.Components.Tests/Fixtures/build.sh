#!/usr/bin/env bash
# Rebuilds every fixture component of this folder from its sources (src/, wit/) and refreshes the WASI 0.2
# WIT copy the WIT parser tests read. Needs clang-19 + wasi-libc (apt) and node; installs the npm tools from
# tools/package-lock.json. Run it after changing a source, and commit the .wasm files it writes.
set -euo pipefail
cd "$(dirname "$0")"

missing=()
for package in clang-19 lld-19 libclang-rt-19-dev-wasm32 wasi-libc; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
(cd tools && npm install --no-audit --no-fund --loglevel=error)

jco() { node --import ./tools/preopens.mjs tools/node_modules/@bytecodealliance/jco/dist/jco.js "$@"; }
build=$(mktemp -d)
trap 'rm -rf "$build"' EXIT

# Component text → binary.
jco parse src/ops.wat -o ops.wasm

# C → core module (no WASI imports: malloc only grows memory) → component with the world's types.
c_component() { # NAME WORLD [ENCODING]
  clang-19 --target=wasm32-wasi --sysroot=/usr -O2 -nostartfiles -Wl,--no-entry -o "$build/$1.core.wasm" "src/$1.c" src/cabi.c
  node --import ./tools/preopens.mjs tools/embed.mjs "$build/$1.core.wasm" wit/fixtures.wit "$2" "${3:-utf8}" "$build/$1.embedded.wasm"
  jco new "$build/$1.embedded.wasm" -o "$1.wasm"
}
c_component values values-world
c_component counters counters-world
c_component greeter greeter
c_component relay relay utf16

# JavaScript → StarlingMonkey component (about 12 MB; imports wasi:* 0.2.x on its own).
mkdir -p "$build/hello-wit" && cp wit/fixtures.wit "$build/hello-wit/"
(cd tools && node --import ./preopens.mjs componentize.mjs ../src/hello.js "$build/hello-wit" hello ../hello.wasm)

# WASI 0.2 WIT as jco ships it, for the WIT parser's round-trip test.
rm -rf wit/wasi-0.2.12 && mkdir -p wit/wasi-0.2.12
for package in tools/node_modules/@bytecodealliance/jco/lib/wit/builtin/0.2.12/*/; do
  cp "$package/package.wit" "wit/wasi-0.2.12/$(basename "$package").wit"
done

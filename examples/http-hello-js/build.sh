#!/usr/bin/env bash
# Builds hello.wasm, the JavaScript HTTP component, with componentize-js (installed by npm into tools/ from its
# package.json and lock). The binary is committed, so running or testing it needs neither node nor npm.
set -euo pipefail
cd "$(dirname "$0")"
tools/wasi-deps.sh wit
tools/componentize.sh hello.js wit hello hello.wasm
tools/componentize.sh handler.js wit hello handler.wasm

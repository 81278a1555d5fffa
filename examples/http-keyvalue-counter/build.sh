#!/usr/bin/env bash
# Builds counter.wasm, the JavaScript key-value counter, with componentize-js: the build tools and the wasi:* WIT
# are http-hello-js's (tools/wasi-deps.sh installs them), this example's own WIT adds wasi:keyvalue. The binary is
# committed, so running or testing it needs neither node nor npm.
set -euo pipefail
cd "$(dirname "$0")"
../http-hello-js/tools/wasi-deps.sh wit
cp -r wit/keyvalue wit/deps/wasi-keyvalue
../http-hello-js/tools/componentize.sh counter.js wit counter counter.wasm

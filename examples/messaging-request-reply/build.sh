#!/usr/bin/env bash
# Builds handler.wasm, the JavaScript wasmcloud:messaging@0.3.0 component, with componentize-js (the build tools are
# http-hello-js's). The binary is committed, so running or testing it needs neither node nor npm.
set -euo pipefail
cd "$(dirname "$0")"
../http-hello-js/tools/wasi-deps.sh wit
cp -r wit/messaging wit/deps/wasmcloud-messaging
../http-hello-js/tools/componentize.sh handler.js wit request-reply handler.wasm --no-http

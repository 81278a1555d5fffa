#!/usr/bin/env bash
# Builds echo.wasm, the JavaScript messaging component, with componentize-js (the build tools are http-hello-js's).
# The binary is committed, so running or testing it needs neither node nor npm.
set -euo pipefail
cd "$(dirname "$0")"
../http-hello-js/tools/wasi-deps.sh wit
cp -r wit/messaging wit/deps/wasmcloud-messaging
../http-hello-js/tools/componentize.sh echo.js wit echo echo.wasm --no-http

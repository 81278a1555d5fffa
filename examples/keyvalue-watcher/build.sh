#!/usr/bin/env bash
# Builds watcher.wasm, the JavaScript wasi:keyvalue watcher, with componentize-js (the build tools are
# http-hello-js's). The binary is committed, so running or testing it needs neither node nor npm.
set -euo pipefail
cd "$(dirname "$0")"
../http-hello-js/tools/wasi-deps.sh wit
cp -r wit/keyvalue wit/deps/wasi-keyvalue
../http-hello-js/tools/componentize.sh watcher.js wit watcher watcher.wasm --no-http

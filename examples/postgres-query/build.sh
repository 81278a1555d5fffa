#!/usr/bin/env bash
# Builds query.wasm, the JavaScript SQL relay over wasmcloud:postgres, with componentize-js (the tools of
# http-hello-js). It needs no wasi:http, so that feature is left out. The binary is committed, so running or testing it
# needs neither node nor npm.
set -euo pipefail
cd "$(dirname "$0")"
../http-hello-js/tools/wasi-deps.sh wit
cp -r wit/postgres wit/deps/wasmcloud-postgres
../http-hello-js/tools/componentize.sh query.js wit query-relay query.wasm --no-http

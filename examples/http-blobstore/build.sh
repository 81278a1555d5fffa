#!/usr/bin/env bash
# Builds files.wasm, the JavaScript file store over wasi:blobstore, with componentize-js: the build tools and the
# wasi:* WIT are http-hello-js's (tools/wasi-deps.sh installs them), this example's own WIT adds wasi:blobstore. The
# binary is committed, so running or testing it needs neither node nor npm.
set -euo pipefail
cd "$(dirname "$0")"
../http-hello-js/tools/wasi-deps.sh wit
cp -r wit/blobstore wit/deps/wasi-blobstore
../http-hello-js/tools/componentize.sh files.js wit files files.wasm

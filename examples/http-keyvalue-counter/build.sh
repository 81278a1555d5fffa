#!/usr/bin/env bash
# Builds counter.wasm, the JavaScript key-value counter, with componentize-js: the build tools and the wasi:* WIT
# are http-hello-js's (tools/wasi-deps.sh installs them), this example's own WIT adds wasi:keyvalue. The binary is
# committed, so running or testing it needs neither node nor npm.
set -euo pipefail
cd "$(dirname "$0")"
tools=../http-hello-js/tools
"$tools/wasi-deps.sh" wit
cp -r wit/keyvalue wit/deps/wasi-keyvalue
root=$PWD
(cd "$tools" && node --input-type=module -e "
(await import('./node_modules/@bytecodealliance/preview2-shim/dist/nodejs/filesystem.js'))._setPreopens({ '/': '/' });
const { componentize } = await import('@bytecodealliance/componentize-js');
import { readFile, writeFile } from 'node:fs/promises';
const { component } = await componentize(await readFile('$root/counter.js', 'utf8'), { sourceName: 'counter.js', witPath: '$root/wit', worldName: 'counter' });
await writeFile('$root/counter.wasm', component);
")
ls -l counter.wasm

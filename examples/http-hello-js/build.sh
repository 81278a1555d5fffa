#!/usr/bin/env bash
# Builds hello.wasm, the JavaScript HTTP component, with componentize-js (installed by npm into tools/ from its
# package.json and lock). The binary is committed, so running or testing it needs neither node nor npm.
set -euo pipefail
cd "$(dirname "$0")"
tools/wasi-deps.sh wit
# componentize-js reads the WIT from inside wasm through preview2-shim, which starts with no preopens: give it
# the whole file system first.
root=$PWD
(cd tools && node --input-type=module -e "
(await import('./node_modules/@bytecodealliance/preview2-shim/dist/nodejs/filesystem.js'))._setPreopens({ '/': '/' });
const { componentize } = await import('@bytecodealliance/componentize-js');
import { readFile, writeFile } from 'node:fs/promises';
const { component } = await componentize(await readFile('../hello.js', 'utf8'), { sourceName: 'hello.js', witPath: '$root/wit', worldName: 'hello' });
await writeFile('../hello.wasm', component);
")
ls -l hello.wasm

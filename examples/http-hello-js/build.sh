#!/usr/bin/env bash
# Builds hello.wasm, the JavaScript HTTP component, with componentize-js (installed by npm into tools/ from its
# package.json and lock). The binary is committed, so running or testing it needs neither node nor npm.
set -euo pipefail
cd "$(dirname "$0")"
[ -d tools/node_modules/@bytecodealliance/componentize-js ] || (cd tools && npm ci --no-audit --no-fund --loglevel=error 2>/dev/null || npm install --no-audit --no-fund --loglevel=error)
# componentize-js speaks wasi:*@0.2.10: jco's 0.2.12 WIT, renamed, without its network-error-code items.
rm -rf wit/deps && mkdir -p wit/deps
for package in tools/node_modules/@bytecodealliance/jco/lib/wit/builtin/0.2.12/wasi-*; do
  mkdir -p "wit/deps/$(basename "$package")"
  sed -e 's/@0\.2\.12/@0.2.10/g' -e '/@unstable(feature = network-error-code)/,/;$/d' "$package/package.wit" > "wit/deps/$(basename "$package")/package.wit"
done
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

#!/usr/bin/env bash
# Builds a JavaScript component with componentize-js (from the tools installed here) against WIT_DIR's world WORLD.
# componentize-js reads the WIT from inside wasm through preview2-shim, which starts with no preopens: it is given
# the whole file system first. Usage: tools/componentize.sh SOURCE.js WIT_DIR WORLD OUT.wasm [--no-http]
set -euo pipefail
tools=$(cd "$(dirname "$0")" && pwd)
source=$(realpath "$1") wit=$(realpath "$2") world=$3 out=$(realpath -m "$4")
features="[]"
[ "${5:-}" = "--no-http" ] && features="['http']"
(cd "$tools" && node --input-type=module -e "
(await import('./node_modules/@bytecodealliance/preview2-shim/dist/nodejs/filesystem.js'))._setPreopens({ '/': '/' });
const { componentize } = await import('@bytecodealliance/componentize-js');
import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
const { component } = await componentize(await readFile('$source', 'utf8'), { sourceName: basename('$source'), witPath: '$wit', worldName: '$world', disableFeatures: $features });
await writeFile('$out', component);
")
ls -l "$out"

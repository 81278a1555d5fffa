// jco 1.35.0 starts its preview2-shim with no preopens, so commands that read a path from inside wasm
// (embed --wit) fail with "failed to get path metadata". Preload this with `node --import` to give every
// copy of the shim the whole file system.
import { readdirSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

function* shims(folder) {
  const file = join(folder, '@bytecodealliance/preview2-shim/dist/nodejs/filesystem.js');
  if (existsSync(file)) yield file;
  for (const scope of ['@bytecodealliance'].map(s => join(folder, s)).filter(existsSync))
    for (const pkg of readdirSync(scope)) {
      const nested = join(scope, pkg, 'node_modules');
      if (existsSync(nested)) yield* shims(nested);
    }
}

for (const file of shims(join(dirname(fileURLToPath(import.meta.url)), 'node_modules')))
  (await import(pathToFileURL(file).href))._setPreopens({ '/': '/' });

// componentize-js through its API (its command line reads paths from inside wasm, see preopens.mjs):
// node componentize.mjs SOURCE.js WIT-FOLDER WORLD OUT.wasm
import { componentize } from '@bytecodealliance/componentize-js';
import { readFile, writeFile } from 'node:fs/promises';

const [source, witPath, worldName, out] = process.argv.slice(2);
const { component } = await componentize(await readFile(source, 'utf8'), { witPath, worldName });
await writeFile(out, component);

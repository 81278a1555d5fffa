// `jco embed` through the API: jco 1.35.0's command line passes `-n` as `worldName` where wasm-tools reads
// `world`, so it cannot choose a world. node --import ./preopens.mjs embed.mjs CORE.wasm WIT WORLD ENCODING OUT.wasm
import { componentEmbed } from '@bytecodealliance/jco-transpile/wasm-tools';
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';

const [core, wit, world, stringEncoding, out] = process.argv.slice(2);
await writeFile(out, await componentEmbed({ binary: await readFile(core), witPath: resolve(wit), world, stringEncoding }));

// Records how the JavaScript HTTP example (examples/http-hello-js/hello.wasm) answers under `jco serve`, the
// reference host, into http_hello.jco-answers.json; HttpServeTests replays the same requests through the
// .NET host and expects the same status, headers and body. Run: node record_jco_answers.mjs
// (jco from examples/http-hello-js/tools, which that folder's build.sh installs).
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const example = `${here}../../../examples/http-hello-js`;
const port = 18399;
const requests = [
  { method: 'GET', path: '/' },
  { method: 'GET', path: '/greeting?name=x&y=2' },
  { method: 'GET', path: '/a/b%20c' },
  { method: 'PUT', path: '/resource' },
  { method: 'DELETE', path: '/resource/7' },
  { method: 'POST', path: '/echo', body: 'hello, echo' },
  { method: 'POST', path: '/echo', body: '' },
];
// Headers the HTTP server adds, not the component: they differ between hosts by design.
const serverHeaders = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding', 'server']);

// Its own process group: jco serve starts workers, and the whole group must go when we are done.
const server = spawn('node', [`${example}/tools/node_modules/@bytecodealliance/jco/dist/jco.js`, 'serve', `${example}/hello.wasm`,
  '--port', String(port), '--host', '127.0.0.1', '--isolate-requests', 'instance'], { detached: true, stdio: 'inherit' });
try {
  // Ready once it answers (it transpiles the component first).
  for (let tries = 0; !(await fetch(`http://127.0.0.1:${port}/`).then(() => true, () => false)); tries++) {
    if (tries === 120) throw new Error('jco serve did not start');
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const answers = [];
  for (const request of requests) {
    const response = await fetch(`http://127.0.0.1:${port}${request.path}`, { method: request.method, body: request.body });
    const headers = [...response.headers].filter(([name]) => !serverHeaders.has(name)).sort();
    answers.push({ request, status: response.status, headers, body: await response.text() });
  }
  await writeFile(`${here}http_hello.jco-answers.json`, JSON.stringify(answers, null, 2) + '\n');
} finally {
  process.kill(-server.pid, 'SIGTERM');
}

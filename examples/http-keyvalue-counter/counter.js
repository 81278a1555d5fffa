// The upstream quickstart's second app: an HTTP counter that keeps its count in wasi:keyvalue. Each request adds
// one to the counter of its path with the store's atomic increment (never read-modify-write, so concurrent
// requests through any number of hosts all count) and answers with the new value.
import { open } from 'wasi:keyvalue/store@0.2.0-draft';
import { increment } from 'wasi:keyvalue/atomics@0.2.0-draft';

addEventListener('fetch', (event) => event.respondWith(count(event.request)));

async function count(request) {
  const path = new URL(request.url).pathname;
  // A key-value key is letters, digits and -/_=. (NATS's rule, the narrowest of the backends).
  const key = 'counter' + path.replace(/[^A-Za-z0-9/_=.-]/g, '_').replace(/\/+$/, '');
  try {
    const bucket = open('default');
    const value = increment(bucket, key, 1n);
    return new Response(`Counter ${path}: ${value}\n`, { headers: { 'content-type': 'text/plain; charset=utf-8' } });
  } catch (error) {
    const detail = error?.payload?.tag === 'other' ? error.payload.val : (error?.payload?.tag ?? String(error));
    return new Response(`key-value store failed: ${detail}\n`, { status: 500 });
  }
}

// A file store over HTTP in wasi:blobstore, one container per first path segment:
//   PUT /{container}/{name}          stores the body (the container is made if missing)  -> 201
//   GET /{container}/{name}          the object; ?start=N&end=M for bytes N to M inclusive -> 200 | 404
//   HEAD-like GET /{container}/{name}?info   its size and creation time as JSON
//   GET /{container}                 the names in it, one per line
//   DELETE /{container}/{name}       deletes it; DELETE /{container} deletes the container
//   POST /{container}/{name}?copy-to=/{container2}/{name2}   (or ?move-to=) copies or moves it
// Store errors (the interface's string errors) come back as 404 when something does not exist, else 500.
import { createContainer, getContainer, containerExists, deleteContainer, copyObject, moveObject } from 'wasi:blobstore/blobstore@0.2.0-draft';
import { OutgoingValue, IncomingValue } from 'wasi:blobstore/types@0.2.0-draft';

addEventListener('fetch', (event) => event.respondWith(serve(event.request)));

const text = (body, status = 200) => new Response(body, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });

function failure(error) {
  const message = typeof error?.payload === 'string' ? error.payload : String(error?.message ?? error);
  return text(`${message}\n`, /does not exist/.test(message) ? 404 : 500);
}

function open(name) {
  return containerExists(name) ? getContainer(name) : createContainer(name);
}

async function serve(request) {
  const url = new URL(request.url);
  const [containerName, ...rest] = decodeURIComponent(url.pathname).slice(1).split('/');
  const objectName = rest.join('/');
  try {
    if (!containerName) return text('usage: /{container}/{name}\n', 400);
    if (request.method === 'PUT' && objectName) {
      const container = open(containerName);
      const bytes = new Uint8Array(await request.arrayBuffer());
      const value = OutgoingValue.newOutgoingValue();
      const stream = value.outgoingValueWriteBody();
      for (let offset = 0; offset < bytes.length; offset += 4096) stream.blockingWriteAndFlush(bytes.subarray(offset, offset + 4096));
      stream[Symbol.dispose]?.();
      container.writeData(objectName, value);
      OutgoingValue.finish(value);
      return text(`stored ${bytes.length} bytes as ${containerName}/${objectName}\n`, 201);
    }
    if (request.method === 'DELETE') {
      if (!objectName) {
        deleteContainer(containerName);
        return text(`deleted container ${containerName}\n`);
      }
      getContainer(containerName).deleteObject(objectName);
      return text(`deleted ${containerName}/${objectName}\n`);
    }
    if (request.method === 'POST' && objectName) {
      const target = url.searchParams.get('copy-to') ?? url.searchParams.get('move-to');
      const [toContainer, ...toRest] = (target ?? '').slice(1).split('/');
      const src = { container: containerName, object: objectName };
      const dest = { container: toContainer, object: toRest.join('/') };
      (url.searchParams.has('copy-to') ? copyObject : moveObject)(src, dest);
      return text(`${url.searchParams.has('copy-to') ? 'copied' : 'moved'} to ${target}\n`);
    }
    const container = getContainer(containerName);
    if (!objectName) {
      const names = container.listObjects();
      const all = [];
      for (;;) {
        const [batch, ended] = names.readStreamObjectNames(100n);
        all.push(...batch);
        if (ended) break;
      }
      return text(all.map((n) => `${n}\n`).join(''));
    }
    if (url.searchParams.has('info')) {
      const info = container.objectInfo(objectName);
      return new Response(JSON.stringify({ name: info.name, container: info.container, size: Number(info.size), createdAt: Number(info.createdAt) }),
        { headers: { 'content-type': 'application/json' } });
    }
    const start = BigInt(url.searchParams.get('start') ?? '0');
    const end = BigInt(url.searchParams.get('end') ?? '18446744073709551615');
    const value = container.getData(objectName, start, end);
    const body = IncomingValue.incomingValueConsumeSync(value);
    return new Response(body, { headers: { 'content-type': 'application/octet-stream' } });
  } catch (error) {
    return failure(error);
  }
}

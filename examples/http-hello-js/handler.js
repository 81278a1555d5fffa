// The same greeting as hello.js, answered through an explicit wasi:http/incoming-handler export instead of a
// fetch event: StarlingMonkey answers one fetch event per instance, but calls this export any number of times, so
// this is the JavaScript component a warm instance (`wash serve --reuse N`) can serve request after request with.
import { Fields, OutgoingBody, OutgoingResponse, ResponseOutparam } from 'wasi:http/types@0.2.10';

const encoder = new TextEncoder();
// Requests this instance has answered: what a warm instance carries from one request to the next (x-served).
let served = 0;

export const incomingHandler = {
  handle(request, responseOut) {
    const path = request.pathWithQuery()?.split('?')[0] ?? '/';
    const headers = Fields.fromList([
      ['content-type', encoder.encode('text/plain; charset=utf-8')],
      ['x-example', encoder.encode('http-hello-js')],
      ['x-served', encoder.encode(String(++served))],
    ]);
    const response = new OutgoingResponse(headers);
    const body = response.body();
    ResponseOutparam.set(responseOut, { tag: 'ok', val: response });
    const stream = body.write();
    stream.blockingWriteAndFlush(encoder.encode(`Hello from wasmCloud for .NET! ${request.method().tag.toUpperCase()} ${path}\n`));
    stream[Symbol.dispose]();
    OutgoingBody.finish(body, undefined);
  },
};

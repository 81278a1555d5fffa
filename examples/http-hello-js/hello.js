// An HTTP component in the fetch-event style of StarlingMonkey (the JavaScript engine of componentize-js):
// the host calls wasi:http/incoming-handler#handle, which dispatches a `fetch` event to this listener.
addEventListener('fetch', (event) => event.respondWith(respond(event.request)));

async function respond(request) {
  const url = new URL(request.url);
  switch (url.pathname) {
    case '/echo':
      // The request body goes back as it arrives: neither side holds it whole.
      return new Response(request.body, { headers: { 'content-type': 'application/octet-stream' } });
    case '/fetch': {
      // An outgoing request through wasi:http/outgoing-handler, to the URL given as ?url=.
      const upstream = await fetch(url.searchParams.get('url'));
      return new Response(await upstream.text(), { status: upstream.status, headers: { 'x-upstream-status': String(upstream.status) } });
    }
    default:
      return new Response(`Hello from wasmCloud for .NET! ${request.method} ${url.pathname}\n`, {
        headers: { 'content-type': 'text/plain; charset=utf-8', 'x-example': 'http-hello-js' },
      });
  }
}

// wRPC 0.0.1 over NATS, written from the spec (bytecodealliance/wrpc SPEC.md and transport-nats) with the official
// JavaScript NATS client and nothing of ours: the handshake, the params/results subjects, LEB128 and strings.
//   node wrpc.mjs NATS_URL call PREFIX INSTANCE FUNC STRING   calls FUNC(string) -> string and prints the result
//   node wrpc.mjs NATS_URL serve PREFIX                       serves example:js/text@0.1.0 shout(string) -> string
//                                                            and example:js/math@0.1.0 add(u32, u32) -> u32
//   node wrpc.mjs NATS_URL http PREFIX METHOD PATH BODY       calls wrpc:http/incoming-handler@0.1.0.handle with BODY
//                                                            streamed in two chunks; prints status, headers and body
//   node wrpc.mjs NATS_URL http-serve PREFIX                  serves wrpc:http/incoming-handler@0.1.0.handle: answers
//                                                            200 with what it received, body streamed in two chunks
// wrpc:http: request = {body: stream<u8>, trailers: future<option<fields>>, method, path-with-query: option<string>,
// scheme: option<scheme>, authority: option<string>, headers: fields}; response = {body, trailers, status: u16,
// headers}; fields = list<tuple<string, list<list<u8>>>>. Body and trailers are sent pending (0x00) and follow on
// the value's path: .0.0 (body chunks, LEB128 length + bytes, then 0x00) and .0.1 (option<fields>).
import { connect, nuid } from "@nats-io/transport-node";

const [url, mode, prefix, ...rest] = process.argv.slice(2);
const nc = await connect({ servers: url });
const encoder = new TextEncoder();
const decoder = new TextDecoder();

function leb(value) {
  const bytes = [];
  do {
    let b = value & 0x7f;
    value >>>= 7;
    if (value !== 0) b |= 0x80;
    bytes.push(b);
  } while (value !== 0);
  return bytes;
}

function readLeb(bytes, at) {
  let value = 0, shift = 0, b;
  do {
    b = bytes[at.i++];
    value |= (b & 0x7f) << shift;
    shift += 7;
  } while (b & 0x80);
  return value >>> 0;
}

const encodeString = (s) => { const utf8 = encoder.encode(s); return Uint8Array.from([...leb(utf8.length), ...utf8]); };
function decodeString(bytes, at) {
  const length = readLeb(bytes, at);
  const text = decoder.decode(bytes.subarray(at.i, at.i + length));
  at.i += length;
  return text;
}

async function next(subscription) {
  for await (const m of subscription) return m;
  throw new Error("subscription closed");
}

/** Reads a subject's chunks until the empty message that ends them. */
async function collect(subscription, first = new Uint8Array(0)) {
  const chunks = [first];
  for await (const m of subscription) {
    if (m.data.length === 0) break;
    chunks.push(m.data);
  }
  const all = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let offset = 0;
  for (const c of chunks) { all.set(c, offset); offset += c.length; }
  return all;
}

const concat = (...parts) => {
  const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) { all.set(p, offset); offset += p.length; }
  return all;
};
const METHODS = ["GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH"];
const some = (s) => concat(Uint8Array.of(1), encodeString(s));
function encodeFields(fields) {
  const parts = [Uint8Array.from(leb(fields.length))];
  for (const [name, values] of fields) {
    parts.push(encodeString(name), Uint8Array.from(leb(values.length)));
    for (const v of values) { const bytes = encoder.encode(v); parts.push(Uint8Array.from(leb(bytes.length)), bytes); }
  }
  return concat(...parts);
}
function decodeFields(bytes, at) {
  const fields = [];
  for (let n = readLeb(bytes, at); n > 0; n--) {
    const name = decodeString(bytes, at);
    const values = [];
    for (let m = readLeb(bytes, at); m > 0; m--) values.push(decodeString(bytes, at));
    fields.push([name, values]);
  }
  return fields;
}
const decodeOption = (bytes, at) => (bytes[at.i++] === 1 ? decodeString(bytes, at) : null);
/** Sends a byte stream on its path in the given chunks, then its end. */
function sendStream(subject, chunks) {
  for (const c of chunks) { const bytes = encoder.encode(c); nc.publish(subject, concat(Uint8Array.from(leb(bytes.length)), bytes)); }
  nc.publish(subject, Uint8Array.of(0));
  nc.publish(subject, new Uint8Array(0));
}
/** Reads a byte stream from its path: LEB128-framed chunks to the empty one. */
async function receiveStream(subscription) {
  const bytes = await collect(subscription);
  const at = { i: 0 }, chunks = [];
  for (let length = readLeb(bytes, at); length > 0; length = readLeb(bytes, at)) {
    chunks.push(bytes.subarray(at.i, at.i + length));
    at.i += length;
  }
  return decoder.decode(concat(...chunks));
}
const HTTP = "wrpc:http/incoming-handler@0.1.0";

if (mode === "http") {
  const [method, path, body] = rest;
  const rc = `_INBOX.${nuid.next()}`;
  const handshake = nc.subscribe(rc, { max: 1 });
  const results = nc.subscribe(`${rc}.results`);
  const resultBody = nc.subscribe(`${rc}.results.0.0`);
  const resultTrailers = nc.subscribe(`${rc}.results.0.1`);
  const methodCase = METHODS.indexOf(method);
  const head = concat(Uint8Array.of(0, 0), Uint8Array.from(leb(methodCase)), some(path), Uint8Array.of(1, 0), some("example.test"),
    encodeFields([["x-from", ["javascript"]], ["accept", ["text/plain", "*/*"]]]));
  nc.publish(`${prefix}.wrpc.0.0.1.${HTTP}.handle`, head, { reply: rc });
  const accept = await next(handshake);
  if (!accept.reply) throw new Error("no server inbox in the handshake");
  nc.publish(`${accept.reply}.params`, new Uint8Array(0));
  const half = Math.floor(body.length / 2);
  sendStream(`${accept.reply}.params.0.0`, [body.slice(0, half), body.slice(half)]);
  nc.publish(`${accept.reply}.params.0.1`, Uint8Array.of(0));
  nc.publish(`${accept.reply}.params.0.1`, new Uint8Array(0));
  const result = await collect(results);
  const at = { i: 0 };
  if (result[at.i++] !== 0) throw new Error(`the handler failed: ${Array.from(result).join(",")}`);
  if (result[at.i++] !== 0 || result[at.i++] !== 0) throw new Error("expected a pending body and trailers");
  const status = readLeb(result, at);
  const headers = decodeFields(result, at);
  const text = await receiveStream(resultBody);
  const trailers = await collect(resultTrailers);
  console.log(JSON.stringify({ status, headers, body: text, trailers: Array.from(trailers) }));
} else if (mode === "http-serve") {
  const subscription = nc.subscribe(`${prefix}.wrpc.0.0.1.${HTTP}.handle`, { queue: prefix });
  (async () => {
    for await (const m of subscription) {
      const rs = `_INBOX.${nuid.next()}`;
      const params = nc.subscribe(`${rs}.params`);
      const body = nc.subscribe(`${rs}.params.0.0`);
      const trailers = nc.subscribe(`${rs}.params.0.1`);
      nc.publish(m.reply, new Uint8Array(0), { reply: rs });
      const bytes = m.data, at = { i: 0 };
      if (bytes[at.i++] !== 0 || bytes[at.i++] !== 0) throw new Error("expected a pending body and trailers");
      const methodCase = readLeb(bytes, at);
      const method = methodCase < METHODS.length ? METHODS[methodCase] : decodeString(bytes, at);
      const path = decodeOption(bytes, at);
      if (bytes[at.i++] === 1 && readLeb(bytes, at) === 2) decodeString(bytes, at);
      const authority = decodeOption(bytes, at);
      const headers = decodeFields(bytes, at);
      const received = await receiveStream(body);
      await collect(trailers);
      await collect(params);
      const from = headers.find(([name]) => name === "x-from");
      nc.publish(`${m.reply}.results`, concat(Uint8Array.of(0, 0, 0), Uint8Array.from(leb(201)), encodeFields([["x-served-by", ["javascript"]], ["content-type", ["text/plain"]]])));
      nc.publish(`${m.reply}.results`, new Uint8Array(0));
      sendStream(`${m.reply}.results.0.0`, [`JS saw ${method} ${path} at ${authority} `, `from ${from ? from[1][0] : "nobody"}: ${received}\n`]);
      nc.publish(`${m.reply}.results.0.1`, Uint8Array.of(0));
      nc.publish(`${m.reply}.results.0.1`, new Uint8Array(0));
      for (const s of [params, body, trailers]) s.unsubscribe();
    }
  })();
  await nc.flush();
  console.log("ready");
  await new Promise(() => {});
} else if (mode === "call") {
  const [instance, func, argument] = rest;
  const rc = `_INBOX.${nuid.next()}`;
  const handshake = nc.subscribe(rc, { max: 1 });
  const results = nc.subscribe(`${rc}.results`);
  nc.publish(`${prefix}.wrpc.0.0.1.${instance}.${func}`, encodeString(argument), { reply: rc });
  const accept = await next(handshake);
  if (!accept.reply) throw new Error("no server inbox in the handshake");
  nc.publish(`${accept.reply}.params`, new Uint8Array(0));
  const bytes = await collect(results);
  console.log(decodeString(bytes, { i: 0 }));
} else if (mode === "serve") {
  const serve = (instance, func, handle) => {
    const subscription = nc.subscribe(`${prefix}.wrpc.0.0.1.${instance}.${func}`, { queue: prefix });
    (async () => {
      for await (const m of subscription) {
        const rs = `_INBOX.${nuid.next()}`;
        const params = nc.subscribe(`${rs}.params`);
        nc.publish(m.reply, new Uint8Array(0), { reply: rs });
        const bytes = await collect(params, m.data);
        params.unsubscribe();
        nc.publish(`${m.reply}.results`, handle(bytes));
        nc.publish(`${m.reply}.results`, new Uint8Array(0));
      }
    })();
  };
  serve("example:js/text@0.1.0", "shout", (bytes) => encodeString(decodeString(bytes, { i: 0 }).toUpperCase() + "!"));
  serve("example:js/math@0.1.0", "add", (bytes) => { const at = { i: 0 }; return Uint8Array.from(leb(readLeb(bytes, at) + readLeb(bytes, at))); });
  await nc.flush();
  console.log("ready");
  await new Promise(() => {});
}
await nc.drain();

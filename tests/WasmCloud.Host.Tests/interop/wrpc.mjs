// wRPC 0.0.1 over NATS, written from the spec (bytecodealliance/wrpc SPEC.md and transport-nats) with the official
// JavaScript NATS client and nothing of ours: the handshake, the params/results subjects, LEB128 and strings.
//   node wrpc.mjs NATS_URL call PREFIX INSTANCE FUNC STRING   calls FUNC(string) -> string and prints the result
//   node wrpc.mjs NATS_URL serve PREFIX                       serves example:js/text@0.1.0 shout(string) -> string
//                                                            and example:js/math@0.1.0 add(u32, u32) -> u32
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

if (mode === "call") {
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

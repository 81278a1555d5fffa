// Usage: node bench.mjs <server-url> <messages> <payload-bytes> <runs> <requests>
// Prints one JSON line: publish throughput (median of runs) and request/reply round-trip percentiles.
import { connect } from "@nats-io/transport-node";

const [url, messages, size, runs, requests] = process.argv.slice(2);
const payload = new Uint8Array(Number(size));

async function publishRun(nc, count) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < count; i++) nc.publish("bench.pub", payload);
  await nc.flush(); // the server has processed every message once the PONG is back
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return count / seconds;
}

async function latency(count) {
  const responder = await connect({ servers: url });
  responder.subscribe("bench.echo", { callback: (_, msg) => msg.respond(msg.data) });
  await responder.flush();
  const requester = await connect({ servers: url });
  for (let i = 0; i < 1000; i++) await requester.request("bench.echo", payload, { timeout: 5000 });
  const samples = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const start = process.hrtime.bigint();
    await requester.request("bench.echo", payload, { timeout: 5000 });
    samples[i] = Number(process.hrtime.bigint() - start) / 1000;
  }
  samples.sort();
  await requester.close();
  await responder.close();
  return { p50: samples[Math.floor(count * 0.5)], p99: samples[Math.floor(count * 0.99)] };
}

const nc = await connect({ servers: url });
await publishRun(nc, Math.min(Number(messages), 100000)); // warm-up
const rates = [];
for (let r = 0; r < Number(runs); r++) rates.push(await publishRun(nc, Number(messages)));
await nc.close();
rates.sort((a, b) => a - b);
const { p50, p99 } = await latency(Number(requests));
console.log(JSON.stringify({ publishPerSecond: rates[Math.floor(rates.length / 2)], p50Micros: p50, p99Micros: p99 }));

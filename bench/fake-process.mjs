// The fake Paynet server for `npm run bench`, run in its own process (spawned by bench/run.mjs).
//
// It starts the built fake (dist/testing) on 127.0.0.1, port 0, and prepares one captured
// pre-authorisation whose status is pinned to `captured`, so that every
// `POST /v1/transaction/capture_reversal` for it runs the fake's full handler (parse, auth, lookup,
// state checks, new reversal id, answer) and answers the same success, whichever client sends it.
// Without the pin the fake's state rules answer 400 (code 19) from the second reversal on.
//
// Prints one JSON line on stdout: { url, secretKey, captureXactId }. Stops on SIGTERM / SIGINT or
// when stdin closes (the parent died).
/* global fetch */
import { PaynetFakeServer } from '../dist/esm/testing/index.js';

// The fake closes idle keep-alive connections after 5 s by default. A client idle that long between
// rounds (while the other clients run) could then write into a socket the server is closing
// (ECONNRESET, "socket hang up"). Hold idle connections for 75 s instead, like nginx's default.
const server = await new PaynetFakeServer({
  port: 0,
  host: '127.0.0.1',
  requestLogLimit: 1000,
  keepAliveTimeoutMs: 75_000,
}).start();

async function post(path, body) {
  const res = await fetch(server.url + path, {
    method: 'POST',
    headers: { Authorization: `Basic ${server.secretKey}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = await res.json();
  if (res.status !== 200 || json.is_succeed === false) {
    throw new Error(`${path} answered ${res.status}: ${JSON.stringify(json).slice(0, 300)}`);
  }
  return json;
}

// One pre-authorisation through the API, then its capture: a real captured transaction.
const preauth = await post('/v2/transaction/payment', {
  amount: '100,00',
  reference_no: 'BENCH-PREAUTH-1',
  domain: 'bench.example',
  card_holder: 'Bench User',
  pan: '4355084355084358',
  month: 12,
  year: 2030,
  cvc: '000',
  transaction_type: 3,
});
await post('/v1/transaction/capture', { xact_id: preauth.xact_id });
const tx = server.store.txByXactId.get(preauth.xact_id);
if (!tx || tx.status !== 'captured') throw new Error('bench fake: the capture did not take');
// The pin: reads always see `captured`, writes of the status are dropped.
Object.defineProperty(tx, 'status', { get: () => 'captured', set: () => {}, enumerable: true });

process.stdout.write(
  `${JSON.stringify({ url: server.url, secretKey: server.secretKey, captureXactId: preauth.xact_id })}\n`,
);

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  server.stop().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
process.stdin.on('end', stop);
process.stdin.on('close', stop);
process.stdin.resume();

// `npm run bench`: the cost of nestjs-paynet-tr next to the HTTP client under it.
//
// Starts the fake Paynet in a separate process on 127.0.0.1 (bench/fake-process.mjs), then measures
// in one run: throughput and latency of refunds.reverseCapture and payments.create through
// PaynetService, raw axios and raw undici at concurrency 1 and 16; validation + serialisation per
// call; RSS over 100,000 calls; peak RSS of transactions.listAll over 10,000 and 100,000 rows.
// Writes BENCHMARKS.md. BENCH_QUICK=1 runs tiny rounds (smoke test, BENCHMARKS.md not written).
/* global fetch */
import { spawn } from 'node:child_process';
import { writeFileSync, readFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import axios from 'axios';
import { Agent, request } from 'undici';
import { PACKAGE_VERSION } from '../dist/esm/index.js';
import {
  BENCH_DIR,
  createPaynetContext,
  median,
  paymentParams,
  percentile,
  runLoad,
  startFake,
} from './common.mjs';

const QUICK = process.env.BENCH_QUICK === '1';
const S = QUICK
  ? {
      rounds: 2,
      n1: 200,
      n16: 600,
      warm1: 200,
      warm16: 600,
      vRounds: 3,
      vCalls: 2000,
      memCalls: 5000,
      listSmall: 1000,
      listLarge: 5000,
      listWarmWalks: 1,
      listPairs: 2,
    }
  : {
      rounds: 9,
      n1: 2000,
      n16: 8000,
      warm1: 1000,
      warm16: 4000,
      vRounds: 7,
      vCalls: 20000,
      memCalls: 100000,
      listSmall: 10000,
      listLarge: 100000,
      listWarmWalks: 3,
      listPairs: 5,
    };

/** The listAll walkers (bench/worker.mjs `client`). */
const CLIENT_NAMES = { module: 'PaynetService', 'node-http': 'node:http (reference)' };

const T0 = performance.now();
const elapsed = () => `${((performance.now() - T0) / 1000).toFixed(0).padStart(4)} s`;
const log = (msg) => console.log(`[bench ${elapsed()}] ${msg}`);
const f1 = (x) => x.toFixed(1);
const f2 = (x) => x.toFixed(2);
const f0 = (x) => Math.round(x).toLocaleString('en-US');

let fake;
let app;
const cleanup = async () => {
  if (app) await app.close().catch(() => {});
  app = undefined;
  if (fake) await fake.stop();
  fake = undefined;
};
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.once(sig, () => {
    cleanup().finally(() => process.exit(130));
  });
}

try {
  await main();
} catch (err) {
  console.error(err);
  process.exitCode = 1;
} finally {
  await cleanup();
}

async function main() {
  log(`nestjs-paynet-tr ${PACKAGE_VERSION}, node ${process.version}${QUICK ? ' (QUICK)' : ''}`);
  fake = await startFake();
  log(`fake Paynet (pid ${fake.pid}) at ${fake.url}`);
  const ctx = await createPaynetContext(fake);
  app = ctx.app;
  const paynet = ctx.paynet;
  const sender = paynet.client.sender;
  // the declared specs, read from the groups' resource classes (not exported: internal)
  const CREATE_PAYMENT = paynet.payments.constructor.group.specs.create;
  const REVERSE_CAPTURE = paynet.refunds.constructor.group.specs.reverseCapture;

  // --- validation + serialisation (no I/O) --------------------------------------------------------
  const validation = {};
  const payParams = Array.from({ length: 1000 }, (_, i) => paymentParams(`VAL-${i}`));
  const revParams = Array.from({ length: 1000 }, (_, i) => ({ xact_id: `xk_bench_${i}` }));
  for (const [name, spec, params] of [
    ['refunds.reverseCapture', REVERSE_CAPTURE, revParams],
    ['payments.create', CREATE_PAYMENT, payParams],
  ]) {
    let sink = 0;
    const once = (n) => {
      const t = performance.now();
      for (let i = 0; i < n; i++) sink += JSON.stringify(sender.buildBody(spec, params[i % 1000])).length;
      return ((performance.now() - t) * 1000) / n;
    };
    once(S.vCalls);
    const perCall = [];
    for (let r = 0; r < S.vRounds; r++) perCall.push(once(S.vCalls));
    if (sink === 0) throw new Error('nothing serialised');
    validation[name] = { median: median(perCall), min: Math.min(...perCall), max: Math.max(...perCall) };
    log(
      `validation + serialisation ${name}: ${f2(validation[name].median)} µs/call (rounds ${perCall.map(f2).join(', ')})`,
    );
  }

  // --- throughput and latency ---------------------------------------------------------------------
  const headers = {
    'Content-Type': 'application/json; charset=UTF-8',
    Accept: 'application/json; charset=UTF-8',
    'User-Agent': `nestjs-paynet-tr/${PACKAGE_VERSION} node/${process.version}`,
    Authorization: `Basic ${fake.secretKey}`,
  };
  const httpAgent = new http.Agent({ keepAlive: true });
  const dispatcher = new Agent({ keepAliveTimeout: 4000 });
  let seq = 0;
  const nextRef = () => `BENCH-${process.pid}-${++seq}`;
  const payWire = sender.buildBody(CREATE_PAYMENT, paymentParams('X'));
  const revWire = sender.buildBody(REVERSE_CAPTURE, { xact_id: fake.captureXactId });

  const ops = {
    'refunds.reverseCapture': {
      path: REVERSE_CAPTURE.path,
      service: () => paynet.refunds.reverseCapture({ xact_id: fake.captureXactId }),
      body: () => revWire,
    },
    'payments.create': {
      path: CREATE_PAYMENT.path,
      service: () => paynet.payments.create(paymentParams(nextRef())),
      body: () => ({ ...payWire, reference_no: nextRef() }),
    },
  };
  const approved = (data) => {
    if (data === null || typeof data !== 'object' || data.is_succeed !== true) {
      throw new Error(`not approved: ${JSON.stringify(data).slice(0, 200)}`);
    }
  };
  const clientsFor = (op) => {
    const url = fake.url + op.path;
    return {
      PaynetService: async () => approved(await op.service()),
      'raw axios': async () => {
        const res = await axios.request({
          method: 'POST',
          url,
          headers,
          data: op.body(),
          httpAgent,
          proxy: false,
        });
        approved(res.data);
      },
      'raw undici': async () => {
        const res = await request(url, {
          method: 'POST',
          headers,
          body: JSON.stringify(op.body()),
          dispatcher,
        });
        const data = await res.body.json();
        if (res.statusCode !== 200) throw new Error(`HTTP ${res.statusCode}`);
        approved(data);
      },
    };
  };

  const throughput = [];
  for (const [opName, op] of Object.entries(ops)) {
    const clients = clientsFor(op);
    const names = Object.keys(clients);
    for (const c of [1, 16]) {
      const n = c === 1 ? S.n1 : S.n16;
      for (const name of names) await runLoad(clients[name], c === 1 ? S.warm1 : S.warm16, c);
      const rounds = Object.fromEntries(names.map((k) => [k, []]));
      for (let r = 0; r < S.rounds; r++) {
        // Rotate the order every round so that no client always runs first.
        const order = names.map((_, i) => names[(i + r) % names.length]);
        for (const name of order) {
          const { elapsedMs, latencies } = await runLoad(clients[name], n, c);
          latencies.sort();
          rounds[name].push({
            rps: (n * 1000) / elapsedMs,
            p50: percentile(latencies, 50),
            p99: percentile(latencies, 99),
          });
        }
        log(
          `${opName} C=${c} round ${r + 1}/${S.rounds}: ` +
            names.map((k) => `${k} ${f0(rounds[k][r].rps)} req/s`).join(', '),
        );
      }
      const ratios = rounds.PaynetService.map((x, i) => x.rps / rounds['raw axios'][i].rps);
      for (const name of names) {
        throughput.push({
          op: opName,
          c,
          client: name,
          rps: median(rounds[name].map((x) => x.rps)),
          p50: median(rounds[name].map((x) => x.p50)),
          p99: median(rounds[name].map((x) => x.p99)),
          ratio: name === 'PaynetService' ? median(ratios) : undefined,
          ratioMin: name === 'PaynetService' ? Math.min(...ratios) : undefined,
        });
      }
    }
  }
  httpAgent.destroy();
  await dispatcher.close();
  await app.close();
  app = undefined;

  // --- RSS over 100,000 calls (fresh process each) ------------------------------------------------
  const memory = {};
  for (const op of ['refunds.reverseCapture', 'payments.create']) {
    log(`RSS over ${f0(S.memCalls)} ${op} calls through PaynetService (C=16, fresh process)...`);
    memory[op] = await child('memory', {
      url: fake.url,
      secretKey: fake.secretKey,
      captureXactId: fake.captureXactId,
      op,
      calls: S.memCalls,
      concurrency: 16,
    });
    const m = memory[op];
    log(
      `  RSS ${f1(m.before)} MB -> ${f1(m.after)} MB (after GC ${f1(m.afterGc)} MB, peak ${f1(m.peak)} MB), ${f0((m.calls * 1000) / m.elapsedMs)} req/s`,
    );
  }

  // --- listAll peak RSS (fresh process each) ------------------------------------------------------
  const seed = async (rows, date, prefix) => {
    log(`seeding ${f0(rows)} transactions on ${date}...`);
    const res = await fetch(`${fake.url}/__fake/seed/transactions`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ count: rows, date: `${date}T12:00:00+03:00`, prefix }),
    });
    if (!res.ok) throw new Error(`seeding answered ${res.status}`);
    await res.arrayBuffer();
  };
  const smallDate = '2020-01-15';
  const largeDate = '2020-02-15';
  await seed(S.listSmall, smallDate, 'LISTS');
  await seed(S.listLarge, largeDate, 'LISTL');
  const repeat = S.listLarge / S.listSmall;
  const lists = {};
  for (const client of ['module', 'node-http']) {
    log(
      `listAll, ${CLIENT_NAMES[client]}: ${S.listWarmWalks} warm-up walks of ${f0(S.listLarge)} rows, then ${S.listPairs} × ` +
        `(${repeat} walks of ${f0(S.listSmall)} rows | 1 walk of ${f0(S.listLarge)} rows), fresh process...`,
    );
    const r = await child('listall', {
      url: fake.url,
      secretKey: fake.secretKey,
      client,
      smallDate,
      smallRows: S.listSmall,
      largeDate,
      largeRows: S.listLarge,
      repeat,
      warmWalks: S.listWarmWalks,
      pairs: S.listPairs,
    });
    const summarise = (windows, heap) => ({
      peak: median(windows.map((w) => w.peak)),
      peakMin: Math.min(...windows.map((w) => w.peak)),
      peakMax: Math.max(...windows.map((w) => w.peak)),
      before: median(windows.map((w) => w.before)),
      rowsPerSec: median(windows.map((w) => (w.rows * 1000) / w.elapsedMs)),
      heapAfterGc: heap,
    });
    lists[client] = { small: summarise(r.small, r.smallHeap), large: summarise(r.large, r.largeHeap) };
    const { small, large } = lists[client];
    log(
      `  peak RSS ${repeat} × ${f0(S.listSmall)}: ${r.small.map((w) => f1(w.peak)).join(', ')} MB; ` +
        `1 × ${f0(S.listLarge)}: ${r.large.map((w) => f1(w.peak)).join(', ')} MB; ` +
        `medians ${f1(small.peak)} / ${f1(large.peak)} MB, heap after GC ${f1(small.heapAfterGc)} / ${f1(large.heapAfterGc)} MB`,
    );
  }
  log('listAll cold (fresh process, one walk, no warm-up), for comparison...');
  const cold = {};
  for (const client of ['module', 'node-http']) {
    cold[client] = [];
    for (const [date, rows] of [
      [smallDate, S.listSmall],
      [largeDate, S.listLarge],
    ]) {
      const r = await child('listall-cold', {
        url: fake.url,
        secretKey: fake.secretKey,
        client,
        date,
        expectRows: rows,
      });
      cold[client].push(r);
      log(`  ${CLIENT_NAMES[client]}, ${f0(rows)} rows: process peak RSS ${f1(r.processPeak)} MB`);
    }
  }

  const report = renderReport({ validation, throughput, memory, lists, cold, repeat });
  console.log(`\n${report.summary}`);
  if (QUICK) log('QUICK run: BENCHMARKS.md not written');
  else {
    // keep the section bench/stores.mjs writes at the end (from its marker line on)
    const previous = readFileSync(new URL('../BENCHMARKS.md', import.meta.url), 'utf8');
    const stores = previous.indexOf('<!-- bench:stores');
    const tail = stores >= 0 ? `\n${previous.slice(stores)}` : '';
    writeFileSync(new URL('../BENCHMARKS.md', import.meta.url), report.markdown.replace(/\s*$/, '\n') + tail);
    log('wrote BENCHMARKS.md');
  }
}

/** Runs bench/worker.mjs in a fresh node process and answers its JSON line. */
function child(mode, cfg) {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--expose-gc', `${BENCH_DIR}worker.mjs`, mode, JSON.stringify(cfg)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    p.stdout.on('data', (d) => (out += d.toString('utf8')));
    p.once('error', reject);
    p.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`worker ${mode} exited with ${code}`));
      try {
        resolve(JSON.parse(out.trim().split('\n').pop()));
      } catch (err) {
        reject(err);
      }
    });
  });
}

function version(pkg) {
  const path = new URL(`../node_modules/${pkg}/package.json`, import.meta.url);
  return JSON.parse(readFileSync(path, 'utf8')).version;
}

function renderReport({ validation, throughput, memory, lists, cold, repeat }) {
  const cpus = os.cpus();
  const ok = (b) => (b ? '**met**' : '**missed**');
  const ratios = throughput.filter((t) => t.ratio !== undefined);
  const worstValidation = Math.max(...Object.values(validation).map((v) => v.median));
  const memGrowth = Object.values(memory).map((m) => m.afterGc - m.before);
  const listDelta = (client) => lists[client].large.peak - lists[client].small.peak;
  const heapDelta = lists.module.large.heapAfterGc - lists.module.small.heapAfterGc;

  const tput = [
    '| Operation | C | Client | req/s | p50 ms | p99 ms | PaynetService / raw axios |',
    '|---|---:|---|---:|---:|---:|---:|',
    ...throughput.map(
      (t) =>
        `| ${t.op} | ${t.c} | ${t.client} | ${f0(t.rps)} | ${f2(t.p50)} | ${f2(t.p99)} | ${
          t.ratio === undefined ? '' : `${t.ratio.toFixed(3)} (worst round ${t.ratioMin.toFixed(3)})`
        } |`,
    ),
  ].join('\n');
  const val = [
    '| Service | µs per call (median) | min | max |',
    '|---|---:|---:|---:|',
    ...Object.entries(validation).map(([k, v]) => `| ${k} | ${f2(v.median)} | ${f2(v.min)} | ${f2(v.max)} |`),
  ].join('\n');
  const mem = [
    '| Calls (PaynetService, C=16) | RSS before | RSS after | RSS after GC | growth (after GC) | peak RSS | heap before → after GC |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...Object.entries(memory).map(
      ([k, m]) =>
        `| ${f0(m.calls)} × ${k} | ${f1(m.before)} MB | ${f1(m.after)} MB | ${f1(m.afterGc)} MB | ${f1(m.afterGc - m.before)} MB | ${f1(m.peak)} MB | ${f1(m.beforeHeap)} → ${f1(m.afterHeap)} MB |`,
    ),
  ].join('\n');
  const list = [
    `| Client | Window (after ${S.listWarmWalks} warm-up walks of ${f0(S.listLarge)} rows) | peak RSS: median (min – max) of ${S.listPairs} | RSS before (median) | heap used after GC | rows/s |`,
    '|---|---|---:|---:|---:|---:|',
    ...['module', 'node-http'].flatMap((client) =>
      [
        [`${repeat} walks of ${f0(S.listSmall)} rows`, lists[client].small],
        [`1 walk of ${f0(S.listLarge)} rows`, lists[client].large],
      ].map(
        ([label, l]) =>
          `| ${CLIENT_NAMES[client]} | ${label} | ${f1(l.peak)} MB (${f1(l.peakMin)} – ${f1(l.peakMax)}) | ${f1(l.before)} MB | ${f1(l.heapAfterGc)} MB | ${f0(l.rowsPerSec)} |`,
      ),
    ),
  ].join('\n');
  const coldList = [
    `| Client | cold: ${f0(S.listSmall)} rows | cold: ${f0(S.listLarge)} rows |`,
    '|---|---:|---:|',
    ...['module', 'node-http'].map(
      (client) =>
        `| ${CLIENT_NAMES[client]} | ${f1(cold[client][0].processPeak)} MB | ${f1(cold[client][1].processPeak)} MB |`,
    ),
  ].join('\n');
  const targets = [
    '| Target | Measured | Status |',
    '|---|---|---|',
    ...[1, 16].map((c) => {
      const rs = ratios.filter((t) => t.c === c);
      const w = Math.min(...rs.map((t) => t.ratio));
      return `| PaynetService throughput >= 0.90 × raw axios at C=${c} | ${rs.map((t) => `${t.op} ${t.ratio.toFixed(3)}`).join(', ')} | ${ok(w >= 0.9)} |`;
    }),
    `| Validation + serialisation <= 20 µs per call | ${Object.entries(validation)
      .map(([k, v]) => `${k} ${f2(v.median)} µs`)
      .join(', ')} | ${ok(worstValidation <= 20)} |`,
    `| RSS growth < 20 MB over ${f0(S.memCalls)} calls | ${Object.entries(memory)
      .map(
        ([k, m]) => `${k} ${f1(m.afterGc - m.before)} MB after GC (${f1(m.after - m.before)} MB before it)`,
      )
      .join(', ')} | ${ok(Math.max(...memGrowth) < 20)} |`,
    `| listAll peak RSS independent of the row count | ${repeat} walks of ${f0(S.listSmall)} rows ${f1(lists.module.small.peak)} MB, one walk of ${f0(S.listLarge)} rows ${f1(lists.module.large.peak)} MB (difference ${f1(listDelta('module'))} MB; node:http reference ${f1(listDelta('node-http'))} MB; heap after GC ${f1(lists.module.small.heapAfterGc)} vs ${f1(lists.module.large.heapAfterGc)} MB) | ${ok(listDelta('module') < 10 && Math.abs(heapDelta) < 2)} |`,
  ].join('\n');

  const machine = [
    `- Date: ${new Date().toISOString()}`,
    `- CPU: ${cpus[0]?.model ?? 'unknown'}, ${cpus.length} cores (logical)`,
    `- Memory: ${f1(os.totalmem() / 1024 ** 3)} GiB`,
    `- OS: ${os.type()} ${os.release()} (${os.arch()}); load average at the end of the run ${os.loadavg().map(f2).join(' / ')} (1 / 5 / 15 min: other processes on the machine add noise)`,
    `- Node ${process.version}; nestjs-paynet-tr ${PACKAGE_VERSION}; axios ${version('axios')}; undici ${version('undici')}; @nestjs/core ${version('@nestjs/core')}; class-validator ${version('class-validator')}`,
  ].join('\n');

  const summary = [
    'Targets',
    targets,
    '',
    'Throughput (medians of rounds)',
    tput,
    '',
    'Validation + serialisation',
    val,
    '',
    'RSS over many calls',
    mem,
    '',
    'listAll',
    list,
    '',
    'listAll cold',
    coldList,
  ].join('\n');

  const markdown = `# Benchmarks

Generated by \`npm run bench\` (bench/run.mjs): do not edit by hand, re-run the script.

The question: is the module's own cost (validation, serialisation, the request layer, the Nest
\`HttpService\` axios instance) small next to the HTTP client under it?

## Machine

${machine}

## Targets

${targets}

## Throughput and latency

Loopback only: the fake Paynet (\`bench/fake-process.mjs\`, the library's own \`PaynetFakeServer\` built
in \`dist/testing\`) runs in a separate Node process on 127.0.0.1, the clients in the bench process.
All three clients run in the same process, against the same fake, in the same run:

- **PaynetService**: a real Nest application context with \`PaynetModule.forRoot({ secretKey, baseUrl })\`
  (default options otherwise: 30 s timeout per attempt, Nest logger at warn/error, so the debug line
  is not built), calling \`paynet.refunds.reverseCapture(...)\` / \`paynet.payments.create(...)\` with the
  caller's params (lira amount \`20.5\`): validation, amount formatting, \`JSON.stringify\`, headers,
  timeout, \`HttpService\`'s axios instance, response parsing and interpretation.
- **raw axios**: \`axios.request({ method: 'POST', url, headers, data, httpAgent, proxy: false })\` with
  the same keep-alive \`http.Agent({ keepAlive: true })\` the module's transport uses, the same headers
  and the same wire body (as the module builds it: \`amount: "20,50"\`), the answer parsed by axios.
- **raw undici**: \`undici.request\` with a keep-alive \`Agent\`, \`JSON.stringify\` of the same body,
  \`body.json()\`: the physical reference (the cheapest Node HTTP/1.1 client).

Every answer is checked (\`is_succeed === true\`) by all three. Per case: a warm-up
(${f0(S.warm1)} calls at C=1, ${f0(S.warm16)} at C=16, every client), then ${S.rounds} rounds of
${f0(S.n1)} calls (C=1) or ${f0(S.n16)} calls (C=16) per client; the clients take turns within a
round and the order rotates every round. Figures are medians over the rounds; the ratio is the
median of the per-round ratios PaynetService / raw axios (the worst round in brackets). C is the
number of calls in flight (each in-flight slot awaits its answer before the next call).

**payments.create** sends a fresh \`reference_no\` on every call (a counter shared by all clients), so
each call is a new, approved charge in the fake (test card 4355084355084358, 12/2030, CVC 000): the
same server-side work for every client.

**refunds.reverseCapture** needs a captured transaction, and the fake (like Paynet) refuses a second
reversal of the same capture (\`400\`, code 19) and would then answer an error to everything after
the first call. The bench fake process therefore makes one real pre-authorisation and captures it
through the API, then pins that transaction's \`status\` to \`captured\` (a property whose writes are
dropped). Every reversal of it runs the fake's full \`capture_reversal\` handler (body parsing, key
check, lookup, state checks, a new reversal id, the answer) and answers the same success
(\`is_succeed: true\`, \`transaction_type: 6\`) to all three clients with the same body: equal
server-side cost, and the success path of the module is what is measured.

The fake is one Node process; on a small machine it shares the cores with the bench process, so at
C=16 every client is partly limited by the fake. The ratio is what the module costs on top of
axios on the same machine in the same run, not an absolute capacity figure. Single rounds move by
±10 % and more at C=16 (GC pauses, the two processes sharing two cores), hence nine rounds and medians.

What the module adds per call was found with \`node --cpu-prof\` on payments.create at C=16 and cut
where it showed: class-validator's metadata read once per DTO class, \`plainToInstance\` skipped for
DTOs without transformer metadata, no rxjs observable per call, no debug line built while the level
is off, and no \`AbortController\` per attempt (its construction and axios' listener on it were the
largest single item; the time limit is now a plain timer plus axios' \`timeout\`). What remains is
validation (the figures below), the retry loop and response interpretation, and axios merging a few
more config keys than the raw call passes (\`responseType\`, \`validateStatus\`, \`maxRedirects\`...).
A ratio above 1 is possible and not an error: the raw call takes axios' defaults, which send through
follow-redirects (\`maxRedirects: 21\`) and decode the text in axios, while the module asks for
\`maxRedirects: 0\` (Paynet does not redirect API calls; axios then uses Node's \`http\` directly) and
reads the stream itself.

${tput}

## Validation + serialisation

\`sender.buildBody(spec, params)\` (class-validator rules of the DTO, unknown-field rejection, amount
formatting) plus \`JSON.stringify\` of the body, in the bench process, no I/O: ${S.vRounds} rounds of
${f0(S.vCalls)} calls after a warm-up round, cycling through 1,000 distinct params objects.

${val}

## RSS over ${f0(S.memCalls)} calls

A fresh process (\`bench/worker.mjs\`, \`--expose-gc\`) with the Nest context: 5,000 warm-up calls,
a forced GC, RSS "before", then ${f0(S.memCalls)} calls through PaynetService at C=16, RSS "after"
(as left, no forced GC) and "after GC" (a forced GC, like "before"). "growth" = after GC − before:
the like-for-like comparison; the RSS right after the calls depends on when V8 last collected.

${mem}

## listAll

\`transactions.listAll\` (default page size 100) over two sets of rows seeded in the fake
(\`POST /__fake/seed/transactions\`, each set on its own day): ${f0(S.listSmall)} and ${f0(S.listLarge)} rows. The
walker only counts the rows and sums their amounts. Each client runs in a fresh process
(\`bench/worker.mjs\`, the same Nest context loaded in both), RSS sampled every 20 ms:

- **PaynetService**: \`paynet.transactions.listAll({ datab, datbi })\`.
- **node:http (reference)**: the same page requests (same path, headers and body, 100 rows a page)
  over Node's own \`http\` with a keep-alive agent, each answer decoded and parsed the same way; no
  axios, no validation. It shows what Node itself does with this walk.

How it is measured, and why:

- **Warm-up first.** V8 sizes its heap (young generation, old-generation limits) during the first few
  hundred thousand rows of such a walk, whoever makes the requests: the cold runs below (one walk in
  a fresh process) peak higher for the longer walk with both clients. Each process therefore walks
  the large set ${S.listWarmWalks} times before measuring.
- **Equal windows.** A peak is the highest sample of a window, and a longer window meets more of V8's
  collection cycles, so comparing a 0.3 s walk with a 3 s walk favours the short one. The small set is
  therefore walked ${repeat} times back to back (the same number of rows and about the same time as one
  walk of the large set), against one walk of the large set: only the length of the \`listAll\` walk
  differs. The two windows alternate, ${S.listPairs} pairs, each window after a forced GC; medians.
- **Independent of the row count** is read strictly: median peaks within 10 MB and the heap used after
  GC within 2 MB. Rows kept by the iterator would show as about 1.5 KB per row (150 MB per 100,000).

Two causes made the module's peak grow with the walk's length; both are fixed, and each was found by
measuring (the MB figures are from this bench's earlier method: single walks of 10,000 / 100,000 rows
after a 50,000-row warm-up):

- **Answers promoted to V8's old generation.** With axios building the answer text
  (\`responseType: 'text'\`, the module's first transport), the last answer stayed reachable from the
  keep-alive socket until the next one arrived, so every page (a 147 KB answer for 100 rows) survived
  two scavenges and was promoted (\`node --trace-gc-nvp\`: about 16 MB "promoted" per scavenge), and
  only full collections freed it: 176 / 214 MB. The transport now takes the answer as a stream and
  reads it itself.
- **Off-heap copies.** The stream reader then joined each answer's chunks into one 147 KB buffer
  before decoding it. Buffers live outside V8's heap, in the process' malloc arenas, and the peak still
  rose with the walk's length while the heap after GC stayed the same: 139 / 163 MB. With
  \`MALLOC_ARENA_MAX=1\` the difference disappeared, so the likely cause was fragmentation of the
  arenas. The reader now decodes each chunk as it arrives (\`StringDecoder\`), with no joined copy.

${list}

Cold runs (process peak RSS, \`maxRSS\`, of a fresh process that walks once, no warm-up):

${coldList}

## Running it

\`\`\`sh
npm install
npm run bench          # builds, then runs bench/run.mjs (about 3-5 minutes on 2 cores)
BENCH_QUICK=1 node bench/run.mjs   # smoke test with tiny rounds; does not write this file
\`\`\`
`;
  return { markdown, summary };
}

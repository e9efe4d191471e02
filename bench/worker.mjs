// Memory measurements, each in a fresh process (spawned by bench/run.mjs with --expose-gc) so that
// nothing measured earlier is in its RSS. Prints one JSON line with the result.
//
//   node --expose-gc bench/worker.mjs memory  '{"url","secretKey","captureXactId","op","calls","concurrency"}'
//   node --expose-gc bench/worker.mjs listall '{"url","secretKey","client","smallDate","smallRows",
//     "largeDate","largeRows","repeat","warmWalks","pairs"}'
//   node --expose-gc bench/worker.mjs listall-cold '{"url","secretKey","client","date","expectRows"}'
// `client` is "module" (PaynetService) or "node-http" (the reference walker, same process contents).
import { Buffer } from 'node:buffer';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { StringDecoder } from 'node:string_decoder';
import { clearInterval, setInterval } from 'node:timers';
import { createPaynetContext, gc, maxRssMb, paymentParams, rssMb, runLoad } from './common.mjs';

const [mode, json] = process.argv.slice(2);
const cfg = JSON.parse(json ?? '{}');
const { app, paynet } = await createPaynetContext(cfg);

try {
  if (mode === 'memory') {
    const xact_id = cfg.captureXactId;
    let seq = 0;
    const pid = process.pid;
    const call =
      cfg.op === 'payments.create'
        ? async () => {
            const r = await paynet.payments.create(paymentParams(`MEM-${pid}-${++seq}`));
            if (r.is_succeed !== true) throw new Error('payment not approved');
          }
        : async () => {
            const r = await paynet.refunds.reverseCapture({ xact_id });
            if (r.is_succeed !== true) throw new Error('reversal not approved');
          };
    await runLoad(call, 5000, cfg.concurrency); // warm-up
    gc();
    const before = rssMb();
    const beforeHeap = process.memoryUsage().heapUsed / 1048576;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, rssMb())), 100);
    const { elapsedMs } = await runLoad(call, cfg.calls, cfg.concurrency);
    clearInterval(sampler);
    const after = rssMb();
    peak = Math.max(peak, after);
    gc();
    const afterGc = rssMb();
    const afterHeap = process.memoryUsage().heapUsed / 1048576;
    process.stdout.write(
      `${JSON.stringify({ before, after, afterGc, peak, beforeHeap, afterHeap, elapsedMs, calls: cfg.calls })}\n`,
    );
  } else if (mode === 'listall' || mode === 'listall-cold') {
    const walkRows = cfg.client === 'node-http' ? nodeHttpRows(cfg) : (date) => moduleRows(paynet, date);
    const walk = async (date) => {
      let rows = 0;
      let amount = 0;
      for await (const row of walkRows(date)) {
        rows++;
        amount += Number(row.amount);
      }
      return { rows, amount };
    };
    if (mode === 'listall-cold') {
      // One walk in a fresh process: the kernel's peak RSS for the whole process (maxRSS).
      gc();
      const before = rssMb();
      const { rows } = await walk(cfg.date);
      if (rows !== cfg.expectRows) throw new Error(`walk yielded ${rows} rows, expected ${cfg.expectRows}`);
      process.stdout.write(`${JSON.stringify({ rows, before, processPeak: maxRssMb() })}\n`);
    } else {
      /** Walks `times` × `date` after a forced GC, sampling RSS every 20 ms: the window's peak. */
      const window = async (date, times, expectRows) => {
        gc();
        const before = rssMb();
        let peak = before;
        const sampler = setInterval(() => (peak = Math.max(peak, rssMb())), 20);
        const started = performance.now();
        let rows = 0;
        for (let i = 0; i < times; i++) rows += (await walk(date)).rows;
        const elapsedMs = performance.now() - started;
        clearInterval(sampler);
        peak = Math.max(peak, rssMb());
        if (rows !== expectRows * times) {
          throw new Error(`walks yielded ${rows} rows, expected ${expectRows * times}`);
        }
        return { before, peak, rows, elapsedMs };
      };
      const heapAfterGc = () => {
        gc();
        return process.memoryUsage().heapUsed / 1048576;
      };
      // Warm-up over the large set: V8 sizes its heap during the first few hundred thousand rows
      // (the cold runs show it, for Node's own http client too).
      for (let i = 0; i < cfg.warmWalks; i++) await window(cfg.largeDate, 1, cfg.largeRows);
      // Then equal windows, alternating: `repeat` walks of the small set (as many rows as the large
      // set) against one walk of the large set. Only the length of the listAll walk differs.
      const small = [];
      const large = [];
      let smallHeap = 0;
      let largeHeap = 0;
      for (let i = 0; i < cfg.pairs; i++) {
        small.push(await window(cfg.smallDate, cfg.repeat, cfg.smallRows));
        smallHeap = heapAfterGc();
        large.push(await window(cfg.largeDate, 1, cfg.largeRows));
        largeHeap = heapAfterGc();
      }
      process.stdout.write(`${JSON.stringify({ small, large, smallHeap, largeHeap })}\n`);
    }
  } else {
    throw new Error(`unknown mode ${mode}`);
  }
} finally {
  await app.close();
}

/** The rows of one day through the module: `transactions.listAll`. */
function moduleRows(paynet, date) {
  return paynet.transactions.listAll({ datab: date, datbi: date });
}

/**
 * The reference walker: the same page requests (`/v1/transaction/list`, 100 rows, same headers and
 * body) over Node's own `http` with a keep-alive agent, each answer decoded and parsed the same way,
 * no axios, no validation, no Nest. What it shows is what Node itself does with this walk.
 */
function nodeHttpRows(cfg) {
  const agent = new http.Agent({ keepAlive: true });
  const target = new URL('/v1/transaction/list', cfg.url);
  const headers = {
    'Content-Type': 'application/json; charset=UTF-8',
    Accept: 'application/json; charset=UTF-8',
    Authorization: `Basic ${cfg.secretKey}`,
  };
  const page = (body) =>
    new Promise((resolve, reject) => {
      const data = JSON.stringify(body);
      const req = http.request(
        target,
        { method: 'POST', agent, headers: { ...headers, 'Content-Length': Buffer.byteLength(data) } },
        (res) => {
          const decoder = new StringDecoder('utf8');
          let text = '';
          res.on('data', (chunk) => (text += decoder.write(chunk)));
          res.on('end', () => {
            try {
              resolve(JSON.parse(text + decoder.end()));
            } catch (err) {
              reject(err);
            }
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(data);
    });
  return async function* rows(date) {
    for (let offset = 0; ;) {
      const answer = await page({ datab: date, datbi: date, starting_after: offset, limit: 100 });
      const rowsOfPage = answer.Data ?? [];
      yield* rowsOfPage;
      offset += rowsOfPage.length;
      if (answer.has_more !== undefined ? answer.has_more !== true : rowsOfPage.length < 100) return;
    }
  };
}

// Memory measurements, each in a fresh process (spawned by bench/run.mjs with --expose-gc) so that
// nothing measured earlier is in its RSS. Prints one JSON line with the result.
//
//   node --expose-gc bench/worker.mjs memory  '{"url","secretKey","captureXactId","op","calls","concurrency"}'
//   node --expose-gc bench/worker.mjs listall '{"url","secretKey","date","expectRows","warmDate"}'
import { performance } from 'node:perf_hooks';
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
  } else if (mode === 'listall') {
    const walk = async (date) => {
      let rows = 0;
      let amount = 0;
      for await (const row of paynet.transactions.listAll(
        { datab: date, datbi: date },
        cfg.pageSize ? { pageSize: cfg.pageSize } : {},
      )) {
        rows++;
        amount += Number(row.amount);
      }
      return { rows, amount };
    };
    gc();
    const coldBefore = rssMb();
    // Warm-up walk over other rows: V8 grows its heap for a while before it settles into a steady
    // state; without it a short walk ends before that and looks cheaper than a long one.
    const warm = cfg.warmDate ? await walk(cfg.warmDate) : { rows: 0 };
    // Three measured walks: the peak of one walk moves by tens of MB with GC timing alone.
    const walks = [];
    let rows = 0;
    let amount = 0;
    let elapsedMs = 0;
    for (let w = 0; w < (cfg.walks ?? 3); w++) {
      if (cfg.gcBeforeWalk !== false) gc();
      const before = rssMb();
      let peak = before;
      const samples = [];
      const sampler = setInterval(() => {
        const r = rssMb();
        samples.push(r);
        peak = Math.max(peak, r);
      }, 20);
      const started = performance.now();
      ({ rows, amount } = await walk(cfg.date));
      elapsedMs = performance.now() - started;
      clearInterval(sampler);
      peak = Math.max(peak, rssMb());
      samples.sort((a, b) => a - b);
      walks.push({
        before,
        peak,
        medianRss: samples.length ? samples[samples.length >> 1] : peak,
        elapsedMs,
      });
    }
    gc();
    const heapAfterGc = process.memoryUsage().heapUsed / 1048576;
    const processPeak = maxRssMb(); // kernel's peak for the whole process (a cold run: the walk itself)
    if (rows !== cfg.expectRows) throw new Error(`listAll yielded ${rows} rows, expected ${cfg.expectRows}`);
    process.stdout.write(
      `${JSON.stringify({ rows, amount, warmRows: warm.rows, coldBefore, processPeak, walks, heapAfterGc, elapsedMs })}\n`,
    );
  } else {
    throw new Error(`unknown mode ${mode}`);
  }
} finally {
  await app.close();
}

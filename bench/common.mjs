// Shared pieces of the benchmark: the fake process, the Nest context, the load loop and statistics.
import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { clearTimeout, setTimeout } from 'node:timers';
import { fileURLToPath } from 'node:url';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { PaynetModule, PaynetService } from '../dist/esm/index.js';

export const BENCH_DIR = fileURLToPath(new URL('.', import.meta.url));

/** The params of `payments.create` used everywhere (approved test card); `reference_no` varies. */
export function paymentParams(reference_no) {
  return {
    amount: 20.5,
    reference_no,
    domain: 'bench.example',
    card_holder: 'Bench User',
    pan: '4355084355084358',
    month: 12,
    year: 2030,
    cvc: '000',
  };
}

/**
 * Starts bench/fake-process.mjs and resolves to `{ url, secretKey, captureXactId, stop }` once it
 * printed its JSON line. The child also stops when our stdin pipe to it closes (we died).
 */
export function startFake() {
  const child = spawn(process.execPath, [`${BENCH_DIR}fake-process.mjs`], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let stopped = false;
  const stop = () =>
    new Promise((resolve) => {
      if (stopped || child.exitCode !== null) {
        stopped = true;
        resolve();
        return;
      }
      stopped = true;
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill('SIGTERM');
    });
  return new Promise((resolve, reject) => {
    let buf = '';
    const onData = (chunk) => {
      buf += chunk.toString('utf8');
      const nl = buf.indexOf('\n');
      if (nl < 0) return;
      child.stdout.off('data', onData);
      try {
        const info = JSON.parse(buf.slice(0, nl));
        resolve({ ...info, pid: child.pid, stop });
      } catch (err) {
        stop().then(() => reject(err));
      }
    };
    child.stdout.on('data', onData);
    child.once('exit', (code) => reject(new Error(`fake process exited early (code ${code})`)));
    child.once('error', reject);
  });
}

/** A real Nest application context with PaynetModule.forRoot pointed at the fake. */
export async function createPaynetContext(fake) {
  class BenchModule {}
  Module({
    imports: [PaynetModule.forRoot({ secretKey: fake.secretKey, baseUrl: fake.url })],
  })(BenchModule);
  const app = await NestFactory.createApplicationContext(BenchModule, {
    logger: ['error', 'warn'],
    abortOnError: false,
  });
  return { app, paynet: app.get(PaynetService) };
}

/**
 * Runs `total` calls of `fn(i)` with `concurrency` calls in flight (bounded loop). Answers the
 * elapsed milliseconds and every call's latency in milliseconds.
 */
export async function runLoad(fn, total, concurrency) {
  const latencies = new Float64Array(total);
  let next = 0;
  const worker = async () => {
    while (next < total) {
      const i = next++;
      const t0 = performance.now();
      await fn(i);
      latencies[i] = performance.now() - t0;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker));
  return { elapsedMs: performance.now() - started, latencies };
}

/** Percentile (nearest rank) of a sorted array. */
export function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

export function median(values) {
  const s = [...values].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export const MB = 1024 * 1024;

export function rssMb() {
  return process.memoryUsage.rss() / MB;
}

/** Peak RSS of this process so far, MB (Linux reports maxRSS in kB). */
export function maxRssMb() {
  return (process.resourceUsage().maxRSS * 1024) / MB;
}

export function gc() {
  if (typeof globalThis.gc === 'function') {
    globalThis.gc();
    globalThis.gc();
  }
}

import axios from 'axios';
import net from 'node:net';
import { PaynetClient } from '../../lib/paynet-client.js';
import type { PaynetClientOptions } from '../../lib/paynet-client-options.js';
import type { PaynetLogger } from '../../lib/client/logger.js';
import type { PaynetFakeServer } from '../../lib/testing/index.js';

/** A framework-free client (plain axios) pointed at a fake Paynet, with the fake's own keys. */
export function fakeClient(
  fake: PaynetFakeServer,
  options: Partial<PaynetClientOptions> = {},
  logger?: PaynetLogger,
): PaynetClient {
  return new PaynetClient(
    {
      secretKey: fake.secretKey,
      publishableKey: fake.publishableKey,
      baseUrl: fake.url,
      logger: false,
      maxRetries: 0,
      ...options,
    },
    { requester: (config) => axios.request(config), ...(logger ? { logger } : {}) },
  );
}

/** Resolves with what the promise rejected with (fails when it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error('expected a rejection, got a result');
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Waits until `check()` is true (or the time is up); returns the last value of `check()`. */
export async function waitFor(check: () => boolean, ms = 3_000, step = 20): Promise<boolean> {
  const until = Date.now() + ms;
  while (!check() && Date.now() < until) await sleep(step);
  return check();
}

/** A good card payment on a Paynet test card (amount in lira). */
export function payment(reference_no: string, overrides: Record<string, unknown> = {}) {
  return {
    amount: 20.5,
    reference_no,
    domain: 'shop.example',
    card_holder: 'Test Payer',
    pan: '4355084355084358',
    month: 12,
    year: 2030,
    cvc: '000',
    ...overrides,
  };
}

/** Seeded PRNG (mulberry32): the same seed gives the same sequence. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A TCP pass-through in front of a server, counting the connections clients open through it: a
 * `net.Server` we own, so open sockets can be counted without reaching into the fake's internals.
 */
export class CountingProxy {
  private server?: net.Server;
  private readonly sockets = new Set<net.Socket>();
  /** Connections accepted so far. */
  accepted = 0;
  url = '';

  constructor(private readonly targetPort: number) {}

  async start(): Promise<this> {
    this.server = net.createServer((client) => {
      this.accepted++;
      this.sockets.add(client);
      const upstream = net.connect(this.targetPort, '127.0.0.1');
      this.sockets.add(upstream);
      const done = () => {
        client.destroy();
        upstream.destroy();
      };
      client.on('close', () => {
        this.sockets.delete(client);
        done();
      });
      upstream.on('close', () => {
        this.sockets.delete(upstream);
        done();
      });
      client.on('error', done);
      upstream.on('error', done);
      client.pipe(upstream);
      upstream.pipe(client);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as net.AddressInfo).port}`;
    return this;
  }

  /** Client connections (and their upstream twins) still open. */
  get open(): number {
    return this.sockets.size;
  }

  /** Connections open on the proxy's listening socket, as `net.Server#getConnections` counts them. */
  connections(): Promise<number> {
    return new Promise((resolve, reject) =>
      this.server ? this.server.getConnections((err, n) => (err ? reject(err) : resolve(n))) : resolve(0),
    );
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

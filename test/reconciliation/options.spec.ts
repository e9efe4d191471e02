import { describe, expect, it } from '@jest/globals';
import axios from 'axios';
import { InMemoryPaynetCallbackStore, PaynetClient, PaynetConfigurationError } from '../../lib/index.js';

const make = (reconciliation: unknown) =>
  new PaynetClient(
    {
      secretKey: 'sck_test_sweeper_options_0000000000',
      baseUrl: 'http://127.0.0.1:9',
      logger: false,
      reconciliation: reconciliation as never,
    },
    { requester: (c) => axios.request(c) },
  );

describe('reconciliation options', () => {
  it('defaults: recording on, 30 min 3D window, 60 s base, 1 h cap, 7 days give-up, 60 s lease', () => {
    expect(make(undefined).config.reconciliation).toEqual({
      record: true,
      threeDsWindowMs: 1_800_000,
      retryBaseMs: 60_000,
      retryMaxMs: 3_600_000,
      giveUpAfterMs: 604_800_000,
      leaseMs: 60_000,
    });
  });

  it('lists every problem in one configuration error, values never echoed', () => {
    let error: unknown;
    try {
      make({ record: 'yes', threeDsWindowMs: -1, retryBaseMs: 1.5, giveUpAfterMs: '7d', extra: 1 });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(PaynetConfigurationError);
    const message = (error as Error).message;
    for (const part of [
      'reconciliation.record',
      'reconciliation.threeDsWindowMs',
      'reconciliation.retryBaseMs',
      'reconciliation.giveUpAfterMs',
      'reconciliation.extra',
    ]) {
      expect(message).toContain(part);
    }
    expect(() => make({ retryBaseMs: 10_000, retryMaxMs: 1_000 })).toThrow(/retryMaxMs must be at least/);
    expect(() => make([])).toThrow(/reconciliation must be an object/);
  });

  it('the in-memory ledger is bounded: past maxPending addPending throws, it never drops an item', () => {
    const store = new InMemoryPaynetCallbackStore({ maxPending: 2 });
    const item = (key: string) => ({
      key,
      kind: 'payment' as const,
      service: 'payments.create',
      createdAt: 1,
      dueAt: 1,
      attempts: 0,
    });
    store.addPending(item('a'));
    store.addPending(item('b'));
    store.addPending(item('b')); // a replace is not a new item
    expect(() => store.addPending(item('c'))).toThrow(RangeError);
    expect(store.listDue(1, 10).map((i) => i.key)).toEqual(['a', 'b']);
  });
});

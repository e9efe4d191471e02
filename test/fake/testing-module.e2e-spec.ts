import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { Test } from '@nestjs/testing';
import { PaynetService } from '../../lib/index.js';
import { main, parseArgs } from '../../lib/testing/cli.js';
import { PAYNET_FAKE_SERVER, PaynetFakeServer, PaynetTestingModule } from '../../lib/testing/index.js';
import { call, paymentBody } from './helpers.js';

describe('PaynetTestingModule and the CLI', () => {
  it('forRoot starts a fake, wires PaynetService to it, exposes it, and stops it on close', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [PaynetTestingModule.forRoot()] }).compile();
    const paynet = moduleRef.get(PaynetService);
    const fake = moduleRef.get<PaynetFakeServer>(PAYNET_FAKE_SERVER);
    expect(fake).toBeInstanceOf(PaynetFakeServer);
    const pay = await call(fake, '/v2/transaction/payment', paymentBody({ transaction_type: 3 }));
    await call(fake, '/v1/transaction/capture', { xact_id: pay.json.xact_id });
    const reversed = await paynet.refunds.reverseCapture({ xact_id: String(pay.json.xact_id) });
    expect(reversed).toMatchObject({ is_succeed: true, transaction_type: 6 });
    expect(fake.requests().at(-1)).toMatchObject({
      path: '/v1/transaction/capture_reversal',
      keyKind: 'secret',
    });
    const url = fake.url;
    await moduleRef.close();
    await expect(fetch(`${url}/__fake/info`)).rejects.toThrow();
  });

  it('forRoot with fake options and a named, global client', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        PaynetTestingModule.forRoot({
          fake: { secretKey: 'sck_test_module_named_00000000' },
          name: 'b2b',
          isGlobal: true,
        }),
      ],
    }).compile();
    const { getPaynetFakeServerToken } = await import('../../lib/testing/index.js');
    const fake = moduleRef.get<PaynetFakeServer>(getPaynetFakeServerToken('b2b'));
    expect(fake.secretKey).toBe('sck_test_module_named_00000000');
    await moduleRef.close();
  });

  it('the CLI parses arguments and environment, starts the fake and prints URL, keys and cards', async () => {
    expect(parseArgs(['--port', '4321', '--refunds=approve'], {}).options).toMatchObject({
      port: 4321,
      refundDecision: 'approve',
    });
    expect(parseArgs([], { PAYNET_FAKE_PORT: '5000' }).options.port).toBe(5000);
    expect(() => parseArgs(['--bogus'], {})).toThrow(/unknown option/);
    const lines: string[] = [];
    const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(l) };
    const server = await main(['--port', '0', '--secret-key', 'sck_test_cli_000000000000'], io, {
      handleSignals: false,
      env: {},
    });
    try {
      expect(server).toBeInstanceOf(PaynetFakeServer);
      const text = lines.join('\n');
      expect(text).toContain(server!.url);
      expect(text).toContain('sck_test_cli_000000000000');
      expect(text).toContain('4355084355084358');
      expect(text).toContain('4000000000009995');
      expect(text).toContain('curl -X POST');
      const r = await call(server!, '/v2/transaction/payment', paymentBody());
      expect(r.json.is_succeed).toBe(true);
    } finally {
      await server?.stop();
    }
    const help: string[] = [];
    expect(
      await main(
        ['--help'],
        { out: (l) => help.push(l), err: (l) => help.push(l) },
        { handleSignals: false },
      ),
    ).toBeUndefined();
    expect(help.join('')).toContain('Usage: paynet-fake');
  });
});

import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PaynetValidationError } from '../../lib/errors/index.js';
import { PAYNET_SERVICES } from '../../lib/resources/index.js';
import { useServiceKit } from '../support/service-kit.js';

/**
 * Issue 15, item 6: a merchant who pastes the doc's example request into a call gets it sent, not
 * refused. Every `example_request` of endpoints.json is copied into test/fixtures/doc-examples.json
 * (this test never reads ../shared). `call` is what is passed: the doc's example itself, except
 * where it holds a placeholder (`05XXXXXXXXX`, `"..."`, `<base64>`, a masked card) or an amount in
 * its wire form (`"20,50"`, `"1000"`): amounts are lira numbers in this library (a string amount is
 * refused, never guessed: `"1000"` is 10.00 TL on a x100 service but 1000 TL read as lira). `wire`
 * is the body expected on the wire: the doc's example, in the library's one consistent form
 * (`"true"` -> `true`, `"12"` -> `12`, amounts in the service's format).
 */

interface DocExample {
  service: string;
  path: string;
  doc: unknown;
  call?: unknown;
  wire?: unknown;
  note?: string;
}

const FIXTURE = join(process.cwd(), 'test', 'fixtures', 'doc-examples.json');
const { examples } = JSON.parse(readFileSync(FIXTURE, 'utf8')) as { examples: DocExample[] };

/** Services whose doc page shows no example request (endpoints.json `example_request` empty). */
const NO_EXAMPLE = [
  'agents.login',
  'agents.checkIntegration',
  'subscriptions.updateAmount',
  'subscriptions.linkCard',
  'subscriptions.listInvoices',
  'subscriptions.manualCharge',
  'applications.create',
  'applications.get',
  'applications.documentTypes',
  'applications.allDocumentTypes',
  'applications.uploadDocument',
];

type Method = (params: unknown) => Promise<unknown>;

describe('doc example requests (issue 15, item 6)', () => {
  const { server, paynet } = useServiceKit({
    okBody: { code: 0, message: 'Başarılı', is_succeed: true, object_name: 'doc_example' },
  });

  it('every service has a doc example in the fixture or is listed as having none', () => {
    const withExample = examples.map((e) => e.service);
    expect(new Set(withExample).size).toBe(withExample.length);
    expect([...withExample, ...NO_EXAMPLE].sort()).toEqual(PAYNET_SERVICES.map((s) => s.name).sort());
    for (const e of examples) {
      expect(PAYNET_SERVICES.find((s) => s.name === e.service)?.path).toBe(e.path);
    }
  });

  it.each(examples.map((e) => [e.service, e] as const))(
    'wire 6: the doc example of %s is sent, in one consistent wire form',
    async (_name, example) => {
      const [group, method] = example.service.split('.') as [string, string];
      const resource = (paynet as unknown as Record<string, Record<string, Method>>)[group]!;
      const call = resource[method]!.bind(resource);
      const outcome = await call(example.call ?? example.doc).then(
        () => undefined,
        (e: unknown) => e,
      );
      // the answer may not suit every service (the kit answers one generic body); the request must
      // never be refused
      if (outcome instanceof PaynetValidationError) {
        throw new Error(`${example.service} refused its doc example: ${JSON.stringify(outcome.problems)}`);
      }
      expect(server.requests.length).toBeGreaterThanOrEqual(1);
      const sent = server.requests[0]!;
      expect(sent.path).toBe(example.path);
      expect(sent.json).toEqual(example.wire ?? example.doc);
    },
  );

  it('wire 6: a doc example sent with its wire-form amount is refused by name, never guessed', async () => {
    const charge = examples.find((e) => e.service === 'transactions.capture')!;
    const err = await paynet.transactions.capture(charge.doc as never).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(PaynetValidationError);
    expect((err as PaynetValidationError).fields).toEqual(['amount']);
    expect(server.requests).toHaveLength(0);
  });
});

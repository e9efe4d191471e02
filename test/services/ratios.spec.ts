import 'reflect-metadata';
import fc from 'fast-check';
import { describe, it, expect } from '@jest/globals';
import { PaynetConfigurationError } from '../../lib/errors/validation.error.js';
import { testClient } from '../support/client.js';
import { OK, useServiceKit, validationError } from '../support/service-kit.js';
import { RATIOS } from '../../lib/resources/ratios.resource.js';

const RATIO_TABLE = {
  object_name: 'ratio_get',
  ...OK,
  data: [
    {
      bank_id: 'AXSS',
      bank_logo: 'https://example.invalid/axss.png',
      bank_name: 'Axess',
      card_type: 'cc',
      tds_required: false,
      ratio: [
        {
          instalment_key: 'ji_1',
          instalment: 0,
          ratio: 0,
          instalment_amount: 100,
          total_amount: 100,
          total_net_amount: 100,
          commision: 0,
          commision_tax: 0,
          desc: 'Tek Çekim',
        },
      ],
    },
  ],
};

describe('ratios', () => {
  const { server, paynet, onlyRequest, expectNothingSent } = useServiceKit();

  it('declares the group in API-MAP order', () => {
    expect(RATIOS.services.map((s) => [s.name, s.path, s.key, s.safety])).toEqual([
      ['ratios.get', '/v1/ratio/Get', 'secret', 'read'],
      ['ratios.getPublic', '/v1/ratio/Get_public', 'publishable', 'read'],
      ['ratios.setType', '/v1/ratio/set_type', 'secret', 'write'],
      ['ratios.deleteType', '/v1/ratio/delete_type', 'secret', 'write'],
      ['ratios.define', '/v1/ratio/define', 'secret', 'write'],
    ]);
  });

  describe('get', () => {
    it('wire 1: ratios.get sends kuruş (POSTs /v1/ratio/Get with the secret key, amount x100)', async () => {
      server.reply = () => ({ body: RATIO_TABLE });
      const res = await paynet.ratios.get({
        bin: '434678',
        amount: 150.75,
        addcomission_to_amount: true,
        pos_type: 5,
        agent_id: '1001',
        ratio_code: 'R1',
      });
      expect(res.data[0]?.ratio[0]?.instalment_amount).toBe(100);
      expect(res.data[0]?.bank_id).toBe('AXSS');
      const req = onlyRequest('/v1/ratio/Get');
      expect(req.json).toEqual({
        bin: '434678',
        amount: '15075',
        addcomission_to_amount: true,
        pos_type: 5,
        agent_id: '1001',
        ratio_code: 'R1',
      });
    });

    it('item 7: reads commision, commission and comission (and _tax) into commission / commission_tax, raw kept', async () => {
      const option = (fields: Record<string, unknown>) => ({ instalment: 3, ratio: 0.05, ...fields });
      server.reply = () => ({
        body: {
          ...OK,
          data: [
            {
              bank_id: 'AXSS',
              ratio: [
                option({ commision: 5.1, commision_tax: 0.26 }),
                option({ commission: 6.2, commission_tax: 0.31 }),
                option({ comission: '7.30', comission_tax: '0.37' }),
                option({}),
              ],
            },
          ],
          Data: [{ bank_id: 'BONS', ratio: [option({ comission: 1, comission_tax: 0.05 })] }],
        },
      });
      const res = await paynet.ratios.get({ amount: 100 });
      const rows = res.data[0]!.ratio;
      expect(rows.map((r) => [r.commission, r.commission_tax])).toEqual([
        [5.1, 0.26],
        [6.2, 0.31],
        [7.3, 0.37],
        [undefined, undefined],
      ]);
      expect(rows[0]).toMatchObject({ commision: 5.1, commision_tax: 0.26 });
      expect(rows[2]).toMatchObject({ comission: '7.30', comission_tax: '0.37' });
      expect(res.Data?.[0]?.ratio[0]).toMatchObject({ commission: 1, commission_tax: 0.05, comission: 1 });

      const pub = await paynet.ratios.getPublic({ amount: 100 });
      expect(pub.data[0]!.ratio[1]).toMatchObject({ commission: 6.2, commission_tax: 0.31 });
    });

    it('wire 1: ratios.get takes card_type (commercial "bc") and merge_option, and keeps the answer in lira', async () => {
      server.reply = () => ({ body: RATIO_TABLE });
      const res = await paynet.ratios.get({ amount: 100, card_type: 'bc', merge_option: '1' });
      expect(onlyRequest('/v1/ratio/Get').json).toEqual({
        amount: '10000',
        card_type: 'bc',
        merge_option: '1',
      });
      // the answer's amounts are not divided or multiplied: lira as they arrive
      expect(res.data[0]?.ratio[0]?.instalment_amount).toBe(100);
      const bad = await validationError(() => paynet.ratios.get({ card_type: 'xx' as never }));
      expect(bad.fields).toEqual(['card_type']);
    });

    it('wire 1: ratios.get and ratios.getPublic write the same amount the same way (property)', async () => {
      const seed = Date.now() % 100_000;
      console.info(`wire 1 property seed ${seed}`);
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 1, max: 10_000_000_000 }), async (kurus) => {
          server.requests.length = 0;
          await paynet.ratios.get({ amount: kurus / 100 });
          await paynet.ratios.getPublic({ amount: kurus / 100 });
          const [get, pub] = server.requests.map((r) => r.json as { amount: string });
          expect(get!.amount).toBe(String(kurus));
          expect(pub!.amount).toBe(String(kurus));
        }),
        { seed, numRuns: 40 },
      );
    });

    it('accepts an empty request', async () => {
      await paynet.ratios.get({});
      expect(onlyRequest().json).toEqual({});
    });

    it('rejects bad fields and unknown fields before sending', async () => {
      const bin = await validationError(() => paynet.ratios.get({ bin: '4346' }));
      expect(bin.fields).toEqual(['bin']);
      const pos = await validationError(() => paynet.ratios.get({ pos_type: 2 as never }));
      expect(pos.fields).toEqual(['pos_type']);
      const flag = await validationError(() =>
        paynet.ratios.get({ addcomission_to_amount: 'TRUE' as never }),
      );
      expect(flag.fields).toEqual(['addcomission_to_amount']);
      const typo = await validationError(() => paynet.ratios.get({ addcommission_to_amount: true } as never));
      expect(typo.fields).toEqual(['addcommission_to_amount']);
      const amount = await validationError(() => paynet.ratios.get({ amount: -1 }));
      expect(amount.fields).toEqual(['amount']);
      expectNothingSent();
    });
  });

  describe('getPublic', () => {
    it('POSTs /v1/ratio/Get_public with the publishable key and the amount as a x100 string', async () => {
      server.reply = () => ({ body: RATIO_TABLE });
      const res = await paynet.ratios.getPublic({ bin: '540061', amount: 100, card_type: 'cc' });
      expect(res.data).toHaveLength(1);
      const req = onlyRequest('/v1/ratio/Get_public', { key: 'publishable' });
      expect(req.json).toEqual({ bin: '540061', amount: '10000', card_type: 'cc' });
    });

    it('needs a publishable key and sends nothing without one', async () => {
      const client = testClient(server.url, { publishableKey: undefined });
      await expect(client.ratios.getPublic({ amount: 100 })).rejects.toBeInstanceOf(PaynetConfigurationError);
      expectNothingSent();
      client.close();
    });

    it('rejects a bad card_type and an unknown field before sending', async () => {
      const type = await validationError(() => paynet.ratios.getPublic({ card_type: 'xx' as never }));
      expect(type.fields).toEqual(['card_type']);
      const unknown = await validationError(() => paynet.ratios.getPublic({ currency: 'TRY' } as never));
      expect(unknown.fields).toEqual(['currency']);
      expectNothingSent();
      expect(RATIOS.specs.getPublic.amounts).toEqual({ amount: 'x100' });
    });
  });

  describe('setType', () => {
    it('POSTs set_type and returns the ratio_code', async () => {
      server.reply = () => ({ body: { ratio_code: '4E***YJI', object_name: 'ratio_set_type', ...OK } });
      const res = await paynet.ratios.setType({
        description: 'Oran tipi',
        is_default: false,
        is_cumulative: true,
      });
      expect(res.ratio_code).toBe('4E***YJI');
      const req = onlyRequest('/v1/ratio/set_type');
      expect(req.json).toEqual({ description: 'Oran tipi', is_default: false, is_cumulative: true });
    });

    it('rejects a missing description and an unknown field before sending', async () => {
      const missing = await validationError(() => paynet.ratios.setType({ ratio_code: 'R1' } as never));
      expect(missing.fields).toEqual(['description']);
      const unknown = await validationError(() =>
        paynet.ratios.setType({ description: 'x', ratio_type: 'R1' } as never),
      );
      expect(unknown.fields).toEqual(['ratio_type']);
      expectNothingSent();
    });
  });

  describe('deleteType', () => {
    it('POSTs delete_type with the ratio_code', async () => {
      await paynet.ratios.deleteType({ ratio_code: '4E***YJI' });
      const req = onlyRequest('/v1/ratio/delete_type');
      expect(req.json).toEqual({ ratio_code: '4E***YJI' });
    });

    it('rejects a missing ratio_code and an unknown field before sending', async () => {
      const missing = await validationError(() => paynet.ratios.deleteType({} as never));
      expect(missing.fields).toEqual(['ratio_code']);
      const unknown = await validationError(() =>
        paynet.ratios.deleteType({ ratio_code: 'R1', all: true } as never),
      );
      expect(unknown.fields).toEqual(['all']);
      expectNothingSent();
    });
  });

  describe('define', () => {
    it('POSTs define with the nested banks and instalments', async () => {
      await paynet.ratios.define({
        ratio_code: 'R1',
        card_type: 'cc',
        banks: [
          {
            bank_id: 'DENZ',
            instalments: [
              { instalment: 0, ratio: 0.1 },
              { instalment: 3, is_blocked: true },
            ],
          },
          { bank_id: 'AXSS', is_blocked: true },
        ],
      });
      const req = onlyRequest('/v1/ratio/define');
      expect(req.json).toEqual({
        ratio_code: 'R1',
        card_type: 'cc',
        banks: [
          {
            bank_id: 'DENZ',
            instalments: [
              { instalment: 0, ratio: 0.1 },
              { instalment: 3, is_blocked: true },
            ],
          },
          { bank_id: 'AXSS', is_blocked: true },
        ],
      });
    });

    it('wire 5: ratios.define checks the rate range of the rate type the request names', async () => {
      const rows = (ratio: number) => [
        {
          bank_id: 'DENZ',
          instalments: [
            { instalment: 0, ratio: 0.1 },
            { instalment: 3, ratio },
          ],
        },
      ];
      // net type: 0..0.20, a negative rate is refused naming the row
      const net = await validationError(() =>
        paynet.ratios.define({ ratio_code: 'R1', is_cumulative: false, banks: rows(-0.05) }),
      );
      expect(net.fields).toEqual(['banks']);
      expect(net.problems[0]!.messages[0]).toMatch(
        /^banks\[0\]\.instalments\[1\]\.ratio must be from 0 to 0\.20/,
      );
      expectNothingSent();
      // cumulative type (said, or left out: Paynet's default): -0.20..0.20
      await paynet.ratios.define({ ratio_code: 'R1', is_cumulative: true, banks: rows(-0.05) });
      await paynet.ratios.define({ ratio_code: 'R1', banks: rows(-0.2) });
      await paynet.ratios.define({ ratio_code: 'R1', is_cumulative: false, banks: rows(0) });
      expect(server.requests).toHaveLength(3);
      // is_cumulative only selects the range: it is not a field of ratio/define and is not sent
      expect(server.requests[0]!.json).toEqual({ ratio_code: 'R1', banks: rows(-0.05) });
      expect(server.requests[2]!.json).toEqual({ ratio_code: 'R1', banks: rows(0) });
      server.requests.length = 0;
      const over = await validationError(() =>
        paynet.ratios.define({ ratio_code: 'R1', is_cumulative: true, banks: rows(0.25) }),
      );
      expect(over.fields).toContain('banks[0].instalments[1].ratio');
      expectNothingSent();
    });

    it('rejects missing fields, bad nested rows and unknown nested fields before sending', async () => {
      const missing = await validationError(() => paynet.ratios.define({ ratio_code: 'R1' } as never));
      expect(missing.fields).toEqual(['banks']);
      const empty = await validationError(() => paynet.ratios.define({ ratio_code: 'R1', banks: [] }));
      expect(empty.fields).toEqual(['banks']);
      const nested = await validationError(() =>
        paynet.ratios.define({
          ratio_code: 'R1',
          banks: [{ bank_id: 'NOPE' }, { bank_id: 'DENZ', instalments: [{ instalment: 3, ratio: 0.5 }] }],
        }),
      );
      expect(nested.fields).toEqual(['banks[0].bank_id', 'banks[1].instalments[0].ratio']);
      const unknown = await validationError(() =>
        paynet.ratios.define({ ratio_code: 'R1', banks: [{ bank_id: 'DENZ', rate: 1 }] } as never),
      );
      expect(unknown.fields).toEqual(['banks[0].rate']);
      expectNothingSent();
    });
  });
});

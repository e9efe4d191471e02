import 'reflect-metadata';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { PaynetService, PaynetValidationError } from '../../lib/index.js';
import { PAYNET_SERVICES } from '../../lib/resources/index.js';
import type { PaynetFakeServer } from '../../lib/testing/index.js';
import {
  apiRequests,
  dottedDay,
  isoDay,
  loggedBody,
  ref,
  startStack,
  TEST_CARD,
  type Stack,
} from './support.js';

/*
 * Per API group, through a real PaynetService against the fake:
 *  - a valid call succeeds;
 *  - a call missing a required field is refused with PaynetValidationError naming the field, and
 *    nothing reaches the fake (its request log has no request to that path, nor any other);
 *  - amounts arrive in the documented wire format. The fake's request log keeps the parsed JSON
 *    body; its redaction (lib/redaction/redact.ts) never touches amount fields and JSON types survive
 *    parsing, so `"20,50"` (string), `"2050"` (string) and `20.5` (number) are told apart there. No
 *    log extension and no recording proxy were needed.
 */

const DOMAIN = 'shop.example';

interface Env {
  fake: PaynetFakeServer;
  paynet: PaynetService;
}

/** A call through the PaynetService, named for failure messages. */
type Call = (e: Env) => Promise<unknown>;

interface AmountCase {
  /** Service path whose logged body is read. */
  path: string;
  /** Prerequisites made before the log is cleared. */
  setup?: (e: Env) => Promise<Record<string, string>>;
  call: (e: Env, state: Record<string, string>) => Promise<unknown>;
  field: string;
  wire: string | number;
}

interface GroupCase {
  group: string;
  valid: { path: string; call: Call };
  missing: { path: string; field: string; call: Call };
  amounts: AmountCase[];
}

async function sale(e: Env, extra: { transaction_type?: 3 } = {}): Promise<string> {
  const res = await e.paynet.payments.create({
    ...TEST_CARD,
    amount: 20.5,
    reference_no: ref('G'),
    domain: DOMAIN,
    ...extra,
  });
  return res.xact_id;
}

function subscription(e: Env, overrides: { amount?: number; reference_no?: string } = {}) {
  return {
    name_surname: 'Ayşe Yılmaz',
    amount: 149.9,
    interval: 2 as const,
    interval_count: 2,
    begin_date: isoDay(e.fake, 1),
    reference_no: ref('GSUB'),
    end_user_email: 'ayse@example.com',
    end_user_gsm: '5321234567',
    end_user_desc: 'Aylık paket',
    ...overrides,
  };
}

/** Drops one field from a valid request (the result is deliberately not a valid DTO). */
function without<T extends object>(params: T, field: keyof T & string): T {
  const copy = { ...params };
  delete copy[field];
  return copy;
}

const GROUPS: GroupCase[] = [
  {
    group: 'payments',
    valid: {
      path: '/v2/transaction/payment',
      call: ({ paynet }) =>
        paynet.payments.create({ ...TEST_CARD, amount: 20.5, reference_no: ref('P'), domain: DOMAIN }),
    },
    missing: {
      path: '/v2/transaction/payment',
      field: 'domain',
      call: ({ paynet }) =>
        paynet.payments.create(
          without({ ...TEST_CARD, amount: 20.5, reference_no: ref('P'), domain: DOMAIN }, 'domain'),
        ),
    },
    amounts: [
      {
        path: '/v2/transaction/payment',
        call: ({ paynet }) =>
          paynet.payments.create({ ...TEST_CARD, amount: 20.5, reference_no: ref('P'), domain: DOMAIN }),
        field: 'amount',
        wire: '20,50',
      },
      {
        path: '/v2/transaction/tds_initial',
        call: ({ paynet }) =>
          paynet.payments.initiate3ds({
            ...TEST_CARD,
            amount: 1234.5,
            reference_no: ref('P3'),
            domain: DOMAIN,
            return_url: 'https://shop.example/3d',
          }),
        field: 'amount',
        wire: '1234,50',
      },
    ],
  },
  {
    group: 'transactions',
    valid: {
      path: '/v1/transaction/list',
      call: ({ paynet, fake }) =>
        paynet.transactions.list({ datab: isoDay(fake, -1), datbi: isoDay(fake, 1) }),
    },
    missing: {
      path: '/v1/transaction/list',
      field: 'datbi',
      call: ({ paynet, fake }) =>
        paynet.transactions.list(without({ datab: isoDay(fake, -1), datbi: isoDay(fake, 1) }, 'datbi')),
    },
    amounts: [
      {
        path: '/v1/transaction/capture',
        setup: async (e) => ({ xact_id: await sale(e, { transaction_type: 3 }) }),
        call: ({ paynet }, s) => paynet.transactions.capture({ xact_id: s.xact_id!, amount: 20.5 }),
        field: 'amount',
        wire: '2050',
      },
      {
        path: '/v1/transaction/charge',
        call: ({ paynet, fake }) => {
          const token = fake.createPaynetJsToken({ amount: 20.5 });
          return paynet.transactions.charge({
            session_id: token.session_id,
            token_id: token.token_id,
            amount: 20.5,
            transaction_type: 1,
            add_comission_amount: false,
            ratio_code: '',
          });
        },
        field: 'amount',
        wire: '2050',
      },
      {
        path: '/v1/transaction/mark_transferred',
        setup: async (e) => ({ xact_id: await sale(e) }),
        call: ({ paynet }, s) => paynet.transactions.markTransferred({ xact_id: s.xact_id!, amount: 20.5 }),
        field: 'amount',
        wire: 20.5,
      },
    ],
  },
  {
    group: 'refunds',
    valid: {
      path: '/v1/transaction/reversal_list',
      call: ({ paynet, fake }) => paynet.refunds.list({ datab: isoDay(fake, -1), datbi: isoDay(fake, 1) }),
    },
    missing: {
      path: '/v1/transaction/reversed_request',
      field: 'xact_id',
      call: ({ paynet }) => paynet.refunds.create(without({ xact_id: 'xk_x', amount: 20.5 }, 'xact_id')),
    },
    amounts: [
      {
        // Same day: a cancel of the whole amount, written x100.
        path: '/v1/transaction/reversed_request',
        setup: async (e) => ({ xact_id: await sale(e) }),
        call: ({ paynet }, s) => paynet.refunds.create({ xact_id: s.xact_id!, amount: 20.5 }),
        field: 'amount',
        wire: '2050',
      },
    ],
  },
  {
    group: 'ratios',
    valid: { path: '/v1/ratio/Get', call: ({ paynet }) => paynet.ratios.get({ bin: '435508' }) },
    missing: {
      path: '/v1/ratio/set_type',
      field: 'description',
      call: ({ paynet }) => paynet.ratios.setType(without({ description: 'Kampanya' }, 'description')),
    },
    amounts: [
      {
        path: '/v1/ratio/Get',
        call: ({ paynet }) => paynet.ratios.get({ bin: '435508', amount: 100.25 }),
        field: 'amount',
        wire: '10025', // issue 15 item 1: ratio/Get reads kuruş, as every independent client sends
      },
      {
        path: '/v1/ratio/Get_public',
        call: ({ paynet }) => paynet.ratios.getPublic({ bin: '435508', amount: 100.25 }),
        field: 'amount',
        wire: '10025',
      },
    ],
  },
  {
    group: 'agents',
    valid: { path: '/v1/agent/limit_info', call: ({ paynet }) => paynet.agents.limits() },
    missing: {
      path: '/v1/agent/autologin',
      field: 'user_name',
      call: ({ paynet }) =>
        paynet.agents.autoLogin(without({ agent_id: '1001', user_name: 'paynet' }, 'user_name')),
    },
    amounts: [],
  },
  {
    group: 'payLinks',
    valid: {
      path: '/v1/mailorder/create',
      call: ({ paynet }) => paynet.payLinks.create({ name_surname: 'Ada Yılmaz', amount: 150 }),
    },
    missing: {
      path: '/v1/mailorder/create',
      field: 'name_surname',
      call: ({ paynet }) =>
        paynet.payLinks.create(without({ name_surname: 'Ada Yılmaz', amount: 150 }, 'name_surname')),
    },
    amounts: [
      {
        path: '/v1/mailorder/create',
        call: ({ paynet }) =>
          paynet.payLinks.create({ name_surname: 'Ada Yılmaz', amount: 20.5, reference_no: ref('L') }),
        field: 'amount',
        wire: 20.5,
      },
    ],
  },
  {
    group: 'subscriptions',
    valid: {
      path: '/v1/subscription/list',
      call: ({ paynet, fake }) =>
        paynet.subscriptions.list({ datab: dottedDay(fake, -1), datbi: dottedDay(fake, 1) }),
    },
    missing: {
      path: '/v1/subscription/create',
      field: 'end_user_email',
      call: (e) => e.paynet.subscriptions.create(without(subscription(e), 'end_user_email')),
    },
    amounts: [
      {
        path: '/v1/subscription/create',
        call: (e) => e.paynet.subscriptions.create(subscription(e, { amount: 149.9 })),
        field: 'amount',
        wire: '14990',
      },
      {
        path: '/v1/subscription/amount_update',
        setup: async (e) => {
          const reference_no = ref('GSUB');
          await e.paynet.subscriptions.create(subscription(e, { reference_no }));
          return { reference_no };
        },
        call: ({ paynet }, s) =>
          paynet.subscriptions.updateAmount({ reference_no: s.reference_no!, amount: 20.5 }),
        field: 'amount',
        wire: '2050',
      },
    ],
  },
  {
    group: 'cards',
    valid: {
      path: '/v1/card/send_otp',
      call: ({ paynet }) => paynet.cards.sendOtp({ user_gsm: '5321234567', otp_session_id: ref('OTP') }),
    },
    missing: {
      path: '/v1/card/send_otp',
      field: 'otp_session_id',
      call: ({ paynet }) =>
        paynet.cards.sendOtp(without({ user_gsm: '5321234567', otp_session_id: 'S' }, 'otp_session_id')),
    },
    amounts: [],
  },
  {
    group: 'applications',
    valid: {
      path: '/v1/membership/formtypes_and_doctypes_all',
      call: ({ paynet }) => paynet.applications.allDocumentTypes(),
    },
    missing: {
      path: '/v1/membership/formdata_insert',
      field: 'contact_mail',
      call: ({ paynet }) =>
        paynet.applications.create(
          without(
            {
              contact_gsm_no: '5321234567',
              contact_name: 'Ayşe',
              contact_surname: 'Yılmaz',
              contact_mail: 'ayse@example.com',
              company_name: 'Acme Ltd',
            },
            'contact_mail',
          ),
        ),
    },
    amounts: [],
  },
];

describe('every API group through PaynetService against the fake', () => {
  let stack: Stack;
  let env: Env;

  beforeAll(async () => {
    stack = await startStack();
    env = { fake: stack.fake, paynet: stack.paynet };
  });
  afterAll(async () => {
    await stack.close();
  });
  beforeEach(() => {
    stack.fake.clearRequests();
  });

  it('covers the 9 groups of PaynetService', () => {
    const groups = [...new Set(PAYNET_SERVICES.map((s) => s.name.split('.')[0]))].sort();
    expect(GROUPS.map((g) => g.group).sort()).toEqual(groups);
    expect(groups).toHaveLength(9);
  });

  describe.each(GROUPS.map((g) => [g.group, g] as const))('%s', (_name, g) => {
    it('a valid call succeeds and reaches the fake once', async () => {
      await expect(g.valid.call(env)).resolves.toBeDefined();
      expect(apiRequests(env.fake).map((r) => `${r.path} ${r.status}`)).toEqual([`${g.valid.path} 200`]);
    });

    it(`a call without a required field fails with PaynetValidationError naming it; nothing is sent`, async () => {
      let error: unknown;
      try {
        await g.missing.call(env);
      } catch (err) {
        error = err;
      }
      expect(error).toBeInstanceOf(PaynetValidationError);
      const v = error as PaynetValidationError;
      expect(v.fields).toContain(g.missing.field);
      expect(v.message).toContain(g.missing.field);
      expect(v.path).toBe(g.missing.path);
      expect(env.fake.requests({ path: g.missing.path })).toEqual([]);
      expect(apiRequests(env.fake)).toEqual([]);
    });

    const amountCases = g.amounts.map((a) => [`${a.path} ${a.field}`, a] as const);
    if (amountCases.length === 0) {
      it('has no amount field (no spec of the group declares one)', () => {
        const specs = PAYNET_SERVICES.filter((s) => s.name.startsWith(`${g.group}.`));
        expect(specs.filter((s) => s.amounts && Object.keys(s.amounts).length > 0)).toEqual([]);
      });
    } else {
      it.each(amountCases)('amount on the wire: %s', async (_label, a) => {
        const state = a.setup ? await a.setup(env) : {};
        env.fake.clearRequests();
        await expect(a.call(env, state)).resolves.toBeDefined();
        // Strict: the string "2050" is not the number 2050, "20,50" is not 20.5.
        expect(loggedBody(env.fake, a.path)[a.field]).toStrictEqual(a.wire);
      });
    }
  });

  it('each wire value above is the format its spec declares (comma, x100, decimal)', () => {
    const kind = (w: string | number) =>
      typeof w === 'number' ? 'decimal' : /^\d+,\d{2}$/.test(w) ? 'comma' : /^\d+$/.test(w) ? 'x100' : '?';
    const cases = GROUPS.flatMap((g) => g.amounts);
    for (const a of cases) {
      const spec = PAYNET_SERVICES.find((s) => s.path === a.path);
      expect([a.path, spec?.amounts?.[a.field]]).toEqual([a.path, kind(a.wire)]);
    }
    expect(new Set(cases.map((a) => kind(a.wire)))).toEqual(new Set(['comma', 'x100', 'decimal']));
  });
});

describe('methods passed around keep their group (attack C1: unbound generated methods threw a TypeError)', () => {
  let stack: Awaited<ReturnType<typeof startStack>>;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    await stack.close();
  });

  it('an unbound generated method, a destructured one and a custom one still call Paynet', async () => {
    const { paynet, fake } = stack;
    const { check } = paynet.transactions;
    const found = await check({ reference_no: 'NO-SUCH-REF' }).catch((e: unknown) => e);
    expect(found).not.toBeInstanceOf(TypeError);
    const { lookup } = paynet.payments;
    const lookups = await Promise.all(['R-1', 'R-2'].map((ref) => lookup(ref)));
    expect(lookups.map((l) => l.status)).toEqual(['not_found', 'not_found']);
    const limits = paynet.agents.limits;
    await expect(limits()).resolves.toBeDefined();
    expect(fake.requests().length).toBeGreaterThanOrEqual(4);
    // bound methods are own but not enumerable: the group still reads as its services
    expect(Object.keys(paynet.payments)).not.toContain('create');
  });
});

describe('client DTOs and the fake agree where they used to disagree (endpoints.json decides)', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    await stack.close();
  });

  it('subscriptions.create with agent_id but without agent_amount / company_amount is accepted (defaults apply)', async () => {
    const { paynet, fake } = stack;
    const reference_no = ref('AGSUB');
    const res = await paynet.subscriptions.create({
      ...subscription({ fake, paynet }, { reference_no, amount: 100 }),
      agent_id: '1001',
    });
    const detail = await paynet.subscriptions.detail({ subscription_id: res.subscription_id });
    expect(detail).toMatchObject({ reference_no, agent_id: '1001', agent_amount: 0, company_amount: 100 });
  });

  it('payLinks.list rows carry expire_date as the validity in hours (a number, as PayLinkListRow types it)', async () => {
    const { paynet, fake } = stack;
    const reference_no = ref('HRS');
    await paynet.payLinks.create({ name_surname: 'Ada Yılmaz', amount: 10, reference_no, expire_date: 48 });
    const page = await paynet.payLinks.list({ datab: isoDay(fake, -1), datbi: isoDay(fake, 1) });
    const row = (page.Data ?? []).find((r) => r.reference_no === reference_no);
    expect(row?.expire_date).toBe(48);
    // The detail answer keeps the expiry moment as a date string (endpoints.json: string).
    const detail = await paynet.payLinks.detail({ reference_no });
    expect(typeof detail.expire_date).toBe('string');
  });
});

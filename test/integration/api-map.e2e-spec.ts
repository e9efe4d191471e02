import 'reflect-metadata';
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PaynetService } from '../../lib/index.js';
import { PAYNET_SERVICES } from '../../lib/resources/index.js';
import { FAKE_OTP_CODE, type PaynetFakeServer } from '../../lib/testing/index.js';
import {
  apiRequests,
  dottedDay,
  FIXTURE_API_MAP,
  isoDay,
  loadApiMap,
  parseApiMap,
  PNG_BASE64,
  ref,
  SHARED_API_MAP,
  startStack,
  TEST_CARD,
  type ApiMapRow,
  type Stack,
} from './support.js';

/*
 * Acceptance of "every Paynet service": every API-MAP.md row is a method of a real PaynetService
 * (PaynetModule.forRoot -> PaynetFakeServer), declared in PAYNET_SERVICES with the row's path and
 * key, and a valid request sent through it is accepted by the fake, which logs exactly one POST to
 * the row's path authenticated with the row's key.
 */

/** What the walk remembers between steps (ids answered by earlier calls). */
interface WalkState {
  sale?: string;
  tdsSession?: string;
  tdsToken?: string;
  captured?: string;
  escrow?: string;
  preauth2?: string;
  ratioCode?: string;
  payLinkRef?: string;
  subId?: string;
  subRef?: string;
  sub2Id?: string;
  planId?: number;
  invoiceId?: number;
  invoiceNo?: string;
  invoice2Id?: number;
  cardSession?: string;
  cardToken?: string;
  subCardId?: number;
  subCard2Id?: number;
  otpSession?: string;
  cardOwner?: string;
  cardHash?: string;
  formId?: string;
  docTypeId?: string;
}

interface Ctx {
  s: WalkState;
  fake: PaynetFakeServer;
  paynet: PaynetService;
}

/** One step of the walk: prerequisites (not counted in the log check), then the row's call. */
interface Step {
  /** Runs before the request log is cleared: state the call needs (another sale, a 3D bank step...). */
  setup?: (c: Ctx) => Promise<void> | void;
  /** A valid request for the row's method. */
  params: (c: Ctx) => object;
  /** Remembers what later steps need from the answer. */
  keep?: (res: Record<string, unknown>, c: Ctx) => void;
}

function need<T>(value: T | undefined, what: string): T {
  if (value === undefined || value === null || value === '')
    throw new Error(`walk state: ${what} is missing`);
  return value;
}

function rows(res: Record<string, unknown>): Record<string, unknown>[] {
  const r = res.Data ?? res.data;
  return Array.isArray(r) ? (r as Record<string, unknown>[]) : [];
}

const DOMAIN = 'shop.example';
const RETURN_URL = 'https://shop.example/paynet/3d-return';
const GSM = '5321234567';
const VKN = '1234567890';

/** A prerequisite payment made through the client (before the log is cleared). */
async function pay(
  c: Ctx,
  prefix: string,
  extra: { transaction_type?: 3; is_escrow?: true },
): Promise<string> {
  const res = await c.paynet.payments.create({
    ...TEST_CARD,
    amount: 20.5,
    reference_no: ref(prefix),
    domain: DOMAIN,
    ...extra,
  });
  return res.xact_id;
}

/**
 * `property.method` -> valid request (a function of the walk state), in walk order: prerequisites
 * come first (a sale before checks, a pre-auth before capture, a 3D session completed at the fake
 * bank before complete3ds, a paynet.js token before charge, a subscription before its cards and
 * invoices, send_otp -> check_otp -> save before the stored-card services, an application before
 * formdata_get...).
 */
const WALK: Record<string, Step> = {
  // --- payments -------------------------------------------------------------------------------
  'payments.create': {
    params: () => ({ ...TEST_CARD, amount: 20.5, reference_no: ref('SALE'), domain: DOMAIN }),
    keep: (res, { s }) => (s.sale = String(res.xact_id)),
  },
  'payments.initiate3ds': {
    params: () => ({
      ...TEST_CARD,
      amount: 20.5,
      reference_no: ref('TDS'),
      domain: DOMAIN,
      return_url: RETURN_URL,
    }),
    keep: (res, { s }) => {
      s.tdsSession = String(res.session_id);
      s.tdsToken = String(res.token_id);
    },
  },
  'payments.complete3ds': {
    setup: ({ s, fake }) => {
      expect(fake.completeThreeDs(need(s.tdsSession, 'tds session')).ok).toBe(true);
    },
    params: ({ s }) => ({ session_id: need(s.tdsSession, 'session'), token_id: need(s.tdsToken, 'token') }),
  },
  'payments.sendReceiptOtp': { params: () => ({ phoneNumber: '05321234567' }) },

  // --- transactions ---------------------------------------------------------------------------
  'transactions.charge': {
    params: ({ fake }) => {
      const token = fake.createPaynetJsToken({ amount: 20.5 });
      return {
        session_id: token.session_id,
        token_id: token.token_id,
        amount: 20.5,
        transaction_type: 1,
        add_comission_amount: false,
        ratio_code: '',
        reference_no: ref('JS'),
      };
    },
  },
  'transactions.capture': {
    setup: async (c) => {
      c.s.captured = await pay(c, 'PRE', { transaction_type: 3 });
    },
    params: ({ s }) => ({ xact_id: need(s.captured, 'pre-auth'), amount: 20.5 }),
  },
  'transactions.check': { params: ({ s }) => ({ xact_id: need(s.sale, 'sale') }) },
  'transactions.detail': { params: ({ s }) => ({ xact_id: need(s.sale, 'sale') }) },
  'transactions.list': { params: ({ fake }) => ({ datab: isoDay(fake, -1), datbi: isoDay(fake, 1) }) },
  'transactions.markTransferred': {
    params: ({ s }) => ({ xact_id: need(s.sale, 'sale'), document_no: 'INV-1', amount: 20.5 }),
  },
  'transactions.addInfo': { params: ({ s }) => ({ xact_id: need(s.sale, 'sale'), note: 'Delivered' }) },
  'transactions.slip': { params: ({ s }) => ({ xact_id: need(s.sale, 'sale') }) },
  'transactions.uploadSignature': {
    params: ({ s }) => ({
      xact_id: need(s.sale, 'sale'),
      pars_base64: PNG_BASE64,
      pars_file_name: 'signature.png',
    }),
  },
  'transactions.paymentReport': { params: ({ fake }) => ({ date: isoDay(fake) }) },
  'transactions.updateEscrowStatus': {
    setup: async (c) => {
      c.s.escrow = await pay(c, 'ESC', { is_escrow: true });
    },
    params: ({ s }) => ({ xact_id: need(s.escrow, 'escrow payment'), status: 2, note: 'Delivered' }),
  },

  // --- refunds --------------------------------------------------------------------------------
  'refunds.create': {
    params: ({ s }) => ({ xact_id: need(s.sale, 'sale'), succeedUrl: 'https://shop.example/paynet/refund' }),
  },
  'refunds.list': { params: ({ fake }) => ({ datab: isoDay(fake, -1), datbi: isoDay(fake, 1) }) },
  'refunds.reversePreauth': {
    setup: async (c) => {
      c.s.preauth2 = await pay(c, 'PRE2', { transaction_type: 3 });
    },
    params: ({ s }) => ({ xact_id: need(s.preauth2, 'second pre-auth') }),
  },
  'refunds.reverseCapture': { params: ({ s }) => ({ xact_id: need(s.captured, 'captured pre-auth') }) },

  // --- ratios ---------------------------------------------------------------------------------
  'ratios.get': { params: () => ({ bin: '435508', amount: 100 }) },
  'ratios.getPublic': { params: () => ({ bin: '435508', amount: 100 }) },
  'ratios.setType': {
    params: () => ({ description: 'Kampanya', is_cumulative: false }),
    keep: (res, { s }) => (s.ratioCode = String(res.ratio_code)),
  },
  'ratios.define': {
    params: ({ s }) => ({
      ratio_code: need(s.ratioCode, 'ratio code'),
      banks: [{ bank_id: 'AXSS', instalments: [{ instalment: 0, ratio: 0.015 }] }],
    }),
  },
  'ratios.deleteType': { params: ({ s }) => ({ ratio_code: need(s.ratioCode, 'ratio code') }) },

  // --- agents ---------------------------------------------------------------------------------
  'agents.autoLogin': { params: () => ({ agent_id: '1001', user_name: 'paynet' }) },
  'agents.login': {
    params: () => ({ user_name: 'paynet', password: 'paynet', agent_id: '1001', pushtoken_id: 'device-1' }),
  },
  'agents.check': { params: () => ({ agent_reference_no: '987345' }) },
  'agents.limits': { params: () => ({}) },
  'agents.checkIntegration': {
    params: ({ fake }) => ({
      agent_id: '1001',
      publishable_key: fake.publishableKey,
      secret_key: fake.secretKey,
    }),
  },

  // --- payLinks -------------------------------------------------------------------------------
  'payLinks.create': {
    params: ({ s }) => {
      s.payLinkRef = ref('LINK');
      return { name_surname: 'Ada Yılmaz', amount: 20.5, reference_no: s.payLinkRef, expire_date: 72 };
    },
    keep: (res) => expect(String(res.url)).toMatch(/^http/),
  },
  // The create answer is `url` only (endpoints.json): the link is addressed by its reference_no.
  'payLinks.detail': { params: ({ s }) => ({ reference_no: need(s.payLinkRef, 'paylink') }) },
  'payLinks.list': { params: ({ fake }) => ({ datab: isoDay(fake, -1), datbi: isoDay(fake, 1) }) },
  'payLinks.updateStatus': {
    params: ({ s }) => ({ reference_no: need(s.payLinkRef, 'paylink'), status: 3 }),
  },

  // --- subscriptions --------------------------------------------------------------------------
  'subscriptions.create': {
    params: ({ fake, s }) => {
      s.subRef = ref('SUB');
      return {
        name_surname: 'Ayşe Yılmaz',
        amount: 149.9,
        interval: 2,
        interval_count: 3,
        begin_date: isoDay(fake, 1),
        reference_no: s.subRef,
        end_user_email: 'ayse@example.com',
        end_user_gsm: GSM,
        end_user_desc: 'Aylık paket',
      };
    },
    keep: (res, { s }) => (s.subId = String(res.subscription_id)),
  },
  'subscriptions.detail': {
    params: ({ s }) => ({ subscription_id: need(s.subId, 'subscription') }),
    keep: (res, { s }) => {
      const plan = res.plan as Record<string, unknown>[];
      s.planId = Number(plan[0]!.plan_id);
      s.invoiceId = Number(plan[0]!.invoice_id);
      s.invoiceNo = String(plan[0]!.invoice_no);
      s.invoice2Id = Number(plan[1]!.invoice_id);
    },
  },
  'subscriptions.list': { params: ({ fake }) => ({ datab: dottedDay(fake, -1), datbi: dottedDay(fake, 1) }) },
  'subscriptions.updateAmount': {
    params: ({ s }) => ({ subcription_id: need(s.subId, 'subscription'), amount: 159.9 }),
  },
  'subscriptions.sendAgain': { params: ({ s }) => ({ subscription_id: need(s.subId, 'subscription') }) },
  'subscriptions.addCard3ds': {
    params: ({ s }) => ({
      subscription_id: need(s.subId, 'subscription'),
      return_url: RETURN_URL,
      pan: TEST_CARD.pan,
      card_holder: TEST_CARD.card_holder,
      month: TEST_CARD.month,
      year: TEST_CARD.year,
      cvv: TEST_CARD.cvc,
      label: 'main',
    }),
    keep: (res, { s }) => {
      s.cardSession = String(res.session_id);
      s.cardToken = String(res.token_id);
    },
  },
  'subscriptions.confirmCard3ds': {
    setup: ({ s, fake }) => {
      expect(fake.completeThreeDs(need(s.cardSession, 'card 3D session')).ok).toBe(true);
    },
    params: ({ s }) => ({
      session_id: need(s.cardSession, 'card session'),
      token_id: need(s.cardToken, 'card token'),
    }),
  },
  'subscriptions.listCards': {
    setup: ({ s, fake }) => {
      s.subCard2Id = fake.addSubscriptionCard(need(s.subId, 'subscription'), '5406675406675403').card_id;
    },
    params: ({ s }) => ({ subscription_id: need(s.subId, 'subscription') }),
    keep: (res, { s }) => {
      const ids = rows(res).map((r) => Number(r.card_id));
      expect(ids).toContain(s.subCard2Id);
      s.subCardId = ids.find((id) => id !== s.subCard2Id);
    },
  },
  'subscriptions.updateCardLabel': {
    params: ({ s }) => ({ card_id: need(s.subCardId, 'subscription card'), label: 'primary' }),
  },
  'subscriptions.filterCards': { params: () => ({ label: 'primary' }) },
  'subscriptions.arrangeCards': {
    params: ({ s }) => ({
      subscription_id: need(s.subId, 'subscription'),
      card_information: [
        { subscription_card_id: 0, card_id: need(s.subCard2Id, 'card 2'), order_no: 1 },
        { subscription_card_id: 0, card_id: need(s.subCardId, 'card 1'), order_no: 2 },
      ],
    }),
  },
  'subscriptions.linkCard': {
    setup: async (c) => {
      const res = await c.paynet.subscriptions.create({
        name_surname: 'Mehmet Kaya',
        amount: 99,
        interval: 2,
        interval_count: 2,
        begin_date: isoDay(c.fake, 1),
        reference_no: ref('SUB2'),
        end_user_email: 'mehmet@example.com',
        end_user_gsm: GSM,
        end_user_desc: 'Second plan',
      });
      c.s.sub2Id = res.subscription_id;
    },
    params: ({ s }) => ({ card_id: need(s.subCardId, 'card'), subscription_id: need(s.sub2Id, 'sub 2') }),
  },
  'subscriptions.createInvoice': {
    params: ({ s, fake }) => ({
      subscription_id: need(s.subId, 'subscription'),
      val_date: dottedDay(fake, 40),
      amount: 30,
    }),
  },
  'subscriptions.listInvoices': { params: ({ s }) => ({ subscription_id: need(s.subId, 'subscription') }) },
  'subscriptions.updateInvoiceAmount': {
    params: ({ s }) => ({ invoice_id: need(s.invoice2Id, 'invoice 2'), amount: 31 }),
  },
  'subscriptions.updatePlanAmount': {
    params: ({ s }) => ({
      subscription_id: need(s.subId, 'subscription'),
      plan_id: need(s.planId, 'plan'),
      amount: 32,
    }),
  },
  'subscriptions.manualCharge': {
    params: ({ s }) => ({
      subscription_id: need(s.subId, 'subscription'),
      invoice_no: need(s.invoiceNo, 'no'),
    }),
  },
  'subscriptions.listInvoiceAttempts': {
    params: ({ s }) => ({ invoice_id: need(s.invoiceId, 'invoice'), invoice_no: need(s.invoiceNo, 'no') }),
  },
  'subscriptions.updateInvoiceStatus': {
    params: ({ s }) => ({ invoice_id: need(s.invoice2Id, 'invoice 2'), status: 2 }),
  },
  'subscriptions.deleteCard': {
    params: ({ s }) => ({ card_id: need(s.subCard2Id, 'card 2'), subscription_id: need(s.subId, 'sub') }),
  },
  'subscriptions.updateAllInvoiceStatuses': {
    params: ({ s }) => ({ subscription_id: need(s.sub2Id, 'sub 2'), status: 5 }),
  },
  'subscriptions.updateStatus': {
    params: ({ s }) => ({ subscription_id: need(s.sub2Id, 'sub 2'), status: 5 }),
  },

  // --- cards ----------------------------------------------------------------------------------
  'cards.sendOtp': {
    params: ({ s }) => {
      s.otpSession = ref('OTP');
      return { user_gsm: GSM, otp_session_id: s.otpSession };
    },
  },
  'cards.checkOtp': {
    params: ({ s }) => ({
      otp_code: FAKE_OTP_CODE,
      otp_session_id: need(s.otpSession, 'otp'),
      user_gsm: GSM,
    }),
  },
  'cards.save': {
    params: ({ s }) => ({
      card_desc: 'Maaş kartım',
      card_holder: TEST_CARD.card_holder,
      card_number: TEST_CARD.pan,
      expire_month: TEST_CARD.month,
      expire_year: TEST_CARD.year,
      user_unique_id: ref('USER'),
      otp_code: FAKE_OTP_CODE,
      otp_session_id: need(s.otpSession, 'otp'),
      user_gsm: GSM,
    }),
    keep: (res, { s }) => {
      s.cardOwner = String(res.card_owner_id);
      s.cardHash = String(res.card_hash);
    },
  },
  'cards.list': { params: ({ s }) => ({ card_owner_id: need(s.cardOwner, 'owner') }) },
  'cards.updateDescription': {
    params: ({ s }) => ({
      card_owner_id: need(s.cardOwner, 'owner'),
      card_hash: need(s.cardHash, 'hash'),
      card_desc: 'Yeni açıklama',
    }),
  },
  'cards.delete': {
    params: ({ s }) => ({ card_owner_id: need(s.cardOwner, 'owner'), card_hash: need(s.cardHash, 'hash') }),
  },

  // --- applications ---------------------------------------------------------------------------
  'applications.create': {
    params: () => ({
      contact_gsm_no: GSM,
      contact_name: 'Ayşe',
      contact_surname: 'Yılmaz',
      contact_mail: 'ayse@example.com',
      company_name: 'Acme Ltd',
      tckn_vkn: VKN,
    }),
    keep: (res, { s }) => (s.formId = String(res.form_id)),
  },
  'applications.get': { params: ({ s }) => ({ form_id: need(s.formId, 'form'), Vkn_Tckn: VKN }) },
  'applications.documentTypes': {
    params: () => ({ form_type: 2 }),
    keep: (res, { s }) => (s.docTypeId = String(rows(res)[0]!.doctype_id)),
  },
  'applications.allDocumentTypes': { params: () => ({}) },
  'applications.uploadDocument': {
    params: ({ s }) => ({
      form_id: need(s.formId, 'form'),
      doctype_id: need(s.docTypeId, 'doctype'),
      pars_base64: PNG_BASE64,
    }),
  },
};

describe('API-MAP acceptance: every Paynet service through PaynetService against the fake', () => {
  const map = loadApiMap();
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    await stack.close();
  });

  it('reads the 66-row table (shared reference when present) and the committed copy is not stale', () => {
    expect(map.rows).toHaveLength(66);
    expect(new Set(map.rows.map((r) => r.name)).size).toBe(66);
    expect(new Set(map.rows.map((r) => r.path)).size).toBe(66);
    expect(existsSync(FIXTURE_API_MAP)).toBe(true);
    if (existsSync(SHARED_API_MAP)) {
      // Same rows, same order (a formatter may re-pad the Markdown table: the contract is the rows).
      const copy = parseApiMap(readFileSync(FIXTURE_API_MAP, 'utf8'));
      expect(copy).toEqual(parseApiMap(readFileSync(SHARED_API_MAP, 'utf8')));
    }
  });

  it('has a method on PaynetService and a spec in PAYNET_SERVICES with the same path and key for every row', () => {
    const problems: string[] = [];
    for (const row of map.rows) {
      const resource: unknown = Reflect.get(stack.paynet, row.group);
      const fn: unknown =
        resource && typeof resource === 'object' ? Reflect.get(resource, row.method) : undefined;
      if (typeof fn !== 'function') problems.push(`${row.name}: no such method on PaynetService`);
      const specs = PAYNET_SERVICES.filter((sp) => sp.name === row.name);
      if (specs.length !== 1) {
        problems.push(`${row.name}: ${specs.length} specs in PAYNET_SERVICES`);
        continue;
      }
      const spec = specs[0]!;
      if (spec.path !== row.path) problems.push(`${row.name}: spec path ${spec.path}, API-MAP ${row.path}`);
      if (spec.key !== row.key) problems.push(`${row.name}: spec key ${spec.key}, API-MAP ${row.key}`);
    }
    expect(problems).toEqual([]);
    // No spec beyond the table either.
    expect(PAYNET_SERVICES.map((sp) => sp.name).sort()).toEqual(map.rows.map((r) => r.name).sort());
  });

  it('sends a valid request through every row method: accepted, one POST to the row path with the row key', async () => {
    const byName = new Map<string, ApiMapRow>(map.rows.map((r) => [r.name, r]));
    // The walk table must cover exactly the API-MAP rows (a row without a step fails here).
    expect(Object.keys(WALK).sort()).toEqual([...byName.keys()].sort());

    const { fake, paynet } = stack;
    const ctx: Ctx = { s: {}, fake, paynet };
    const covered: string[] = [];
    const failures: string[] = [];
    for (const [name, step] of Object.entries(WALK)) {
      const row = byName.get(name)!;
      try {
        await step.setup?.(ctx);
        const params = step.params(ctx);
        fake.clearRequests();
        const resource = Reflect.get(paynet, row.group) as object;
        const method = Reflect.get(resource, row.method) as (p: object) => Promise<unknown>;
        const res = (await method.call(resource, params)) as Record<string, unknown>;
        step.keep?.(res, ctx);

        const sent = apiRequests(fake);
        expect(sent.map((e) => `${e.method} ${e.path} ${e.keyKind} ${e.status}`)).toEqual([
          `POST ${row.path} ${row.key} 200`,
        ]);
        // The fake redacts the key from its log; keyKind says the header was exactly `Basic <key>`.
        expect(sent[0]!.headers.authorization).toBe('[REDACTED]');
        covered.push(name);
      } catch (err) {
        failures.push(`${name}: ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`);
      }
    }
    expect(failures).toEqual([]);
    expect(covered.sort()).toEqual(map.rows.map((r) => r.name).sort());
  });
});

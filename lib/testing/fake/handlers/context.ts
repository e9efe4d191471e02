/** What every route handler gets, plus helpers shared by the handler groups. */
import { toLira } from '../amounts.js';
import { cardInfo, declineFor, expiredDecline, maskPan } from '../cards.js';
import { badRequest, notFound } from '../errors.js';
import type { Fields } from '../fields.js';
import { price, ratioFor } from '../pricing.js';
import type { FakeCallbackDelivery, FakeTransaction, FakeTransactionSource } from '../records.js';
import { bankCodes, FAKE_COMPANY, type FakeStore } from '../state.js';
import { isoTr, newXactId, trDay } from '../util.js';

/** Services of the server that handlers may use. */
export interface FakeEnv {
  /** The server's base URL (`http://127.0.0.1:port`), used for post_url, PayLink url, slip url. */
  baseUrl(): string;
  /** POSTs a callback to the merchant and records the delivery. */
  deliver(
    kind: FakeCallbackDelivery['kind'],
    url: string,
    body: Record<string, unknown>,
  ): Promise<FakeCallbackDelivery>;
  /** Called after a refund request is stored (auto decision, if configured). */
  onRefundRequested(requestId: number): void;
  readonly secretKey: string;
  readonly publishableKey: string;
}

/** One request as a handler sees it. */
export interface FakeContext {
  readonly f: Fields;
  /** The parsed body (may be a bare string, as check_agent's documented body). */
  readonly body: unknown;
  readonly store: FakeStore;
  readonly env: FakeEnv;
  readonly path: string;
}

/** A Paynet service of the fake. */
export interface FakeRoute {
  readonly path: string;
  /** `secret`: only the secret key; `publishable`: the publishable key (the secret key is accepted too). */
  readonly key: 'secret' | 'publishable';
  /** Moves money: `reset-after` / `truncated-json` faults apply after the state change. */
  readonly money: boolean;
  readonly handler: (ctx: FakeContext) => Record<string, unknown>;
}

/** Helper to declare a route. */
export function route(
  path: string,
  handler: (ctx: FakeContext) => Record<string, unknown>,
  opts: { key?: 'secret' | 'publishable'; money?: boolean } = {},
): FakeRoute {
  return { path, key: opts.key ?? 'secret', money: opts.money ?? false, handler };
}

/** `{object_name, code: 0, message}` plus fields. */
export function ok(
  objectName: string | null,
  fields: Record<string, unknown> = {},
  message = 'Başarılı İşlem',
) {
  return { object_name: objectName, code: 0, message, ...fields };
}

/** Message of a replayed success (code 100). */
export const REPLAY_MESSAGE = 'Önceki Başarılı İşlem';

/** Reads `limit`, `starting_after`, `ending_before` and answers the page window. */
export function pageWindow(
  f: Fields,
  total: number,
): { start: number; end: number; limit: number; after: number; before: number } {
  const limit = f.int('limit', { min: 1 }) ?? 10;
  const after = f.int('starting_after', { min: 0 }) ?? 0;
  const before = f.int('ending_before', { min: 0 }) ?? 0;
  let start: number;
  let end: number;
  if (after > 0 || before === 0) {
    start = Math.min(after, total);
    end = Math.min(total, start + limit);
  } else {
    end = Math.min(before, total);
    start = Math.max(0, end - limit);
  }
  return { start, end, limit, after, before };
}

/** The paging fields of a list answer. */
export function pageFields(
  w: { start: number; end: number; limit: number; after: number; before: number },
  total: number,
): Record<string, unknown> {
  const hasMore = w.before > 0 && w.after === 0 ? w.start > 0 : w.end < total;
  return {
    total,
    total_count: w.end - w.start,
    limit: w.limit,
    ending_before: w.before,
    starting_after: w.after,
    has_more: hasMore,
  };
}

/** `datab` / `datbi` as a day range (inclusive). */
export function dayRange(f: Fields, required: boolean): { from: number; to: number } {
  const a = required ? f.reqDate('datab') : f.date('datab');
  const b = required ? f.reqDate('datbi') : f.date('datbi');
  const from = a === undefined ? -1e9 : trDay(a);
  const to = b === undefined ? 1e9 : trDay(b);
  if (to < from) throw badRequest('datbi must not be before datab');
  return { from, to };
}

/** Reads the transaction a request points at (by xact_id, xact/id, or reference_no). */
export function findTx(ctx: FakeContext, names: readonly string[]): FakeTransaction {
  const f = ctx.f;
  const key = f.oneOf(names);
  const value = f.reqStr(key);
  const tx =
    key === 'xact_id'
      ? ctx.store.findTransaction({ xact_id: value })
      : key === 'reference_no'
        ? ctx.store.findTransaction({ reference_no: value })
        : ctx.store.findTransaction({ id: value });
  if (!tx) throw notFound(`transaction not found (${key})`);
  return tx;
}

/** What a money movement needs to create a transaction. */
export interface ChargeInput {
  source: FakeTransactionSource;
  route: string;
  pan: string;
  holder: string;
  requested: number;
  instalment: number;
  transaction_type: 1 | 3;
  reference_no: string;
  agent_reference_no?: string;
  is_tds: boolean;
  md_status?: string;
  addCommission?: boolean;
  ratio_code?: string;
  agent_id?: string;
  user_id?: string;
  email?: string;
  phone?: string;
  note?: string;
  is_escrow?: boolean;
  pos_type?: number;
  session_id?: string;
  token_id?: string;
  /** The expiry the payer gave: a past one is declined by the bank with code 54 (expired card). */
  expiry?: { month: number; year: number };
  /** A 3D failure (wrong password, no password step): declined without asking the bank. */
  threeDsFailure?: string;
  /** Seeded rows: not in the ledger, dated as given. */
  created?: number;
  charge?: boolean;
}

/** Runs a charge through the fake bank and stores the transaction (approved or declined). */
export function createCharge(store: FakeStore, input: ChargeInput): FakeTransaction {
  const info = cardInfo(input.pan);
  const ratio = ratioFor(store, info.bank_id, input.instalment, input.ratio_code);
  const p = price(input.requested, ratio, input.addCommission ?? false);
  const id = store.nextId();
  const created = input.created ?? store.clock.now();
  const bankDecline = input.threeDsFailure
    ? undefined
    : (declineFor(input.pan) ??
      (input.expiry ? expiredDecline(created, input.expiry.month, input.expiry.year) : undefined));
  const is_succeed = !input.threeDsFailure && !bankDecline;
  const tx: FakeTransaction = {
    id,
    xact_id: newXactId(),
    reference_no: input.reference_no,
    agent_reference_no: input.agent_reference_no ?? '',
    source: input.source,
    route: input.route,
    created,
    day: trDay(created),
    transaction_type: input.transaction_type,
    status: !is_succeed ? 'declined' : input.transaction_type === 3 ? 'authorized' : 'succeeded',
    is_succeed,
    amount: p.amount,
    comission: p.comission,
    comission_tax: p.comission_tax,
    end_user_comission: p.end_user_comission,
    ratio,
    ratio_code: input.ratio_code ?? '',
    captured: 0,
    refunded: 0,
    refundPending: 0,
    currency: 'TRY',
    instalment: input.instalment,
    pos_type: input.pos_type ?? 5,
    is_tds: input.is_tds,
    ...(input.md_status !== undefined ? { md_status: input.md_status } : {}),
    card: {
      masked: maskPan(input.pan),
      bin: input.pan.slice(0, 6),
      last4: input.pan.slice(-4),
      holder: input.holder,
      bank_id: info.bank_id,
      bank_name: info.bank_name,
      card_type: info.card_type,
      brand: info.brand,
    },
    ...bankCodes(id),
    agent_id: input.agent_id ?? '',
    user_id: input.user_id ?? '',
    email: input.email ?? '',
    phone: input.phone ?? '',
    note: input.note ?? '',
    is_escrow: input.is_escrow ?? false,
    transferred: false,
    ...(input.session_id ? { session_id: input.session_id } : {}),
    ...(input.token_id ? { token_id: input.token_id } : {}),
    replays: 0,
    signature_uploaded: false,
  };
  if (!is_succeed) {
    tx.authorization_code = '';
    if (bankDecline) {
      tx.decline = { ...bankDecline, paynet_error_id: '1', paynet_error_message: 'Bankadan onay alınamadı' };
    } else {
      tx.decline = {
        reason: 'three_ds_failed',
        bank_error_id: '',
        bank_error_message: '',
        bank_error_short_desc: '',
        bank_error_long_desc: '',
        paynet_error_id: '16',
        paynet_error_message: input.threeDsFailure ?? '3D doğrulama başarısız',
      };
    }
  }
  store.addTransaction(tx, input.charge ?? true);
  return tx;
}

/** Which shape of transaction answer to build. */
export type TxVariant = 'v2' | 'tds' | 'v1';

/**
 * The transaction answer of payment / tds_charge (v2: unprefixed and `bank_` fields) and of
 * charge / capture / capture_reversal (v1).
 */
export function txBody(
  tx: FakeTransaction,
  variant: TxVariant,
  opts: { code?: number; message?: string; transaction_type?: number; object_name?: string } = {},
): Record<string, unknown> {
  const d = tx.decline;
  const code = opts.code ?? (tx.is_succeed ? 0 : 1);
  const message = opts.message ?? (tx.is_succeed ? 'Başarılı İşlem' : 'Başarısız İşlem');
  const body: Record<string, unknown> = {
    object_name: opts.object_name ?? (variant === 'v1' ? 'transaction' : 'payment'),
    code,
    message,
    id: String(tx.id),
    xact_id: tx.xact_id,
    xact_date: isoTr(tx.created),
    transaction_type: opts.transaction_type ?? tx.transaction_type,
    pos_type: tx.pos_type,
    is_tds: tx.is_tds,
  };
  if (variant === 'tds') body.md_status = tx.md_status ?? (tx.is_succeed ? '1' : '0');
  Object.assign(body, {
    agent_id: tx.agent_id,
    user_id: tx.user_id,
    email: tx.email,
    phone: tx.phone,
    bank_id: tx.card.bank_id,
    instalment: tx.instalment,
    ...(variant === 'v1' ? {} : { installment: tx.instalment }),
    ratio: tx.ratio,
    card_no_masked: tx.card.masked,
    card_holder: tx.card.holder,
    amount: toLira(tx.amount),
    net_amount: toLira(tx.amount - tx.comission - tx.comission_tax),
    comission: toLira(tx.comission),
    comission_tax: toLira(tx.comission_tax),
    currency: tx.currency,
    authorization_code: tx.authorization_code,
    reference_code: tx.reference_code,
    order_id: tx.order_id,
    is_succeed: tx.is_succeed,
    paynet_error_id: d?.paynet_error_id ?? '',
    paynet_error_message: d?.paynet_error_message ?? '',
    bank_error_id: d?.bank_error_id ?? '',
    bank_error_message: d?.bank_error_message ?? '',
    bank_error_short_desc: d?.bank_error_short_desc ?? '',
    bank_error_long_desc: d?.bank_error_long_desc ?? '',
    agent_reference_no: tx.agent_reference_no,
    ratio_code: tx.ratio_code,
    end_user_comission: toLira(tx.end_user_comission),
  });
  if (variant !== 'v1') {
    Object.assign(body, {
      bank_authorization_code: tx.authorization_code,
      bank_reference_code: tx.reference_code,
      bank_order_id: tx.order_id,
      reference_no: tx.reference_no,
      xact_transaction_id: tx.xact_transaction_id,
      bank_name: tx.card.bank_name,
      card_type: tx.card.card_type,
      card_brand_name: tx.card.brand,
      campaign_url: '',
      end_user_ratio: tx.end_user_comission > 0 ? tx.ratio : 0,
      ratio_code_method: '',
      plus_installment: 0,
      company_cost_ratio: tx.ratio,
      company_commission: toLira(tx.comission),
      company_commission_with_tax: toLira(tx.comission + tx.comission_tax),
      company_net_amount: toLira(tx.amount - tx.comission - tx.comission_tax),
      card_bank_id: tx.card.bank_id,
      card_logo_url: `https://fake.paynet.local/img/banklogo/small/${tx.card.bank_id}.png`,
    });
  } else {
    body.reference_no = tx.reference_no;
  }
  Object.assign(body, {
    is_save_card_succeed: tx.saved_card !== undefined,
    save_card_result_message: tx.saved_card ? 'Kart kaydedildi' : '',
    card_owner_id: tx.saved_card?.card_owner_id ?? '',
    user_unique_id: tx.saved_card?.user_unique_id ?? '',
    ...(variant === 'v1' ? {} : { card_hash: tx.saved_card?.card_hash ?? '' }),
  });
  return body;
}

/** A transaction as a row of transaction/check (both netAmount spellings). */
export function checkRow(tx: FakeTransaction): Record<string, unknown> {
  const net = toLira(tx.amount - tx.comission - tx.comission_tax);
  return {
    xact_id: tx.xact_id,
    id: tx.id,
    xact_date: isoTr(tx.created),
    transaction_type: tx.transaction_type,
    pos_type: tx.pos_type,
    is_tds: tx.is_tds,
    agent_id: tx.agent_id,
    note: tx.note,
    ratio: tx.ratio,
    agent_reference: tx.reference_no,
    bank_id: tx.card.bank_id,
    instalment: tx.instalment,
    card_type: tx.card.card_type,
    card_no: tx.card.masked,
    card_holder: tx.card.holder,
    amount: toLira(tx.amount),
    netAmount: net,
    net_amount: net,
    comission: toLira(tx.comission),
    comission_tax: toLira(tx.comission_tax),
    currency: tx.currency,
    authorization_code: tx.authorization_code,
    reference_code: tx.reference_code,
    order_id: tx.order_id,
    is_succeed: tx.is_succeed,
    xact_transaction_id: tx.xact_transaction_id,
    email: tx.email,
    phone: tx.phone,
    ratio_code: tx.ratio_code,
    end_user_comission: toLira(tx.end_user_comission),
    reference_no: tx.reference_no,
    status: tx.status,
    object_name: 'transaction',
    message: tx.is_succeed ? 'Başarılı İşlem' : (tx.decline?.bank_error_message ?? 'Başarısız İşlem'),
  };
}

/** Letter code of a transaction for list rows (S sale, PR pre-auth, CR capture...). */
export function xactLetter(tx: FakeTransaction): string {
  switch (tx.status) {
    case 'authorized':
      return 'PR';
    case 'captured':
      return 'CR';
    case 'preauth_reversed':
      return 'RP';
    case 'capture_reversed':
      return 'RC';
    case 'cancelled':
      return 'R';
    case 'refunded':
    case 'partially_refunded':
      return 'CD';
    default:
      return tx.transaction_type === 3 ? 'PR' : 'S';
  }
}

export { FAKE_COMPANY };

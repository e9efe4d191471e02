/**
 * The fake's ledger: a money movement runs through the fake bank (card, decline, expiry, 3D
 * outcome), is priced and stored as a transaction; and the queries tests make of it.
 */
import { cardInfo, declineFor, expiredDecline, maskPan } from './cards.js';
import { price, ratioFor } from './pricing.js';
import type { FakeLedgerEntry, FakeTransaction, FakeTransactionSource } from './records.js';
import { ledgerEntry, type FakeStore } from './state.js';
import { newXactId, randomDigits, trDay } from './util.js';

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

/** Fills the bank-side codes of a new transaction. */
export function bankCodes(
  id: number,
): Pick<FakeTransaction, 'authorization_code' | 'reference_code' | 'order_id' | 'xact_transaction_id'> {
  return {
    authorization_code: randomDigits(6),
    reference_code: randomDigits(12),
    order_id: `PN${id}`,
    xact_transaction_id: `${id}${randomDigits(4)}`,
  };
}

/** Every charge made through the API (payment, tds_charge, charge, PayLink, subscription). */
export function ledgerEntries(
  store: FakeStore,
  filter: { reference_no?: string; session_id?: string } = {},
): FakeLedgerEntry[] {
  return store.charges
    .filter(
      (t) =>
        (filter.reference_no === undefined || t.reference_no === filter.reference_no) &&
        (filter.session_id === undefined || t.session_id === filter.session_id),
    )
    .map(ledgerEntry);
}

/** One transaction (seeded ones included) by xact_id, numeric id or reference_no. */
export function findLedgerEntry(store: FakeStore, key: string): FakeLedgerEntry | undefined {
  const tx =
    store.txByXactId.get(key) ??
    (/^\d+$/.test(key) ? store.txById.get(Number(key)) : undefined) ??
    store.txByReference.get(key);
  return tx ? ledgerEntry(tx) : undefined;
}

/** Moves a transaction `days` days into the past (e.g. to allow a partial refund). */
export function backdateTransaction(store: FakeStore, key: string, days: number): FakeLedgerEntry {
  const tx = store.txByXactId.get(key) ?? store.txByReference.get(key);
  if (!tx) throw new Error(`transaction ${key} not found`);
  store.redate(tx, tx.created - days * 86_400_000);
  return ledgerEntry(tx);
}

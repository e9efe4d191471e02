/**
 * The records the fake Paynet server keeps (transactions, sessions, refund requests, PayLinks,
 * subscriptions, cards, rate types, applications, agents, callbacks) and the quirks it can play.
 */
import type { FakeDecline } from './cards.js';

/** Life-cycle state of a transaction. */
export type FakeTransactionStatus =
  | 'succeeded'
  | 'declined'
  | 'authorized'
  | 'captured'
  | 'preauth_reversed'
  | 'capture_reversed'
  | 'partially_refunded'
  | 'refunded'
  | 'cancelled';

/** Where a transaction came from. */
export type FakeTransactionSource = 'payment' | 'tds' | 'charge' | 'paylink' | 'subscription' | 'seed';

/** Card data kept on a transaction (never the full number). */
export interface FakeTxCard {
  masked: string;
  bin: string;
  last4: string;
  holder: string;
  bank_id: string;
  bank_name: string;
  card_type: string;
  brand: string;
}

/** One transaction (sale or pre-auth) and everything that happened to it. */
export interface FakeTransaction {
  id: number;
  xact_id: string;
  reference_no: string;
  agent_reference_no: string;
  source: FakeTransactionSource;
  route: string;
  created: number;
  day: number;
  /** 1 sale, 3 pre-auth (as requested). */
  transaction_type: 1 | 3;
  status: FakeTransactionStatus;
  is_succeed: boolean;
  /** Charged amount in kuruş. */
  amount: number;
  comission: number;
  comission_tax: number;
  end_user_comission: number;
  ratio: number;
  ratio_code: string;
  captured: number;
  /** Approved refunds, kuruş. */
  refunded: number;
  /** Refund requests still waiting for a decision, kuruş. */
  refundPending: number;
  currency: string;
  instalment: number;
  pos_type: number;
  is_tds: boolean;
  md_status?: string;
  card: FakeTxCard;
  authorization_code: string;
  reference_code: string;
  order_id: string;
  xact_transaction_id: string;
  decline?: FakeDecline & { paynet_error_id: string; paynet_error_message: string };
  agent_id: string;
  user_id: string;
  email: string;
  phone: string;
  note: string;
  is_escrow: boolean;
  escrow_status?: number;
  transferred: boolean;
  document_no?: string;
  session_id?: string;
  token_id?: string;
  /** How many times a replay returned this transaction with code 100. */
  replays: number;
  saved_card?: { card_owner_id: string; user_unique_id: string; card_hash: string };
  signature_uploaded: boolean;
  last_reversed_xact_id?: string;
}

/** A charge as the ledger shows it. Amounts in lira. */
export interface FakeLedgerEntry {
  id: number;
  xact_id: string;
  reference_no: string;
  session_id?: string;
  token_id?: string;
  source: FakeTransactionSource;
  route: string;
  /** Charged amount (lira). */
  amount: number;
  captured: number;
  refunded: number;
  is_succeed: boolean;
  state: FakeTransactionStatus;
  transaction_type: 1 | 3;
  created: string;
  /** Times a repeated request got this charge back (code 100) instead of a new one. */
  replays: number;
}

/** A refund/cancel request (reversed_request). */
export interface FakeRefundRequest {
  /** Unencrypted id of the refund transaction (`reversed_id`). */
  id: number;
  reversed_xact_id: string;
  xact_id: string;
  tx: FakeTransaction;
  amount: number;
  kind: 'cancel' | 'refund';
  status: 'pending' | 'approved' | 'rejected';
  created: number;
  day: number;
  decided?: number;
  succeedUrl?: string;
  message?: string;
}

/** A 3D session from tds_initial, create_card_tds_initial or paynet.js create_token. */
export interface FakeThreeDsSession {
  session_id: string;
  token_id: string;
  purpose: 'payment' | 'subscription_card' | 'paynetj';
  created: number;
  return_url: string;
  reference_no: string;
  amount: number;
  pan: string;
  holder: string;
  month: number;
  year: number;
  password: string;
  state: 'pending' | 'authenticated' | 'failed';
  /** Set once tds_charge / confirm ran: the answer is kept for replays. */
  result?: FakeTransaction;
  resultBody?: Record<string, unknown>;
  /** Request data needed to charge later. */
  request: Record<string, unknown>;
}

/** A paynet.js session (paynetj/auth). */
export interface FakePaynetJsSession {
  session_id: string;
  amount: number;
  created: number;
  return_url: string;
  instalmentKeys: Map<string, number>;
  tokens: Map<string, FakeThreeDsSession>;
  charged?: FakeTransaction;
  request: Record<string, unknown>;
}

/** A PayLink (mailorder). */
export interface FakePayLink {
  id: string;
  url: string;
  reference_no: string;
  name_surname: string;
  user_name: string;
  amount: number;
  email: string;
  phone: string;
  send_mail: boolean;
  send_sms: boolean;
  expire_hours: number;
  created: number;
  day: number;
  note: string;
  agent_note: string;
  agent_id: string;
  succeed_url: string;
  error_url: string;
  confirmation_url: string;
  multi_payment: boolean;
  addcomission_to_amount: boolean;
  pos_type: number;
  /** 0 awaiting payment, 3 passive. */
  status: number;
  payments: FakeTransaction[];
}

/** One plan row / invoice of a subscription. */
export interface FakeInvoice {
  invoice_id: number;
  plan_id: number;
  invoice_no: string;
  subscription: FakeSubscription;
  val_date: number;
  amount: number;
  agent_amount: number;
  company_amount: number;
  currency: string;
  /** Status codes: 0 waiting, 2 external charged, 3 done succeed, 4 done unsucceed, 5 cancel, 6 deleted. */
  status: number;
  xact_id: string;
  xact_numeric: number;
  attempts: { attempt_id: number; date: number; is_succeed: boolean; message: string; xact_id: string }[];
}

/** A subscription (düzenli ödeme). */
export interface FakeSubscription {
  subscription_id: string;
  reference_no: string;
  group_reference_no: string;
  created: number;
  day: number;
  status: number;
  fields: Record<string, unknown>;
  amount: number;
  agent_amount: number;
  company_amount: number;
  cards: number[];
  invoices: FakeInvoice[];
}

/**
 * Answers the Paynet doc shows and a client must survive, switched on per server
 * (`new PaynetFakeServer({ quirks })`, `server.setQuirks(...)`, `POST /__fake/quirks`).
 */
export interface FakeQuirks {
  /**
   * `create_card_tds_confirm` answers a stored card the way the doc's own example does:
   * `{"code":1,"message":"Basarili islem"}` with no `is_succeed`, an empty `card_id` and a null
   * `subscription_id` (while code 1 means "unsuccessful"). The card is stored all the same; a
   * declined card still gets the ordinary failure answer. @default false
   */
  tdsConfirmDocSuccess?: boolean;
  /**
   * Key of the per-subscription rows of `card_info_link_to_subscription`: `details` as in the doc
   * example, or `Details` as in the doc table. @default 'details'
   */
  linkCardRowsKey?: 'details' | 'Details';
  /**
   * Spelling of the commission fields of ratio rows: `commision` (what client code reads),
   * `commission` (current Get table) or `comission` (legacy Get_public table); `_tax` follows.
   * @default 'commision'
   */
  ratioCommissionSpelling?: 'commision' | 'commission' | 'comission';
}

/** A card stored on a subscription (card_info_*). */
export interface FakeSubscriptionCard {
  card_id: number;
  pan: string;
  masked: string;
  holder: string;
  label: string;
  agent_id: string;
  deleted: boolean;
}

/** A stored card (card/save). */
export interface FakeStoredCard {
  card_hash: string;
  card_owner_id: string;
  user_unique_id: string;
  pan: string;
  masked: string;
  holder: string;
  month: number;
  year: number;
  card_desc: string;
  created: number;
  deleted: boolean;
}

/** A rate type (ratio/set_type, ratio/define). */
export interface FakeRatioType {
  ratio_code: string;
  description: string;
  is_default: boolean;
  is_cumulative: boolean;
  card_type: string;
  /** bank_id -> instalment -> ratio */
  banks: Map<string, Map<number, number>>;
}

/** A membership application (formdata_insert). */
export interface FakeApplication {
  form_id: number;
  created: number;
  fields: Record<string, string>;
  documents: { doctype_id: string; size: number }[];
}

/** A dealer (bayi). */
export interface FakeAgent {
  agent_id: string;
  agent_name: string;
  user_name: string;
  password: string;
  referans_no: string;
}

/** A callback the fake POSTed to the merchant. */
export interface FakeCallbackDelivery {
  kind: 'paylink_confirmation' | 'refund_decision';
  url: string;
  body: Record<string, unknown>;
  /** HTTP status the merchant answered, or undefined when the POST failed. */
  status?: number;
  error?: string;
  at: string;
  durationMs: number;
}

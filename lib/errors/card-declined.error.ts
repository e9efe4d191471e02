import { isResultCode, keptNumber, redact, sanitizeExcerpt } from '../redaction/index.js';
import { PaynetError } from './paynet.error.js';
import {
  declineCodeFor,
  normalizeBankErrorId,
  normalizePaynetErrorId,
  type PaynetDeclineCode,
} from './decline-codes.js';

/** The failure fields of a declined money movement (HTTP 200, `is_succeed: false`). */
export interface PaynetDeclineDetails {
  paynet_error_id?: string | number | null;
  paynet_error_message?: string | number | null;
  bank_error_id?: string | number | null;
  bank_error_message?: string | number | null;
  bank_error_short_desc?: string | number | null;
  bank_error_long_desc?: string | number | null;
}

/**
 * The bank (or Paynet) did not approve a money movement: Paynet answered HTTP 200 with
 * `is_succeed: false`. `response` is the whole answer, redacted.
 */
export class PaynetCardDeclinedError extends PaynetError {
  override readonly kind: string = 'card_declined';
  /** The service path. */
  readonly path: string;
  /** Paynet's `code` in the answer, when present. */
  readonly resultCode?: number;
  /** Name of the result code, when known. */
  readonly resultName?: string;
  /** The bank's message, the best text to show a payer (`bank_error_message`, else Paynet's). */
  readonly declineMessage: string;
  /** The failure fields. */
  readonly decline: PaynetDeclineDetails;
  /**
   * A stable code a program can act on (`insufficient_funds`, `invalid_cvc`...), from the bank's
   * id, else Paynet's; `unknown` when neither is in the table (docs/decline-codes.md).
   */
  readonly declineCode: PaynetDeclineCode;
  /** The bank's `bank_error_id` as sent (ISO 8583 response code, e.g. `'51'`), when there is one. */
  readonly bankErrorId?: string;
  /** Paynet's `paynet_error_id` as sent (e.g. `'16'`), when there is one. */
  readonly paynetErrorId?: string;
  /** The whole answer, redacted. */
  readonly response: Record<string, unknown>;

  constructor(init: {
    path: string;
    resultCode?: number;
    resultName?: string;
    response: Record<string, unknown>;
    /** The text to report when the answer's own fields do not say why (e.g. a read-back decided). */
    declineMessage?: string;
  }) {
    // The answer is redacted here, whatever the path that built the error (a direct answer or a row
    // found by a reconciliation lookup): no caller can forget it (issue 14).
    const raw = init.response;
    const r = redact(raw);
    const pick = (k: keyof PaynetDeclineDetails): PaynetDeclineDetails[typeof k] => {
      const v = raw[k];
      if (typeof v === 'string') return sanitizeExcerpt(v, MAX_TEXT);
      // a number goes through the same sanitiser: 12 to 19 digits become a masked string
      if (typeof v === 'number') return keptNumber(v);
      return v === null ? v : undefined;
    };
    const decline: PaynetDeclineDetails = {
      paynet_error_id: pick('paynet_error_id'),
      paynet_error_message: pick('paynet_error_message'),
      bank_error_id: pick('bank_error_id'),
      bank_error_message: pick('bank_error_message'),
      bank_error_short_desc: pick('bank_error_short_desc'),
      bank_error_long_desc: pick('bank_error_long_desc'),
    };
    const text = sanitizeExcerpt(
      init.declineMessage ??
        firstText(decline.bank_error_message, decline.bank_error_short_desc, decline.paynet_error_message) ??
        (typeof raw.message === 'string' && raw.message.trim()
          ? raw.message
          : 'The payment was not approved'),
      MAX_TEXT,
    );
    super(`Paynet declined the transaction (${init.path}): ${text}`);
    this.path = init.path;
    if (init.resultCode !== undefined && isResultCode(init.resultCode)) this.resultCode = init.resultCode;
    if (init.resultName !== undefined) this.resultName = sanitizeExcerpt(String(init.resultName), 100);
    this.declineMessage = text;
    this.decline = decline;
    this.declineCode = declineCodeFor(decline);
    const bankId = rawId(decline.bank_error_id, normalizeBankErrorId);
    if (bankId !== undefined) this.bankErrorId = bankId;
    const paynetId = rawId(decline.paynet_error_id, normalizePaynetErrorId);
    if (paynetId !== undefined) this.paynetErrorId = paynetId;
    this.response = r;
  }

  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      path: this.path,
      resultCode: this.resultCode,
      resultName: this.resultName,
      declineMessage: this.declineMessage,
      declineCode: this.declineCode,
      bankErrorId: this.bankErrorId,
      paynetErrorId: this.paynetErrorId,
      decline: this.decline,
    };
  }
}

/** The longest bank or Paynet text kept (after sanitising). */
const MAX_TEXT = 200;

function firstText(...values: Array<string | number | null | undefined>): string | undefined {
  for (const v of values) if (typeof v === 'string' && v.trim() !== '') return v.trim();
  return undefined;
}

/**
 * A raw id as sent (trimmed), when it has the shape of an id: kept even when the table does not
 * know it, so the caller can log it; free text in an id field is not kept.
 */
function rawId(
  value: string | number | null | undefined,
  shape: (v: unknown) => string | undefined,
): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (shape(value) === undefined) return undefined;
  return String(value).trim();
}

import { redact } from '../redaction/index.js';
import { PaynetApiError } from './api.error.js';

/** One subscription's outcome in a card link answer (`details[]` / `Details[]`). */
export interface PaynetCardLinkRow {
  subscription_id?: string;
  reference_no?: string;
  /** True only when Paynet said this subscription now uses the card. */
  is_succeed?: boolean | string;
  message?: string | null;
  [key: string]: unknown;
}

function label(row: PaynetCardLinkRow): string {
  const id = row.reference_no || row.subscription_id || '?';
  const message = typeof row.message === 'string' && row.message.trim() ? `: ${row.message.trim()}` : '';
  return `${id}${message}`;
}

/**
 * `subscriptions.linkCard` answered `code` 0, but the card was not linked to one or more of the
 * subscriptions (rows whose `is_succeed` is not true). Those subscriptions keep charging their old
 * card. `failed` names them; `succeeded` lists the ones that did take the card (a group link can
 * be partly done), so only the failed ones need another attempt.
 */
export class PaynetCardLinkError extends PaynetApiError {
  override readonly kind: string = 'card_link_error';
  /** Rows of the subscriptions that did not take the card. */
  readonly failed: readonly PaynetCardLinkRow[];
  /** Rows of the subscriptions that did. */
  readonly succeeded: readonly PaynetCardLinkRow[];

  constructor(init: {
    path: string;
    resultCode?: number;
    failed: PaynetCardLinkRow[];
    succeeded: PaynetCardLinkRow[];
    body?: unknown;
  }) {
    const total = init.failed.length + init.succeeded.length;
    super(
      `Paynet did not link the card to ${init.failed.length} of ${total} subscription(s) (${init.path}): ${init.failed
        .map(label)
        .join('; ')}`,
      {
        statusCode: 200,
        type: 'card_link_error',
        path: init.path,
        ...(init.resultCode !== undefined ? { resultCode: init.resultCode } : {}),
        ...(init.body !== undefined ? { body: init.body } : {}),
      },
    );
    // Paynet's rows go through the one sanitiser, like every other value an error keeps: a card
    // number (string or JSON number), a CVC or a key in a row never reaches `failed` / `succeeded`
    this.failed = Object.freeze(redact([...init.failed]));
    this.succeeded = Object.freeze(redact([...init.succeeded]));
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), failed: this.failed, succeeded: this.succeeded };
  }
}

/**
 * How the card answers of `subscriptions` are settled: a card link answer that holds failed rows,
 * and a 3D card confirm answer that does not say whether the card was stored.
 */
import type {
  ConfirmSubscriptionCard3dsResponse,
  LinkSubscriptionCardResponse,
} from '../../dto/subscriptions/index.js';
import type { ConfirmSubscriptionCard3dsOptions } from '../../dto/subscriptions/confirm-subscription-card-3ds.response.js';
import type { SubscriptionCardLinkDetail } from '../../dto/subscriptions/link-subscription-card.response.js';
import { PaynetAmbiguousResultError } from '../../errors/ambiguous-result.error.js';
import { PaynetApiError } from '../../errors/api.error.js';
import { PaynetCardDeclinedError } from '../../errors/card-declined.error.js';
import { PaynetCardLinkError } from '../../errors/card-link.error.js';
import { readCode, resultCodeName } from '../../errors/error-factory.js';

function isTrue(value: unknown): boolean {
  return (
    value === true || value === 1 || (typeof value === 'string' && value.trim().toLowerCase() === 'true')
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * The per-subscription rows of a card link answer, from `details` (doc example) and `Details`
 * (doc table); a row counts as linked only with `is_succeed` true.
 * @throws PaynetCardLinkError when any row is not linked (whatever the top-level `code`)
 */
export function settleCardLink(answer: unknown, path: string): LinkSubscriptionCardResponse {
  const body = isRecord(answer) ? answer : {};
  const rows: SubscriptionCardLinkDetail[] = [];
  for (const key of ['details', 'Details'] as const) {
    const list = body[key];
    if (!Array.isArray(list)) continue;
    for (const row of list as unknown[]) if (isRecord(row) && !rows.includes(row)) rows.push(row);
  }
  const failed = rows.filter((r) => !isTrue(r.is_succeed));
  if (failed.length > 0) {
    const code = readCode(body.code);
    throw new PaynetCardLinkError({
      path,
      ...(code !== undefined ? { resultCode: code } : {}),
      failed,
      succeeded: rows.filter((r) => isTrue(r.is_succeed)),
      body,
    });
  }
  return { ...body, details: rows } as LinkSubscriptionCardResponse;
}

/**
 * An answer of create_card_tds_confirm that does not say whether the card was stored: HTTP 200,
 * `code` 1 and no `is_succeed` (the doc's own success example is `{"code":1,"message":"Basarili
 * islem"}`, while code 1 means "unsuccessful").
 */
function undecidedConfirm(err: unknown): Record<string, unknown> | undefined {
  if (!(err instanceof PaynetApiError) || err.statusCode !== 200 || err.resultCode !== 1) return undefined;
  const body = isRecord(err.body) ? err.body : {};
  return 'is_succeed' in body ? undefined : body;
}

/** The subscription whose cards are read back. */
type SubscriptionRef = NonNullable<ConfirmSubscriptionCard3dsOptions['subscription']>;

/** What a 3D card confirm needs to be settled by a read-back. */
export interface CardConfirm {
  /** The confirm service (named in the errors). */
  readonly spec: { readonly name: string; readonly path: string };
  /** The subscription given to `addCard3ds`, when the caller passed it. */
  readonly subscription: SubscriptionRef | undefined;
  /** Sends the confirm. */
  readonly confirm: () => Promise<ConfirmSubscriptionCard3dsResponse>;
  /** The card ids of a subscription (`card_info_list`). */
  readonly cardIds: (subscription: SubscriptionRef) => Promise<Set<string>>;
}

/**
 * Sends a 3D card confirm; an undecided answer (code 1, no `is_succeed`) is settled by reading the
 * subscription's cards back (before the confirm, when the subscription is known, and after).
 * @throws PaynetCardDeclinedError when the read-back shows no new card
 * @throws PaynetAmbiguousResultError when an undecided answer cannot be settled by a read-back
 */
export async function confirmCardWithReadBack(c: CardConfirm): Promise<ConfirmSubscriptionCard3dsResponse> {
  let before: Set<string> | undefined;
  if (c.subscription) {
    try {
      before = await c.cardIds(c.subscription);
    } catch {
      before = undefined; // only the "before" picture is lost; the confirm still goes out
    }
  }
  try {
    return await c.confirm();
  } catch (err) {
    const body = undecidedConfirm(err);
    if (!body) throw err;
    return settleConfirm(c, body, err as PaynetApiError, before);
  }
}

async function settleConfirm(
  c: CardConfirm,
  body: Record<string, unknown>,
  cause: PaynetApiError,
  before: Set<string> | undefined,
): Promise<ConfirmSubscriptionCard3dsResponse> {
  const { spec, subscription } = c;
  const answered = typeof body.subscription_id === 'string' && body.subscription_id.trim() !== '';
  const target = subscription ?? (answered ? { subscription_id: String(body.subscription_id) } : undefined);
  const field = target && 'reference_no' in target ? 'reference_no' : 'subscription_id';
  const reference = target
    ? 'reference_no' in target
      ? target.reference_no
      : target.subscription_id
    : undefined;
  const ambiguous = (why: unknown) =>
    new PaynetAmbiguousResultError({
      service: spec.name,
      path: spec.path,
      ...(reference !== undefined ? { reference, referenceField: field } : {}),
      cause: why,
    });
  const cardId =
    body.card_id !== undefined && body.card_id !== null && String(body.card_id).trim() !== ''
      ? String(body.card_id).trim()
      : undefined;
  if (!target || (!cardId && !before)) throw ambiguous(cause);
  let after: Set<string>;
  try {
    after = await c.cardIds(target);
  } catch (readError) {
    throw ambiguous(readError);
  }
  const found = cardId ? (after.has(cardId) ? cardId : undefined) : [...after].find((id) => !before!.has(id));
  if (found === undefined) {
    throw new PaynetCardDeclinedError({
      path: spec.path,
      resultCode: 1,
      ...(resultCodeName(1) ? { resultName: resultCodeName(1) } : {}),
      response: { ...body, is_succeed: false },
      declineMessage: `the card is not in the subscription's card list after ${spec.path}: it was not added`,
    });
  }
  return {
    ...body,
    is_succeed: true,
    settled_by: 'card_read_back',
    card_id: cardId ?? found,
  } as ConfirmSubscriptionCard3dsResponse;
}

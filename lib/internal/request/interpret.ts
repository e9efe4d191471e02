import { readSucceeded, compareToRequest, hasErrorId, namesAnother } from '../../client/outcome.js';
import type { PaynetHttpResponse } from '../../client/transport.js';
import { PaynetInvalidResponseError } from '../../errors/api.error.js';
import { PaynetCardDeclinedError } from '../../errors/card-declined.error.js';
import { createApiError, readCode, resultCodeName, RESULT_CODE_NAMES } from '../../errors/error-factory.js';
import { PaynetReferenceReusedError } from '../../errors/reference-reused.error.js';
import { redact } from '../../redaction/index.js';
import { markContradictedSession, reconcileByReference } from '../reconcile.js';
import { referenceOf, SUCCEED_FLAG_REQUIRED, type PaynetServiceInfo } from '../service.js';

const CODES_OK = new Set([0, 100]);
/** Result code 12, "nodata". */
const NO_DATA_CODE = 12;
/** Result code 5, "duplicatedata". */
const DUPLICATE_CODE = 5;
const DECLINE_CODES = new Set([0, 1, 100]);
/** Result codes 8 "servererror" and 10 "timeout": Paynet does not know either whether it was done. */
const UNKNOWN_OUTCOME_CODES = new Set([8, 10]);
/**
 * The documented result codes that refuse a money movement in a non-2xx answer: every code of
 * Paynet's table but the successes (0, 100), the unknowns (8, 10, 12) and the subscription states
 * (200, 201), which name no refusal of a payment.
 */
const REFUSAL_CODES: ReadonlySet<number> = new Set(
  Object.keys(RESULT_CODE_NAMES)
    .map(Number)
    .filter((c) => ![0, 100, 8, 10, 12, 200, 201].includes(c)),
);

/**
 * Step 2 of an attempt: reads an HTTP answer as the typed result or the typed error. Errors it
 * builds carry the answer redacted with the client's keys.
 */
export class ResponseInterpreter {
  /** The client's keys (a true private field: no property walk reaches them). */
  readonly #secrets: readonly string[];

  constructor(secrets: readonly string[]) {
    this.#secrets = secrets;
  }

  /**
   * Turns an HTTP answer into the typed result or the typed error. `body` is the request that was
   * sent (a money movement's code-100 replay is checked against it).
   */
  interpret<Res>(spec: PaynetServiceInfo, response: PaynetHttpResponse, body?: unknown): Res {
    const { status, body: raw } = response;
    let parsed: unknown;
    try {
      parsed = raw.length > 0 ? JSON.parse(raw) : undefined;
    } catch {
      parsed = undefined;
    }
    const isObject = parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed);
    if (spec.safety === 'money' && (status < 200 || status >= 300)) {
      this.checkMoneyFailureStatus(spec, status, isObject ? (parsed as Record<string, unknown>) : undefined);
    }
    if (status < 200 || status >= 300 || !isObject) {
      throw createApiError({
        status,
        path: spec.path,
        parsed,
        raw,
        extraSecrets: this.#secrets,
        ...(spec.safety === 'money' ? { money: { service: spec.name, body } } : {}),
      });
    }
    const obj = parsed as Record<string, unknown>;
    const code = readCode(obj.code);
    if (spec.safety === 'money') return this.interpretMoney<Res>(spec, obj, code, status, raw, body);
    if (spec.succeedFlag && 'is_succeed' in obj) {
      const succeeded = readSucceeded(obj.is_succeed);
      if (succeeded === true) return obj as Res;
      if (succeeded === false && (code === undefined || DECLINE_CODES.has(code) || hasBankError(obj))) {
        throw this.declined(spec, obj, code);
      }
    }
    if (code !== undefined && !CODES_OK.has(code)) {
      throw createApiError({ status, path: spec.path, parsed: obj, raw, extraSecrets: this.#secrets });
    }
    return obj as Res;
  }

  /**
   * A money movement's HTTP-2xx JSON answer. It resolves only on a positive, well-formed success:
   * code 0 (with a readable `is_succeed: true` where the service's answer carries it), or a code-100
   * replay whose amount and card agree with this request. A readable decline is a decline; a known
   * failure code (the documented result codes) is that failure; code 17 (session already used) is
   * `PaynetSessionUsedError`, never "nothing happened" (attack M2). Anything else (no code, an
   * unknown code, an `is_succeed` that is missing, `null` or unreadable, or contradicts the code; a
   * success naming a bank or Paynet error id: attack M7; code 5 on `payments.create`: attack D4)
   * leaves the outcome unknown: `PaynetInvalidResponseError`, which the caller settles by lookup
   * (reconciliation).
   */
  private interpretMoney<Res>(
    spec: PaynetServiceInfo,
    obj: Record<string, unknown>,
    code: number | undefined,
    status: number,
    raw: string,
    body: unknown,
  ): Res {
    const hasFlag = 'is_succeed' in obj;
    const succeeded = readSucceeded(obj.is_succeed);
    const required = spec.succeedFlag === true && SUCCEED_FLAG_REQUIRED.has(spec.path);
    const unreadable = (why: string) =>
      new PaynetInvalidResponseError(
        `Paynet ${spec.path} answered HTTP ${status} with ${why}: the outcome is unknown`,
        {
          statusCode: status,
          type: 'invalid_response',
          path: spec.path,
          ...(code !== undefined ? { resultCode: code, resultName: resultCodeName(code) } : {}),
          body: redact(obj, this.#secrets),
        },
      );

    // A decline is `is_succeed: false` with code 1. Code 0 is Paynet's success code: with
    // `is_succeed: false` the answer contradicts itself (attack F08: "Başarılı İşlem" and false), so
    // it is unknown and settled by lookup, unless the bank's decline fields (bank_error_*) say it was
    // declined. With another code the code says what happened (17:
    // session already used, so an earlier attempt may have charged).
    // A decline needs a readable result code (attack 2, A4): `{is_succeed: false}` without a code, or
    // with `code: null`, `""` or `"1.0"`, names no outcome Paynet documents and is settled by lookup.
    if (succeeded === false && (code === 1 || (code === 0 && hasBankError(obj)))) {
      // a decline that names another amount, reference or card is not this request's decline: the
      // request may still have charged, so the outcome is unknown (settled by lookup)
      if (
        spec.safety === 'money' &&
        compareToRequest(obj, body, spec.amounts, answerKeys(spec), {}) === 'mismatch'
      ) {
        throw unreadable(`a decline for another amount, reference or card than the request's`);
      }
      throw this.declined(spec, obj, code);
    }
    if (code === 0 || code === 100) {
      if (hasFlag && succeeded === undefined)
        throw unreadable('an is_succeed that reads neither true nor false');
      if (succeeded === false) throw unreadable(`code ${code} and is_succeed false`);
      if (required && succeeded !== true) throw unreadable(`code ${code} and no is_succeed`);
      // A success that names a bank or Paynet error id contradicts itself (attack M7): unknown,
      // settled by lookup. Paynet's successes carry them empty ("", null; "0"/"00", 0, false read
      // as no error).
      if (hasErrorId(obj)) throw unreadable(`code ${code} and a bank_error_id or paynet_error_id`);
      const keys = answerKeys(spec);
      // A replay proves this request only with a readable amount equal to the request's (and its
      // card, where it sent one); a direct success of a service whose documented answer carries the
      // amount must show it readable; an amount shown but unreadable never proves it (attack 2, A3).
      const verdict = compareToRequest(obj, body, spec.amounts, keys, {
        amountRequired: code === 100 || SUCCEED_FLAG_REQUIRED.has(spec.path),
        cardRequired: code === 100,
      });
      if (verdict === 'unknown') {
        throw unreadable(`code ${code} whose amount or card cannot be read as the request's`);
      }
      if (verdict === 'mismatch') {
        // A code-100 replay of a reference (payments.create) with another amount or card is an
        // earlier payment under this reference. A session (charge, complete3ds) is single-use, so a
        // replay that disagrees proves nothing about this request (attack F13); and a direct
        // success that names another amount, reference or card is not this payment's (attack F07).
        if (
          code === 100 &&
          (spec.referenceField ?? 'reference_no') === 'reference_no' &&
          !namesAnother(obj, body, keys)
        ) {
          throw this.reused(spec, obj, body);
        }
        const other = unreadable(`code ${code} for another amount, reference or card than the request's`);
        // a single-use session replayed with another amount or card: no re-send can prove this request
        throw code === 100 ? markContradictedSession(other) : other;
      }
      return obj as Res;
    }
    if (code === undefined) throw unreadable('no readable result code');
    if (succeeded === true) throw unreadable(`is_succeed true and failure code ${code}`);
    if (RESULT_CODE_NAMES[code] === undefined) throw unreadable(`an unknown result code ${code}`);
    // code 12 ("no data") names no outcome of a movement that was just sent: settled by lookup
    // (attack S21), never a definite failure
    if (code === NO_DATA_CODE) throw unreadable(`code ${code} (no data)`);
    // code 5 ("duplicate data") on a payment Paynet dedups by reference_no: an earlier payment under
    // this reference may have charged (attack D4), so it is settled by lookup like a lost answer
    if (code === DUPLICATE_CODE && spec.reconcile === reconcileByReference) {
      throw unreadable(
        `code ${code} (duplicate data): an earlier payment under this reference may have charged`,
      );
    }
    throw createApiError({
      status,
      path: spec.path,
      parsed: obj,
      raw,
      extraSecrets: this.#secrets,
      money: { service: spec.name, body },
    });
  }

  /**
   * A money movement's non-2xx answer (below 500: 5xx answers are already ambiguous,
   * `PaynetServerError`). NOTES section 3: Paynet's non-200 body is its JSON error object
   * `{type, message, code, result_code}`, `result_code` a documented result code. Such an answer is
   * a definite refusal only when it is that object naming a documented refusal (e.g. 400 with
   * result_code 11, 404 with 13; 17 stays `PaynetSessionUsedError`), or HTTP 401 / 403 (the key or
   * the permission refused, before anything is processed). Everything else leaves the outcome
   * unknown (`PaynetInvalidResponseError`, settled by lookup or replay) (attack FAIL3):
   * - a 1xx/3xx (a redirect or a proxy's answer: never Paynet's) or HTTP 408 (the request timed
   *   out: it may have been processed);
   * - a body that is not a JSON object (an HTML page, an empty body: a proxy, a gateway, a WAF);
   * - a JSON object without a documented result code, or with result code 8 "servererror",
   *   10 "timeout" or 12 "nodata" (none says the movement was not done: attack S21);
   * - a body that reads as a success (`is_succeed` true, or code 0 / 100: attack S17);
   * - result code 5 "duplicate data" on `payments.create` (an earlier payment under the reference
   *   may have charged: attack D4).
   */
  private checkMoneyFailureStatus(
    spec: PaynetServiceInfo,
    status: number,
    obj: Record<string, unknown> | undefined,
  ): void {
    if (status >= 500) return;
    const code = obj ? readCode(obj.code) : undefined;
    // `code` of Paynet's error object is the HTTP status; `result_code` the result code
    const resultCode = obj
      ? (readCode(obj.result_code) ?? (code !== undefined && code !== status ? code : undefined))
      : undefined;
    let why: string | undefined;
    if (
      obj &&
      (readSucceeded(obj.is_succeed) === true ||
        (code !== undefined && CODES_OK.has(code)) ||
        (resultCode !== undefined && CODES_OK.has(resultCode)))
    ) {
      why = 'a body that reads as a success';
    } else if (status < 200 || (status >= 300 && status < 400)) {
      why = "a redirect or an interim status (never Paynet's answer to a payment)";
    } else if (status === 408) {
      why = 'request timeout (the request may have been processed)';
    } else if (resultCode === NO_DATA_CODE) {
      why = `result code ${NO_DATA_CODE} (no data)`;
    } else if (resultCode !== undefined && UNKNOWN_OUTCOME_CODES.has(resultCode)) {
      why = `result code ${resultCode} (${resultCodeName(resultCode)}: the movement may have been done)`;
    } else if (status === 401 || status === 403) {
      return; // the key or its permission refused: nothing was processed (the fault matrix pins 401)
    } else if (!obj) {
      why = "a body that is not Paynet's JSON error object";
    } else if (spec.reconcile === reconcileByReference && resultCode === DUPLICATE_CODE) {
      why = `result code ${DUPLICATE_CODE} (duplicate data: an earlier payment under this reference may have charged)`;
    } else if (resultCode === undefined || !REFUSAL_CODES.has(resultCode)) {
      why = status === 404 ? 'not found and no documented result code' : 'no documented refusal code';
    }
    if (why === undefined) return;
    throw new PaynetInvalidResponseError(
      `Paynet ${spec.path} answered HTTP ${status} with ${why}: the outcome is unknown`,
      {
        statusCode: status,
        type: 'invalid_response',
        path: spec.path,
        ...(resultCode !== undefined ? { resultCode, resultName: resultCodeName(resultCode) } : {}),
        ...(obj ? { body: redact(obj, this.#secrets) } : {}),
      },
    );
  }

  private declined(spec: PaynetServiceInfo, obj: Record<string, unknown>, code: number | undefined) {
    return new PaynetCardDeclinedError({
      path: spec.path,
      resultCode: code,
      resultName: resultCodeName(code),
      response: obj, // redacted by the error itself (its bank text kept, sanitised, not cut to its length)
    });
  }

  private reused(spec: PaynetServiceInfo, obj: Record<string, unknown>, body: unknown) {
    return new PaynetReferenceReusedError({
      service: spec.name,
      path: spec.path,
      ...referenceOf(spec, body),
      transaction: redact(obj, this.#secrets) as Record<string, unknown>,
    });
  }
}

function hasBankError(obj: Record<string, unknown>): boolean {
  return ['bank_error_id', 'bank_error_message', 'paynet_error_id', 'paynet_error_message'].some((k) => {
    const v = obj[k];
    return v !== undefined && v !== null && v !== '';
  });
}

/** The request fields an answer must not contradict: a capture's names the captured pre-authorisation (a refund's may name a new one). */
function answerKeys(spec: PaynetServiceInfo): string[] {
  return spec.name === 'transactions.capture' ? ['reference_no', 'xact_id'] : ['reference_no'];
}

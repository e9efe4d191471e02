import { PaynetCause, type PaynetError } from '../../errors/paynet.error.js';
import {
  PaynetAbortedError,
  PaynetConnectionError,
  PaynetTimeoutError,
} from '../../errors/connection.error.js';
import {
  PaynetTransportError,
  type PaynetHttpResponse,
  type PaynetTransport,
} from '../../client/transport.js';

/** What one attempt needs: the request as it goes on the wire, and its limits. */
export interface PreparedRequest {
  readonly path: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly payload: string;
  /** The time limit of one attempt (the call's deadline may cut it shorter). */
  readonly timeoutMs: number;
  readonly signal: AbortSignal | undefined;
  /** When the whole call must be over (epoch milliseconds). */
  readonly deadline: number;
}

/** How one attempt ended: an HTTP answer (read later), or the typed error of no answer. */
export type AttemptOutcome = { response: PaynetHttpResponse } | { error: PaynetError };

/**
 * Step 1 of an attempt: one HTTP exchange within the call's deadline. Never throws: a failure is
 * its typed error (a deadline already past is a timeout).
 */
export async function attempt(transport: PaynetTransport, request: PreparedRequest): Promise<AttemptOutcome> {
  try {
    const remaining = request.deadline - Date.now();
    if (remaining <= 0) {
      throw new PaynetTimeoutError(`Paynet ${request.path}: the call's deadline passed before an answer`, {
        path: request.path,
        timeoutMs: 0,
      });
    }
    return { response: await exchange(transport, request, Math.min(request.timeoutMs, remaining)) };
  } catch (err) {
    return { error: err as PaynetError };
  }
}

/**
 * One HTTP exchange with its time limit. The timer here is the limit's guarantee (whatever the
 * transport does); the transport gets the caller's signal and the limit to give up the request
 * and free its connection. No AbortController is made per attempt: it was the largest single
 * cost of the request layer (BENCHMARKS.md).
 */
function exchange(
  transport: PaynetTransport,
  request: PreparedRequest,
  timeoutMs: number,
): Promise<PaynetHttpResponse> {
  const { url, headers, payload, signal: userSignal, path } = request;
  if (userSignal?.aborted) {
    return Promise.reject(
      new PaynetAbortedError(`Paynet ${path} call aborted before sending`, { path, sent: false }),
    );
  }
  return new Promise<PaynetHttpResponse>((resolve, reject) => {
    let settled = false;
    const timer = setTimeout(() => {
      settled = true;
      reject(timeoutError(path, timeoutMs));
    }, timeoutMs);
    const onAnswer = (response: PaynetHttpResponse) => {
      if (settled) return; // too late: the call already failed with its timeout
      settled = true;
      clearTimeout(timer);
      resolve(response);
    };
    const onFailure = (err: unknown) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(transportFailure(err, path, timeoutMs));
    };
    try {
      transport
        .send({ url, headers, body: payload, signal: userSignal, timeoutMs })
        .then(onAnswer, onFailure);
    } catch (err) {
      onFailure(err);
    }
  });
}

function timeoutError(path: string, timeoutMs: number): PaynetTimeoutError {
  return new PaynetTimeoutError(`Paynet ${path} did not answer within ${timeoutMs} ms`, {
    path,
    timeoutMs,
    cause: new PaynetCause(`timeout of ${timeoutMs} ms`, 'ETIMEDOUT'),
  });
}

/** The typed error for a transport failure (no HTTP answer). */
function transportFailure(err: unknown, path: string, timeoutMs: number): PaynetError {
  const te =
    err instanceof PaynetTransportError
      ? err
      : new PaynetTransportError(
          err instanceof Error ? err.message : 'transport failure',
          'connection',
          true,
        );
  if (te.reason === 'timeout') return timeoutError(path, timeoutMs);
  const cause = new PaynetCause(te.message, te.code);
  if (te.reason === 'aborted') {
    return new PaynetAbortedError(`Paynet ${path} call aborted`, { path, sent: te.sent, cause });
  }
  return new PaynetConnectionError(
    `Could not reach Paynet for ${path}${te.code ? ` (${te.code})` : ''}${te.sent ? '' : '; the request was not sent'}`,
    { path, sent: te.sent, cause },
  );
}

import {
  autoPage,
  DEFAULT_PAGE_SIZE,
  withoutPaging,
  type PaynetListAllOptions,
  type PaynetPage,
} from '../internal/paginate.js';
import type { PaynetRequestOptions, RequestSender } from '../internal/request-sender.js';
import type { PaynetServiceSpec } from '../internal/service.js';
import { bindMethods } from '../internal/bind-methods.js';
import type { PaynetCallRecorder } from '../reconciliation/pending-recorder.js';
import { withCallSecrets } from '../redaction/index.js';
import {
  PaynetConfigurationError,
  PaynetValidationError,
  type PaynetFieldProblem,
} from '../errors/validation.error.js';

/** The request layers of closed clients: every later call is refused before sending. */
const CLOSED_SENDERS = new WeakSet<RequestSender>();

/** Marks a client's request layer closed (called by `PaynetClient.close()`). */
export function markSenderClosed(sender: RequestSender): void {
  CLOSED_SENDERS.add(sender);
}

/** Base of the resource classes: one per Paynet API group, one short method per service. */
export abstract class PaynetResource {
  /**
   * @param sender the request layer
   * @param recorder told after each money movement and 3D start (the pending ledger), when given
   */
  constructor(
    protected readonly sender: RequestSender,
    protected readonly recorder?: PaynetCallRecorder,
  ) {
    // bound per instance: `const { create } = paynet.payments` keeps its resource
    bindMethods(this, PaynetResource.prototype);
  }

  /** Validates, sends and interprets one call (and records what it leaves pending). */
  protected call<Req extends object, Res>(
    spec: PaynetServiceSpec<Req, Res>,
    params: Req,
    options?: PaynetRequestOptions,
  ): Promise<Res> {
    if (CLOSED_SENDERS.has(this.sender)) {
      // a closed client must not keep charging (attack F18): refused before anything is sent
      return Promise.reject(
        new PaynetConfigurationError([`the Paynet client was closed: ${spec.path} was not sent`]),
      );
    }
    const recorder = this.recorder;
    if (!recorder?.watches(spec))
      return withCallSecrets(params, () => this.sender.call(spec, params, options));
    // the pending ledger is written inside the call's secrets scope too (its warnings are sanitised)
    return withCallSecrets(params, () =>
      this.sender.call(spec, params, options).then(
        async (result) => {
          await recorder.succeeded(spec, params, result);
          return result;
        },
        async (err: unknown) => {
          await recorder.failed(spec, params, err);
          throw err;
        },
      ),
    );
  }

  /**
   * Every row of an index-paged list service: calls `list` page by page (`starting_after`,
   * `limit`), one page in memory at a time. Paging fields in `filter` are ignored; `path` names
   * the service in the error thrown when it repeats a page.
   */
  protected allPages<F extends object, Row>(
    list: (
      params: F & { starting_after: number; limit: number },
      options: PaynetRequestOptions,
    ) => Promise<PaynetPage<Row>>,
    filter: F,
    options: PaynetListAllOptions = {},
    path?: string,
  ): AsyncGenerator<Row, void, undefined> {
    const { pageSize, startAfter, ...requestOptions } = options ?? {};
    const problems = [
      pagingProblem('pageSize', pageSize, 1),
      pagingProblem('startAfter', startAfter, 0),
    ].filter((p) => p !== undefined);
    if (problems.length > 0) {
      // refused on the first `next()`, like any other problem of the walk; nothing is sent
      const refused = new PaynetValidationError(path ?? '(list)', problems);
      return (async function* (): AsyncGenerator<Row, void, undefined> {
        yield* [];
        throw refused;
      })();
    }
    // a missing filter is validated by the list service like any other request
    const base = (filter === null || filter === undefined ? {} : withoutPaging(filter)) as F;
    return autoPage<Row>(
      (starting_after, limit) => list({ ...base, starting_after, limit }, requestOptions),
      startAfter ?? 0,
      pageSize ?? DEFAULT_PAGE_SIZE,
      path,
    );
  }
}

/**
 * A paging option that is not a whole number (a string would be joined, not added, when the walk
 * moves on: `'2'` then `'23'`): named as `options.<name>`. Bounds above `min` are the list
 * service's (`limit`, `starting_after`).
 */
function pagingProblem(name: string, value: unknown, min: number): PaynetFieldProblem | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= min) return undefined;
  return { field: `options.${name}`, messages: [`${name} must be a whole number of at least ${min}`] };
}

import {
  autoPage,
  DEFAULT_PAGE_SIZE,
  withoutPaging,
  type PaynetListAllOptions,
  type PaynetPage,
} from '../internal/paginate.js';
import type { PaynetRequestOptions, RequestSender } from '../internal/request-sender.js';
import type { PaynetServiceSpec } from '../internal/service.js';
import type { PaynetCallRecorder } from '../reconciliation/pending-recorder.js';
import { withCallSecrets } from '../redaction/index.js';
import { PaynetConfigurationError } from '../errors/validation.error.js';

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
  ) {}

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
    const { pageSize, startAfter, ...requestOptions } = options;
    const base = withoutPaging(filter);
    return autoPage<Row>(
      (starting_after, limit) => list({ ...base, starting_after, limit }, requestOptions),
      startAfter ?? 0,
      pageSize ?? DEFAULT_PAGE_SIZE,
      path,
    );
  }
}

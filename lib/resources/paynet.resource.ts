import {
  autoPage,
  DEFAULT_PAGE_SIZE,
  withoutPaging,
  type PaynetListAllOptions,
  type PaynetPage,
} from '../client/paginate.js';
import type { PaynetRequestOptions, RequestSender } from '../client/request-sender.js';
import type { PaynetServiceSpec } from '../client/service.js';
import type { PaynetCallRecorder } from '../reconciliation/pending-recorder.js';

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
    const recorder = this.recorder;
    if (!recorder?.watches(spec)) return this.sender.call(spec, params, options);
    return this.sender.call(spec, params, options).then(
      async (result) => {
        await recorder.succeeded(spec, params, result);
        return result;
      },
      async (err: unknown) => {
        await recorder.failed(spec, params, err);
        throw err;
      },
    );
  }

  /**
   * Every row of an index-paged list service: calls `list` page by page (`starting_after`,
   * `limit`), one page in memory at a time. Paging fields in `filter` are ignored.
   */
  protected allPages<F extends object, Row>(
    list: (
      params: F & { starting_after: number; limit: number },
      options: PaynetRequestOptions,
    ) => Promise<PaynetPage<Row>>,
    filter: F,
    options: PaynetListAllOptions = {},
  ): AsyncGenerator<Row, void, undefined> {
    const { pageSize, startAfter, ...requestOptions } = options;
    const base = withoutPaging(filter);
    return autoPage<Row>(
      (starting_after, limit) => list({ ...base, starting_after, limit }, requestOptions),
      startAfter ?? 0,
      pageSize ?? DEFAULT_PAGE_SIZE,
    );
  }
}

import type { PaynetRequestOptions, RequestSender } from '../client/request-sender.js';
import type { PaynetServiceSpec } from '../client/service.js';

/** Base of the resource classes: one per Paynet API group, one short method per service. */
export abstract class PaynetResource {
  constructor(protected readonly sender: RequestSender) {}

  /** Validates, sends and interprets one call. */
  protected call<Req extends object, Res>(
    spec: PaynetServiceSpec<Req, Res>,
    params: Req,
    options?: PaynetRequestOptions,
  ): Promise<Res> {
    return this.sender.call(spec, params, options);
  }
}

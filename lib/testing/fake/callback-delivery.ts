/** The callbacks the fake POSTs to merchants (PayLink confirmations, refund decisions). */
import http from 'node:http';
import https from 'node:https';
import type { FakeCallbackDelivery } from './records.js';

/** POSTs callbacks and reports each delivery, answered or failed; `abortAll` cuts those in flight. */
export class CallbackSender {
  private readonly outgoing = new Set<http.ClientRequest>();

  /**
   * @param timeoutMs how long a merchant may take to answer
   * @param record called with every delivery when it ends
   */
  constructor(
    private readonly timeoutMs: number,
    private readonly record: (delivery: FakeCallbackDelivery) => void,
  ) {}

  /** POSTs `body` as JSON to `url`; resolves to the delivery (never rejects). */
  deliver(
    kind: FakeCallbackDelivery['kind'],
    url: string,
    body: Record<string, unknown>,
  ): Promise<FakeCallbackDelivery> {
    const started = Date.now();
    const payload = JSON.stringify(body);
    return new Promise<FakeCallbackDelivery>((resolve) => {
      const finish = (status: number | undefined, error?: string) => {
        const d: FakeCallbackDelivery = {
          kind,
          url,
          body,
          ...(status !== undefined ? { status } : {}),
          ...(error ? { error } : {}),
          at: new Date(started).toISOString(),
          durationMs: Date.now() - started,
        };
        this.record(d);
        resolve(d);
      };
      let target: URL;
      try {
        target = new URL(url);
      } catch {
        finish(undefined, 'invalid URL');
        return;
      }
      const lib = target.protocol === 'https:' ? https : http;
      const req = lib.request(
        target,
        {
          method: 'POST',
          agent: false,
          timeout: this.timeoutMs,
          headers: {
            'Content-Type': 'application/json; charset=utf-8',
            'Content-Length': Buffer.byteLength(payload),
            'User-Agent': 'PaynetFake/1.0',
          },
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            this.outgoing.delete(req);
            finish(res.statusCode);
          });
          res.on('error', (e) => finish(res.statusCode, e.message));
        },
      );
      this.outgoing.add(req);
      req.on('timeout', () => req.destroy(new Error('callback timed out')));
      req.on('error', (e) => {
        this.outgoing.delete(req);
        finish(undefined, e.message);
      });
      req.end(payload);
    });
  }

  /** Destroys every POST still in flight (each ends as a failed delivery). */
  abortAll(): void {
    for (const r of this.outgoing) r.destroy();
    this.outgoing.clear();
  }
}

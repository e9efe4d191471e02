import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { SampleConfigShape } from '../config/sample.config.js';
import { PaynetService } from '../paynet.js';

/** Which callback a handler serves (for the log line). */
export type SampleCallbackKind = '3d-return' | 'paylink-confirmation' | 'refund-decision';

/**
 * Every once-only callback handler of the sample runs through here: `paynet.callbacks.once(key,
 * handler, { leaseMs })` with the configured lease (`CALLBACK_LEASE_MS`) and the shared store, and
 * one log line per handler run (`Callback <key> handled (<kind>)`), which the several-instances
 * test counts. While another instance holds the key, `once()` throws
 * `PaynetCallbackInProgressError` and the caller answers 503 with `Retry-After`.
 */
@Injectable()
export class CallbackOnceService {
  private readonly logger = new Logger('Callbacks');

  constructor(
    private readonly paynet: PaynetService,
    private readonly config: ConfigService<SampleConfigShape, true>,
  ) {}

  async run<T>(
    key: string,
    kind: SampleCallbackKind,
    handler: () => Promise<T>,
  ): Promise<{ first: boolean }> {
    const sample = this.config.get('sample', { infer: true });
    const delayMs = sample.test.handlerDelayMs;
    const outcome = await this.paynet.callbacks.once(
      key,
      async () => {
        // test-only (SAMPLE_TEST_HANDLER_DELAY_MS): the key is claimed, nothing changed yet
        if (delayMs > 0) await new Promise<void>((resolve) => setTimeout(resolve, delayMs));
        const result = await handler();
        this.logger.log(`Callback ${key} handled (${kind})`);
        return result;
      },
      { leaseMs: sample.callbackLeaseMs },
    );
    return { first: outcome.first };
  }
}

import { Module, type DynamicModule } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { PAYNET_HEALTH_OPTIONS, type PaynetHealthOptions } from './paynet-health.constants.js';
import { healthOptionProblems, PaynetHealthIndicator } from './paynet-health.indicator.js';
import { PaynetConfigurationError } from '../errors/validation.error.js';

/**
 * Provides {@link PaynetHealthIndicator} (and the terminus `HealthIndicatorService` it needs).
 * Import it, plain or with `forRoot(options)`, in the module of your health controller, next to
 * `TerminusModule`. The indicator finds the Paynet clients (`PaynetModule.forRoot`) anywhere in the
 * application, so it works whether or not `PaynetModule` is global.
 *
 * @example
 * @Module({
 *   imports: [
 *     PaynetModule.forRoot({ secretKey: 'sck_...', environment: 'live' }),
 *     TerminusModule,
 *     PaynetHealthModule.forRoot({ timeoutMs: 2_000 }),
 *   ],
 *   controllers: [HealthController],
 * })
 * export class AppModule {}
 */
@Module({
  imports: [TerminusModule],
  providers: [PaynetHealthIndicator],
  exports: [PaynetHealthIndicator],
})
export class PaynetHealthModule {
  /**
   * The module with defaults for every probe (each `isHealthy` call may override them).
   *
   * @throws PaynetConfigurationError when an option is invalid.
   * @example
   * PaynetHealthModule.forRoot({ timeoutMs: 2_000, referenceNo: 'health-check-shop-a' })
   */
  static forRoot(options: PaynetHealthOptions = {}): DynamicModule {
    const problems = healthOptionProblems(options, 'PaynetHealthModule.forRoot');
    if (problems.length > 0) throw new PaynetConfigurationError(problems);
    return {
      module: PaynetHealthModule,
      providers: [{ provide: PAYNET_HEALTH_OPTIONS, useValue: { ...options } }],
    };
  }
}

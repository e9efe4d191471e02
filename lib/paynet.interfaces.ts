import type { PaynetClientOptions } from './paynet-client-options.js';

/**
 * Options of `PaynetModule.forRoot()` / the factory of `forRootAsync()`: the client options
 * (see {@link PaynetClientOptions} for each field and its default).
 */
export type PaynetModuleOptions = PaynetClientOptions;

/** Module-level extras, given next to the options (`forRoot({ name, isGlobal, ...options })`). */
export interface PaynetModuleExtras {
  /**
   * Registers the module globally, so `PaynetService` can be injected anywhere without importing it.
   * @default false
   */
  isGlobal?: boolean;
  /**
   * Name of the client, for several merchant accounts in one app. Inject a named client with
   * `@InjectPaynet('b2b')`; the default client is injected as `PaynetService`.
   * @default 'default'
   */
  name?: string;
}

/** A class that builds the options for `forRootAsync({ useClass | useExisting })`. */
export interface PaynetOptionsFactory {
  createPaynetOptions(): PaynetModuleOptions | Promise<PaynetModuleOptions>;
}

import { PaynetConfigurationError } from '../../errors/validation.error.js';
import { isSitePathOrHttpsUrl } from '../site-url.js';
import type { PaynetCallbacksReconciliationOptions } from './paynet-reconciliation.runner.js';

/** Options of {@link PaynetCallbacksModule.forRoot}. */
export interface PaynetCallbacksModuleOptions {
  /** Path the three routes are mounted under. @default 'paynet' */
  path?: string;
  /** Sub-paths of the routes. */
  routes?: {
    /** 3D return (the payer's browser posts here: your `return_url`). @default '3d-return' */
    threeDsReturn?: string;
    /** PayLink confirmation (your `confirmation_url`). @default 'paylink-confirmation' */
    payLinkConfirmation?: string;
    /** Refund decision (your refund `succeedUrl`). @default 'refund-decision' */
    refundDecision?: string;
  };
  /**
   * Where the 3D return sends the payer's browser (303 See Other, with `status`, `reference_no`
   * and `xact_id` from Paynet's answer appended to the query). Without them the route answers
   * JSON (200 `{ status: 'paid' | 'declined', ... }`). Each must be a path on this site (`/paid`,
   * not `//host`) or an https URL (http only for a loopback or private host): anything else
   * (`javascript:`, `//evil.example`) is refused by `forRoot` with a PaynetConfigurationError.
   */
  threeDs?: {
    /** After a confirmed payment (first post or a repeat). */
    successUrl?: string;
    /** After a bank decline. */
    failureUrl?: string;
  };
  /**
   * The `PaynetModule` client to use (its `name`). No client of that name (or no `PaynetModule`)
   * fails the app's bootstrap with a PaynetConfigurationError naming it. @default 'default'
   */
  client?: string;
  /**
   * Sweeps of the pending ledger (`paynet.reconciliation.sweep()`), emitted to the same
   * `@OnPaynetEvent` handlers. The module always hands its dispatcher to the sweeper; with
   * `intervalMs` it also runs sweeps on a timer that stops on shutdown.
   */
  reconciliation?: PaynetCallbacksReconciliationOptions;
}

/** The options with their defaults, as the routes read them (internal). */
export interface ResolvedOptions {
  path: string;
  threeDsReturn: string;
  payLinkConfirmation: string;
  refundDecision: string;
  successUrl?: string;
  failureUrl?: string;
  client?: string;
  /** True when the module runs sweeps on an interval (`reconciliation.intervalMs`). */
  sweeping: boolean;
}

/** The token of the resolved options (internal). */
export const CALLBACKS_MODULE_OPTIONS = Symbol('PAYNET_CALLBACKS_MODULE_OPTIONS');

/**
 * The options with their defaults.
 *
 * @throws PaynetConfigurationError listing every `threeDs` URL that is neither a path on this site
 *   nor an https URL
 */
export function resolveModuleOptions(options: PaynetCallbacksModuleOptions): ResolvedOptions {
  const urlProblems: string[] = [];
  checkRedirectUrl('successUrl', options.threeDs?.successUrl, urlProblems);
  checkRedirectUrl('failureUrl', options.threeDs?.failureUrl, urlProblems);
  if (urlProblems.length > 0) throw new PaynetConfigurationError(urlProblems);
  return {
    path: options.path ?? 'paynet',
    threeDsReturn: options.routes?.threeDsReturn ?? '3d-return',
    payLinkConfirmation: options.routes?.payLinkConfirmation ?? 'paylink-confirmation',
    refundDecision: options.routes?.refundDecision ?? 'refund-decision',
    ...(options.threeDs?.successUrl ? { successUrl: options.threeDs.successUrl } : {}),
    ...(options.threeDs?.failureUrl ? { failureUrl: options.threeDs.failureUrl } : {}),
    ...(options.client ? { client: options.client } : {}),
    sweeping: options.reconciliation?.intervalMs !== undefined,
  };
}

/** A 3D `successUrl` / `failureUrl`: a path on this site or an https URL, as the ready form's action. */
function checkRedirectUrl(field: string, value: unknown, problems: string[]): void {
  if (value === undefined) return;
  if (typeof value !== 'string' || !isSitePathOrHttpsUrl(value)) {
    problems.push(
      `PaynetCallbacksModule: threeDs.${field} must be a path on this site (/paid, not //host) or an https URL (http only for a loopback or private host)`,
    );
  }
}

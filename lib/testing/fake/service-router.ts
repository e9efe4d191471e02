/**
 * The Paynet services of the fake: the route table, the key rule (secret or publishable) and the
 * error objects of an unknown path, a wrong method, a missing key or a body that is not JSON.
 * The table is the declared services (`PAYNET_SERVICES`: path and key rule from the declaration),
 * each with the fake's handler of its path, plus the fake-only routes (paynet.js, a legacy alias).
 */
import { PAYNET_SERVICES } from '../../resources/index.js';
import { errorObject, FakeApiError } from './errors.js';
import { Fields } from './fields.js';
import { agentRoutes } from './handlers/agents.js';
import { applicationRoutes } from './handlers/applications.js';
import { cardRoutes } from './handlers/cards.js';
import {
  fakeOnlyRoute,
  type FakeContext,
  type FakeEnv,
  type FakeOnlyRoute,
  type FakeRoute,
} from './handlers/context.js';
import { payLinkRoutes } from './handlers/pay-links.js';
import { paymentRoutes } from './handlers/payments.js';
import { paynetJsHandlers, paynetJsRoutes } from './handlers/paynetj.js';
import { ratioRoutes } from './handlers/ratios.js';
import { refundRoutes } from './handlers/refunds.js';
import { subscriptionRoutes } from './handlers/subscriptions.js';
import { transactionRoutes } from './handlers/transactions.js';
import type { ParsedBody } from './http-io.js';
import type { FakeKeyKind } from './request-log.js';
import type { FakeStore } from './state.js';

/** The fake's handlers of declared services, by path. */
const HANDLERS: ReadonlyMap<string, FakeRoute['handler']> = new Map(
  [
    ...paymentRoutes,
    ...paynetJsHandlers,
    ...transactionRoutes,
    ...refundRoutes,
    ...ratioRoutes,
    ...agentRoutes,
    ...payLinkRoutes,
    ...subscriptionRoutes,
    ...cardRoutes,
    ...applicationRoutes,
  ].map((h) => [h.path, h.handler]),
);

/** A second path for the handler of `path` (a spelling of the service the library does not send). */
function alias(extra: string, path: string): FakeOnlyRoute {
  const handler = HANDLERS.get(path);
  if (!handler) throw new Error(`fake: no handler at ${path} to alias as ${extra}`);
  return fakeOnlyRoute(extra, handler, 'secret');
}

/**
 * Paths the fake serves that no declared service calls: the paynet.js browser services, and the
 * legacy doc's spelling `manual_charge` of `manuel_charge`.
 */
const FAKE_ONLY_ROUTES: readonly FakeOnlyRoute[] = [
  ...paynetJsRoutes,
  alias('/v1/subscription/manual_charge', '/v1/subscription/manuel_charge'),
];

/** One path the fake serves: the key rule and the handler. */
export interface FakeServedRoute {
  readonly path: string;
  readonly key: 'secret' | 'publishable';
  readonly handler: FakeRoute['handler'];
}

// a declared service without a handler is not served (404, as any unknown path); the registry
// test (test/foundation/registry.spec.ts) fails on it
const BY_PATH: ReadonlyMap<string, FakeServedRoute> = new Map(
  [
    ...PAYNET_SERVICES.flatMap((spec) => {
      const handler = HANDLERS.get(spec.path);
      return handler ? [{ path: spec.path, key: spec.key, handler }] : [];
    }),
    ...FAKE_ONLY_ROUTES,
  ].map((r) => [r.path, r]),
);

/** Every Paynet service path the fake serves (POST). */
export const FAKE_SERVICE_PATHS: readonly string[] = [...BY_PATH.keys()];

/** The route the fake serves at `path` (key rule and handler), or undefined (404). */
export function fakeRouteOf(path: string): FakeServedRoute | undefined {
  return BY_PATH.get(path);
}

/** The paths of the fake's handlers and of its fake-only routes (for the registry test). */
export const FAKE_HANDLER_PATHS: {
  readonly declared: readonly string[];
  readonly fakeOnly: readonly string[];
} = { declared: [...HANDLERS.keys()], fakeOnly: FAKE_ONLY_ROUTES.map((r) => r.path) };

/** Which of the server's keys an Authorization header carries. */
export function keyKindOf(
  header: string | undefined,
  keys: { secret: string; publishable: string },
): FakeKeyKind {
  if (!header) return 'none';
  const m = /^Basic (.+)$/i.exec(header.trim());
  if (!m) return 'invalid';
  const key = m[1]!.trim();
  if (key === keys.secret) return 'secret';
  if (key === keys.publishable) return 'publishable';
  return 'invalid';
}
/** Runs the service at `path` (after the key rule) and answers its status and body. */
export function serveService(
  path: string,
  method: string,
  keyKind: FakeKeyKind,
  parsed: ParsedBody,
  store: FakeStore,
  env: FakeEnv,
): { status: number; body: unknown } {
  const route = BY_PATH.get(path);
  if (!route)
    return {
      status: 404,
      body: errorObject(404, `Not Found: no Paynet service at ${path}`, 'invalid_request_error', 9),
    };
  if (method !== 'POST') {
    return {
      status: 405,
      body: errorObject(405, `Method Not Allowed: ${path} accepts POST only`, 'invalid_request_error', 11),
    };
  }
  const allowed = keyKind === 'secret' || (route.key === 'publishable' && keyKind === 'publishable');
  if (!allowed) {
    const message =
      keyKind === 'none'
        ? 'Authorization header eksik (Authorization: Basic <secret_key>)'
        : keyKind === 'publishable'
          ? 'API anahtarınız yanlış: this service needs the secret key'
          : 'API anahtarınız yanlış';
    return { status: 401, body: errorObject(401, message, 'authorization_error', 7) };
  }
  if (!parsed.ok) return { status: 400, body: errorObject(400, parsed.error, 'invalid_request_error', 11) };
  const ctx: FakeContext = { f: new Fields(parsed.value), body: parsed.value, store, env, path };
  try {
    return { status: 200, body: route.handler(ctx) };
  } catch (err) {
    if (err instanceof FakeApiError) return { status: err.status, body: err.toBody() };
    return {
      status: 500,
      body: errorObject(500, err instanceof Error ? err.message : 'internal error', 'api_error', 8),
    };
  }
}

import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import type { PaynetServiceSpec } from '../../lib/internal/service.js';
import type { PaynetClient } from '../../lib/paynet-client.js';
import { defineGroup, groupResource, service, type PaynetGroup } from '../../lib/resources/group.js';
import { PAYNET_GROUPS, PAYNET_SERVICES } from '../../lib/resources/index.js';
import { PAYMENTS } from '../../lib/resources/payments.resource.js';
import {
  FAKE_HANDLER_PATHS,
  FAKE_SERVICE_PATHS,
  fakeRouteOf,
} from '../../lib/testing/fake/service-router.js';
import { PaynetFakeServer } from '../../lib/testing/index.js';
import { FIXTURE_API_MAP, parseApiMap } from '../integration/support.js';
import { testClient } from '../support/client.js';

/*
 * Issue 17, item 1: each service is declared once (its group's `defineGroup` entry) and the rest
 * derives from it or is checked against it. For every declared service: the client has the method,
 * the fake serves the path with the same key rule, the API map and the README's "Every Paynet
 * service" table have its row (same path, key and, in the README, retry class); the group is a key
 * of PAYNET_GROUPS; and no row, fake handler or group exists without a declaration.
 */

/** One row of the README's "Every Paynet service" table. */
interface ReadmeRow {
  name: string;
  path: string;
  key: string;
  safety: string;
}

/** Parses the table of the README section "## Every Paynet service". */
function readmeRows(text: string): ReadmeRow[] {
  const start = text.indexOf('\n## Every Paynet service\n');
  if (start < 0) throw new Error('README.md: no "## Every Paynet service" section');
  const end = text.indexOf('\n## ', start + 1);
  const rows: ReadmeRow[] = [];
  for (const line of text.slice(start, end < 0 ? undefined : end).split('\n')) {
    const m = /^\| `([a-zA-Z]+\.[a-zA-Z0-9]+)` \| `([^`]+)` \|.*\| (secret|publishable) \| (\w+) \|$/.exec(
      line.trim(),
    );
    if (m) rows.push({ name: m[1]!, path: m[2]!, key: m[3]!, safety: m[4]! });
    else if (line.startsWith('| `')) throw new Error(`README.md: cannot read row "${line}"`);
  }
  return rows;
}

/** What the services are checked against. */
interface Registry {
  /** The declared services. */
  specs: readonly PaynetServiceSpec[];
  /** The group resource classes by client property (PAYNET_GROUPS). */
  groups: Readonly<Record<string, unknown>>;
  /** A client built from those groups. */
  client: object;
  /** The fake's route of a path (key rule), undefined when it answers 404. */
  fakeRoute: (path: string) => { readonly key: string } | undefined;
  /** The paths of the fake's handlers of declared services and of its fake-only routes. */
  fakeHandlers: { readonly declared: readonly string[]; readonly fakeOnly: readonly string[] };
  mapRows: readonly { name: string; path: string; key: string }[];
  readmeRows: readonly ReadmeRow[];
}

/** The name of the group a resource class declares (`static group`), if it declares one. */
function declaredGroupName(Resource: unknown): string | undefined {
  const group: unknown = typeof Resource === 'function' ? Reflect.get(Resource, 'group') : undefined;
  return (group as PaynetGroup | undefined)?.name;
}

/** Every disagreement between the declarations and what derives from them, one line each. */
function registryProblems(r: Registry): string[] {
  const problems: string[] = [];
  const declared = new Map<string, PaynetServiceSpec>();
  const paths = new Set<string>();
  for (const spec of r.specs) {
    const { name, path, key, safety } = spec;
    if (declared.has(name)) problems.push(`${name}: declared twice`);
    if (paths.has(path)) problems.push(`${name}: path ${path} declared twice`);
    declared.set(name, spec);
    paths.add(path);
    const [group = '', method = ''] = name.split('.');
    const groupName = declaredGroupName(r.groups[group]);
    if (groupName !== group)
      problems.push(
        `${name}: PAYNET_GROUPS.${group} ${group in r.groups ? `declares ${groupName ?? 'no group'}` : 'is missing'}`,
      );
    const resource: unknown = Reflect.get(r.client, group);
    const fn: unknown = resource && typeof resource === 'object' ? Reflect.get(resource, method) : undefined;
    if (typeof fn !== 'function') problems.push(`${name}: no method client.${group}.${method}`);
    const route = r.fakeRoute(path);
    if (!route) problems.push(`${name}: no fake route at ${path}`);
    else if (route.key !== key) problems.push(`${name}: fake key rule ${route.key}, declared ${key}`);
    const row = r.mapRows.find((m) => m.name === name);
    if (!row) problems.push(`${name}: no API-MAP row`);
    else if (row.path !== path || row.key !== key)
      problems.push(`${name}: API-MAP row ${row.path} ${row.key}, declared ${path} ${key}`);
    const doc = r.readmeRows.find((m) => m.name === name);
    if (!doc) problems.push(`${name}: no README row`);
    else if (doc.path !== path || doc.key !== key || doc.safety !== safety)
      problems.push(
        `${name}: README row ${doc.path} ${doc.key} ${doc.safety}, declared ${path} ${key} ${safety}`,
      );
  }
  for (const [property, Resource] of Object.entries(r.groups)) {
    const declaredName = declaredGroupName(Resource);
    if (declaredName !== property)
      problems.push(`PAYNET_GROUPS.${property}: the group is named ${declaredName ?? '(no declaration)'}`);
  }
  for (const m of r.mapRows) if (!declared.has(m.name)) problems.push(`API-MAP row ${m.name}: not declared`);
  for (const m of r.readmeRows)
    if (!declared.has(m.name)) problems.push(`README row ${m.name}: not declared`);
  for (const p of r.fakeHandlers.declared)
    if (!paths.has(p)) problems.push(`fake handler ${p}: no declared service`);
  for (const p of r.fakeHandlers.fakeOnly)
    if (paths.has(p)) problems.push(`fake-only route ${p}: a declared service (give it a handler)`);
  return problems;
}

const README = readFileSync(join(process.cwd(), 'README.md'), 'utf8');
const MAP_ROWS = parseApiMap(readFileSync(FIXTURE_API_MAP, 'utf8'));
const README_ROWS = readmeRows(README);

/** A request DTO of a service Paynet does not have (the "add a service" walk-through's example). */
class HypotheticalDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  xact_id!: string;
}

/** `payments` as it would read with one more entry: nothing else written. */
const WITH_HYPOTHETICAL = defineGroup('payments', {
  ...PAYMENTS.declarations,
  hypothetical: service<HypotheticalDto, { code: number; message: string }>({
    path: '/v1/transaction/hypothetical',
    key: 'secret',
    safety: 'read',
    dto: HypotheticalDto,
  }),
});
class HypotheticalPaymentsResource extends groupResource(WITH_HYPOTHETICAL) {}

describe('the service registry (issue 17, item 1)', () => {
  let client: PaynetClient;

  beforeAll(() => {
    client = testClient('http://127.0.0.1:9');
  });
  afterAll(async () => {
    await client.close();
  });

  const registry = (): Registry => ({
    specs: PAYNET_SERVICES,
    groups: PAYNET_GROUPS,
    client,
    fakeRoute: fakeRouteOf,
    fakeHandlers: FAKE_HANDLER_PATHS,
    mapRows: MAP_ROWS,
    readmeRows: README_ROWS,
  });

  it('reads every row of the API map and the README table, each name once', () => {
    for (const rows of [MAP_ROWS, README_ROWS]) {
      expect(rows.length).toBeGreaterThan(0);
      expect(new Set(rows.map((r) => r.name)).size).toBe(rows.length);
    }
  });

  it('every declared service has its client method, fake route, API-MAP row and README row, and nothing is undeclared', () => {
    expect(registryProblems(registry())).toEqual([]);
  });

  it('the client has one property per group, built from the declaration', () => {
    for (const [property, Resource] of Object.entries(PAYNET_GROUPS)) {
      expect(Reflect.get(client, property)).toBeInstanceOf(Resource);
      const { group } = Resource as unknown as { group?: PaynetGroup };
      expect(group?.services.map((s) => s.name)).toEqual(
        PAYNET_SERVICES.filter((s) => s.name.startsWith(`${property}.`)).map((s) => s.name),
      );
    }
  });

  it('the fake serves the declared paths with their key rule, plus only the fake-only routes', () => {
    expect([...FAKE_SERVICE_PATHS].sort()).toEqual(
      [...PAYNET_SERVICES.map((s) => s.path), ...FAKE_HANDLER_PATHS.fakeOnly].sort(),
    );
    for (const spec of PAYNET_SERVICES) expect(fakeRouteOf(spec.path)?.key).toBe(spec.key);
    expect(fakeRouteOf('/v1/transaction/hypothetical')).toBeUndefined();
  });

  describe('a hypothetical new service (one declaration entry plus its DTO)', () => {
    const extended = (): Registry => {
      const payments = new HypotheticalPaymentsResource((client as unknown as { sender: never }).sender);
      return {
        ...registry(),
        specs: [...PAYNET_SERVICES, WITH_HYPOTHETICAL.specs.hypothetical],
        groups: { ...PAYNET_GROUPS, payments: HypotheticalPaymentsResource },
        client: Object.create(client, { payments: { value: payments } }) as object,
      };
    };

    it('gets its method and its spec from the declaration', () => {
      expect(WITH_HYPOTHETICAL.specs.hypothetical).toMatchObject({
        name: 'payments.hypothetical',
        path: '/v1/transaction/hypothetical',
        key: 'secret',
        safety: 'read',
        dto: HypotheticalDto,
      });
      expect(typeof Reflect.get(extended().client, 'payments').hypothetical).toBe('function');
    });

    it('fails the check, by name, until the fake handler, the API-MAP row and the README row exist', () => {
      expect(registryProblems(extended())).toEqual([
        'payments.hypothetical: no fake route at /v1/transaction/hypothetical',
        'payments.hypothetical: no API-MAP row',
        'payments.hypothetical: no README row',
      ]);
    });

    it('passes once they exist (with the same path, key and retry class)', () => {
      const row = { name: 'payments.hypothetical', path: '/v1/transaction/hypothetical', key: 'secret' };
      const r = extended();
      expect(
        registryProblems({
          ...r,
          fakeRoute: (path) => (path === row.path ? { key: 'secret' } : fakeRouteOf(path)),
          fakeHandlers: { ...FAKE_HANDLER_PATHS, declared: [...FAKE_HANDLER_PATHS.declared, row.path] },
          mapRows: [...MAP_ROWS, row],
          readmeRows: [...README_ROWS, { ...row, safety: 'read' }],
        }),
      ).toEqual([]);
      // a row that disagrees with the declaration is reported too
      expect(
        registryProblems({
          ...r,
          fakeRoute: (path) => (path === row.path ? { key: 'publishable' } : fakeRouteOf(path)),
          fakeHandlers: { ...FAKE_HANDLER_PATHS, declared: [...FAKE_HANDLER_PATHS.declared, row.path] },
          mapRows: [...MAP_ROWS, { ...row, key: 'publishable' }],
          readmeRows: [...README_ROWS, { ...row, safety: 'money' }],
        }),
      ).toEqual([
        'payments.hypothetical: fake key rule publishable, declared secret',
        'payments.hypothetical: API-MAP row /v1/transaction/hypothetical publishable, declared /v1/transaction/hypothetical secret',
        'payments.hypothetical: README row /v1/transaction/hypothetical secret money, declared /v1/transaction/hypothetical secret read',
      ]);
    });

    it('reports rows, handlers and groups that no declaration backs', () => {
      expect(
        registryProblems({
          ...registry(),
          groups: { ...PAYNET_GROUPS, refunds: PAYNET_GROUPS.payments },
          fakeHandlers: {
            declared: [...FAKE_HANDLER_PATHS.declared, '/v1/transaction/hypothetical'],
            fakeOnly: [...FAKE_HANDLER_PATHS.fakeOnly, '/v1/transaction/check'],
          },
          mapRows: [...MAP_ROWS, { name: 'payments.gone', path: '/v1/gone', key: 'secret' }],
          readmeRows: [
            ...README_ROWS,
            { name: 'payments.gone', path: '/v1/gone', key: 'secret', safety: 'read' },
          ],
        }),
      ).toEqual([
        ...PAYNET_SERVICES.filter((s) => s.name.startsWith('refunds.')).map(
          (s) => `${s.name}: PAYNET_GROUPS.refunds declares payments`,
        ),
        'PAYNET_GROUPS.refunds: the group is named payments',
        'API-MAP row payments.gone: not declared',
        'README row payments.gone: not declared',
        'fake handler /v1/transaction/hypothetical: no declared service',
        'fake-only route /v1/transaction/check: a declared service (give it a handler)',
      ]);
    });

    it('the fake answers 404 for its path until the handler exists', async () => {
      const fake = await new PaynetFakeServer({}).start();
      try {
        const res = await fetch(`${fake.url}/v1/transaction/hypothetical`, {
          method: 'POST',
          headers: {
            Authorization: `Basic ${fake.secretKey}`,
            'Content-Type': 'application/json',
          },
          body: JSON.stringify({ xact_id: 'xk_1' }),
        });
        expect(res.status).toBe(404);
      } finally {
        await fake.stop();
      }
    });
  });
});

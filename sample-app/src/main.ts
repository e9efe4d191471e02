import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadSampleConfig, SampleConfigError, type SampleConfigOverrides } from './config/sample.config.js';
import { PaynetFakeServer, FAKE_OTP_CODE } from './paynet-testing.js';
import { createSampleApp } from './sample.js';
import { SAMPLE_TEST_CARDS, spacedCardNumber } from './web/test-cards.js';

/** The repository root: the nearest folder above this file with a package.json. */
function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
  return dir;
}

/** Host and port of a database URL, never its user or password. */
function hostOf(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname.length > 1 ? u.pathname : ''}`;
  } catch {
    return '(URL not shown)';
  }
}

/**
 * `npm start`: the sample shop on http://localhost:3000 (PORT overrides). Without PAYNET_SECRET_KEY
 * it starts the fake Paynet in this process; with it, it talks to Paynet's test host.
 */
async function main(): Promise<void> {
  const useFake = !process.env.PAYNET_SECRET_KEY;
  const defaultDatabaseFile = resolve(repoRoot(), 'sample-app/data/sample.sqlite');
  let fake: PaynetFakeServer | undefined;
  let overrides: SampleConfigOverrides = {};
  if (useFake) {
    // Refund requests are approved at once, as if Paynet's operations team were very fast.
    fake = await new PaynetFakeServer({
      refundDecision: 'approve',
      ...(process.env.FAKE_PAYNET_PORT ? { port: Number(process.env.FAKE_PAYNET_PORT) } : {}),
    }).start();
    overrides = {
      fakePaynet: true,
      paynet: {
        secretKey: fake.secretKey,
        publishableKey: fake.publishableKey,
        baseUrl: fake.url,
        environment: 'test',
      },
    };
  }
  const config = loadSampleConfig(process.env, overrides, { databaseFile: defaultDatabaseFile });

  // The same admin password for the app as printed below (a generated one is made once, here).
  const app = await createSampleApp({
    config: { ...overrides, adminPassword: config.adminPassword },
    defaultDatabaseFile,
  });
  await app.listen(config.port, config.host);
  const shownHost = config.host === '127.0.0.1' || config.host === '0.0.0.0' ? 'localhost' : config.host;
  const url = config.publicUrl ?? `http://${shownHost}:${config.port}`;

  const lines = [
    '',
    `  Paynet sample shop is running: ${url}`,
    '',
    fake
      ? `  Paynet: embedded fake Paynet at ${fake.url} (no real money; set PAYNET_SECRET_KEY to use Paynet's test host)`
      : `  Paynet: ${config.paynet.baseUrl ?? `Paynet's ${config.paynet.environment} host`}`,
    `  Orders: ${config.databaseUrl ? `PostgreSQL ${hostOf(config.databaseUrl)}, schema ${config.databaseSchema} (migrations applied)` : config.databaseFile}`,
    `  Callback store: ${config.redisUrl ? `Redis ${hostOf(config.redisUrl)}` : config.databaseUrl ? 'PostgreSQL (paynet_callback_keys)' : 'the SQLite file (SqlCallbackStore)'}, lease ${config.callbackLeaseMs} ms`,
    ...(config.test.handlerDelayMs > 0 || config.test.relaxedLimits
      ? [
          `  TEST SWITCHES ON: handler delay ${config.test.handlerDelayMs} ms, relaxed limits ${config.test.relaxedLimits}`,
        ]
      : []),
    `  Listening on ${config.host}:${config.port}${config.host === '127.0.0.1' ? ' (this machine only; HOST=0.0.0.0 to open it)' : ''}`,
    config.adminPasswordGenerated
      ? `  Admin login (orders, refunds, PayLinks, stored cards): password ${config.adminPassword}  (generated: set ADMIN_PASSWORD to choose one)`
      : '  Admin login: the password in ADMIN_PASSWORD',
    '',
    '  Test cards (type the 3D password on the bank page):',
    ...SAMPLE_TEST_CARDS.filter((c) => fake || c.outcome === 'approved').map(
      (c) =>
        `    ${c.label.padEnd(26)} ${spacedCardNumber(c.number)}  exp ${c.expiry}  cvc ${c.cvc}  3D password "${c.password}"${
          c.outcome === 'declined' ? '  -> declined' : ''
        }`,
    ),
    ...(fake ? ['', `  SMS code for saving a card: ${FAKE_OTP_CODE}`] : []),
    '',
  ];
  console.log(lines.join('\n'));

  const stop = async (): Promise<void> => {
    await app.close();
    await fake?.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((err: unknown) => {
  if (err instanceof SampleConfigError) {
    console.error(err.message);
  } else {
    console.error('The sample app could not start:', err instanceof Error ? (err.stack ?? err.message) : err);
  }
  process.exit(1);
});

import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { buildSample, freePort } from '../instances/support.js';

// `npm start` as a new user runs it: no ADMIN_PASSWORD set. The sample must make one up, print it
// once at start, and accept exactly that password (issue 18: "when none is set, one is generated
// and printed at start").
describe('sample start without ADMIN_PASSWORD', () => {
  let main: string;
  let child: ReturnType<typeof spawn> | undefined;
  const lines: string[] = [];
  let url = '';

  beforeAll(async () => {
    main = await buildSample('startup');
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    child = spawn(process.execPath, [main], {
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        NO_COLOR: '1',
        HOST: '127.0.0.1',
        PORT: String(port),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const collect = (chunk: Buffer) => lines.push(...chunk.toString('utf8').split('\n'));
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    const deadline = Date.now() + 60_000;
    while (!lines.some((l) => l.includes('Test cards')) && Date.now() < deadline) {
      if (child.exitCode !== null) break;
      await new Promise((r) => setTimeout(r, 100));
    }
  }, 180_000);

  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((done) => child?.once('exit', done));
      child.kill('SIGTERM');
      await exited;
    }
  });

  it('prints a generated admin password once, and that password (only) signs in', async () => {
    const printed = lines.filter((l) => l.includes('Admin login'));
    expect(printed).toHaveLength(1);
    const match = /password (\S+) {2}\(generated: set ADMIN_PASSWORD to choose one\)/.exec(printed[0]);
    expect(match).not.toBeNull();
    const password = match![1];
    expect(password.length).toBeGreaterThanOrEqual(12);

    const signIn = (p: string) =>
      fetch(`${url}/api/session`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ password: p }),
      });
    const wrong = await signIn(`${password}x`);
    expect(wrong.status).toBe(401);
    const right = await signIn(password);
    expect([200, 201]).toContain(right.status);
    const { token } = (await right.json()) as { token?: unknown };
    expect(typeof token).toBe('string');
  });

  it('prints no Paynet key (secret or publishable)', () => {
    const text = lines.join('\n');
    expect(text).not.toMatch(/sck_|pbk_/);
  });
});

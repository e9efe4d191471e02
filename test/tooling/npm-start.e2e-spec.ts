import { beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync, spawn } from 'node:child_process';

/** The pids of every process below `pid`. */
function descendants(pid: number): number[] {
  let out = '';
  try {
    out = execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' });
  } catch {
    return [];
  }
  const children = out
    .split('\n')
    .map((l) => Number(l.trim()))
    .filter((n) => n > 0);
  return children.flatMap((c) => [c, ...descendants(c)]);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('npm start', () => {
  // Compile once up front (incremental), so each `npm start` below only re-checks.
  beforeAll(() => {
    execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'sample-app/tsconfig.json'], {
      stdio: 'inherit',
    });
  }, 600_000);

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`${signal} to npm stops the sample app and the embedded fake (no process left behind)`, async () => {
      const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', FAKE_PAYNET_PORT: '0' };
      delete env.PAYNET_SECRET_KEY;
      delete env.NODE_OPTIONS;
      const child = spawn('npm', ['start'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stdout.on('data', (d: Buffer) => (output += d.toString()));
      child.stderr.on('data', (d: Buffer) => (output += d.toString()));
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      try {
        const deadline = Date.now() + 300_000;
        while (!output.includes('sample shop is running') && Date.now() < deadline) {
          if (child.exitCode !== null) throw new Error(`npm start exited early:\n${output}`);
          await new Promise((r) => setTimeout(r, 200));
        }
        expect(output).toContain('sample shop is running');
        const below = descendants(child.pid!);
        expect(below.length).toBeGreaterThan(0);
        child.kill(signal);
        await exited;
        const deadlineGone = Date.now() + 10_000;
        while (below.some(alive) && Date.now() < deadlineGone) await new Promise((r) => setTimeout(r, 100));
        expect(below.filter(alive)).toEqual([]);
      } finally {
        if (child.exitCode === null) child.kill('SIGKILL');
        for (const pid of descendants(child.pid!)) if (alive(pid)) process.kill(pid, 'SIGKILL');
      }
    }, 360_000);
  }
});

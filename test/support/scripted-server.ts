import { afterAll, beforeAll, beforeEach } from '@jest/globals';
import { RecordingServer, type RecordedRequest, type ScriptedReply } from './recording-server.js';

/** Answers one path; `n` counts the calls of that path since the last reset (1 for the first). */
export type ScriptedHandler = (req: RecordedRequest, n: number) => ScriptedReply;

/** A recording server whose answers a test scripts path by path. */
export interface ScriptedServer {
  /** The server (started before the suite, stopped after it). */
  readonly server: RecordingServer;
  /** The handlers by path, set by each test; a path without one gets the fallback. */
  handlers: Record<string, ScriptedHandler>;
  /** Calls per path since the last reset. */
  readonly counts: Record<string, number>;
  /** The paths of the requests received since the last reset, in order. */
  paths(): string[];
  /** Clears the request log and the counts (done before each test). */
  reset(): void;
}

/**
 * Starts a {@link RecordingServer} for the enclosing `describe` that answers each request with the
 * handler of its path (or `fallback`), and clears its log and counts before each test.
 */
export function useScriptedServer(fallback: ScriptedReply): ScriptedServer {
  let server: RecordingServer | undefined;
  const counts: Record<string, number> = {};
  const scripted: ScriptedServer = {
    get server(): RecordingServer {
      if (!server) throw new Error('the scripted server is not started yet');
      return server;
    },
    handlers: {},
    counts,
    paths: () => scripted.server.requests.map((r) => r.path),
    reset: () => {
      scripted.server.requests.length = 0;
      for (const k of Object.keys(counts)) delete counts[k];
    },
  };
  beforeAll(async () => {
    server = await new RecordingServer((req) => {
      counts[req.path] = (counts[req.path] ?? 0) + 1;
      const h = scripted.handlers[req.path];
      return h ? h(req, counts[req.path]!) : fallback;
    }).start();
  });
  afterAll(async () => {
    await server?.stop();
  });
  beforeEach(() => scripted.reset());
  return scripted;
}

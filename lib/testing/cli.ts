/**
 * `npx paynet-fake --port 4010`: runs the fake Paynet server until Ctrl+C and prints its URL,
 * keys, test cards and decline cards.
 */
import { listDeclineCards, PAYNET_TEST_CARDS } from './fake/cards.js';
import { FAKE_OTP_CODE } from './fake/handlers/cards.js';
import { PaynetFakeServer, type PaynetFakeServerOptions } from './fake/server.js';

const HELP = `Usage: paynet-fake [options]

Runs a stateful fake of the Paynet API (https://pts-api.paynet.com.tr) on your machine.

Options:
  --port <n>              port to listen on (default 4010; 0 = any free port; env PAYNET_FAKE_PORT)
  --host <addr>           interface (default 127.0.0.1; env PAYNET_FAKE_HOST)
  --secret-key <sck_...>  secret key to accept (env PAYNET_FAKE_SECRET_KEY)
  --publishable-key <pbk_...>  publishable key to accept (env PAYNET_FAKE_PUBLISHABLE_KEY)
  --public-url <url>      base URL written into post_url / PayLink urls (env PAYNET_FAKE_PUBLIC_URL)
  --refunds <mode>        manual | approve | reject (default manual)
  --quiet                 print only the URL
  -h, --help              this help
`;

/** Where `main` writes. */
export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

/** Parses CLI arguments (and PAYNET_FAKE_* environment variables). */
export function parseArgs(
  argv: readonly string[],
  env: Record<string, string | undefined> = process.env,
): { options: PaynetFakeServerOptions; help: boolean; quiet: boolean } {
  const options: PaynetFakeServerOptions = { port: 4010 };
  let help = false;
  let quiet = false;
  const portEnv = env.PAYNET_FAKE_PORT;
  if (portEnv) options.port = Number(portEnv);
  if (env.PAYNET_FAKE_HOST) options.host = env.PAYNET_FAKE_HOST;
  if (env.PAYNET_FAKE_SECRET_KEY) options.secretKey = env.PAYNET_FAKE_SECRET_KEY;
  if (env.PAYNET_FAKE_PUBLISHABLE_KEY) options.publishableKey = env.PAYNET_FAKE_PUBLISHABLE_KEY;
  if (env.PAYNET_FAKE_PUBLIC_URL) options.publicUrl = env.PAYNET_FAKE_PUBLIC_URL;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [name, inline] =
      arg.startsWith('--') && arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${name} needs a value`);
      return v;
    };
    switch (name) {
      case '--port':
      case '-p':
        options.port = Number(value());
        break;
      case '--host':
        options.host = value();
        break;
      case '--secret-key':
        options.secretKey = value();
        break;
      case '--publishable-key':
        options.publishableKey = value();
        break;
      case '--public-url':
        options.publicUrl = value();
        break;
      case '--refunds': {
        const mode = value();
        if (mode !== 'manual' && mode !== 'approve' && mode !== 'reject')
          throw new Error('--refunds must be manual, approve or reject');
        options.refundDecision = mode;
        break;
      }
      case '--quiet':
        quiet = true;
        break;
      case '-h':
      case '--help':
        help = true;
        break;
      default:
        throw new Error(`unknown option ${arg}`);
    }
  }
  if (!Number.isInteger(options.port) || options.port! < 0 || options.port! > 65535)
    throw new Error('--port must be 0..65535');
  return { options, help, quiet };
}

/**
 * Starts the fake from CLI arguments and prints how to use it. Answers the running server
 * (undefined for --help or bad arguments, with `process.exitCode` set for the latter).
 */
export async function main(
  argv: readonly string[] = process.argv.slice(2),
  io: CliIo = { out: (l) => process.stdout.write(`${l}\n`), err: (l) => process.stderr.write(`${l}\n`) },
  opts: { handleSignals?: boolean; env?: Record<string, string | undefined> } = {},
): Promise<PaynetFakeServer | undefined> {
  let parsed;
  try {
    parsed = parseArgs(argv, opts.env ?? process.env);
  } catch (err) {
    io.err(`paynet-fake: ${err instanceof Error ? err.message : String(err)}\n\n${HELP}`);
    process.exitCode = 2;
    return undefined;
  }
  if (parsed.help) {
    io.out(HELP);
    return undefined;
  }
  const server = await new PaynetFakeServer(parsed.options).start();
  io.out(`Paynet fake server listening on ${server.url}`);
  if (!parsed.quiet) {
    io.out('');
    io.out(`  secret key:       ${server.secretKey}`);
    io.out(`  publishable key:  ${server.publishableKey}`);
    io.out(`  control API:      ${server.url}/__fake/info`);
    io.out('');
    io.out('  Try it:');
    io.out(
      `    curl -X POST ${server.url}/v2/transaction/payment -H 'Authorization: Basic ${server.secretKey}' ` +
        `-H 'Content-Type: application/json' -d '{"amount":"20,50","reference_no":"ORDER-1","domain":"shop.example",` +
        `"card_holder":"Test User","pan":"4355084355084358","month":12,"year":2030,"cvc":"000"}'`,
    );
    io.out('');
    io.out('  Test cards (approved with a future expiry; 3D password in brackets):');
    for (const c of PAYNET_TEST_CARDS.slice(0, 8)) {
      io.out(`    ${c.number}  ${c.expiry}  cvv ${c.cvv ?? '-'}  [${c.threeDsPassword ?? 'a'}]  ${c.brand}`);
    }
    io.out(`    ... ${PAYNET_TEST_CARDS.length} in all; any other Luhn-valid number is approved too`);
    io.out('  Decline cards:');
    for (const d of listDeclineCards())
      io.out(`    ${d.number}  ${d.decline.bank_error_id}  ${d.decline.reason}`);
    io.out('    any card with an expiry before this month  54  expired_card');
    io.out(`  Card storage OTP: ${FAKE_OTP_CODE}`);
    io.out('');
    io.out('  Press Ctrl+C to stop.');
  }
  if (opts.handleSignals ?? true) {
    const shutdown = () => {
      server.stop().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    };
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
  }
  return server;
}

// Extracts the README's ```ts blocks and the TSDoc @example blocks of lib/ into virtual files and
// type-checks them under `strict` with the TypeScript API (imports of the package rewritten to the
// source). Names a snippet uses without declaring get a prelude: the package's exports, a few Nest
// names, and the variables examples take as given (`paynet`, `res`, `fake`...).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ts from 'typescript';

export interface Snippet {
  origin: string;
  code: string;
}

const root = resolve(process.cwd());

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : p.endsWith('.ts') && !p.endsWith('.spec.ts') ? [p] : [];
  });
}

export function readmeSnippets(): Snippet[] {
  const text = readFileSync(join(root, 'README.md'), 'utf8');
  const out: Snippet[] = [];
  const re = /^```ts\n([\s\S]*?)^```/gm;
  for (const m of text.matchAll(re)) {
    const line = text.slice(0, m.index).split('\n').length;
    out.push({ origin: `README.md:${line}`, code: m[1]! });
  }
  return out;
}

export function tsdocSnippets(): Snippet[] {
  const out: Snippet[] = [];
  for (const file of walk(join(root, 'lib'))) {
    const lines = readFileSync(file, 'utf8').split('\n');
    for (let i = 0; i < lines.length; i++) {
      const m = /^\s*\* @example(.*)$/.exec(lines[i]!);
      if (!m) continue;
      const body: string[] = m[1]!.trim() ? [m[1]!.trim()] : [];
      let j = i + 1;
      for (; j < lines.length; j++) {
        const l = lines[j]!;
        if (/^\s*\*\//.test(l) || /^\s*\* @/.test(l)) break;
        body.push(l.replace(/^\s*\* ?/, ''));
      }
      out.push({ origin: `${file.slice(root.length + 1)}:${i + 1}`, code: body.join('\n') });
      i = j - 1;
    }
  }
  return out;
}

const ENTRY = {
  'nestjs-paynet-tr': 'lib/index.js',
  'nestjs-paynet-tr/testing': 'lib/testing/index.js',
  'nestjs-paynet-tr/health': 'lib/health/index.js',
  'nestjs-paynet-tr/swagger': 'lib/swagger/index.js',
  'nestjs-paynet-tr/redis': 'lib/redis/index.js',
  'nestjs-paynet-tr/postgres': 'lib/postgres/index.js',
} as const;

/** Names given to every snippet that does not declare them itself: [name, declaration]. */
const GIVEN: [string, string][] = [
  ['paynet', "declare const paynet: import('__LIB__/lib/index.js').PaynetService;"],
  ['res', "declare const res: import('express').Response;"],
  ['req', "declare const req: import('express').Request;"],
  ['fake', "declare const fake: import('__LIB__/lib/testing/index.js').PaynetFakeServer;"],
  ['moduleRef', "declare const moduleRef: import('@nestjs/testing').TestingModule;"],
  ['app', "declare const app: import('@nestjs/common').INestApplication;"],
  ['storedCardHash', 'declare const storedCardHash: string;'],
  ['sessionId', 'declare const sessionId: string;'],
  ['xactId', 'declare const xactId: string;'],
  ['xact_id', 'declare const xact_id: string;'],
  ['session_id', 'declare const session_id: string;'],
  ['token_id', 'declare const token_id: string;'],
  ['body', 'declare const body: { session_id: string; token_id: string };'],
  [
    'orders',
    'declare const orders: { markPaid(...facts: unknown[]): Promise<void>; markRefunded(...facts: unknown[]): Promise<void>; refundDecided(...facts: unknown[]): Promise<void> };',
  ],
  [
    'OrdersService',
    'declare class OrdersService { markPaid(...facts: unknown[]): Promise<void>; markRefunded(...facts: unknown[]): Promise<void>; refundDecided(...facts: unknown[]): Promise<void>; current(): Promise<{ total: number; reference: string }>; }',
  ],
  [
    'MetricsService',
    'declare class MetricsService { histogram(name: string, value: number, labels: Record<string, string>): void; counter(name: string, value: number, labels: Record<string, string>): void; }',
  ],
  ['books', 'declare const books: { record(xactId: string, amount: number): Promise<void> };'],
  ['handle', 'declare function handle(row: unknown): void;'],
  ['report', 'declare function report(...values: unknown[]): void;'],
  ['show', 'declare function show(...values: unknown[]): void;'],
  ['tx', 'declare const tx: { xact_id: string; reference_no: string };'],
  ['png', 'declare const png: Buffer;'],
  ['dto', "declare const dto: import('__LIB__/lib/index.js').CreatePaymentDto;"],
  ['indicator', "declare const indicator: import('__LIB__/lib/health/index.js').PaynetHealthIndicator;"],
  ['AppModule', 'declare class AppModule {}'],
  ['retryLater', 'declare function retryLater(...values: unknown[]): void;'],
  ['connectionString', 'declare const connectionString: string;'],
  ['payment', "declare const payment: import('__LIB__/lib/index.js').VerifiedPayLinkPayment;"],
  ['RedisModule', 'declare class RedisModule {}'],
  ['REDIS', 'declare const REDIS: unique symbol;'],
  ['PG_POOL', 'declare const PG_POOL: unique symbol;'],
  ['myStore', "declare const myStore: import('__LIB__/lib/index.js').PaynetCallbackStore;"],
];

const NEST_NAMES: Record<string, string[]> = {
  '@nestjs/common': [
    'Injectable',
    'Module',
    'Controller',
    'Post',
    'Get',
    'Body',
    'Res',
    'Req',
    'Inject',
    'HttpCode',
    'ValidationPipe',
  ],
  '@nestjs/config': ['ConfigModule', 'ConfigService'],
  '@nestjs/testing': ['Test'],
  '@nestjs/core': ['NestFactory', 'APP_FILTER'],
  '@nestjs/swagger': ['SwaggerModule', 'DocumentBuilder'],
  '@nestjs/terminus': ['HealthCheckService'],
  'node:fs/promises': ['readFile'],
  express: ['Response'],
};

/** Class-member fragments (`constructor(...)`, a decorated method, `this.x`) get a class around them. */
function wrapMembers(code: string): string {
  const trimmed = code.trimStart();
  if (trimmed.startsWith('this.'))
    return `class __Example {\n  declare readonly health: HealthCheckService;\n  declare readonly paynet: import('${root}/lib/health/index.js').PaynetHealthIndicator;\n  async run() {\n${code}\n  }\n}`;
  if (trimmed.startsWith('constructor(')) {
    const [first, ...rest] = trimmed.split('\n');
    return `class __Example {\n  ${first}\n  async run() {\n${rest.join('\n')}\n  }\n}`;
  }
  if (/^@\w+\([^)]*\)\s*\n\s*\w+\(/.test(trimmed))
    return `class __Example {\n  declare readonly paynet: PaynetService;\n${code}\n}`;
  return code;
}

function exportNames(program: ts.Program, file: string): string[] {
  const checker = program.getTypeChecker();
  const sf = program.getSourceFile(join(root, file.replace(/\.js$/, '.ts')));
  const sym = sf && checker.getSymbolAtLocation(sf);
  return sym ? checker.getExportsOfModule(sym).map((s) => s.getName()) : [];
}

function declaresOrImports(code: string, name: string): boolean {
  const n = name.replace(/\$/g, '\\$');
  return new RegExp(
    `(?:\\b(?:const|let|var|class|function|interface|type|enum)\\s+${n}\\b)|(?:import[^;]*\\b${n}\\b[^;]*from)|(?:(?:private|readonly|public)\\s+${n}\\s*:)`,
  ).test(code);
}

export interface ExampleProblem {
  origin: string;
  message: string;
}

/** Type-checks the snippets; answers one problem per diagnostic. */
export function checkSnippets(snippets: Snippet[]): ExampleProblem[] {
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    experimentalDecorators: true,
    emitDecoratorMetadata: true,
    skipLibCheck: true,
    noEmit: true,
    types: ['node'],
    lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'],
  };
  const base = ts.createProgram(
    [
      join(root, 'lib/index.ts'),
      join(root, 'lib/testing/index.ts'),
      join(root, 'lib/health/index.ts'),
      join(root, 'lib/swagger/index.ts'),
    ],
    options,
  );
  const exports = Object.entries(ENTRY).map(([spec, file]) => [spec, exportNames(base, file)] as const);

  const virtual = new Map<string, string>();
  const origins = new Map<string, Snippet>();
  snippets.forEach((s, i) => {
    let code = wrapMembers(s.code);
    for (const [spec, file] of Object.entries(ENTRY))
      code = code
        .replaceAll(`'${spec}'`, `'${join(root, file)}'`)
        .replaceAll(`"${spec}"`, `'${join(root, file)}'`);
    code = code.replace(
      /from '\.\/app\.module'/g,
      `from '${join(root, 'test/docs/fixtures/app.module.js')}'`,
    );
    const prelude: string[] = [];
    const taken = new Set<string>();
    for (const [spec, names] of exports) {
      const wanted = names.filter(
        (n) => !taken.has(n) && new RegExp(`\\b${n}\\b`).test(code) && !declaresOrImports(code, n),
      );
      wanted.forEach((n) => taken.add(n));
      if (wanted.length)
        prelude.push(
          `import { ${wanted.join(', ')} } from '${join(root, ENTRY[spec as keyof typeof ENTRY])}';`,
        );
    }
    for (const [spec, names] of Object.entries(NEST_NAMES)) {
      const wanted = names.filter(
        (n) => !taken.has(n) && new RegExp(`\\b${n}\\b`).test(code) && !declaresOrImports(code, n),
      );
      if (wanted.length) prelude.push(`import { ${wanted.join(', ')} } from '${spec}';`);
    }
    for (const [name, decl] of GIVEN)
      if (new RegExp(`\\b${name}\\b`).test(code) && !declaresOrImports(code, name))
        prelude.push(decl.replace('__LIB__', root));
    const file = join(root, `test/docs/__example_${i}.ts`);
    virtual.set(file, `${prelude.join('\n')}\n${code}\nexport {};\n`);
    origins.set(file, s);
  });

  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (f) => virtual.get(f) ?? readFile(f);
  host.fileExists = (f) => virtual.has(f) || fileExists(f);
  host.getSourceFile = (f, lang, onError, create) =>
    virtual.has(f)
      ? ts.createSourceFile(f, virtual.get(f)!, lang, true)
      : getSourceFile(f, lang, onError, create);
  const program = ts.createProgram([...virtual.keys()], options, host, base);
  const problems: ExampleProblem[] = [];
  for (const d of ts.getPreEmitDiagnostics(program)) {
    const file = d.file?.fileName;
    const snippet = file ? origins.get(file) : undefined;
    if (!snippet) {
      problems.push({
        origin: file ?? '(global)',
        message: ts.flattenDiagnosticMessageText(d.messageText, '\n'),
      });
      continue;
    }
    const { line } = d.file!.getLineAndCharacterOfPosition(d.start ?? 0);
    const text = virtual.get(file!)!.split('\n')[line];
    problems.push({
      origin: snippet.origin,
      message: `${ts.flattenDiagnosticMessageText(d.messageText, ' ')}  [${text?.trim()}]`,
    });
  }
  return problems;
}

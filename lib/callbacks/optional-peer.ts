import { PaynetConfigurationError } from '../errors/validation.error.js';

/** Loads an optional peer dependency (a dynamic `import()`), e.g. `() => import('ioredis')`. */
export type PaynetPeerLoader = () => Promise<unknown>;

/**
 * Runs `load` (a dynamic import of an optional peer dependency) and turns its failure into a
 * configuration error that names the package to install, so a missing package stops the app at
 * bootstrap with an instruction instead of a resolver stack.
 *
 * @param packageName the npm package `load` imports (`ioredis`, `pg`)
 * @param feature the entry point that needs it (`nestjs-paynet-tr/redis`)
 * @throws PaynetConfigurationError when the import fails
 */
export async function loadOptionalPeer(
  packageName: string,
  feature: string,
  load: PaynetPeerLoader,
): Promise<Record<string, unknown>> {
  let mod: unknown;
  try {
    mod = await load();
  } catch (err) {
    const code = (err as { code?: unknown } | null)?.code;
    const missing =
      code === 'ERR_MODULE_NOT_FOUND' ||
      code === 'MODULE_NOT_FOUND' ||
      /cannot find (module|package)/i.test(err instanceof Error ? err.message : '');
    throw new PaynetConfigurationError([
      missing
        ? `${feature} needs the optional peer dependency "${packageName}", which is not installed: npm install ${packageName}`
        : `${feature} could not load its peer dependency "${packageName}"${typeof code === 'string' ? ` (${code})` : ''}: reinstall it with npm install ${packageName}`,
    ]);
  }
  if (mod === null || (typeof mod !== 'object' && typeof mod !== 'function')) {
    throw new PaynetConfigurationError([`${feature}: "${packageName}" did not load as a module`]);
  }
  return mod as Record<string, unknown>;
}

/** The export `name` of a loaded module, looking through a CommonJS `default` wrapper. */
export function peerExport(mod: Record<string, unknown>, name: string): unknown {
  if (mod[name] !== undefined) return mod[name];
  const def = mod.default;
  if (def !== null && (typeof def === 'object' || typeof def === 'function')) {
    const inner = (def as Record<string, unknown>)[name];
    if (inner !== undefined) return inner;
  }
  return undefined;
}

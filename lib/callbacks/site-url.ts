import { isLocalOrPrivateHost } from '../internal/config.js';

/**
 * Whether `url` is a path on this site (`/pay`, not `//host`), or an absolute https URL (http only
 * for a loopback or private test host, the baseUrl rule). `javascript:`, `data:` and other schemes,
 * control characters, spaces and backslashes are refused. The rule of the ready form's `action` and
 * of the callbacks module's 3D `successUrl` / `failureUrl`.
 */
export function isSitePathOrHttpsUrl(url: string): boolean {
  // eslint-disable-next-line no-control-regex
  if (typeof url !== 'string' || /[\u0000-\u0020\u007f\\]/.test(url)) return false;
  if (url.startsWith('/')) return !url.startsWith('//');
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === 'https:') return true;
  return parsed.protocol === 'http:' && isLocalOrPrivateHost(parsed.hostname);
}

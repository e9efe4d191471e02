import { sanitizeText } from './sanitize-text.js';

/**
 * A short, redacted excerpt of a raw body (for non-JSON answers such as an HTML 502 page). The
 * text is sanitised before it is cut, so a card number at the cut is masked, not halved.
 */
export function safeExcerpt(body: string, max = 200, extraSecrets: readonly string[] = []): string {
  // a generous window first (a 50 MiB page is not scanned whole), sanitised, then cut
  const window = body.length > max * 4 + 2000 ? body.slice(0, max * 4 + 2000) : body;
  const flat = window
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const clean = sanitizeText(flat, extraSecrets);
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}

/** The same sanitiser for a free text of unknown length, cut to `max` characters after masking. */
export function sanitizeExcerpt(text: string, max: number, extraSecrets: readonly string[] = []): string {
  const window = text.length > max * 4 + 2000 ? text.slice(0, max * 4 + 2000) : text;
  const clean = sanitizeText(window.trim(), extraSecrets);
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}

/**
 * A bank or Paynet text fit for an end user's HTTP body: tags removed (`<script>`, `<img onerror>`,
 * an unclosed `<tag` too), stray angle brackets and control characters dropped, whitespace
 * collapsed, then sanitised and cut to `max` characters.
 */
export function endUserText(text: string, max: number, extraSecrets: readonly string[] = []): string {
  const window = text.length > max * 4 + 2000 ? text.slice(0, max * 4 + 2000) : text;
  const flat = window
    .replace(/<[^>]*(?:>|$)/g, ' ')
    .replace(/[<>]/g, ' ')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, ' ')
    .replace(/\s+/g, ' ');
  return sanitizeExcerpt(flat, max, extraSecrets);
}

// Masking one card number to first 6 + last 4 (kept apart from the text scan in card-numbers.ts,
// which the call's own card patterns use without importing the scan).

/** Masks a card number to first 6 + last 4 (`435508******4358`). Shorter digit runs are kept. */
export function maskCardNumber(value: string): string {
  const digits = value.replace(/[^\d]/g, '');
  if (digits.length < 12) return value;
  return maskDigits(digits);
}

/** 13-19 digits: first 6 + last 4; 12 digits: last 4 only; longer runs: nothing shown. */
export function maskDigits(digits: string): string {
  if (digits.length > 19) return '[REDACTED card]';
  if (digits.length < 13) return `${'*'.repeat(digits.length - 4)}${digits.slice(-4)}`;
  return `${digits.slice(0, 6)}${'*'.repeat(digits.length - 10)}${digits.slice(-4)}`;
}

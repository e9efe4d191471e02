import { describe, expect, it } from '@jest/globals';
import { maskCardNumber, redact, redactString, safeExcerpt } from '../../lib/client/redact.js';

describe('redaction', () => {
  it('removes keys and full card numbers from text', () => {
    const text = 'key sck_test_abc/DEF+123= and pbk_test_xyz card 4355084355084358 and 4355 0843 5508 4358';
    const out = redactString(text);
    expect(out).not.toContain('sck_test_abc');
    expect(out).not.toContain('pbk_test_xyz');
    expect(out).not.toContain('4355084355084358');
    expect(out).toContain('435508******4358');
    expect(out).not.toMatch(/4355 0843 5508 4358/);
  });

  it('masks to first 6 + last 4', () => {
    expect(maskCardNumber('5571135571135575')).toBe('557113******5575');
    expect(maskCardNumber('1234')).toBe('1234');
  });

  it('removes secret fields from objects, deeply', () => {
    const input = {
      pan: '4355084355084358',
      cvc: '000',
      month: 12,
      year: 2026,
      card_hash: 'hash-value',
      otp_code: '123456',
      headers: { Authorization: 'Basic sck_test_secret' },
      nested: [{ card_number: '5571135571135575', amount: '20,50' }],
      note: 'fine',
    };
    const out = redact(input);
    const json = JSON.stringify(out);
    for (const secret of [
      '4355084355084358',
      '"000"',
      'hash-value',
      '123456',
      'sck_test_secret',
      '5571135571135575',
      '2026',
    ]) {
      expect(json).not.toContain(secret);
    }
    expect(out.nested[0].amount).toBe('20,50');
    expect(out.note).toBe('fine');
    expect(out.pan).toBe('435508******4358');
    expect(input.cvc).toBe('000'); // the input is not changed
  });

  it('survives cycles', () => {
    const a: Record<string, unknown> = { name: 'a' };
    a.self = a;
    expect(redact(a)).toEqual({ name: 'a', self: '[Circular]' });
  });

  it('makes short excerpts of HTML', () => {
    expect(safeExcerpt('<html><body><h1>502 Bad Gateway</h1></body></html>')).toBe('502 Bad Gateway');
  });
});

describe('redaction of uploads and identifiers', () => {
  it('replaces long strings by their length and masks identity numbers', () => {
    const out = redact({
      pars_base64: 'A'.repeat(10),
      note: 'B'.repeat(5000),
      tckn_vkn: '12345678901',
      iban: 'TR330006100519786457841326',
    });
    expect(out.pars_base64).toBe('[REDACTED]');
    expect(out.note).toBe('[5000 chars]');
    expect(out.tckn_vkn).toBe('*******8901');
    expect(out.iban).toBe('**********************1326');
  });
});

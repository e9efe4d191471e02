import { describe, expect, it } from '@jest/globals';
import { checkSnippets, readmeSnippets, tsdocSnippets } from './examples.js';

describe('code examples', () => {
  it('finds the README blocks and the TSDoc examples', () => {
    expect(readmeSnippets().length).toBeGreaterThan(10);
    expect(tsdocSnippets().length).toBeGreaterThan(10);
  });

  it('every README ```ts block and every TSDoc @example type-checks under strict', () => {
    const problems = checkSnippets([...readmeSnippets(), ...tsdocSnippets()]);
    expect(problems.map((p) => `${p.origin}: ${p.message}`)).toEqual([]);
  }, 300_000);
});

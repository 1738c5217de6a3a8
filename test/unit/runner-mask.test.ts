// Masking secrets in output that arrives in pieces: however a pipe splits the text, what is shown is the text
// masked as a whole, and no piece shows a secret or the start of one.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskText, StreamMask } from '../../src/lib/runner/mask.ts';

/** Feeds `text` to a StreamMask cut at `cuts`; the pieces it hands out, the flush last. */
function pieces(text: string, secrets: string[], cuts: number[]): string[] {
  const mask = new StreamMask(secrets);
  const out: string[] = [];
  let last = 0;
  for (const cut of [...new Set(cuts)].sort((a, b) => a - b)) {
    out.push(mask.push(text.slice(last, cut)));
    last = cut;
  }
  out.push(mask.push(text.slice(last)), mask.flush());
  return out;
}

describe('StreamMask', () => {
  it('masks a secret split at every possible place', () => {
    const text = 'token=s3cret-value; again s3cret-value.';
    for (let cut = 0; cut <= text.length; cut++) {
      const out = pieces(text, ['s3cret-value'], [cut]);
      expect(out.join('')).toBe('token=***; again ***.');
      for (const piece of out) expect(piece).not.toMatch(/s3c|e-value/);
    }
  });

  it('masks the longer of two secrets that start at the same place, and each of several', () => {
    expect(maskText('abcdef abc xyz', ['abc', 'abcdef', 'xyz'])).toBe('*** *** ***');
  });

  it('does not hold back anything without secrets, and keeps surrogate pairs whole', () => {
    expect(new StreamMask([]).push('partial')).toBe('partial');
    const out = pieces('😀😀 secret 😀', ['secret'], [1, 3, 5]);
    expect(out.join('')).toBe('😀😀 *** 😀');
    for (const piece of out) expect(piece).not.toMatch(/[\ud800-\udbff]$/);
  });

  it('any chunking gives the text masked as a whole (500 runs)', () => {
    const alphabet = fc.constantFrom('a', 'b', 'c', 'x', '\n', '*', 'é');
    const word = fc.string({ unit: alphabet, minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(
        fc.array(word, { minLength: 1, maxLength: 3 }),
        fc.array(word, { maxLength: 12 }),
        fc.array(fc.nat(80), { maxLength: 10 }),
        (secrets, parts, cuts) => {
          const text = parts.join('');
          const out = pieces(
            text,
            secrets,
            cuts.map((cut) => cut % (text.length + 1)),
          );
          expect(out.join('')).toBe(maskText(text, secrets));
        },
      ),
      { numRuns: 500 },
    );
  });
});

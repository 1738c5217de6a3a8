// The variables form's reasons for refusing a value: what is wrong, and what is expected.
import { describe, expect, it } from 'vitest';
import { explainValue } from '../../src/lib/value-hint.ts';

const pod = { pattern: '^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$', example: 'backend-7d9f8c6b5-x2k4q' };

describe('explainValue', () => {
  it('accepts what the runner accepts', () => {
    expect(explainValue(pod, 'api-1')).toBeUndefined();
    expect(explainValue({ type: 'integer' }, '-3')).toBeUndefined();
    expect(explainValue({ type: 'number', example: '0.5' }, '1e3')).toBeUndefined();
  });

  it('names the characters the pattern does not allow, and shows the example and the pattern', () => {
    expect(explainValue(pod, 'bad pod!')).toBe(
      'Not valid: it contains a space and "!", which the expected form does not allow. Expected: like backend-7d9f8c6b5-x2k4q (pattern ^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$).',
    );
  });

  it('says when capitals or surrounding spaces are the only problem', () => {
    expect(explainValue(pod, 'Api-1')).toMatch(/^Not valid: it has capital letters where lowercase ones are expected\. Expected: like backend/);
    expect(explainValue(pod, ' api-1')).toMatch(/^Not valid: it has a space at its start or end\./);
  });

  it('falls back to the form when no character is at fault (a value ending in "-")', () => {
    expect(explainValue(pod, 'api-')).toBe(
      'Not valid: it does not have the expected form. Expected: like backend-7d9f8c6b5-x2k4q (pattern ^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$).',
    );
    expect(explainValue({ pattern: '[0-9]+' }, 'x')).toBe('Not valid: it does not have the expected form. Expected: the pattern [0-9]+.');
  });

  it('says a number is expected before it speaks of the pattern', () => {
    const replicas = { type: 'integer' as const, pattern: '^[1-9][0-9]?$', example: '4' };
    expect(explainValue(replicas, '3 pods')).toBe('Not a whole number: write digits only, like 4 (no units, no decimal point).');
    expect(explainValue(replicas, '0')).toBe('Not valid: it does not have the expected form. Expected: like 4 (pattern ^[1-9][0-9]?$).');
  });

  it('explains types', () => {
    expect(explainValue({ type: 'integer', example: '3' }, '3 pods')).toBe('Not a whole number: write digits only, like 3 (no units, no decimal point).');
    expect(explainValue({ type: 'integer' }, '2.5')).toBe('Not a whole number: write digits only, such as 3 (no units, no decimal point).');
    expect(explainValue({ type: 'number' }, '5%')).toBe('Not a number: write it such as 0.5 or 12 (no units).');
    expect(explainValue({ type: 'boolean' }, 'yes')).toBe('Not valid: write true or false.');
  });

  it('refuses a NUL character', () => {
    expect(explainValue(pod, 'a\0b')).toBe('Not valid: it contains the control character NUL, which no placeholder accepts.');
  });
});

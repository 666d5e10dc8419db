import { describe, expect, it } from 'vitest';
import { codeAt } from './code-at.js';

describe('codeAt', () => {
  it('reads the code unit inside the text and 0 outside it', () => {
    expect(codeAt('ab', 0)).toBe(97);
    expect(codeAt('ab', 1)).toBe(98);
    expect(codeAt('ab', 2)).toBe(0);
    expect(codeAt('ab', -1)).toBe(0);
    expect(codeAt('', 0)).toBe(0);
  });
});

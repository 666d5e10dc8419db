import { describe, expect, it } from 'vitest';
import { evidenceEnd } from './evidence-end.js';

describe('evidenceEnd', () => {
  const period = { from: '2026-04-01', to: '2026-09-30' };
  it('is the evidence date inside the period and the period end after it', () => {
    expect(evidenceEnd({ asOf: '2026-08-15', period })).toBe('2026-08-15');
    expect(evidenceEnd({ asOf: '2026-10-20', period })).toBe('2026-09-30');
  });
});

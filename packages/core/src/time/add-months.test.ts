import { describe, expect, it } from 'vitest';
import { addMonths } from './add-months.js';

describe('calendar months', () => {
  it('clamps to the end of shorter months, leap years included', () => {
    expect(addMonths('2026-09-30', -12)).toBe('2025-09-30');
    expect(addMonths('2028-02-29', -12)).toBe('2027-02-28');
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
    expect(addMonths('2026-11-15', 3)).toBe('2027-02-15');
  });
});

import { describe, expect, it } from 'vitest';
import { instantFromEpoch, normalizeInstant } from './dates.js';

const where = { file: 'f.json', pointer: '/0/at' };

describe('normalizeInstant and instantFromEpoch', () => {
  it('reads local times in the workspace timezone and offsets as given', () => {
    expect(normalizeInstant('2026-05-01T10:00:00', where, 'at', 'America/Los_Angeles')).toBe('2026-05-01T17:00:00.000Z');
    expect(normalizeInstant('2026-05-01 23:59:59.5', where, 'at', 'America/Los_Angeles')).toBe('2026-05-02T06:59:59.500Z');
    expect(normalizeInstant('2026-05-01T10:00:00+02:00', where, 'at')).toBe('2026-05-01T08:00:00.000Z');
    expect(instantFromEpoch(1775379601, 'seconds', where, 'start')).toBe('2026-04-05T09:00:01.000Z');
  });

  it('refuses a local time on a day or at a clock time that does not exist (was a RangeError or a silent roll-over)', () => {
    for (const v of ['2026-05-91T10:00:00', '0000-00-00', '2026-13-01 10:00', '2026-02-30', '2026-05-01T24:30:00', '2026-05-01T10:60:00']) {
      expect(() => normalizeInstant(v, where, 'at', 'America/Los_Angeles'), v).toThrow(expect.objectContaining({ code: 'INPUT_INVALID_RECORD', where }));
    }
  });

  it('refuses epoch values no clock can hold', () => {
    for (const v of [1.2345678901234568e32, 1e308, -1, Number.NaN, Infinity]) {
      expect(() => instantFromEpoch(v, 'seconds', where, 'start')).toThrow(expect.objectContaining({ code: 'INPUT_INVALID_RECORD', where }));
    }
  });
});

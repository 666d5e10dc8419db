import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { instantMs } from './instant-ms.js';

/** The definition: the milliseconds whose ISO string is `at`, for years 0100–9999. */
const byRoundTrip = (at: string): number | undefined => {
  const t = Date.parse(at);
  return Number.isFinite(t) && t >= Date.UTC(100, 0, 1) && new Date(t).toISOString() === at ? t : undefined;
};

describe('instantMs', () => {
  it('is the milliseconds exactly when the ISO string of those milliseconds is the instant', () => {
    const pad = (n: number, w: number) => String(n).padStart(w, '0');
    const field = (max: number, w: number) => fc.integer({ min: 0, max }).map((n) => pad(n, w));
    const drawn = fc.tuple(fc.oneof(field(9999, 4), fc.constantFrom('2024', '2026', '1900', '2000', '0099', '0100')), field(13, 2), field(32, 2), field(25, 2), field(60, 2), field(60, 2), field(999, 3))
      .map(([y, mo, d, h, mi, s, ms]) => `${y}-${mo}-${d}T${h}:${mi}:${s}.${ms}Z`);
    const other = fc.oneof(fc.string(), fc.constantFrom('2026-05-01T16:00:00Z', '2026-05-01T16:00:00.000+00:00', '2026-05-01 16:00:00.000Z', '+02026-05-01T16:00:00.000Z', '2026-5-01T16:00:00.000Z', '2026-05-01T16:00:00.00aZ'));
    fc.assert(fc.property(fc.oneof(drawn, fc.integer({ min: Date.UTC(100, 0, 1), max: Date.UTC(9999, 11, 31) }).map((t) => new Date(t).toISOString()), other), (at) => {
      expect(instantMs(at)).toBe(byRoundTrip(at));
    }), { numRuns: 5000 });
  });
});

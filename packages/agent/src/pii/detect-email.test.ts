import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectEmail } from './detect-email.js';
import type { PiiFinding } from './pii-type.js';

/** The address check as it read before it was done in place: slices, a split and a regex per label. */
function validBySlices(text: string, s: number, at: number, e: number): boolean {
  const local = text.slice(s, at);
  if (local.includes('..') || local.endsWith('.')) return false;
  const labels = text.slice(at + 1, e).split('.');
  if (labels.length < 2) return false;
  if (!/^(?:[A-Za-z]{2,24}|xn--[A-Za-z0-9-]{2,59})$/.test(labels[labels.length - 1] as string)) return false;
  return labels.every((l) => /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/.test(l));
}

describe('detectEmail', () => {
  it('checks each address as the slice, split and regexes did', () => {
    const piece = fc.constantFrom('a', 'ada', 'x9', '.', '..', '-', '--', '_', '+', '%', '@', '@', 'example', 'com', 'io', 'c', 'xn--p1ai', 'xn--a', 'co.uk', '1', ' ', 'é', 'abcdefghijklmnopqrstuvwxyz', 'a'.repeat(63), 'b'.repeat(64));
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 12 }), (pieces) => {
        const text = pieces.join('');
        const found: PiiFinding[] = [];
        detectEmail(text, found);
        for (const f of found) {
          const at = text.indexOf('@', f.start);
          expect(validBySlices(text, f.start, at, f.end)).toBe(true);
        }
        // Every "@" whose grown span the old check accepts is found (or inside an earlier finding).
        for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
          if (found.some((f) => f.start <= at && at < f.end)) continue;
          let s = at;
          while (s > 0 && /[\w.%+-]/.test(text[s - 1] as string) && at - s < 64) s--;
          while (s < at && text[s] === '.') s++;
          let e = at + 1;
          while (e < text.length && /[A-Za-z0-9.-]/.test(text[e] as string) && e - at <= 255) e++;
          while (e > at + 1 && /[.-]/.test(text[e - 1] as string)) e--;
          if (s < at && e > at + 1) expect(validBySlices(text, s, at, e)).toBe(false);
        }
      }),
      { numRuns: 5000, seed: 13 },
    );
    const found: PiiFinding[] = [];
    detectEmail('mail ada@example.com, a..b@x.io, c@d.e, f@xn--p1ai.xn--p1ai.', found);
    expect(found.map((f) => [f.start, f.end])).toEqual([[5, 20], [40, 59]]);
    // A dot before the "@", a hyphen at either end of a label, a label of 64, a TLD of 25: none.
    for (const text of ['a.@example.com', 'a@-ex.com', 'a@ex-.com', 'a@ex.-com', `a@${'b'.repeat(64)}.com`, `a@ex.${'c'.repeat(25)}`, 'a@ex.c0m', 'a@com']) {
      const none: PiiFinding[] = [];
      detectEmail(text, none);
      expect(none).toEqual([]);
    }
    const more: PiiFinding[] = [];
    detectEmail(`a@${'b'.repeat(63)}.${'c'.repeat(24)} a@b-c.d-e.fg`, more);
    expect(more).toHaveLength(2);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { byAtSeq, LoginColumns, LoginStrings } from './login-columns.js';
import type { Login } from './login-columns.js';

const times = ['2026-05-01T16:00:00.000Z', '2026-05-01T16:00:00Z', '2026-05-01T16:00:00.001Z', '2026-05-01T24:00:00.000Z', '2026-05-02T00:00:00.000Z', '1969-12-31T23:59:59.999Z', '2026-02-30T00:00:00.000Z', 'soon'];
const login = fc.record({
  at: fc.oneof(fc.constantFrom(...times), fc.integer({ min: 0, max: 4e12 }).map((t) => new Date(t).toISOString())),
  account: fc.constantFrom('', 'okta|00u1', 'okta|00u2'),
  source: fc.constantFrom('okta', 'entra-sign-ins'),
  artifact: fc.constantFrom('a'.repeat(64), 'b'.repeat(64)),
  locator: fc.oneof(fc.constantFrom('line 0', 'line 01', 'line 999999999', 'line 1000000000', '/value/3', 'line -1', 'line 7 '), fc.nat().map((n) => `line ${n}`)),
});

describe('LoginColumns', () => {
  it('gives back every sign-in as added, by time then arrival, and the first of them, as a list of the objects would', () => {
    fc.assert(fc.property(fc.array(login, { maxLength: 60 }), (drawn) => {
      const strings = new LoginStrings();
      const columns = new LoginColumns(strings);
      const added: Login[] = drawn.map((l, seq) => ({ ...l, seq: seq * 3 }));
      for (const l of added) columns.add(l);
      const sorted = [...added].sort(byAtSeq);
      expect(columns.length).toBe(added.length);
      expect(columns.logins()).toEqual(sorted);
      if (added.length > 0) expect(columns.first()).toEqual(sorted[0]);
    }), { numRuns: 500 });
  });
});

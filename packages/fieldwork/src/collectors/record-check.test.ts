import { recordSchemas } from '@fieldwork/core/records';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { compileRecordCheck } from './record-check.js';

const cite = { source: 'okta', artifact: 'a'.repeat(64), locator: 'line 3' };
const event = { kind: 'access_event', ...cite, system: 'okta', eventId: 'e1', eventType: 'user.lifecycle.deactivate', action: 'deactivate', at: '2026-03-01T12:00:00.000Z', account: 'ana@example.com' };

describe('compileRecordCheck', () => {
  it('compiles the schema of every record kind', () => {
    for (const [kind, schema] of Object.entries(recordSchemas)) expect(compileRecordCheck(schema), kind).toBeTypeOf('function');
  });

  it('passes a record exactly when the schema would return it unchanged', () => {
    const check = compileRecordCheck(recordSchemas.access_event)!;
    const cases: [Record<string, unknown>, boolean][] = [
      [event, true],
      [{ ...event, ticketRefs: ['SEC-1'] }, true],
      // Valid, but the schema normalizes the instant or strips the key: not unchanged.
      [{ ...event, at: '2026-03-01T12:00:00Z' }, false],
      [{ ...event, at: '2026-03-01T14:00:00.000+02:00' }, false],
      [{ ...event, extra: 1 }, false],
      // Invalid.
      [{ ...event, action: 'dance' }, false],
      [{ ...event, account: '' }, false],
      [{ ...event, artifact: 'xyz' }, false],
      [{ ...event, at: '2026-02-30T00:00:00.000Z' }, false],
      [{ ...event, ticketRefs: [1] }, false],
    ];
    for (const [r, expected] of cases) {
      expect(check(r), JSON.stringify(r)).toBe(expected);
      const res = recordSchemas.access_event.safeParse(r);
      // Whenever the check passes, the schema agrees and gives back the same value.
      if (expected) expect(res.success && res.data).toEqual(r);
    }
  });

  it('fails a value that needs a default filled in, and refuses schemas it cannot follow', () => {
    const check = compileRecordCheck(z.object({ n: z.number().int().default(3) }))!;
    expect(check({ n: 2 })).toBe(true);
    expect(check({})).toBe(false);
    expect(check({ n: 2.5 })).toBe(false);
    expect(compileRecordCheck(z.object({ s: z.string().transform((x) => x.trim()) }))).toBeUndefined();
    expect(compileRecordCheck(z.object({ s: z.string().refine((x) => x !== 'no') }))).toBeUndefined();
  });
});

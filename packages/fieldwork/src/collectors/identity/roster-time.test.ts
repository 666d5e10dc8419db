import { describe, expect, it } from 'vitest';
import { isFieldworkError } from '@fieldwork/core/errors';
import { optionalInstant, rosterTime, takenAtSchema } from './roster-time.js';

const at = (displayName: string, takenAt?: string) => rosterTime({ displayName }, takenAt);

describe('rosterTime', () => {
  it('takes takenAt first, then the fetch time in a page name, then a date or instant in the file name', () => {
    expect(at('exports/okta-users-2026-06-30.json', '2026-06-01T08:00:00+02:00')).toBe('2026-06-01T06:00:00.000Z');
    expect(at('GET /api/v1/users?limit=200 (snapshot 2026-06-30T06:00:00.000Z, page 2)')).toBe('2026-06-30T06:00:00.000Z');
    expect(at('exports/okta-users-2026-06-30.json')).toBe('2026-06-30T23:59:59.999Z');
    expect(at('exports/entra-users-2026-06-30T061500Z.json')).toBe('2026-06-30T06:15:00.000Z');
    // Only the file name counts, not a dated folder.
    expect(() => at('2026-06-30/users.json')).toThrow(/must say when it was taken/);
  });

  it('refuses a roster without a date, naming the file and how to date it', () => {
    try {
      at('users.json');
      throw new Error('expected a refusal');
    } catch (e) {
      expect(isFieldworkError(e) && e.code).toBe('INPUT_INVALID_RECORD');
      expect(isFieldworkError(e) && e.hint).toContain('okta-users-2026-09-30.json');
    }
  });

  it('validates takenAt as a real date or an instant with an offset', () => {
    expect(takenAtSchema.safeParse('2026-02-30').success).toBe(false);
    expect(takenAtSchema.safeParse('2026-06-30T06:00:00').success).toBe(false);
    expect(takenAtSchema.safeParse('2026-06-30').success).toBe(true);
  });

  it('reads optional instants, treating Google\'s 1970 "never" as absent', () => {
    expect(optionalInstant('1970-01-01T00:00:00.000Z')).toBeUndefined();
    expect(optionalInstant('2021-05-04T10:00:00Z')).toBe('2021-05-04T10:00:00.000Z');
    expect(optionalInstant(null)).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, endOfDay, inPeriod, isValidTimeZone, localDate, startOfDay } from './calendar.js';

describe('calendar', () => {
  it('gives the local calendar date of an instant', () => {
    expect(localDate('2026-03-01T02:00:00Z', 'America/Los_Angeles')).toBe('2026-02-28');
    expect(localDate('2026-03-01T02:00:00Z', 'Asia/Tokyo')).toBe('2026-03-01');
  });

  it('gives the same date as formatting each instant, across midnights, offset changes and odd offsets', () => {
    const oracles = new Map<string, Intl.DateTimeFormat>();
    const direct = (ms: number, timeZone: string) => {
      if (!oracles.has(timeZone)) oracles.set(timeZone, new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }));
      return oracles.get(timeZone)!.format(new Date(ms));
    };
    const zones = ['America/Los_Angeles', 'Europe/Berlin', 'Asia/Kolkata', 'Asia/Kathmandu', 'America/St_Johns', 'Australia/Lord_Howe', 'Pacific/Chatham', 'UTC'];
    // Days around the 2026 offset changes of both hemispheres, and a date before standard time (local mean time).
    const starts = ['2026-03-07T00:00:00Z', '2026-03-28T00:00:00Z', '2026-04-04T00:00:00Z', '2026-10-03T00:00:00Z', '2026-10-24T00:00:00Z', '2026-10-31T00:00:00Z', '1880-06-01T00:00:00Z'];
    for (const timeZone of zones) {
      for (const s of starts) {
        // Every 7 minutes and 13 seconds for three days, so instants land at every place in an hour.
        for (let ms = Date.parse(s); ms < Date.parse(s) + 3 * 86_400_000; ms += 433_000) {
          const want = direct(ms, timeZone);
          expect(localDate(new Date(ms).toISOString(), timeZone), `${timeZone} ${new Date(ms).toISOString()}`).toBe(want);
          expect(localDate(new Date(ms), timeZone)).toBe(want);
        }
      }
    }
  });

  it('refuses an instant that is not one, as before', () => {
    expect(() => localDate('not a date', 'UTC')).toThrow(RangeError);
  });

  it('counts days across a leap day and month ends', () => {
    expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2);
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(daysBetween('2026-12-31', '2026-01-01')).toBe(-364);
  });

  it('finds the start of a local day, across daylight-saving changes', () => {
    expect(startOfDay('2026-01-15', 'Europe/Berlin')).toBe('2026-01-14T23:00:00.000Z');
    expect(startOfDay('2026-07-15', 'Europe/Berlin')).toBe('2026-07-14T22:00:00.000Z');
    expect(startOfDay('2026-03-08', 'America/Los_Angeles')).toBe('2026-03-08T08:00:00.000Z');
    expect(endOfDay('2026-03-08', 'America/Los_Angeles')).toBe('2026-03-09T07:00:00.000Z');
  });

  it('decides period membership in the workspace timezone', () => {
    expect(inPeriod('2026-10-01T03:00:00Z', { from: '2026-04-01', to: '2026-09-30' }, 'America/Los_Angeles')).toBe(true);
    expect(inPeriod('2026-10-01T03:00:00Z', { from: '2026-04-01', to: '2026-09-30' }, 'UTC')).toBe(false);
  });

  it('validates IANA names', () => {
    expect(isValidTimeZone('Europe/Berlin')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
  });
});

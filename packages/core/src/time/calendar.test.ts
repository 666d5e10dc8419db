import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, endOfDay, inPeriod, isValidTimeZone, localDate, startOfDay } from './calendar.js';

describe('calendar', () => {
  it('gives the local calendar date of an instant', () => {
    expect(localDate('2026-03-01T02:00:00Z', 'America/Los_Angeles')).toBe('2026-02-28');
    expect(localDate('2026-03-01T02:00:00Z', 'Asia/Tokyo')).toBe('2026-03-01');
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

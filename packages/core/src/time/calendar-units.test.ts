import { describe, expect, it } from 'vitest';
import { isoWeek, unitsOverlapping } from './calendar-units.js';

describe('calendar units', () => {
  it('labels ISO weeks across a year end (Monday to Sunday)', () => {
    expect(isoWeek('2026-12-31')).toBe('2026-W53');
    expect(isoWeek('2027-01-03')).toBe('2026-W53');
    expect(isoWeek('2027-01-04')).toBe('2027-W01');
    expect(isoWeek('2025-12-29')).toBe('2026-W01');
    expect(unitsOverlapping({ from: '2026-12-30', to: '2027-01-05' }, 'weekly')).toEqual([
      { label: '2026-W53', from: '2026-12-28', to: '2027-01-03' }, { label: '2027-W01', from: '2027-01-04', to: '2027-01-10' },
    ]);
  });

  it('gives whole calendar months and quarters overlapping the period', () => {
    expect(unitsOverlapping({ from: '2026-10-15', to: '2027-01-02' }, 'monthly').map((u) => `${u.label} ${u.from}..${u.to}`)).toEqual(['2026-10 2026-10-01..2026-10-31', '2026-11 2026-11-01..2026-11-30', '2026-12 2026-12-01..2026-12-31', '2027-01 2027-01-01..2027-01-31']);
    expect(unitsOverlapping({ from: '2026-10-15', to: '2027-01-02' }, 'quarterly').map((u) => u.label)).toEqual(['2026-Q4', '2027-Q1']);
    expect(unitsOverlapping({ from: '2026-03-07', to: '2026-03-09' }, 'daily')).toHaveLength(3);
  });
});

import { describe, expect, it } from 'vitest';
import { occurrenceSpan, occurrencesIn, requestCadenceOf } from './request-cadence.js';

describe('request cadence and occurrences', () => {
  it('keeps periodic frequencies and asks continuous and per-event controls for a quarter’s evidence', () => {
    expect(requestCadenceOf({ frequency: 'monthly', params: {} })).toBe('monthly');
    expect(requestCadenceOf({ frequency: 'continuous', params: {} })).toBe('quarterly');
    expect(requestCadenceOf({ frequency: 'per_event', params: {} })).toBe('quarterly');
    expect(requestCadenceOf({ frequency: 'daily', params: {} })).toBe('monthly');
    expect(requestCadenceOf({ frequency: 'continuous', params: { evidenceCadence: 'annual' } })).toBe('annual');
    // An unknown override is ignored rather than guessed at.
    expect(requestCadenceOf({ frequency: 'weekly', params: { evidenceCadence: 'fortnightly' } })).toBe('weekly');
  });

  it('lists whole calendar units overlapping the window', () => {
    const w = { from: '2026-04-15', to: '2026-09-30' };
    expect(occurrencesIn('quarterly', w)).toEqual([{ id: '2026-Q2', from: '2026-04-01', to: '2026-06-30' }, { id: '2026-Q3', from: '2026-07-01', to: '2026-09-30' }]);
    expect(occurrencesIn('monthly', w).map((o) => o.id)).toEqual(['2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09']);
    expect(occurrencesIn('annual', { from: '2026-04-01', to: '2027-03-31' }).map((o) => o.id)).toEqual(['2026', '2027']);
    expect(occurrencesIn('weekly', { from: '2026-12-30', to: '2027-01-05' }).map((o) => o.id)).toEqual(['2026-W53', '2027-W01']);
  });

  it('reads every id form back to its span and refuses what is not one', () => {
    expect(occurrenceSpan('2026')).toEqual({ cadence: 'annual', id: '2026', from: '2026-01-01', to: '2026-12-31' });
    expect(occurrenceSpan('2026-Q2')).toEqual({ cadence: 'quarterly', id: '2026-Q2', from: '2026-04-01', to: '2026-06-30' });
    expect(occurrenceSpan('2026-02')).toEqual({ cadence: 'monthly', id: '2026-02', from: '2026-02-01', to: '2026-02-28' });
    expect(occurrenceSpan('2026-W19')).toEqual({ cadence: 'weekly', id: '2026-W19', from: '2026-05-04', to: '2026-05-10' });
    expect(occurrenceSpan('2026-W53')).toEqual({ cadence: 'weekly', id: '2026-W53', from: '2026-12-28', to: '2027-01-03' });
    expect(occurrenceSpan('2025-W53')).toBeNull();
    for (const bad of ['2026-Q5', '2026-13', 'Q2-2026', '26', '2026-W00', '']) expect(occurrenceSpan(bad)).toBeNull();
  });
});

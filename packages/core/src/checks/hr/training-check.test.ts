import { describe, expect, it } from 'vitest';
import { trainingCheck } from './training-check.js';
import { peopleCtx, person, rules, training } from './people-test-support.js';

const params = { withinDays: 30, renewMonths: 12 };

describe('hr.training', () => {
  it('passes a starter trained within 30 days and fails the look-alike trained on day 45', () => {
    const ok = person({ email: 'ok@x.ai', startDate: '2026-02-02' });
    const late = person({ email: 'late@x.ai', startDate: '2026-02-02' });
    const out = trainingCheck.run(peopleCtx({ person: [ok, late], training: [training('ok@x.ai', '2026-02-20T10:00:00Z'), training('late@x.ai', '2026-03-19T10:00:00Z')] }, params));
    expect(rules(out)).toEqual(['training.hire_late late@x.ai']);
    expect(out.items.map((i) => i.subject).sort()).toEqual(['late@x.ai', 'ok@x.ai']);
    expect(out.exceptions[0].detail).toContain('by 2026-03-04');
    expect(out.exceptions[0].citations.map((c) => c.source)).toEqual(['hr', 'knowbe4']);
  });

  it('reports a starter never trained, naming the enrollment left open', () => {
    const p = person({ email: 'none@x.ai', startDate: '2026-03-02' });
    const out = trainingCheck.run(peopleCtx({ person: [p], training: [training('none@x.ai', undefined)] }, params));
    expect(rules(out)).toEqual(['training.hire_missing none@x.ai']);
    expect(out.exceptions[0].detail).toContain('Past Due');
  });

  it('holds long-standing staff to a yearly refresher: trained 11 months ago passes, 13 months ago does not', () => {
    const fresh = person({ email: 'fresh@x.ai', startDate: '2023-05-01' });
    const stale = person({ email: 'stale@x.ai', startDate: '2023-05-01' });
    const records = { person: [fresh, stale], training: [training('fresh@x.ai', '2025-05-20T09:00:00Z'), training('fresh@x.ai', '2026-04-15T09:00:00Z'), training('stale@x.ai', '2025-03-20T09:00:00Z')] };
    const out = trainingCheck.run(peopleCtx(records, params));
    expect(rules(out)).toEqual(['training.renewal_missing stale@x.ai']);
    expect(out.exceptions[0].detail).toContain('by 2026-03-20');
    expect(out.items.find((i) => i.subject === 'fresh@x.ai')?.trace.at(-1)?.at).toBe('2026-04-15T09:00:00Z');
  });

  it('a leaver who left before the deadline owes nothing; one who stayed past it does', () => {
    const gone = person({ email: 'gone@x.ai', startDate: '2026-03-02', endDate: '2026-03-20' });
    const stayed = person({ email: 'stayed@x.ai', startDate: '2026-03-02', endDate: '2026-05-20' });
    const out = trainingCheck.run(peopleCtx({ person: [gone, stayed], training: [training('other@x.ai', '2026-03-01T09:00:00Z')] }, params));
    expect(rules(out)).toEqual(['training.hire_missing stayed@x.ai']);
    expect(out.notes?.join(' ')).toContain('1 deadline(s) in the period fell after the person had left');
  });

  it('a rehire starts over: training from the earlier spell does not count for the new one', () => {
    const rehire = person({ email: 're@x.ai', originalStartDate: '2024-01-08', priorEndDate: '2025-06-30', startDate: '2026-02-02', rehire: true });
    const out = trainingCheck.run(peopleCtx({ person: [rehire], training: [training('re@x.ai', '2025-03-01T09:00:00Z')] }, params));
    expect(rules(out)).toEqual(['training.hire_missing re@x.ai']);
    const retrained = trainingCheck.run(peopleCtx({ person: [rehire], training: [training('re@x.ai', '2025-03-01T09:00:00Z'), training('re@x.ai', '2026-02-10T09:00:00Z')] }, params));
    expect(retrained.exceptions).toEqual([]);
  });

  it('tests contractors only when the workspace says so', () => {
    const c = person({ email: 'c@x.ai', startDate: '2026-02-02', workerType: 'contractor' });
    const records = { person: [c], training: [training('other@x.ai', '2026-02-03T09:00:00Z')] };
    expect(rules(trainingCheck.run(peopleCtx(records, params)))).toEqual(['training.hire_missing c@x.ai']);
    const employeesOnly = trainingCheck.run(peopleCtx(records, { ...params, workerTypes: ['employee'] }));
    expect(employeesOnly.items).toEqual([]);
  });

  it('counts only the named courses when the workspace lists them', () => {
    const p = person({ email: 'p@x.ai', startDate: '2026-02-02' });
    const records = { person: [p], training: [training('p@x.ai', '2026-02-05T09:00:00Z', { course: 'Phishing Refresher' })] };
    expect(trainingCheck.run(peopleCtx(records, params)).exceptions).toEqual([]);
    expect(rules(trainingCheck.run(peopleCtx(records, { ...params, courses: ['security awareness'] })))).toEqual(['training.hire_missing p@x.ai']);
  });

  it('counts days in the workspace timezone', () => {
    // 2026-03-05T03:00Z is still March 4 in Los Angeles: day 30 after a February 2 start, in time.
    const p = person({ email: 'tz@x.ai', startDate: '2026-02-02' });
    const records = { person: [p], training: [training('tz@x.ai', '2026-03-05T03:00:00Z')] };
    expect(trainingCheck.run(peopleCtx(records, params, { timezone: 'America/Los_Angeles' })).exceptions).toEqual([]);
    expect(rules(trainingCheck.run(peopleCtx(records, params)))).toEqual(['training.hire_late tz@x.ai']);
  });

  it('without any training source the result is insufficient evidence naming the source kinds, not a failure', () => {
    const out = trainingCheck.run(peopleCtx({ person: [person({ email: 'a@x.ai', startDate: '2026-02-02' })] }, params));
    expect(out.status).toBe('insufficient_evidence');
    expect(out.exceptions).toEqual([]);
    expect(out.notes?.[0]).toContain('training-csv or knowbe4-enrollments');
  });
});

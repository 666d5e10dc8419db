import { describe, expect, it } from 'vitest';
import { backgroundCheckCheck } from './background-check-check.js';
import { peopleCtx, person, rules, screening } from './people-test-support.js';

const params = { workerTypes: ['employee'], validMonths: 12 };

describe('hr.background-check', () => {
  it('passes a check completed before the start and fails the look-alike completed a week after', () => {
    const ok = person({ email: 'ok@x.ai', startDate: '2026-03-02' });
    const late = person({ email: 'late@x.ai', startDate: '2026-03-02' });
    const out = backgroundCheckCheck.run(peopleCtx({ person: [ok, late], background_check: [screening('ok@x.ai', 'clear', '2026-02-20T16:00:00Z'), screening('late@x.ai', 'clear', '2026-03-09T16:00:00Z')] }, params));
    expect(rules(out)).toEqual(['background.after_start late@x.ai']);
    expect(out.items).toHaveLength(2);
    expect(out.exceptions[0].citations.map((c) => c.source)).toEqual(['hr', 'checkr']);
  });

  it('a check completed on the start day counts; one still pending does not', () => {
    const same = person({ email: 'same@x.ai', startDate: '2026-04-06' });
    const pending = person({ email: 'pending@x.ai', startDate: '2026-04-06' });
    const out = backgroundCheckCheck.run(peopleCtx({ person: [same, pending], background_check: [screening('same@x.ai', 'consider', '2026-04-06T08:00:00Z'), screening('pending@x.ai', 'pending', undefined)] }, params));
    expect(rules(out)).toEqual(['background.not_completed pending@x.ai']);
  });

  it('reports a starter with no check at all, and a rehire whose only check is years old', () => {
    const none = person({ email: 'none@x.ai', startDate: '2026-05-04' });
    const rehire = person({ email: 're@x.ai', originalStartDate: '2022-01-10', priorEndDate: '2023-08-31', startDate: '2026-02-02', rehire: true });
    const out = backgroundCheckCheck.run(peopleCtx({ person: [none, rehire], background_check: [screening('re@x.ai', 'clear', '2022-01-03T12:00:00Z')] }, params));
    expect(rules(out)).toEqual(['background.expired re@x.ai', 'background.missing none@x.ai']);
    // The same rehire, screened again before the new start, passes.
    const again = backgroundCheckCheck.run(peopleCtx({ person: [rehire], background_check: [screening('re@x.ai', 'clear', '2022-01-03T12:00:00Z'), screening('re@x.ai', 'clear', '2026-01-20T12:00:00Z')] }, params));
    expect(again.exceptions).toEqual([]);
  });

  it('screens contractors only when the workspace names them', () => {
    const c = person({ email: 'c@x.ai', startDate: '2026-02-02', workerType: 'contractor' });
    const records = { person: [c], background_check: [screening('other@x.ai', 'clear', '2026-01-01T00:00:00Z')] };
    expect(backgroundCheckCheck.run(peopleCtx(records, params)).items).toEqual([]);
    expect(rules(backgroundCheckCheck.run(peopleCtx(records, { ...params, workerTypes: ['employee', 'contractor'] })))).toEqual(['background.missing c@x.ai']);
  });

  it('leaves starters outside the period out of the population', () => {
    const before = person({ email: 'old@x.ai', startDate: '2025-06-01' });
    const after = person({ email: 'soon@x.ai', startDate: '2026-08-01' });
    const out = backgroundCheckCheck.run(peopleCtx({ person: [before, after], background_check: [screening('x@x.ai', 'clear', '2025-01-01T00:00:00Z')] }, params));
    expect(out.items).toEqual([]);
  });

  it('without a screening source the result is insufficient evidence naming background-checks-csv', () => {
    const out = backgroundCheckCheck.run(peopleCtx({ person: [person({ email: 'a@x.ai', startDate: '2026-02-02' })] }, params));
    expect(out.status).toBe('insufficient_evidence');
    expect(out.notes?.[0]).toContain('background-checks-csv');
  });
});

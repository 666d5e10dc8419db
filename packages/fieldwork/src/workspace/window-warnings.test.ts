import { describe, expect, it } from 'vitest';
import { defaultReport } from './init-workspace.js';
import { emptyWindowWarning, evidenceSpan, windowWarnings } from './window-warnings.js';

const today = '2026-12-06';

describe('windowWarnings', () => {
  it('names a window in the future, with the flag and the YAML key that fix it', () => {
    const [w, ...rest] = windowWarnings({ from: '2027-03-07', to: '2027-09-04' }, today, null);
    expect(rest).toEqual([]);
    expect(w).toContain('2027-03-07 to 2027-09-04 lies in the future (today is 2026-12-06)');
    expect(w).toContain('--from/--to');
    expect(w).toContain('scope.report');
  });

  it('names a window that ends after today, and one outside the collected evidence', () => {
    expect(windowWarnings({ from: '2026-10-01', to: '2027-03-31' }, today, null)).toEqual([expect.stringContaining('ends after today (2026-12-06)')]);
    const span = { from: '2026-06-01', to: '2026-11-30' };
    expect(windowWarnings({ from: '2025-01-01', to: '2025-06-30' }, today, span)).toEqual([expect.stringContaining('ends before any collected evidence (which covers 2026-06-01 to 2026-11-30)')]);
    expect(windowWarnings({ from: '2026-12-01', to: '2026-12-05' }, today, span)).toEqual([expect.stringContaining('starts after the last collected evidence')]);
  });

  it('says nothing about a past window the evidence overlaps', () => {
    expect(windowWarnings({ from: '2026-06-08', to: today }, today, { from: '2026-01-01', to: '2026-12-01' })).toEqual([]);
    expect(windowWarnings({ from: '2026-06-08', to: today }, today, null)).toEqual([]);
  });
});

describe('emptyWindowWarning', () => {
  it('names a past window as empty when nothing dated was collected, with what to do', () => {
    const w = emptyWindowWarning({ from: '2026-06-08', to: today }, today, null);
    expect(w).toContain('No dated evidence has been collected yet: the period 2026-06-08 to 2026-12-06 is empty');
    expect(w).toContain('fieldwork collect');
    expect(emptyWindowWarning({ from: '2026-06-07', to: '2026-06-07' }, today, null)).toContain('the date 2026-06-07 is empty');
    // A window that ends after today is empty too; the future part is named by windowWarnings.
    expect(emptyWindowWarning({ from: '2026-10-01', to: '2027-03-31' }, today, null)).toContain('is empty');
  });

  it('says nothing once dated evidence exists, or for a window wholly in the future (already named)', () => {
    expect(emptyWindowWarning({ from: '2026-06-08', to: today }, today, { from: '2026-01-01', to: '2026-12-01' })).toBeUndefined();
    expect(emptyWindowWarning({ from: '2027-03-07', to: '2027-09-04' }, today, null)).toBeUndefined();
  });
});

describe('evidenceSpan', () => {
  it('spans the dated artifacts and leaves policies and approvals out', () => {
    const e = (kind: string, periodFrom: string | null, periodTo: string | null) => ({ kind, periodFrom, periodTo });
    expect(evidenceSpan([e('policies-md', '2020-01-01', '2030-01-01'), e('okta-system-log', '2026-03-01T10:00:00Z', '2026-05-01T00:00:00Z'), e('hr-csv', '2026-02-01', null)]))
      .toEqual({ from: '2026-02-01', to: '2026-05-01' });
    expect(evidenceSpan([e('policy-approval', '2026-01-01', '2026-01-01')])).toBeNull();
  });
});

describe('defaultReport', () => {
  it('is the last six months up to today, a window evidence exported today covers, and says so', () => {
    const d = defaultReport(today);
    expect(d.report).toEqual({ type: 2, from: '2026-06-08', to: today });
    expect(d.describe).toBe('the last six months up to today (2026-06-08 to 2026-12-06)');
    expect(windowWarnings(d.report.type === 2 ? d.report : { from: '', to: '' }, today, null)).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import type { AccessReviewRecord, RecordSet, TicketRecord } from '../../records/index.js';
import type { CheckContext } from '../check.js';
import { accessReviewsCheck } from './access-reviews-check.js';
import { quartersOverlapping } from '../../time/index.js';

const A = 'a'.repeat(64);
let n = 0;
const review = (system: string, completedAt: string): AccessReviewRecord => ({ kind: 'access_review', source: 'jira', artifact: A, locator: `/${++n}`, system, completedAt, reviewer: 'sec-lead' });
const ticket = (t: Partial<TicketRecord> & { key: string }): TicketRecord => ({ kind: 'ticket', source: 'jira', artifact: A, locator: `/${++n}`, system: 'jira', created: '2026-04-01T00:00:00Z', labels: [], links: [], ...t });
const ctx = (records: RecordSet, over: Partial<CheckContext> = {}): CheckContext => ({
  period: { from: '2026-04-01', to: '2026-09-30' }, timezone: 'America/Los_Angeles', params: {}, records, asOf: '2026-09-30',
  workspace: { scope: { systems: ['okta', 'aws'] } }, ...over,
});
const subjects = (records: RecordSet, over?: Partial<CheckContext>) => accessReviewsCheck.run(ctx(records, over)).exceptions.map((e) => `${e.rule} ${e.subject}`);

describe('access.reviews', () => {
  it('lists the calendar quarters a period overlaps', () => {
    expect(quartersOverlapping({ from: '2026-02-15', to: '2026-07-01' }).map((q) => `${q.label} ${q.from} ${q.to}`))
      .toEqual(['2026-Q1 2026-01-01 2026-03-31', '2026-Q2 2026-04-01 2026-06-30', '2026-Q3 2026-07-01 2026-09-30']);
    expect(quartersOverlapping({ from: '2026-11-01', to: '2027-01-05' }).map((q) => q.label)).toEqual(['2026-Q4', '2027-Q1']);
  });

  it('passes when every in-scope system is reviewed each quarter', () => {
    const records = { access_review: [review('Okta', '2026-05-01T17:00:00Z'), review('aws', '2026-06-20T17:00:00Z'), review('okta', '2026-08-01T17:00:00Z'), review('aws-prod', '2026-09-10T17:00:00Z')] };
    const out = accessReviewsCheck.run(ctx(records));
    expect(out.exceptions).toEqual([]);
    expect(out.items.map((i) => i.subject)).toEqual(['okta 2026-Q2', 'aws 2026-Q2', 'okta 2026-Q3', 'aws 2026-Q3']);
  });

  it('reports a missing quarter per system, judging the quarter in the workspace timezone', () => {
    // 2026-07-01T05:00Z is still June 30 in Los Angeles: a Q2 review, so Q3 has none for aws.
    const records = { access_review: [review('okta', '2026-05-01T17:00:00Z'), review('aws', '2026-07-01T05:00:00Z'), review('okta', '2026-08-01T17:00:00Z')] };
    expect(subjects(records)).toEqual(['review.missing aws 2026-Q3']);
    expect(subjects(records, { timezone: 'UTC' })).toEqual(['review.missing aws 2026-Q2']);
  });

  it('accepts a re-requested review ticket once it is resolved, labelled with its system', () => {
    const t = ticket({ key: 'SEC-4', type: 'Access Review', summary: 'Q3 review (re-requested)', labels: ['system:aws'], resolvedAt: '2026-09-15T17:00:00Z', approvedBy: 'sec-lead' });
    const open = ticket({ key: 'SEC-5', type: 'Access Review', summary: 'Q3 okta access review' });
    const records = { access_review: [review('okta', '2026-05-01T17:00:00Z'), review('aws', '2026-05-01T17:00:00Z')], ticket: [t, open] };
    expect(subjects(records)).toEqual(['review.missing okta 2026-Q3']);
  });

  it('does not expect a review in a quarter that ends after the evidence date, and defaults the systems', () => {
    const out = accessReviewsCheck.run(ctx({}, { asOf: '2026-08-15', workspace: {} }));
    expect(out.exceptions.map((e) => e.subject).sort()).toEqual(['aws 2026-Q2', 'github 2026-Q2', 'okta 2026-Q2']);
    expect(out.notes?.[0]).toContain('2026-Q3');
  });
});

import { describe, expect, it } from 'vitest';
import { approvalOf, firstResponseOf } from './tracker-history.js';

describe('tracker history', () => {
  const events = [
    { at: '2026-05-02T10:00:00Z', by: 'maya', fromState: 'Waiting', toState: 'Approved', index: 2 },
    { at: '2026-05-01T10:00:00Z', by: 'dee', addedLabels: ['Approved'], removedLabels: [], index: 1 },
    { at: '2026-05-01T09:00:00Z', by: 'ada', toState: 'Waiting', index: 0 },
  ];

  it('takes the first sign-off in time, by status or by label, whatever the export order', () => {
    expect(approvalOf(events, { approvedStatuses: ['approved'] })).toEqual({ at: '2026-05-02T10:00:00Z', by: 'maya', via: 'status Approved' });
    expect(approvalOf(events, { approvedStatuses: ['Approved'], approvedLabels: ['approved'] })).toEqual({ at: '2026-05-01T10:00:00Z', by: 'dee', via: 'label Approved' });
    expect(approvalOf(events, { approvedStatuses: ['Signed off'] })).toBeUndefined();
  });

  it('finds the first response as the first move out of the opening state, skipping the creation entry', () => {
    expect(firstResponseOf([...events, { at: '2026-05-03T00:00:00Z', fromState: 'Approved', toState: 'Done', index: 3 }])?.at).toBe('2026-05-02T10:00:00Z');
    expect(firstResponseOf([{ at: '2026-05-01T09:00:00Z', toState: 'Triage', index: 0 }])).toBeUndefined();
  });
});

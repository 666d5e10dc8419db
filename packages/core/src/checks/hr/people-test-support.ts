import type { BackgroundCheckRecord, PersonRecord, PolicyAckRecord, PolicyRecord, RecordSet, TrainingRecord } from '../../records/index.js';
import type { CheckContext } from '../check.js';

const HR = 'a'.repeat(64);
const OTHER = 'c'.repeat(64);
let n = 0;

/** An HR row (employee unless said otherwise). */
export const person = (p: Partial<PersonRecord> & { email: string }): PersonRecord => ({ kind: 'person', source: 'hr', artifact: HR, locator: `line ${++n}`, id: String(n), workerType: 'employee', ...p });

/** A completed (or, with `completedAt: undefined`, open) training enrollment. */
export const training = (email: string, completedAt: string | undefined, over: Partial<TrainingRecord> = {}): TrainingRecord => ({
  kind: 'training', source: 'knowbe4', artifact: OTHER, locator: `/${++n}`, email, course: 'Security Awareness 2026', ...(completedAt ? { completedAt, status: 'Passed' } : { status: 'Past Due' }), ...over,
});

export const ack = (email: string, policy: string, at: string, over: Partial<PolicyAckRecord> = {}): PolicyAckRecord => ({ kind: 'policy_ack', source: 'acks', artifact: OTHER, locator: `line ${++n}`, email, policy, at, ...over });

export const policy = (id: string, version: string, approvedAt: string, bodySha256?: string): PolicyRecord => ({
  kind: 'policy', source: 'policies', artifact: OTHER, locator: `policies/${id}.md`, id, title: id, version, approvedBy: 'Casey', approvedAt, ...(bodySha256 ? { bodySha256 } : {}),
});

export const screening = (email: string, status: string, completedAt: string | undefined, over: Partial<BackgroundCheckRecord> = {}): BackgroundCheckRecord => ({
  kind: 'background_check', source: 'checkr', artifact: OTHER, locator: `line ${++n}`, email, status, completed: completedAt !== undefined, ...(completedAt ? { completedAt } : {}), ...over,
});

/** A check context over the first half of 2026, in UTC unless said otherwise. */
export const peopleCtx = (records: RecordSet, params: Record<string, unknown> = {}, over: Partial<CheckContext> = {}): CheckContext => ({
  period: { from: '2026-01-01', to: '2026-06-30' }, timezone: 'UTC', params, records, asOf: '2026-06-30', workspace: {}, ...over,
});

export const rules = (out: { exceptions: { rule: string; subject: string }[] }) => out.exceptions.map((e) => `${e.rule} ${e.subject}`).sort();

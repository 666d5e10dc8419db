import { describe, expect, it } from 'vitest';
import { exceptionNotices } from './exception-notices.js';
import type { CheckRunExceptions } from './exception-notices.js';
import { noticeIsFor } from './notification-recipients.js';
import type { Recipient } from './notification-recipients.js';
import { collectionNotices, evidenceNotices, ledgerNotices } from './operational-notices.js';
import { planDigests } from './plan-digests.js';

const cite = [{ artifact: 'a'.repeat(64), source: 'vendors', locator: 'line 3' }];
const run = (runId: number, subjects: string[]): CheckRunExceptions => ({
  runId, results: [
    { control: 'VEN-02', title: 'Vendor reports', exceptions: subjects.map((s) => ({ rule: 'vendor.report_stale', subject: s, detail: `${s} is stale`, citations: cite })) },
    { control: 'HR-05', title: 'Deprovisioning', exceptions: [] },
  ],
});
const owners = (c: string) => (c === 'VEN-02' ? ['sam@acme.test'] : []);

describe('exception notices', () => {
  it('are the exceptions new since the baseline and the ones it had that closed', () => {
    const n = exceptionNotices(run(1, ['Mailco', 'Searchco']), run(2, ['Searchco', 'Faxco']), owners);
    expect(n.map((x) => [x.kind, x.title, x.owners, x.id])).toEqual([
      ['exception_new', 'VEN-02 Vendor reports: Faxco', ['sam@acme.test'], 'exception:VEN-02|vendor.report_stale|Faxco|@2'],
      ['exception_closed', 'VEN-02 Vendor reports: Mailco', ['sam@acme.test'], 'exception-closed:VEN-02|vendor.report_stale|Mailco|@2'],
    ]);
  });

  it('are nothing when the exceptions did not change (the compliant look-alike of a new one)', () => {
    expect(exceptionNotices(run(1, ['Searchco']), run(2, ['Searchco']), owners)).toEqual([]);
  });

  it('without a baseline, every open exception is new', () => {
    expect(exceptionNotices(undefined, run(1, ['Mailco', 'Searchco']), owners).map((x) => x.kind)).toEqual(['exception_new', 'exception_new']);
  });
});

describe('operational notices', () => {
  it('tell due soon and overdue requests, not current or not applicable ones', () => {
    const n = evidenceNotices([
      { id: 'r1', control: 'POL-01', covers: '2026', due: '2026-07-08', status: 'due_soon', ownerEmail: 'sam@acme.test' },
      { id: 'r2', control: 'POL-01', covers: '2025', due: '2026-01-31', status: 'missing' },
      { id: 'r3', control: 'POL-02', covers: '2026', due: '2026-07-08', status: 'current' },
      { id: 'r4', control: 'POL-03', covers: '2026', due: '2026-07-08', status: 'not_applicable' },
    ]);
    expect(n.map((x) => [x.id, x.kind, x.owners, x.detail])).toEqual([
      ['evidence-due:r1', 'evidence_due', ['sam@acme.test'], 'due 2026-07-08'],
      ['evidence-overdue:r2', 'evidence_overdue', [], 'was due 2026-01-31; nothing submitted'],
    ]);
  });

  it('tell a failing collection once per run of failures', () => {
    const f = { source: 'okta', kind: 'okta-system-log', failingSinceId: 4, failingSince: '2026-07-01T06:00:00Z', lastAt: '2026-07-03T06:00:00Z', errorCode: 'API_FAILED', errorMessage: '401', failures: 3 };
    expect(collectionNotices([f])[0]).toMatchObject({ id: 'collection-failed:okta:4', detail: 'API_FAILED: 401 (3 failed collections since 2026-07-01T06:00:00Z)' });
  });

  it('tell a broken ledger naming the first problem, and nothing for a sound one', () => {
    expect(ledgerNotices({ ok: true, headHash: 'h', problems: [] })).toEqual([]);
    const n = ledgerNotices({ ok: false, headHash: 'h', problems: [{ seq: 3, kind: 'blob_changed', detail: 'bytes differ' }, { seq: 4, kind: 'chain_broken', detail: 'x' }] });
    expect(n).toMatchObject([{ kind: 'ledger_broken', title: 'blob_changed at ledger entry 3', detail: 'bytes differ (and 1 more problem(s)); run `fieldwork verify`' }]);
  });
});

describe('digest planning', () => {
  const person = (email: string, o: Partial<Recipient> = {}): Recipient => ({
    name: email, email, roles: [], compliance: false, events: ['exception_new', 'collection_failed'], scope: 'mine', channels: ['email'], digestTime: '08:00', ...o,
  });
  const cora = person('cora@acme.test', { compliance: true, scope: 'all', channels: ['email', 'webhook'] });
  const sam = person('sam@acme.test', { events: ['exception_new'] });
  const notices = [
    ...exceptionNotices(undefined, run(1, ['Mailco']), owners),
    ...collectionNotices([{ source: 'okta', kind: 'okta-system-log', failingSinceId: 1, failingSince: 'x', lastAt: 'x', errorCode: 'API_FAILED', errorMessage: '401', failures: 1 }]),
  ];
  const input = { recipients: [cora, sam], notices, checkRunId: 1, wasSent: () => false, sentOn: () => false, timezone: 'Europe/Berlin', mode: 'scheduled' as const };

  it('routes each notice to its owner and the compliance owner, one digest per person and channel, most urgent first', () => {
    const { digests } = planDigests({ ...input, now: new Date('2026-07-01T06:30:00Z') });
    expect(digests.map((d) => [d.recipient.email, d.channel, d.day, d.notices.map((n) => n.kind).join(',')])).toEqual([
      ['cora@acme.test', 'email', '2026-07-01', 'collection_failed,exception_new'],
      ['cora@acme.test', 'webhook', '2026-07-01', 'collection_failed,exception_new'],
      ['sam@acme.test', 'email', '2026-07-01', 'exception_new'],
    ]);
    expect(noticeIsFor(notices[1]!, sam)).toBe(false);
  });

  it('waits for the digest time in the workspace timezone and sends once a day when scheduled', () => {
    expect(planDigests({ ...input, now: new Date('2026-07-01T05:59:00Z') }).digests).toEqual([]);
    const sentToday = planDigests({ ...input, now: new Date('2026-07-01T10:00:00Z'), sentOn: (_e, _c, day) => day === '2026-07-01' });
    expect(sentToday.digests).toEqual([]);
    expect(planDigests({ ...input, mode: 'now', now: new Date('2026-07-01T05:00:00Z') }).digests).toHaveLength(3);
  });

  it('leaves out what was sent to that person on that channel', () => {
    const { digests } = planDigests({ ...input, now: new Date('2026-07-01T07:00:00Z'), wasSent: (e, c) => e === 'cora@acme.test' && c === 'email' });
    expect(digests.map((d) => `${d.recipient.email} ${d.channel}`)).toEqual(['cora@acme.test webhook', 'sam@acme.test email']);
  });
});

describe('--as-of', () => {
  it('a date is the last moment of that day in the workspace timezone; an instant is taken as written', async () => {
    const { asOfClock } = await import('./run-digest.js');
    expect(asOfClock('2026-07-01', 'Europe/Berlin').now().toISOString()).toBe('2026-07-01T21:59:59.999Z');
    expect(asOfClock('2026-07-01T05:00:00Z', 'Europe/Berlin').now().toISOString()).toBe('2026-07-01T05:00:00.000Z');
  });
});

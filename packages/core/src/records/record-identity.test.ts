import { describe, expect, it } from 'vitest';
import { contentIdentity, recordIdentities, recordIdentity } from './record-identity.js';
import { recordSchemas } from './record-schemas.js';
import type { FieldworkRecord } from './record-schemas.js';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
const rec = (r: object, artifact = A, locator = 'line 2') => ({ source: 'src', artifact, locator, ...r }) as FieldworkRecord;

describe('recordIdentity', () => {
  it('has an identity rule for every record kind (a natural key, or the content hash where none exists)', () => {
    expect(Object.keys(recordIdentities).sort()).toEqual(Object.keys(recordSchemas).sort());
    expect(Object.entries(recordIdentities).filter(([, f]) => f === null).map(([k]) => k)).toEqual(['trace_summary']);
  });

  it('ignores where a fact was stated and what else it says', () => {
    const pr = { kind: 'change', repo: 'acme/api', number: 412, author: 'ada', mergedAt: '2026-05-01T00:00:00.000Z', targetBranch: 'main', via: 'pull_request' };
    expect(recordIdentity(rec(pr))).toBe(recordIdentity(rec({ ...pr, title: 'renamed', labels: ['hotfix'] }, B, 'line 90')));
    expect(recordIdentity(rec(pr))).not.toBe(recordIdentity(rec({ ...pr, number: 413 })));
  });

  it('tells a pull request from a direct commit in the same repository', () => {
    const base = { kind: 'change', repo: 'acme/api', author: 'ada', mergedAt: '2026-05-01T00:00:00.000Z', targetBranch: 'main' };
    expect(recordIdentity(rec({ ...base, via: 'direct_push', commit: 'abc' }))).toBe('["acme/api","commit","abc"]');
    expect(recordIdentity(rec({ ...base, via: 'pull_request', number: 7, commit: 'abc' }))).toBe('["acme/api","pr",7]');
  });

  it('names a vendor the same however the register spells its case and spaces', () => {
    const v = (name: string) => recordIdentity(rec({ kind: 'vendor', name, criticality: 'high' }));
    expect(v('  Open  AI ')).toBe(v('open ai'));
    expect(v('OpenAI')).not.toBe(v('Open AI'));
  });

  it('keeps each scan run\'s observation of a finding, but one Dependabot alert over its life', () => {
    const f = { kind: 'finding', scanner: 'trivy', asset: 'web', vulnId: 'CVE-1', severity: 'high', package: 'undici' };
    expect(recordIdentity(rec({ ...f, seenAt: '2026-05-01T00:00:00.000Z' }))).not.toBe(recordIdentity(rec({ ...f, seenAt: '2026-05-08T00:00:00.000Z' })));
    const alert = { ...f, scanner: 'dependabot', firstSeenAt: '2026-04-01T00:00:00.000Z' };
    expect(recordIdentity(rec({ ...alert, seenAt: '2026-05-01T00:00:00.000Z', state: 'open' }))).toBe(recordIdentity(rec({ ...alert, seenAt: '2026-05-20T00:00:00.000Z', state: 'fixed' })));
  });

  it('falls back on the event\'s content when the source gives no event id', () => {
    const e = { kind: 'access_event', system: 'entra', eventType: 'Add user', action: 'create', at: '2026-05-01T00:00:00.000Z', account: 'p@x.ai' };
    expect(recordIdentity(rec(e))).toBe(recordIdentity(rec(e, B)));
    expect(recordIdentity(rec(e))).not.toBe(recordIdentity(rec({ ...e, at: '2026-05-02T00:00:00.000Z' })));
    expect(recordIdentity(rec({ ...e, eventId: 'x1' }))).toBe(recordIdentity(rec({ ...e, eventId: 'x1', at: '2026-06-01T00:00:00.000Z' })));
  });

  it('hashes a fact without a natural id by what it says, key order aside', () => {
    const s = { kind: 'trace_summary', spans: 3, modelCalls: 1, toolCalls: 1, agentRuns: 1, retrievals: 0, services: ['a'] };
    expect(contentIdentity(rec(s))).toBe(contentIdentity(rec({ services: ['a'], retrievals: 0, agentRuns: 1, toolCalls: 1, modelCalls: 1, spans: 3, kind: 'trace_summary' }, B, '/')));
    expect(contentIdentity(rec(s))).not.toBe(contentIdentity(rec({ ...s, spans: 4 })));
  });

  it('keeps parts apart: a separator inside a part never makes two keys collide', () => {
    const t = (system: string, key: string) => recordIdentity(rec({ kind: 'ticket', system, key, created: '2026-05-01T00:00:00.000Z', labels: [], links: [] }));
    expect(t('a|b', 'c')).not.toBe(t('a', 'b|c'));
  });
});

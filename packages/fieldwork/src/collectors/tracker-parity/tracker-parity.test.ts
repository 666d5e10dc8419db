import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliCaptured } from '../../testing/run-cli-captured.js';
import { jiraSearchResponse, linearIssuesResponse, PEOPLE } from './parity-facts.js';

/**
 * The same facts written in Jira's and in Linear's export formats, each collected into its own
 * workspace beside the same HR roster, Okta System Log and GitHub commits, must give the same
 * check results: the trackers are interchangeable evidence.
 */
const root = mkdtempSync(join(tmpdir(), 'fieldwork-tracker-parity-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const HR = ['Employee ID,Name,Work Email,Start Date,End Date', ...Object.values(PEOPLE).filter((p) => p !== PEOPLE.desk).map((p, i) => `e${i + 1},${p.name},${p.email},2025-01-06,`)].join('\n') + '\n';

const grant = (uuid: string, who: string, app: string, published: string) => ({
  uuid, published, eventType: 'application.user_membership.add', displayMessage: 'Add user to application membership',
  actor: { id: '00uadmin', type: 'User', alternateId: 'it-admin@relaylabs.ai', displayName: 'IT Admin' },
  target: [{ id: `00u${uuid}`, type: 'User', alternateId: who, displayName: who }, { id: `0ua${uuid}`, type: 'AppUser', alternateId: who, displayName: who }, { id: `0oa${uuid}`, type: 'AppInstance', alternateId: app, displayName: app }],
  outcome: { result: 'SUCCESS', reason: null },
});
const OKTA = [
  grant('g1', PEOPLE.ada.email, 'AWS IAM Identity Center', '2026-05-12T18:00:00.000Z'),
  grant('g2', PEOPLE.ben.email, 'GitHub', '2026-05-20T18:00:00.000Z'),
  grant('g3', PEOPLE.cy.email, 'Notion', '2026-06-03T18:00:00.000Z'),
  grant('g4', PEOPLE.dee.email, 'Datadog', '2026-06-10T18:00:00.000Z'),
  grant('g5', PEOPLE.eli.email, 'Linear', '2026-06-15T18:00:00.000Z'),
];

const api = 'https://api.github.com/repos/relaylabs/agent-api';
const commit = (sha: string, message: string, parents: string[], at: string) => ({
  sha, url: `${api}/commits/${sha}`, html_url: `https://github.com/relaylabs/agent-api/commit/${sha}`,
  commit: { message, author: { name: 'Ada Okafor', email: PEOPLE.ada.email, date: at }, committer: { name: 'Ada Okafor', email: PEOPLE.ada.email, date: at } },
  author: { login: 'ada' }, committer: { login: 'ada' }, parents: parents.map((p) => ({ sha: p })),
});
const sha = (c: string) => c.repeat(40);
// Newest first, as GET /repos/{o}/{r}/commits?sha=main returns them: two emergency pushes straight to main.
const COMMITS = [
  commit(sha('b'), 'ENG-31 Disable streaming\n\nEmergency: yes', [sha('a')], '2026-05-07T03:00:00Z'),
  commit(sha('a'), 'ENG-30 Fix token refresh loop\n\nEmergency: yes', [sha('0')], '2026-05-05T03:00:00Z'),
];

const TRACKERS = {
  jira: { kind: 'jira-issues', file: 'jira-search.json', body: jiraSearchResponse(), options: { subjectField: 'customfield_10400' } },
  linear: { kind: 'linear-issues', file: 'linear-issues.json', body: linearIssuesResponse(), options: { subjectRules: [{ description: 'Subject:' }, { field: 'creator' }] } },
};

function workspace(tracker: keyof typeof TRACKERS): string {
  const t = TRACKERS[tracker];
  const dir = join(root, tracker);
  mkdirSync(join(dir, 'github'), { recursive: true });
  writeFileSync(join(dir, 'fieldwork.yaml'), [
    `organization: Parity ${tracker}`, 'timezone: UTC', 'startDate: 2026-01-01',
    'scope:', '  categories: [security]', '  systems: [aws, github]', '  report: { type: 2, from: 2026-04-01, to: 2026-06-30 }',
    'owners:', '  compliance: { name: Maya Chen, email: maya.chen@relaylabs.ai, roles: [compliance-owner] }', '  people: []',
    'incidents:',
    '  severities: { Highest: critical, Urgent: critical, Medium: medium }',
    '  taxonomy:',
    '    - { id: tenant-isolation, name: Cross-tenant exposure, severity: critical, owner: security-lead, responseHours: 1 }',
    '    - { id: availability, name: Service unavailable, severity: medium, owner: engineering-lead, responseHours: 4 }',
    'sources:',
    `  - { name: hr, kind: hr-csv, path: hr.csv, options: { columns: { id: Employee ID, name: Name, email: Work Email, startDate: Start Date, endDate: End Date } } }`,
    '  - { name: okta, kind: okta-system-log, path: okta.json }',
    '  - { name: github, kind: github-rest, path: github }',
    `  - { name: tracker, kind: ${t.kind}, path: ${t.file}, options: ${JSON.stringify(t.options)} }`,
  ].join('\n') + '\n');
  writeFileSync(join(dir, 'hr.csv'), HR);
  writeFileSync(join(dir, 'okta.json'), JSON.stringify(OKTA, null, 2));
  writeFileSync(join(dir, 'github', 'commits-main.json'), JSON.stringify(COMMITS, null, 2));
  writeFileSync(join(dir, t.file), JSON.stringify(t.body, null, 2));
  return dir;
}

interface CheckJson { results: { control: string; status: string; population: number; exceptions: { rule: string; subject: string; detail: string }[] }[] }
const results: Partial<Record<keyof typeof TRACKERS, CheckJson['results']>> = {};

beforeAll(async () => {
  for (const tracker of Object.keys(TRACKERS) as (keyof typeof TRACKERS)[]) {
    const dir = workspace(tracker);
    const collected = await runCliCaptured(['--workspace', dir, 'collect', '--json']);
    expect(collected.code, collected.stderr).toBe(0);
    const checked = await runCliCaptured(['--workspace', dir, 'check', '--json']);
    expect(checked.code, checked.stderr).toBe(0);
    results[tracker] = (JSON.parse(checked.stdout) as CheckJson).results;
  }
}, 120_000);

/**
 * What a result concludes, without the citations (artifact hashes differ by format) and with the
 * subject rule named generically: each tracker names the person in its own place, and says which.
 */
const RULE_NAME = /\(rule: [^)]*\)/g;
const conclusions = (rs: CheckJson['results']) => rs.map((r) => ({ control: r.control, status: r.status, population: r.population, exceptions: r.exceptions.map((e) => `${e.rule} ${e.subject}: ${e.detail.replace(RULE_NAME, '(rule)')}`).sort() }));
const rulesOf = (rs: CheckJson['results']) => rs.flatMap((r) => r.exceptions.map((e) => `${e.rule} ${e.subject}`)).sort();

describe('Jira and Linear give the same check results for the same facts', () => {
  it('finds the planted exceptions, and only those, from the Jira export', () => {
    const rules = rulesOf(results.jira!).filter((r) => /^(grant|review|incident|change)\./.test(r));
    expect(rules).toEqual([
      'change.emergency_unapproved relaylabs/agent-api@bbbbbbb',
      'grant.approved_after dee.rao@relaylabs.ai',
      'grant.no_ticket eli.stone@relaylabs.ai',
      'grant.self_approved cy.park@relaylabs.ai',
      'incident.late_response INC-5',
      'review.missing github 2026-Q2',
    ]);
  });

  it('concludes the same for every control from the Linear export: statuses, populations, exception rules, subjects and details', () => {
    expect(conclusions(results.linear!)).toEqual(conclusions(results.jira!));
  });

  it('covers the on-behalf-of request through each tracker\'s own place for the subject, and says which place', () => {
    for (const tracker of ['jira', 'linear'] as const) {
      expect(rulesOf(results[tracker]!).filter((r) => r.includes(PEOPLE.ben.email))).toEqual([]);
    }
    const named = (tracker: 'jira' | 'linear') => results[tracker]!.flatMap((r) => r.exceptions).find((e) => e.rule === 'grant.self_approved')?.detail.match(RULE_NAME);
    expect(named('jira')).toEqual(['(rule: field customfield_10400)']);
    expect(named('linear')).toEqual(['(rule: description Subject:)']);
  });
});

import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemo } from '../demo/generate-demo.js';
import { checkRunJson, checkWorkspace } from '../pipeline/check-workspace.js';
import { collectWorkspace } from '../pipeline/collect-workspace.js';
import { openTestStore, TEST_DIALECTS } from '../testing/index.js';
import type { TestStore } from '../testing/index.js';
import { firstFacts, laterExport, previousExport } from '../testing/reexport.js';
import { reexportMode, reexportSpecs } from '../testing/reexport-specs.js';
import { initWorkspace, loadWorkspace } from '../workspace/index.js';
import type { SourceConfig } from '../workspace/index.js';
import { collectors } from './registry.js';

/**
 * Re-collection, one source kind at a time: collect a week-old export, then the current one
 * (overlapping it, one fact stated differently, reordered, and for snapshots one fact gone),
 * and the store must hold what a fresh workspace collecting only the current export holds —
 * the same records, populations and check exceptions. Then the oldest fact leaves the export:
 * a snapshot forgets it, a log keeps it.
 */

const NOW = new Date('2026-10-15T00:00:00Z');
const here = dirname(new URL(import.meta.url).pathname);
const fixture = (p: string) => readFileSync(join(here, p), 'utf8');

interface Case {
  kind: string;
  /** Where the export sits in the workspace, and the source entry reading it. */
  file: string;
  source: Omit<SourceConfig, 'kind'>;
  content(): string;
}

/** Demo exports: one file per source kind (the first facts of it, to keep the test quick). */
const DEMO_FILES: Record<string, string> = {
  'bamboohr-csv': 'exports/bamboohr/employees.csv',
  'okta-system-log': 'exports/okta/system-log.jsonl',
  'otlp-json': 'exports/otel/relay-traces-2026-09.jsonl',
  'prompt-log-jsonl': 'exports/prompt-log/relay-prompt-log-2026-09-30.jsonl',
  'aws-backup-jobs': 'exports/aws-backup/backup-jobs-2026-09.json',
  'aws-restore-jobs': 'exports/aws-backup/restore-jobs.json',
  'pgbackrest-info': 'exports/pgbackrest/info.json',
  'restic-snapshots': 'exports/restic/snapshots.json',
  'restore-test-yaml': 'restore-tests/2026-05-20-agent-memory.yaml',
  'vendors-yaml': 'vendors/vendors.yaml',
  'policies-md': 'policies/access-control.md',
  'jira-issues': 'exports/jira/search-page-1.json',
  // A week with three open findings, so one can leave the next export (the last scans have one each).
  'trivy-json': 'exports/trivy/agent-api-2026-05-11.json',
  'prowler-ocsf': 'exports/prowler/prowler-aws-2026-09-28.ocsf.json',
  cyclonedx: 'exports/sbom/agent-runtime.cdx.json',
  'github-rest': 'exports/github/web/pulls.json',
  'model-changes-yaml': 'governance/model-changes.yaml',
  'eval-runs-json': 'exports/evals/eval-runs.json',
  'promptfoo-results': 'exports/evals/promptfoo/heldout-gpt5-2026-08-12.json',
  'isolation-probe-json': 'exports/probes/probe-20260911T160000Z-demo.json',
  'incidents-json': 'governance/incidents.json',
  'risk-register-yaml': 'governance/risks.yaml',
  'policy-acks-csv': 'exports/esign/policy-acknowledgements.csv',
  'knowbe4-enrollments': 'exports/knowbe4/training-enrollments.json',
  'background-checks-csv': 'exports/checkr/reports.csv',
};

const grypeMatch = (id: string, pkg: string) => ({ vulnerability: { id, severity: 'High', fix: { versions: ['2.0.1'], state: 'fixed' } }, artifact: { name: pkg, version: '1.0.0', type: 'npm', locations: [{ path: '/src/agent-runtime/package-lock.json' }] } });
const osvPackage = (id: string, pkg: string) => ({
  package: { name: pkg, version: '1.0.0', ecosystem: 'npm' },
  vulnerabilities: [{ id, aliases: [], summary: `${id} in ${pkg}`, affected: [{ package: { ecosystem: 'npm', name: pkg }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.0.1' }] }] }], database_specific: { severity: 'HIGH' } }],
  groups: [{ ids: [id], aliases: [id], max_severity: '7.5' }],
});
const sarifResult = (ruleId: string, line: number) => ({ ruleId, message: { text: 'x' }, locations: [{ physicalLocation: { artifactLocation: { uri: 'src/db.ts' }, region: { startLine: line } } }] });
const alert = (n: number, more: Record<string, unknown> = {}) => ({
  number: n, state: 'open',
  dependency: { package: { ecosystem: 'pip', name: 'jinja2' }, manifest_path: 'agent-runtime/uv.lock', scope: 'runtime' },
  security_advisory: { ghsa_id: `GHSA-h5c8-rqwp-cp9${n}`, cve_id: `CVE-2026-2${n}00`, summary: 'Sandbox escape', severity: 'high' },
  security_vulnerability: { package: { ecosystem: 'pip', name: 'jinja2' }, severity: 'high', first_patched_version: { identifier: '3.1.6' } },
  url: `https://api.github.com/repos/relaylabs/agent-runtime/dependabot/alerts/${n}`,
  created_at: '2026-05-04T10:00:00Z', updated_at: '2026-05-04T10:00:00Z', fixed_at: null, dismissed_at: null, dismissed_reason: null, auto_dismissed_at: null, ...more,
});
const gwsActivity = (time: string, uq: string, name: string, email: string) => ({
  kind: 'admin#reports#activity', id: { time, uniqueQualifier: uq, applicationName: 'admin', customerId: 'C0abc' }, etag: '"x"',
  actor: { callerType: 'USER', email: 'admin@example.com', profileId: '1001' }, ipAddress: '203.0.113.7',
  events: [{ type: 'USER_SETTINGS', name, parameters: [{ name: 'USER_EMAIL', value: email }] }],
});
const jsonl = (rows: unknown[]) => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';

/** Source kinds the demo does not write: small exports in each format. */
const INLINE: Case[] = [
  {
    kind: 'hr-csv', file: 'hr/roster.csv', source: { path: 'hr/roster.csv', options: { columns: { id: 'id', name: 'name', email: 'email', startDate: 'start', endDate: 'end' } } },
    content: () => 'id,name,email,start,end\n1,Ada Okafor,ada@relaylabs.ai,2025-01-06,\n2,Ben Osei,ben@relaylabs.ai,2025-02-03,2026-05-29\n3,Chen Li,chen@relaylabs.ai,2026-03-02,\n4,Dara Kim,dara@relaylabs.ai,2026-04-06,\n',
  },
  {
    kind: 'langfuse-export', file: 'langfuse/export.jsonl', source: { path: 'langfuse/export.jsonl', options: { service: 'relay-agent' } },
    content: () => jsonl([
      { id: 'gen-1', trace_id: 'tr-1', type: 'GENERATION', name: 'chat', start_time: '2026-05-01 10:00:01.500000', end_time: '2026-05-01 10:00:02.000000', provided_model_name: 'gpt-4.1-2025-04-14', usage_details: { input: 100, output: 20 }, environment: 'production', input: 'hello', output: 'ok', metadata: {} },
      { id: 'tool-1', trace_id: 'tr-1', type: 'SPAN', name: 'refunds.issue', start_time: '2026-05-01 10:00:03.000000', parent_observation_id: 'gen-1', environment: 'production', metadata: { type: 'TOOL', 'app.authz.subject': 'user-7', 'app.authz.audience': 'https://pay.test', 'app.authz.scope': 'refunds.write' } },
      { id: 'tool-2', trace_id: 'tr-1', type: 'SPAN', name: 'crm.lookup', start_time: '2026-05-01 10:00:04.000000', parent_observation_id: 'gen-1', environment: 'production', metadata: { type: 'TOOL' } },
      { id: 'tr-1', timestamp: '2026-05-01 10:00:00.000000', name: 'support-chat', user_id: 'user-7', session_id: 's-1', environment: 'production', metadata: '{"tenant":"acme"}' },
    ]),
  },
  {
    kind: 'grype-json', file: 'scans/grype.json', source: { path: 'scans/grype.json' },
    content: () => JSON.stringify({ matches: [grypeMatch('GHSA-aaaa', 'undici'), grypeMatch('GHSA-bbbb', 'semver'), grypeMatch('GHSA-cccc', 'debug')], source: { type: 'directory', target: '/src/agent-runtime' }, descriptor: { name: 'grype', version: '0.80.0', timestamp: '2026-05-04T09:00:00-07:00' } }, null, 2),
  },
  {
    kind: 'osv-scanner-json', file: 'scans/osv.json', source: { path: 'scans/osv.json', options: { scannedAt: '2026-05-04T16:00:00Z', asset: 'agent-runtime' } },
    content: () => JSON.stringify({ results: [{ source: { path: '/ci/agent-runtime/package-lock.json', type: 'lockfile' }, packages: [osvPackage('GHSA-1111', 'undici'), osvPackage('GHSA-2222', 'semver'), osvPackage('GHSA-3333', 'debug')] }] }, null, 2),
  },
  {
    kind: 'npm-audit-json', file: 'scans/npm-audit.json', source: { path: 'scans/npm-audit.json', options: { asset: 'agent-runtime', lockfile: 'agent-runtime/package-lock.json', scannedAt: '2026-05-04T16:00:00Z' } },
    content: () => JSON.stringify({
      auditReportVersion: 2, metadata: {},
      vulnerabilities: Object.fromEntries(['left', 'right'].map((n, i) => [n, { name: n, severity: 'high', via: [{ source: 1000 + i, name: n, title: `Prototype pollution in ${n}`, url: `https://github.com/advisories/GHSA-${n}-0000-0000`, severity: 'high' }], fixAvailable: { name: n, version: '2.0.0' } }])),
    }, null, 2),
  },
  {
    kind: 'sarif', file: 'scans/codeql.sarif', source: { path: 'scans/codeql.sarif', options: { scannedAt: '2026-05-04T16:00:00Z' } },
    content: () => JSON.stringify({
      version: '2.1.0', runs: [{
        tool: { driver: { name: 'CodeQL', rules: [{ id: 'js/sql-injection', shortDescription: { text: 'SQL built from user input' }, properties: { 'security-severity': '8.8' } }, { id: 'js/xss', properties: { 'security-severity': '6.1' } }] } },
        versionControlProvenance: [{ repositoryUri: 'https://github.com/relaylabs/agent-api' }],
        invocations: [{ executionSuccessful: true, startTimeUtc: '2026-05-04T16:00:00Z', endTimeUtc: '2026-05-04T16:05:00Z' }],
        results: [sarifResult('js/sql-injection', 12), sarifResult('js/xss', 30), sarifResult('js/sql-injection', 40)],
      }],
    }, null, 2),
  },
  {
    kind: 'dependabot-alerts', file: 'scans/dependabot.json', source: { path: 'scans/dependabot.json' },
    content: () => JSON.stringify([alert(1), alert(2, { state: 'fixed', fixed_at: '2026-05-20T08:00:00Z', updated_at: '2026-05-20T08:00:00Z' }), alert(3)], null, 2),
  },
  {
    kind: 'google-workspace-admin', file: 'gws/activities.jsonl', source: { path: 'gws/activities.jsonl' },
    content: () => jsonl([gwsActivity('2026-04-02T17:00:00.000Z', '1', 'SUSPEND_USER', 'ben@example.com'), gwsActivity('2026-04-03T17:00:00.000Z', '2', 'UNSUSPEND_USER', 'ben@example.com'), gwsActivity('2026-04-04T17:00:00.000Z', '3', 'DELETE_USER', 'cy@example.com')]),
  },
  { kind: 'entra-audit', file: 'entra/audit.jsonl', source: { path: 'entra/audit.jsonl' }, content: () => fixture('entra/fixtures/diagnostic-audit-logs.jsonl') },
  { kind: 'okta-users', file: 'okta/okta-users-2026-06-30.json', source: { path: 'okta/okta-users-2026-06-30.json' }, content: () => fixture('identity/fixtures/acme/okta/okta-users-2026-06-30.json') },
  { kind: 'entra-users', file: 'entra/users.json', source: { path: 'entra/users.json', options: { takenAt: '2026-06-30' } }, content: () => fixture('identity/fixtures/acme/entra/entra-users-2026-06-30-page-1.json') },
  { kind: 'google-directory-users', file: 'google/users-2026-06-30.json', source: { path: 'google/users-2026-06-30.json' }, content: () => fixture('identity/fixtures/acme/google/google-directory-users-2026-06-30-page-1.json') },
  { kind: 'entra-sign-ins', file: 'entra/sign-ins.json', source: { path: 'entra/sign-ins.json' }, content: () => fixture('identity/fixtures/acme/entra/entra-sign-ins-2026-q2.json') },
  { kind: 'linear-issues', file: 'linear/issues.json', source: { path: 'linear/issues.json' }, content: () => fixture('linear/fixtures/graphql-issues.json') },
  { kind: 'vendors-csv', file: 'vendors/vendors.csv', source: { path: 'vendors/vendors.csv' }, content: () => fixture('vendors/fixtures/vendors.csv') },
  { kind: 'training-csv', file: 'lms/completions.csv', source: { path: 'lms/completions.csv' }, content: () => fixture('training/fixtures/lms-completions.csv') },
];

let demoDir = '';
const demoSources = new Map<string, SourceConfig>();
const cases: Case[] = [
  ...Object.entries(DEMO_FILES).map(([kind, file]): Case => ({
    kind, file,
    source: { path: kind === 'github-rest' ? 'exports/github' : file, ...(demoSources.get(kind)?.options ? { options: demoSources.get(kind)!.options } : {}) },
    content: () => firstFacts(readFileSync(join(demoDir, file), 'utf8'), reexportSpecs[kind], 25),
  })),
  ...INLINE,
];

beforeAll(() => {
  demoDir = mkdtempSync(join(tmpdir(), 'fieldwork-recollect-demo-'));
  rmSync(demoDir, { recursive: true, force: true });
  // Every planted problem on: the richest sample files (the story fixes the web image's last open finding).
  for (const s of generateDemo(demoDir, 1, 'all').sources) if (!demoSources.has(s.kind)) demoSources.set(s.kind, s);
});
afterAll(() => rmSync(demoDir, { recursive: true, force: true }));

/** A workspace of one source in a fresh store, with `content` written at `c.file`. */
async function workspace(dialect: 'sqlite' | 'postgres', c: Case) {
  const t = await openTestStore(dialect);
  const source = { name: 'src', kind: c.kind, ...c.source, ...(c.kind === 'github-rest' || !demoSources.get(c.kind)?.options ? {} : { options: demoSources.get(c.kind)!.options }) } as SourceConfig;
  return oneSourceWorkspace(t, source, c);
}

async function oneSourceWorkspace(t: TestStore, source: SourceConfig, c: Pick<Case, 'kind' | 'file'>) {
  initWorkspace({
    dir: t.dir, organization: 'Relay Labs', timezone: 'UTC', owner: { name: 'Maya Chen', email: 'maya.chen@relaylabs.ai' }, categories: ['security', 'availability', 'confidentiality'],
    report: { type: 2, from: '2026-03-01', to: '2026-09-30' }, startDate: '2025-01-01', b2b: true, sources: [source], force: true,
  });
  const ws = loadWorkspace(t.dir);
  return {
    t,
    async collect(content: string) {
      mkdirSync(dirname(join(t.dir, c.file)), { recursive: true });
      writeFileSync(join(t.dir, c.file), content);
      const [out] = await collectWorkspace(ws, t.store);
      expect(out.error?.message, `${c.kind} collects its export`).toBeUndefined();
      return out;
    },
    /** The current view: every record, populations by kind, and the check results. */
    async view() {
      const set = await t.store.loadRecords();
      const records = Object.fromEntries(Object.entries(set).map(([k, rs]) => [k, (rs ?? []).map((r) => JSON.stringify(r)).sort()]));
      const populations = Object.fromEntries(Object.entries(records).map(([k, rs]) => [k, rs.length]));
      const run = await checkWorkspace(ws, t.store, {}, NOW);
      const checks = checkRunJson(run, run.controls).results.map((r) => ({ control: r.control, status: r.status, population: r.population, exceptions: r.exceptions }));
      return { records, populations, checks };
    },
  };
}

/** What a check result says, without which artifact said it (for a log that keeps a fact the newest export left out). */
const bare = (checks: { control: string; status: string; population: number; exceptions: { rule: string; subject: string }[] }[]) =>
  checks.map((c) => ({ control: c.control, status: c.status, population: c.population, exceptions: c.exceptions.map((e) => `${e.rule} ${e.subject}`).sort() }));

describe('re-collection counts each fact once, per source kind', () => {
  it('has a re-export case for every file-based source kind', () => {
    const live = ['github-api', 'git-repo']; // tested below on a local fake of the API and a real repository
    expect(cases.map((c) => c.kind).sort()).toEqual(Object.keys(collectors).filter((k) => !live.includes(k)).sort());
  });

  for (const dialect of TEST_DIALECTS) {
    for (const c of cases) {
      // A text spec edits the document in place: no order to change, no fact to drop.
      const steps = reexportSpecs[c.kind].format === 'text' ? 'the same facts re-exported with an edit'
        : `overlap, edit, reorder, ${reexportMode(c.kind) === 'snapshot' ? 'deletion forgotten' : 'deletion kept (a log)'}`;
      it(`${c.kind} (${reexportMode(c.kind)}) on ${dialect}: ${steps} → as a fresh workspace on the final export`, async () => {
        const spec = reexportSpecs[c.kind];
        const mode = reexportMode(c.kind);
        const current = c.content();
        const older = previousExport(current, spec, mode);
        expect(older).not.toBe(current);
        const again = await workspace(dialect, c);
        const fresh = await workspace(dialect, c);
        try {
          await again.collect(older);
          const second = await again.collect(current);
          expect(second.status).toBe('collected');
          await fresh.collect(current);
          const expected = await fresh.view();
          expect(Object.keys(expected.records).length, `${c.kind} yields records`).toBeGreaterThan(0);
          const got = await again.view();
          expect(got.populations).toEqual(expected.populations);
          expect(got.records).toEqual(expected.records);
          expect(got.checks).toEqual(expected.checks);
          // The ledger keeps both generations, and what the older one said.
          expect((await again.t.store.ledger()).length).toBe(2);

          const later = laterExport(current, spec);
          if (spec.format === 'text') return;
          expect(later, `${c.kind}: the export states two facts or more, so one can leave it`).toBeDefined();
          if (!later) return;
          await again.collect(later);
          if (mode === 'snapshot') {
            const fresher = await workspace(dialect, c);
            try {
              await fresher.collect(later);
              const want = await fresher.view();
              const have = await again.view();
              expect(have.records).toEqual(want.records);
              expect(have.checks).toEqual(want.checks);
            } finally {
              await fresher.t.dispose();
            }
          } else {
            // A log's fact that fell out of the export window still happened. A model aggregate
            // over the moved window starts at another span, so it is another aggregate: both stay
            // (a model once seen is never forgotten; docs/recollection.md).
            const have = await again.view();
            const { model_observation: seen = 0, ...rest } = have.populations;
            const { model_observation: want = 0, ...wanted } = expected.populations;
            expect(rest).toEqual(wanted);
            expect(seen).toBeGreaterThanOrEqual(want);
            expect(bare(have.checks)).toEqual(bare(expected.checks));
          }
        } finally {
          await again.t.dispose();
          await fresh.t.dispose();
        }
      });
    }
  }
});

describe('re-collection of a git repository that gained a commit', () => {
  const root = mkdtempSync(join(tmpdir(), 'fieldwork-recollect-git-'));
  const git = (cwd: string, args: string[], date: string) => execFileSync('git', args, {
    cwd, encoding: 'utf8',
    env: { ...process.env, GIT_AUTHOR_NAME: 'Ada Okafor', GIT_AUTHOR_EMAIL: 'ada.okafor@relaylabs.ai', GIT_COMMITTER_NAME: 'Ada Okafor', GIT_COMMITTER_EMAIL: 'ada.okafor@relaylabs.ai', GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date, GIT_CONFIG_NOSYSTEM: '1', HOME: root },
  });
  const commit = (cwd: string, file: string, message: string, date: string) => {
    writeFileSync(join(cwd, file), `${message}\n`);
    git(cwd, ['add', file], date);
    git(cwd, ['commit', '-q', '-m', message], date);
  };
  const makeRepo = (dir: string) => {
    mkdirSync(dir, { recursive: true });
    git(dir, ['init', '-q', '-b', 'main'], '2026-04-01T09:00:00Z');
    git(dir, ['remote', 'add', 'origin', 'git@github.com:relaylabs/agent-api.git'], '2026-04-01T09:00:00Z');
    commit(dir, 'README.md', 'Initial import', '2026-04-01T09:00:00-07:00');
    commit(dir, 'cache.ts', 'ENG-3 Cache prompts (#3)\n\nApproved-by: Ben Osei <ben.osei@relaylabs.ai>', '2026-04-03T10:00:00-07:00');
    commit(dir, 'token.ts', 'Rotate the signing key', '2026-04-04T02:30:00-07:00');
  };
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  for (const dialect of TEST_DIALECTS) {
    it(`counts each commit once and lists each direct push once (${dialect})`, async () => {
      const source = { name: 'src', kind: 'git-repo', options: { path: 'agent-api' } } as SourceConfig;
      const again = await oneSourceWorkspace(await openTestStore(dialect), source, { kind: 'git-repo', file: 'unused' });
      const fresh = await oneSourceWorkspace(await openTestStore(dialect), source, { kind: 'git-repo', file: 'unused' });
      try {
        const clone = join(again.t.dir, 'agent-api');
        makeRepo(clone);
        await collectWorkspace(loadWorkspace(again.t.dir), again.t.store);
        const before = await again.view();
        expect(before.populations.change).toBe(3);
        commit(clone, 'README.md', 'Update readme', '2026-04-05T10:00:00-07:00');
        const [second] = await collectWorkspace(loadWorkspace(again.t.dir), again.t.store);
        expect(second.status).toBe('collected');
        cpSync(clone, join(fresh.t.dir, 'agent-api'), { recursive: true });
        await collectWorkspace(loadWorkspace(fresh.t.dir), fresh.t.store);
        const expected = await fresh.view();
        const got = await again.view();
        expect(got.populations).toEqual({ ...expected.populations, change: 4 });
        expect(got.records).toEqual(expected.records);
        expect(got.checks).toEqual(expected.checks);
        const direct = got.checks.flatMap((r) => r.exceptions.filter((e) => /direct/.test(e.rule)).map((e) => e.subject));
        expect(new Set(direct).size).toBe(direct.length);
        expect((await again.t.store.ledger()).length).toBe(2);
      } finally {
        await again.t.dispose();
        await fresh.t.dispose();
      }
    });
  }
});

describe('re-collection of the live GitHub API', () => {
  const REPO = '/repos/relaylabs/agent-api';
  const user = (login: string) => ({ login, id: 1, type: 'User' });
  const sha = (x: string) => x.padEnd(40, '0');
  const pull = (n: number, title: string) => ({
    url: `https://api.github.com${REPO}/pulls/${n}`, number: n, state: 'closed', title, body: '', user: user('ada'), updated_at: '2026-06-02T00:00:00Z',
    merged_at: `2026-06-0${n}T17:00:00Z`, merge_commit_sha: sha(`m${n}`), labels: [], head: { ref: `eng-${n}`, sha: sha(`h${n}`) }, base: { ref: 'main', repo: { full_name: 'relaylabs/agent-api' } },
  });
  const commit = (x: string, message: string, parents: string[]) => ({
    sha: sha(x), url: `https://api.github.com${REPO}/commits/${sha(x)}`,
    commit: { message, author: { name: 'Ada', email: 'ada@relaylabs.ai', date: '2026-06-01T10:00:00Z' }, committer: { name: 'GitHub', email: 'noreply@github.com', date: '2026-06-01T10:00:00Z' } },
    author: user('ada'), committer: user('web-flow'), parents: parents.map((p) => ({ sha: sha(p) })),
  });
  /** What GitHub answers in a given week: the second week has a new PR and a direct push, and one title edited. */
  const week = (n: 1 | 2): Record<string, unknown> => ({
    [REPO]: { full_name: 'relaylabs/agent-api', default_branch: 'main', owner: user('relaylabs') },
    [`${REPO}/pulls?state=closed&sort=updated&direction=desc&per_page=100`]: n === 1 ? [pull(1, 'ENG-1 Retry'), pull(2, 'ENG-2 Cache')] : [pull(3, 'ENG-3 Tenant filter'), pull(2, 'ENG-2 Cache prompts'), pull(1, 'ENG-1 Retry')],
    ...Object.fromEntries([1, 2, 3].map((k) => [`${REPO}/pulls/${k}/reviews?per_page=100`, [{ id: 10 + k, user: user('ben'), state: 'APPROVED', submitted_at: `2026-06-0${k}T16:00:00Z`, commit_id: sha(`h${k}`), pull_request_url: `https://api.github.com${REPO}/pulls/${k}` }]])),
    [`${REPO}/deployments?per_page=100`]: [],
    [`${REPO}/commits?sha=main&per_page=100`]: [
      ...(n === 2 ? [commit('d5', 'Hotfix the signing key', ['m3']), commit('m3', 'ENG-3 Tenant filter (#3)', ['m2'])] : []),
      commit('m2', 'ENG-2 Cache (#2)', ['m1']), commit('m1', 'ENG-1 Retry (#1)', ['d0']), commit('d0', 'Initial import', []),
    ],
    [`${REPO}/rules/branches/main?per_page=100`]: [],
  });
  let current: 1 | 2 = 1;
  const server = createServer((req, res) => {
    const body = week(current)[req.url ?? ''];
    if (req.url === `${REPO}/branches/main/protection` || body === undefined) {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ message: req.url?.endsWith('/protection') ? 'Branch not protected' : 'Not Found' }));
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body, null, 2));
  });
  let base = '';
  beforeAll(async () => {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  for (const dialect of TEST_DIALECTS) {
    it(`a week later: the new PR and push are added, re-sent PRs and commits counted once (${dialect})`, async () => {
      const env = { GITHUB_TOKEN: 'test-token' };
      const source = { name: 'github', kind: 'github-api', options: { owner: 'relaylabs', repos: ['agent-api'], baseUrl: base, maxWaitSeconds: 1 } } as SourceConfig;
      const again = await oneSourceWorkspace(await openTestStore(dialect), source, { kind: 'github-api', file: 'unused' });
      const fresh = await oneSourceWorkspace(await openTestStore(dialect), source, { kind: 'github-api', file: 'unused' });
      try {
        current = 1;
        const [first] = await collectWorkspace(loadWorkspace(again.t.dir), again.t.store, { env });
        expect(first.error).toBeUndefined();
        current = 2;
        const [second] = await collectWorkspace(loadWorkspace(again.t.dir), again.t.store, { env });
        expect(second.status).toBe('collected');
        await collectWorkspace(loadWorkspace(fresh.t.dir), fresh.t.store, { env });
        // The "Branch not protected" page came back byte for byte, so it was not collected again: its
        // observation keeps the first collection's time, where the fresh workspace observed it now.
        const observed = (v: Awaited<ReturnType<typeof fresh.view>>) => ({
          ...v.records, branch_protection: (v.records.branch_protection ?? []).map((r) => r.replace(/"at":"[^"]+"/, '"at":"(when observed)"')),
        });
        const expected = await fresh.view();
        const got = await again.view();
        expect(got.populations).toEqual(expected.populations);
        expect(observed(got)).toEqual(observed(expected));
        expect(got.checks).toEqual(expected.checks);
        const titles = ((await again.t.store.loadRecords(['change'])).change ?? []).filter((c) => c.number === 2).map((c) => c.title);
        expect(titles).toEqual(['ENG-2 Cache prompts']);
      } finally {
        await again.t.dispose();
        await fresh.t.dispose();
      }
    });
  }
});

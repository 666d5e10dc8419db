import { spawn } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Cron } from 'croner';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { freshPostgresSchema, TEST_DATABASE_URL } from '../testing/index.js';

/** The example users copy; the test reads it from the repository so it cannot drift from what is tested. */
const WORKFLOW = fileURLToPath(new URL('../../../../examples/github-actions/fieldwork.yml', import.meta.url));
const MAIN = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

interface Step {
  name: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Workflow {
  name: string;
  on: { schedule: { cron: string }[]; workflow_dispatch?: unknown };
  permissions: Record<string, string>;
  concurrency: { group: string; 'cancel-in-progress': boolean };
  jobs: Record<string, { 'runs-on': string; env: Record<string, string>; steps: Step[] }>;
}

const workflow = () => parse(readFileSync(WORKFLOW, 'utf8')) as Workflow;

/** A loopback stand-in for api.github.com: one repository with one merged, reviewed pull request. */
const TOKEN = 'ghp_test_token_for_the_example';
const REPO = '/repos/acme/agent-api';
const who = (login: string) => ({ login, id: login.length, type: 'User' });
const sha = (s: string) => s.padEnd(40, '0');
function githubRoutes(): Record<string, unknown> {
  const pr = {
    url: `https://api.github.com${REPO}/pulls/7`, number: 7, state: 'closed', title: 'ENG-7 Rotate keys', body: '', user: who('ada'), labels: [],
    updated_at: '2026-03-02T10:00:00Z', merged_at: '2026-03-02T09:00:00Z', merge_commit_sha: sha('c7'),
    head: { ref: 'eng-7', sha: sha('h7') }, base: { ref: 'main', repo: { full_name: 'acme/agent-api' } },
  };
  const commit = { sha: sha('c7'), url: `https://api.github.com${REPO}/commits/${sha('c7')}`, author: who('ada'), committer: who('web-flow'), parents: [],
    commit: { message: 'ENG-7 Rotate keys (#7)', author: { name: 'Ada', email: 'ada@acme.example', date: '2026-03-02T09:00:00Z' }, committer: { name: 'GitHub', email: 'noreply@github.com', date: '2026-03-02T09:00:00Z' } } };
  return {
    [REPO]: { full_name: 'acme/agent-api', default_branch: 'main', owner: who('acme') },
    [`${REPO}/pulls?state=closed&sort=updated&direction=desc&per_page=100`]: [pr],
    [`${REPO}/pulls/7/reviews?per_page=100`]: [{ id: 1, user: who('ben'), state: 'APPROVED', submitted_at: '2026-03-02T08:30:00Z', commit_id: sha('h7') }],
    [`${REPO}/deployments?per_page=100`]: [],
    [`${REPO}/commits?sha=main&per_page=100`]: [commit],
    [`${REPO}/rules/branches/main?per_page=100`]: [],
  };
}

let api: Server;
let apiBase = '';
const authorizations = new Set<string>();
beforeAll(async () => {
  api = createServer((req, res) => {
    authorizations.add(String(req.headers.authorization));
    const body = githubRoutes()[req.url ?? ''];
    if (body === undefined) return void res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ message: 'Not Found', documentation_url: 'https://docs.github.com/rest' }));
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
  });
  await new Promise<void>((r) => api.listen(0, '127.0.0.1', r));
  apiBase = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => api.close(() => r())));

/** The repository a user would keep: fieldwork.yaml with a live GitHub source (pointed at the loopback API) and an HR export. */
function workspaceRepo(root: string): string {
  const dir = join(root, 'repo');
  mkdirSync(join(dir, 'hr'), { recursive: true });
  writeFileSync(join(dir, 'fieldwork.yaml'), [
    'organization: Acme Agents', 'timezone: UTC', 'startDate: 2026-01-01',
    'scope:', '  categories: [security]', '  report: { type: 2, from: 2026-01-01, to: 2026-06-30 }',
    'owners:', '  compliance: { name: Owner, email: owner@acme.example, roles: [compliance-owner] }', '  people: []',
    'sources:',
    `  - { name: github, kind: github-api, options: { owner: acme, repos: [agent-api], baseUrl: "${apiBase}", maxWaitSeconds: 5 } }`,
    '  - { name: hr, kind: hr-csv, path: hr, options: { columns: { id: Employee ID, name: Name, email: Work Email, startDate: Start Date, endDate: End Date } } }',
  ].join('\n') + '\n');
  writeFileSync(join(dir, 'hr', 'roster.csv'), 'Employee ID,Name,Work Email,Start Date,End Date\ne1,Ada,ada@acme.example,2025-01-06,\ne2,Ben,ben@acme.example,2025-02-03,\n');
  return dir;
}

interface StepResult {
  name: string;
  ran: boolean;
  code?: number;
  stdout?: string;
  stderr?: string;
  skipped?: string;
}

/**
 * Runs the workflow's job the way Actions would, on this machine: `run:` steps in bash
 * (`-eo pipefail`, as Actions does) with the built CLI on PATH as `fieldwork`, `${{ }}`
 * expressions from the given secrets, and the few actions it uses done locally (the cache is a
 * folder kept between runs). Anything else in the file makes the test fail, so the example
 * cannot grow a step nobody ran.
 */
async function runWorkflow(o: { checkout: string; cache: Map<string, string>; cacheRoot: string; secrets: Record<string, string>; runId: string; bin: string }): Promise<StepResult[]> {
  const wf = workflow();
  const job = Object.values(wf.jobs)[0]!;
  const expr = (text: string) => text.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, e: string) => {
    const secret = /^secrets\.(\w+)$/.exec(e);
    if (secret) return o.secrets[secret[1]!] ?? '';
    if (e === 'github.run_id') return o.runId;
    throw new Error(`unsupported expression \${{ ${e} }} in the example`);
  });
  const jobEnv = Object.fromEntries(Object.entries(job.env).map(([k, v]) => [k, expr(String(v))]));
  const results: StepResult[] = [];
  let failed = false;
  for (const step of job.steps) {
    const env = { ...jobEnv, ...Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, expr(String(v))])) };
    const cond = (step.if ?? 'success()').split('&&').map((t) => t.trim()).every((term) => {
      if (term === 'always()') return true;
      if (term === 'success()') return !failed;
      const m = /^env\.(\w+) (==|!=) ''$/.exec(term);
      if (m) return (env[m[1]!] === '') === (m[2] === '==');
      throw new Error(`unsupported if: ${step.if}`);
    });
    // Actions runs a step without always() only while every step before it succeeded.
    if (!cond || (failed && !step.if?.includes('always()'))) {
      results.push({ name: step.name, ran: false, skipped: 'condition' });
      continue;
    }
    const w = Object.fromEntries(Object.entries(step.with ?? {}).map(([k, v]) => [k, expr(String(v))]));
    if (step.uses) {
      const [action] = step.uses.split('@');
      if (action === 'actions/checkout') {
        // The checkout is the fresh copy of the workspace repository this run was given.
      } else if (action === 'actions/setup-node') {
        expect(Number(w['node-version'])).toBe(Number(process.versions.node.split('.')[0]));
      } else if (action === 'actions/cache/restore') {
        const prefix = w['restore-keys']!;
        const hit = w.key && o.cache.has(w.key) ? w.key : [...o.cache.keys()].filter((k) => k.startsWith(prefix)).at(-1);
        if (hit) cpSync(o.cache.get(hit)!, join(o.checkout, w.path!), { recursive: true });
      } else if (action === 'actions/cache/save') {
        const to = join(o.cacheRoot, w.key!);
        cpSync(join(o.checkout, w.path!), to, { recursive: true });
        o.cache.set(w.key!, to);
      } else if (action === 'actions/upload-artifact') {
        const missing = w.path!.split('\n').map((x) => x.trim()).filter((p) => p && !existsSync(join(o.checkout, p)));
        // Actions warns and uploads the rest; the test reports the missing paths as the step's failure.
        results.push({ name: step.name, ran: true, code: missing.length ? 1 : 0, stderr: missing.length ? `missing: ${missing.join(', ')}` : '' });
        continue;
      } else throw new Error(`the example uses ${step.uses}, which this test does not know how to run`);
      results.push({ name: step.name, ran: true, code: 0 });
      continue;
    }
    const script = step.run!;
    if (/^npm install -g /.test(script.trim())) {
      // The CLI under test is this repository's build, put on PATH as `fieldwork` below.
      results.push({ name: step.name, ran: false, skipped: `installing ${env.FIELDWORK_PACKAGE}: the test runs the CLI built from this repository instead` });
      continue;
    }
    expect(script, `${step.name} runs fieldwork`).toMatch(/(^|\s)fieldwork /);
    // Asynchronously: the loopback API answering the collect step lives in this process.
    const r = await new Promise<{ status: number; stdout: string; stderr: string }>((resolve, reject) => {
      const p = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], { cwd: o.checkout, env: { ...process.env, ...env, PATH: `${o.bin}:${process.env.PATH}` }, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      p.stdout.on('data', (c: Buffer) => (stdout += c));
      p.stderr.on('data', (c: Buffer) => (stderr += c));
      p.on('error', reject);
      p.on('close', (code) => resolve({ status: code ?? -1, stdout, stderr }));
    });
    results.push({ name: step.name, ran: true, code: r.status, stdout: r.stdout, stderr: r.stderr });
    if (r.status !== 0) failed = true;
  }
  return results;
}

describe('examples/github-actions/fieldwork.yml', () => {
  it('is a scheduled workflow that collects from live APIs, runs check --strict, keeps the store and uploads the auditor package', () => {
    const wf = workflow();
    expect(wf.on.schedule).toHaveLength(1);
    const cron = wf.on.schedule[0]!.cron;
    expect(cron.split(' ')).toHaveLength(5);
    expect(() => new Cron(cron, { paused: true })).not.toThrow();
    expect(wf.on).toHaveProperty('workflow_dispatch');
    expect(wf.permissions).toEqual({ contents: 'read' });
    expect(wf.concurrency['cancel-in-progress']).toBe(false);
    const jobs = Object.values(wf.jobs);
    expect(jobs).toHaveLength(1);
    const steps = jobs[0]!.steps;
    const step = (re: RegExp) => steps.find((s) => re.test(s.run ?? s.uses ?? ''));
    expect(step(/^actions\/setup-node@/)!.with).toEqual({ 'node-version': 20 });
    expect(step(/fieldwork collect/)!.env).toEqual({ GITHUB_TOKEN: '${{ secrets.FIELDWORK_GITHUB_TOKEN }}' });
    expect(step(/fieldwork check --strict/)).toBeDefined();
    expect(step(/fieldwork report --package/)!.if).toBe('always()');
    const upload = step(/^actions\/upload-artifact@/)!;
    expect(upload.if).toBe('always()');
    expect(String(upload.with!.path)).toContain('reports/');
    expect(step(/^actions\/cache\/restore@/)!.with!.path).toBe('.fieldwork');
    expect(step(/^actions\/cache\/save@/)!.if).toBe("always() && env.FIELDWORK_DATABASE_URL == ''");
    expect(jobs[0]!.env.FIELDWORK_DATABASE_URL).toBe('${{ secrets.FIELDWORK_DATABASE_URL }}');
    // Order: the store is restored before collecting and saved after the report.
    const names = steps.map((s) => s.run ?? s.uses ?? '');
    const at = (re: RegExp) => names.findIndex((n) => re.test(n));
    expect(at(/cache\/restore/)).toBeLessThan(at(/fieldwork collect/));
    expect(at(/fieldwork collect/)).toBeLessThan(at(/fieldwork check/));
    expect(at(/fieldwork check/)).toBeLessThan(at(/fieldwork report/));
    expect(at(/fieldwork report/)).toBeLessThan(at(/cache\/save/));
  });

  const stores: { store: string; url?: () => Promise<{ url: string; drop(): Promise<void> }> }[] = [{ store: 'sqlite (store carried in the Actions cache)' }];
  if (TEST_DATABASE_URL) stores.push({ store: 'postgres (FIELDWORK_DATABASE_URL secret)', url: freshPostgresSchema });
  for (const s of stores) {
    it(`runs every fieldwork command of its steps, twice as two scheduled runs, on ${s.store}`, async () => {
      expect(existsSync(MAIN), 'build first: npx tsc -b').toBe(true);
      const root = mkdtempSync(join(tmpdir(), 'fw-gha-'));
      const pg = s.url ? await s.url() : undefined;
      try {
        const repo = workspaceRepo(root);
        const bin = join(root, 'bin');
        mkdirSync(bin);
        writeFileSync(join(bin, 'fieldwork'), `#!/bin/sh\nexec "${process.execPath}" "${MAIN}" "$@"\n`);
        chmodSync(join(bin, 'fieldwork'), 0o755);
        const cache = new Map<string, string>();
        const secrets = { FIELDWORK_GITHUB_TOKEN: TOKEN, FIELDWORK_SECRET: 'example-workspace-secret-0123456789abcdef', FIELDWORK_DATABASE_URL: pg?.url ?? '' };
        const runs: { checkout: string; steps: StepResult[] }[] = [];
        for (const runId of ['1001', '1002']) {
          const checkout = join(root, `run-${runId}`);
          cpSync(repo, checkout, { recursive: true });
          const steps = await runWorkflow({ checkout, cache, cacheRoot: join(root, 'cache'), secrets, runId, bin });
          if (runId === '1001') for (const r of steps.filter((x) => x.skipped && x.skipped !== 'condition')) process.stdout.write(`github-actions example: skipped "${r.name}": ${r.skipped}\n`);
          runs.push({ checkout, steps });
          process.stdout.write(`run ${runId}:\n` + steps.map((r) => `  ${r.name}: ${r.ran ? `exit ${r.code}` : 'skipped'}${r.code ? ` ${(r.stderr ?? '').slice(0, 400)}` : ''}`).join('\n') + '\n');
        }
        expect(authorizations.has(`token ${TOKEN}`) || authorizations.has(`Bearer ${TOKEN}`)).toBe(true);
        for (const [i, { checkout, steps }] of runs.entries()) {
          const byName = (re: RegExp) => steps.find((r) => re.test(r.name))!;
          const failures = steps.filter((r) => r.ran && r.code !== 0 && !/^Check every control/.test(r.name));
          expect(failures.map((r) => `${r.name}: ${r.code} ${r.stderr}`)).toEqual([]);
          const collect = JSON.parse(readFileSync(join(checkout, 'collect.json'), 'utf8')) as { sources: { name: string; status: string }[] };
          const status = Object.fromEntries(collect.sources.map((x) => [x.name, x.status]));
          // The second run starts from a fresh checkout: the store it finds is the one the first run kept.
          expect(status).toEqual(i === 0 ? { github: 'collected', hr: 'collected' } : { github: 'unchanged', hr: 'unchanged' });
          const check = JSON.parse(readFileSync(join(checkout, 'check.json'), 'utf8')) as { summary: { exception: number } };
          expect(byName(/^Check every control/).code).toBe(check.summary.exception > 0 ? 1 : 0);
          expect(byName(/^Write the auditor package/).code).toBe(0);
          expect(readdirSync(join(checkout, 'reports')).some((f) => /^auditor-package-.*\.zip$/.test(f))).toBe(true);
          const cacheSteps = steps.filter((r) => /evidence store/.test(r.name));
          expect(cacheSteps.map((r) => r.ran)).toEqual(pg ? [false, false] : [true, true]);
        }
        if (!pg) expect([...cache.keys()]).toEqual(['fieldwork-store-1001', 'fieldwork-store-1002']);
      } finally {
        await pg?.drop();
        rmSync(root, { recursive: true, force: true });
      }
    }, 240_000);
  }
});

import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { freshPostgresSchema, REAL_FIXTURES, TEST_DIALECTS } from '../testing/index.js';
import { runCli } from './program.js';

/** Runs the CLI in-process and captures what it prints. */
async function cli(args: string[], env: Record<string, string | undefined> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => ((stdout += String(c)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((c: string | Uint8Array) => ((stderr += String(c)), true));
  const saved: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(env)) {
    saved[k] = process.env[k];
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  try {
    const code = await runCli(args);
    return { code, stdout, stderr };
  } finally {
    o.mockRestore();
    e.mockRestore();
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

const tmp = () => mkdtempSync(join(tmpdir(), 'fieldwork-cli-'));

describe('fieldwork CLI basics', () => {
  it('prints help and exits 0; an unknown command exits 2', async () => {
    expect((await cli(['--help'])).code).toBe(0);
    expect((await cli(['nosuchcommand'])).code).toBe(2);
  });

  it('init --yes writes a valid workspace with its JSON Schema, and refuses to overwrite', async () => {
    const dir = tmp();
    const r = await cli(['init', '--yes', '--workspace', dir, '--org', 'Acme AI', '--timezone', 'Europe/Berlin', '--sla']);
    expect(r.code).toBe(0);
    const yaml = readFileSync(join(dir, 'fieldwork.yaml'), 'utf8');
    expect(yaml).toContain('organization: Acme AI');
    expect(yaml).toMatch(/- availability/);
    expect(yaml).not.toMatch(/- privacy/);
    expect(JSON.parse(readFileSync(join(dir, 'fieldwork.schema.json'), 'utf8')).properties.sources).toBeDefined();
    expect(r.stdout).toContain('Availability');
    expect((await cli(['init', '--yes', '--workspace', dir])).code).toBe(2);
    expect((await cli(['catalog', 'controls', '--json', '--workspace', dir])).code).toBe(0);
  });

  it('lists 61 criteria and at least 60 controls as JSON', async () => {
    expect(JSON.parse((await cli(['catalog', 'criteria', '--json'])).stdout)).toHaveLength(61);
    expect(JSON.parse((await cli(['catalog', 'controls', '--all', '--json'])).stdout).length).toBeGreaterThanOrEqual(60);
  });

  it('names the file, line and a hint for an invalid fieldwork.yaml, exit 2', async () => {
    const dir = tmp();
    await cli(['init', '--yes', '--workspace', dir]);
    const file = join(dir, 'fieldwork.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^timezone: .*$/m, 'timezone: Mars/Olympus'));
    const r = await cli(['check', '--workspace', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/fieldwork\.yaml:\d+:\d+/);
    expect(r.stderr).toContain('IANA');
    const unknown = await cli(['collect', '--workspace', withSources(tmp(), [{ name: 'x', kind: 'okta-logs', path: 'a.json' }]), '--json']);
    expect(unknown.code).toBe(2);
    expect(JSON.parse(unknown.stdout).sources[0].error.message).toContain('"x"');
  });
});

function withSources(dir: string, sources: object[], files: Record<string, string> = {}): string {
  const lines = ['organization: Test AI', 'timezone: America/Los_Angeles', 'scope:', '  categories: [security]', '  report: { type: 2, from: 2026-04-01, to: 2026-09-30 }', 'owners:', '  compliance: { name: Pat, email: pat@x.ai }', 'sources:'];
  for (const s of sources) lines.push(`  - ${JSON.stringify(s)}`);
  writeFileSync(join(dir, 'fieldwork.yaml'), lines.join('\n') + '\n');
  for (const [k, v] of Object.entries(files)) {
    mkdirSync(join(dir, k, '..'), { recursive: true });
    writeFileSync(join(dir, k), v);
  }
  return dir;
}

const HR = 'employeeNumber,firstName,lastName,workEmail,hireDate,terminationDate,status\n1,Ada,Okafor,ada@x.ai,2024-01-01,2026-05-08,Inactive\n2,Ben,Reyes,ben@x.ai,2024-02-01,0000-00-00,Active\n';
const OKTA = `${JSON.stringify({ uuid: 'u1', published: '2026-05-09T17:00:00.000Z', eventType: 'user.lifecycle.deactivate', actor: { alternateId: 'admin' }, target: [{ type: 'User', alternateId: 'ada@x.ai', id: '00u1' }], outcome: { result: 'SUCCESS' } })}\n`;

for (const dialect of TEST_DIALECTS) {
  describe(`collect, check and verify on ${dialect}`, () => {
    let env: Record<string, string | undefined> = { FIELDWORK_DATABASE_URL: undefined };
    let drop: (() => Promise<void>) | undefined;
    const fresh = async () => {
      if (dialect === 'postgres') {
        await drop?.();
        const s = await freshPostgresSchema();
        drop = s.drop;
        env = { FIELDWORK_DATABASE_URL: s.url };
      }
    };
    afterAll(async () => drop?.());

    it('collects good sources while a bad one fails with exit 3, storing nothing from it; re-collecting adds nothing', async () => {
      await fresh();
      const okta = readFileSync(join(REAL_FIXTURES, 'identity/okta-system-log.get_logs_response.json'), 'utf8');
      const dir = withSources(tmp(), [
        { name: 'hr', kind: 'bamboohr-csv', path: 'hr.csv' },
        { name: 'okta-real', kind: 'okta-system-log', path: 'okta-real.json' },
        { name: 'okta-cut', kind: 'okta-system-log', path: 'okta-cut.json' },
        { name: 'okta', kind: 'okta-system-log', path: 'okta.jsonl' },
      ], { 'hr.csv': HR, 'okta-real.json': okta, 'okta-cut.json': okta.slice(0, okta.length / 2), 'okta.jsonl': OKTA });
      const r = await cli(['collect', '--workspace', dir, '--json'], env);
      expect(r.code).toBe(3);
      const out = JSON.parse(r.stdout) as { sources: { name: string; status: string; records: number; artifacts: { error?: { code: string; where?: { file?: string; pointer?: string } } }[] }[] };
      const by = Object.fromEntries(out.sources.map((s) => [s.name, s]));
      expect(by.hr).toMatchObject({ status: 'collected', records: 2 });
      // The sanitized fixture repeats one event (same uuid): it is one fact.
      expect(by['okta-real']).toMatchObject({ status: 'collected', records: 1 });
      expect(by.okta).toMatchObject({ status: 'collected', records: 1 });
      expect(by['okta-cut'].status).toBe('failed');
      expect(by['okta-cut'].artifacts[0].error).toMatchObject({ code: 'INPUT_MALFORMED', where: { file: 'okta-cut.json' } });
      const again = JSON.parse((await cli(['collect', '--workspace', dir, '--json'], env)).stdout) as typeof out;
      expect(again.sources.filter((s) => s.name !== 'okta-cut').map((s) => s.status)).toEqual(['unchanged', 'unchanged', 'unchanged']);
      const v = JSON.parse((await cli(['verify', '--workspace', dir, '--json'], env)).stdout);
      expect(v).toMatchObject({ ok: true, entries: 3 });
    });

    it('check --json follows the contract and --strict exits 1 on exceptions', async () => {
      await fresh();
      const lateOkta = OKTA.replace('2026-05-09T17:00:00.000Z', '2026-05-20T17:00:00.000Z');
      const dir = withSources(tmp(), [{ name: 'hr', kind: 'bamboohr-csv', path: 'hr.csv' }, { name: 'okta', kind: 'okta-system-log', path: 'okta.jsonl' }], { 'hr.csv': HR, 'okta.jsonl': lateOkta });
      expect((await cli(['collect', '--workspace', dir], env)).code).toBe(0);
      const r = await cli(['check', '--workspace', dir, '--json'], env);
      expect(r.code).toBe(0);
      const run = JSON.parse(r.stdout);
      expect(run.period).toEqual({ from: '2026-04-01', to: '2026-09-30' });
      const deprov = run.results.find((x: { check: string }) => x.check === 'hr.deprovisioning');
      expect(deprov).toMatchObject({ status: 'exception', population: 1 });
      expect(deprov.exceptions[0]).toMatchObject({ rule: 'deprovision.late', subject: 'ada@x.ai' });
      for (const c of deprov.exceptions[0].citations) expect(c.artifact).toMatch(/^[0-9a-f]{64}$/);
      expect(deprov.exceptions[0].citations.map((c: { locator: string }) => c.locator)).toEqual(['line 2', 'line 1']);
      for (const res of run.results) expect(['pass', 'exception', 'not_tested', 'insufficient_evidence']).toContain(res.status);
      expect((await cli(['check', '--workspace', dir, '--strict'], env)).code).toBe(1);
      const rep = await cli(['report', '--workspace', dir], env);
      expect(rep.code).toBe(0);
      const csv = readFileSync(join(dir, 'reports', 'evidence-map.csv'), 'utf8');
      expect(csv.split('\r\n')[0]).toContain('control,title,criteria');
      expect(csv).toMatch(/HR-\d\d,.*exception/);
    });
  });
}

describe('demo', () => {
  const base = tmp();
  const dir = join(base, 'demo');
  let demoOut = '';
  beforeAll(async () => {
    const r = await cli(['demo', '--dir', dir, '--seed', '7'], { FIELDWORK_DATABASE_URL: undefined });
    demoOut = r.stdout + r.stderr;
    expect(r.code, demoOut).toBe(0);
  }, 300_000);
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  it('runs the pipeline and prints a summary with the evidence map path', () => {
    expect(demoOut).toContain('Controls in scope');
    // The default story: most automated controls pass, each planted problem is named with why, and the way to see every rule.
    expect(demoOut).toMatch(/Of the 32 automated controls, 18 pass/);
    // Every manual control is tested from submitted evidence: most pass, the three planted requests do not.
    expect(demoOut).toMatch(/Of the 53 manual controls, tested from 123 evidence submissions and 124 approvers' decisions: 50 pass, 3 with exceptions/);
    expect(demoOut).toContain('GOV-01/2026-Q2 — the Q2 board security briefing was held on 12 August');
    expect(demoOut).toContain('deactivated six days after the HR end date');
    expect(demoOut).toContain('--problems all');
    expect(demoOut).toContain('evidence-map.md');
    expect(existsSync(join(dir, 'reports', 'evidence-map.md'))).toBe(true);
    expect(existsSync(join(dir, '.fieldwork', 'fieldwork.db'))).toBe(true);
  });

  it('finds the one planted late leaver of the story and not the one that is late only in UTC', async () => {
    const run = JSON.parse((await cli(['check', '--workspace', dir, '--json'], { FIELDWORK_DATABASE_URL: undefined })).stdout);
    const deprov = run.results.find((x: { check: string }) => x.check === 'hr.deprovisioning');
    expect(deprov.exceptions.map((e: { rule: string }) => e.rule)).toEqual(['deprovision.late']);
  });

  type DemoJson = { problems: string; collected: { status: string }[]; planted: { rule: string; subject: string }[]; check: { summary: { pass: number; exception: number; exceptions: number }; results: { control: string; check: string; status: string; exceptions: { rule: string; subject: string }[] }[] } };
  const key = (x: { rule: string; subject: string }) => `${x.rule} ${x.subject}`;
  const answerKey = (demo: DemoJson) => ({
    found: [...new Set(demo.check.results.flatMap((c) => c.exceptions.map(key)))].sort(),
    planted: [...new Set(demo.planted.map(key))].sort(),
  });

  it('is deterministic for a seed; the story\'s exceptions equal its planted problems: a handful, in a few controls, most passing', async () => {
    const other = join(base, 'again');
    const r = await cli(['demo', '--dir', other, '--seed', '7', '--json'], { FIELDWORK_DATABASE_URL: undefined });
    expect(r.code).toBe(0);
    for (const f of ['exports/okta/system-log.jsonl', 'exports/bamboohr/employees.csv', 'fieldwork.yaml']) {
      expect(readFileSync(join(other, f))).toEqual(readFileSync(join(dir, f)));
    }
    const demo = JSON.parse(r.stdout) as DemoJson;
    expect(demo.problems).toBe('story');
    expect(demo.collected.every((c) => c.status === 'collected')).toBe(true);
    const { found, planted } = answerKey(demo);
    expect(found).toEqual(planted);
    expect(planted.length).toBeGreaterThanOrEqual(10);
    expect(planted.length).toBeLessThanOrEqual(20);
    expect(demo.check.results.filter((c) => c.exceptions.length > 0).map((c) => c.control).sort()).toEqual(['AGT-14', 'AGT-16', 'AGT-18', 'AGT-22', 'AVL-03', 'BCK-02', 'CHG-01', 'GOV-01', 'GOV-03', 'GOV-04', 'GOV-10', 'HR-01', 'HR-05', 'LOG-03', 'VEN-02', 'VEN-03', 'VUL-02']);
    // 18 automated and 50 manual controls pass; none is left untested.
    expect(demo.check.summary.pass).toBe(68);
    expect(demo.check.results.filter((c) => c.status === 'not_tested')).toEqual([]);
  }, 300_000);

  it('--problems all plants every kind of problem: every automated control has exceptions, and they equal the planted set', async () => {
    const all = join(base, 'all');
    const r = await cli(['demo', '--dir', all, '--seed', '7', '--problems', 'all', '--json'], { FIELDWORK_DATABASE_URL: undefined });
    expect(r.code, r.stderr).toBe(0);
    const demo = JSON.parse(r.stdout) as DemoJson;
    expect(demo.problems).toBe('all');
    expect(demo.collected.every((c) => c.status === 'collected')).toBe(true);
    const { found, planted } = answerKey(demo);
    expect(planted.length).toBeGreaterThan(40);
    expect(found).toEqual(planted);
    // Every automated control carries exceptions; manual controls pass except the five planted requests.
    expect(demo.check.results.filter((c) => c.check !== 'manual.evidence' && c.status === 'pass')).toEqual([]);
    expect(demo.check.results.filter((c) => c.check === 'manual.evidence' && c.status === 'exception').map((c) => c.control).sort()).toEqual(['AVL-03', 'DAT-02', 'GOV-01', 'LOG-03', 'VEN-04']);
    const deprov = demo.check.results.find((x) => x.check === 'hr.deprovisioning')!;
    expect(deprov.exceptions.map((e) => e.rule).sort()).toEqual(['deprovision.active_after_end', 'deprovision.active_after_end', 'deprovision.late', 'deprovision.missing']);
    expect(readFileSync(join(all, '.fieldwork-demo'), 'utf8')).toContain('--problems all');
    // A cross-tenant retrieval, like a direct push, is never isolated in the mock audit.
    const audit = JSON.parse((await cli(['audit', '--workspace', all, '--seed', 'audit-2026', '--json'], { FIELDWORK_DATABASE_URL: undefined })).stdout) as { results: { control: string; rule: string }[] };
    expect(audit.results.find((c) => c.control === 'AGT-05')!.rule).toBe('zero-tolerance');
    expect(audit.results.find((c) => c.control === 'CHG-01')!.rule).toBe('zero-tolerance');
  }, 300_000);

  it('refuses an unknown --problems set with a usage error and writes nothing', async () => {
    const bad = join(base, 'bad');
    const r = await cli(['demo', '--dir', bad, '--problems', 'some'], { FIELDWORK_DATABASE_URL: undefined });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--problems some');
    expect(existsSync(bad)).toBe(false);
  });

  it('mock audit: the same seed and evidence give byte-identical JSON and Markdown, and every sampled item is traced', async () => {
    const env = { FIELDWORK_DATABASE_URL: undefined };
    const a = await cli(['audit', '--workspace', dir, '--seed', 'audit-2026', '--json'], env);
    expect(a.code).toBe(0);
    const reportFile = join(dir, 'reports', 'mock-audit-2026-04-01-2026-09-30.md');
    const firstMd = readFileSync(reportFile);
    const b = await cli(['audit', '--workspace', dir, '--seed', 'audit-2026', '--json'], env);
    expect(b.stdout).toBe(a.stdout);
    expect(readFileSync(reportFile)).toEqual(firstMd);
    const audit = JSON.parse(a.stdout) as { results: { control: string; seed: string | null; sampleSize: number; sampled: string[]; samples: { trace: unknown[] }[]; conclusion: string }[] };
    const tested = audit.results.filter((r) => r.conclusion !== 'not_tested' && r.conclusion !== 'insufficient_evidence' && r.conclusion !== 'did_not_occur');
    expect(tested.length).toBeGreaterThan(20);
    for (const r of tested) {
      expect(r.seed).toMatch(/^[0-9a-f]{64}$/);
      expect(r.sampled).toHaveLength(r.sampleSize);
      for (const s of r.samples) expect(s.trace.length).toBeGreaterThan(0);
    }
    const other = JSON.parse((await cli(['audit', '--workspace', dir, '--seed', 'another-seed', '--json'], env)).stdout) as typeof audit;
    expect(other.results.map((r) => r.seed)).not.toEqual(audit.results.map((r) => r.seed));
  });

  it('mock audit reads like a section 4: unit, test, rule and consistent counts per control; management responses from the workspace', async () => {
    const env = { FIELDWORK_DATABASE_URL: undefined };
    const copy = join(base, 'audit-responses');
    copyTree(dir, copy);
    const yamlFile = join(copy, 'fieldwork.yaml');
    const yaml = readFileSync(yamlFile, 'utf8');
    writeFileSync(yamlFile, `${yaml}\naudit:\n  responses:\n    HR-05: Offboarding now pages on-call; the late accounts were removed.\n`);
    const r = await cli(['audit', '--workspace', copy, '--seed', 'audit-2026', '--json'], env);
    expect(r.code, r.stderr).toBe(0);
    type Row = { control: string; unit: { kind: string; noun: string }; rule: string; conclusion: string; result: string; deviations: number; exceptions: { unit: string | null; foundIn: string }[]; managementResponse: string | null; testPerformed: string; population: number };
    const audit = JSON.parse(r.stdout) as { results: Row[] };
    const tested = audit.results.filter((x) => x.rule !== 'not-tested');
    expect(tested.length).toBeGreaterThan(20);
    const md = readFileSync(join(copy, 'reports', 'mock-audit-2026-04-01-2026-09-30.md'), 'utf8');
    for (const c of tested) {
      expect(c.testPerformed).toMatch(/^(Inspection|Reperformance|Observation) of \d+ of \d+ /);
      expect(c.result).toMatch(c.deviations ? /^Exception noted: / : /^No exceptions noted\.$/);
      if (c.deviations) expect(c.result).toContain(`— ${c.deviations} deviation${c.deviations === 1 ? '' : 's'} in all`);
      expect(new Set(c.exceptions.map((e) => e.unit ?? e.foundIn)).size).toBeLessThanOrEqual(c.deviations);
      const section = md.slice(md.indexOf(`### ${c.control} `), md.indexOf('\n### ', md.indexOf(`### ${c.control} `) + 4));
      expect(section).toContain(`| Result | ${c.result} |`);
      expect(section).toContain(`rule **${c.rule}**`);
      if (c.exceptions.length) expect(section).toContain(`Exceptions noted (${c.exceptions.length}):`);
      expect(section).not.toContain('more found by the population test outside the sample');
    }
    const units = Object.fromEntries(tested.map((c) => [c.control, c.unit.noun]));
    expect(units).toMatchObject({ 'HR-05': 'leaver', 'ACC-02': 'quarter', 'BCK-01': 'day', 'VUL-01': 'week', 'VEN-01': 'critical vendor' });
    expect(tested.find((c) => c.control === 'ACC-02')!.population).toBe(2);
    // A direct push in the change control is never isolated (the story plants one); the story has no cross-tenant retrieval.
    expect(tested.find((c) => c.control === 'CHG-01')!.rule).toBe('zero-tolerance');
    expect(tested.find((c) => c.control === 'AGT-05')!.deviations).toBe(0);
    expect(tested.find((c) => c.control === 'HR-05')!.managementResponse).toBe('Offboarding now pages on-call; the late accounts were removed.');
    expect(md).toContain("**Management's response:** Offboarding now pages on-call; the late accounts were removed.");

    writeFileSync(yamlFile, `${yaml}\naudit:\n  responses:\n    ZZZ-99: a response to nothing\n`);
    const bad = await cli(['audit', '--workspace', copy, '--json'], env);
    expect(bad.code).toBe(2);
    expect(bad.stdout + bad.stderr).toContain('/audit/responses/ZZZ-99');
  });

  it('verify exits 4 naming the entry after an edited, a deleted or a swapped ledger entry', async () => {
    const env = { FIELDWORK_DATABASE_URL: undefined };
    const tamper: Record<string, (db: Database.Database) => void> = {
      edited: (db) => db.prepare('update ledger set record_count = record_count + 1 where seq = 5').run(),
      deleted: (db) => db.prepare('delete from ledger where seq = 5').run(),
      swapped: (db) => {
        const cols = 'artifact, source, kind, collected_at, period_from, period_to, record_count, populations, origin, prev, hash';
        const [a, b] = db.prepare(`select ${cols} from ledger where seq in (5, 6) order by seq`).all() as Record<string, unknown>[];
        const set = db.prepare(`update ledger set ${cols.split(', ').map((c) => `${c} = @${c}`).join(', ')} where seq = @seq`);
        set.run({ ...b, seq: 5 });
        set.run({ ...a, seq: 6 });
      },
    };
    for (const [name, change] of Object.entries(tamper)) {
      const copy = join(base, `ledger-${name}`);
      copyTree(dir, copy);
      const db = new Database(join(copy, '.fieldwork', 'fieldwork.db'));
      change(db);
      db.close();
      const r = await cli(['verify', '--workspace', copy, '--json'], env);
      expect(r.code, name).toBe(4);
      // A deleted entry is named by the records it leaves behind (entry 5), then by the broken link at 6.
      expect(JSON.parse(r.stdout).problems[0].seq, name).toBe(5);
    }
  });

  it('verify exits 4 naming the entry when a blob byte is flipped', async () => {
    expect((await cli(['verify', '--workspace', dir], { FIELDWORK_DATABASE_URL: undefined })).code).toBe(0);
    const copy = join(base, 'tamper');
    mkdirSync(copy);
    copyTree(dir, copy);
    const blobsDir = join(copy, '.fieldwork', 'blobs');
    const sub = readdirSync(blobsDir)[0];
    const blob = join(blobsDir, sub, readdirSync(join(blobsDir, sub))[0]);
    const bytes = readFileSync(blob);
    bytes[0] ^= 0xff;
    writeFileSync(blob, bytes);
    const r = await cli(['verify', '--workspace', copy], { FIELDWORK_DATABASE_URL: undefined });
    expect(r.code).toBe(4);
    expect(r.stdout).toMatch(/first broken entry: #\d+/);
  });
});

function copyTree(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const name of readdirSync(from)) {
    const a = join(from, name);
    const b = join(to, name);
    if (statSync(a).isDirectory()) {
      mkdirSync(b, { recursive: true });
      copyTree(a, b);
    } else copyFileSync(a, b);
  }
}

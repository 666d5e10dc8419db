import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli } from '../cli/program.js';
import { GENESIS, canonicalJson } from '../evidence/index.js';
import type { LedgerEntry } from '../evidence/index.js';
import { FieldworkStore } from '../store/index.js';
import { TEST_DIALECTS } from '../testing/index.js';
import { initWorkspace, loadWorkspace } from '../workspace/index.js';
import { writeAuditorPackage } from './auditor-package.js';
import type { PackageManifest } from './auditor-package.js';
import { buildReportTestWorkspace } from './report-test-workspace.js';
import type { ReportTestWorkspace } from './report-test-workspace.js';
import { readZipEntries } from './zip-entries.js';

let t: ReportTestWorkspace;
let zip: Buffer;
let files: Map<string, Buffer>;
let manifest: PackageManifest;
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

beforeAll(async () => {
  t = await buildReportTestWorkspace();
  const { file } = await writeAuditorPackage(t.ws, t.store, join(t.dir, 'pkg-a'));
  zip = readFileSync(file);
  files = readZipEntries(zip);
  manifest = JSON.parse(files.get('manifest.json')!.toString('utf8')) as PackageManifest;
}, 120_000);
afterAll(async () => t?.dispose());

describe('auditor package', () => {
  it('is named after the period and holds the reports, the runs, the ledger and every artifact', async () => {
    const check = await t.store.latestRun<{ period: { from: string; to: string } }>('check');
    const { from, to } = check!.data.period;
    expect(existsSync(join(t.dir, 'pkg-a', `auditor-package-${from}-${to}.zip`))).toBe(true);
    for (const f of ['evidence-map.md', 'evidence-map.csv', 'evidence-map.html', 'evidence-map.xlsx', 'check-run.json', 'ledger.json', 'oscal-assessment-results.json', 'manifest.json', 'SHA256SUMS', 'VERIFY.txt', `mock-audit-${from}-${to}.md`, `mock-audit-${from}-${to}.json`]) {
      expect(files.has(f), f).toBe(true);
    }
    const ledger = await t.store.ledger();
    const artifacts = new Set(ledger.map((e) => e.artifact));
    const hashOnly = new Set(ledger.filter((e) => ['otlp-json', 'prompt-log-jsonl', 'langfuse-export'].includes(e.kind)).map((e) => e.artifact));
    expect(hashOnly.size).toBeGreaterThan(0);
    // Prompt and trace content is never packaged: listed by hash only.
    expect([...files.keys()].filter((p) => p.startsWith('artifacts/')).sort()).toEqual([...artifacts].filter((a) => !hashOnly.has(a)).sort().map((a) => `artifacts/${a}`));
    const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8')) as PackageManifest;
    expect([...manifest.hashOnlyArtifacts].sort()).toEqual([...hashOnly].sort());
    const checkRun = JSON.parse(files.get('check-run.json')!.toString('utf8'));
    expect(checkRun.period).toEqual({ from, to });
    expect(checkRun.results[0]).toEqual(expect.objectContaining({ control: expect.any(String), status: expect.any(String), population: expect.any(Number), exceptions: expect.any(Array) }));
    expect(JSON.parse(files.get('ledger.json')!.toString('utf8')).entries).toHaveLength(ledger.length);
  });

  it('lists every file in the manifest with a SHA-256 and size that match its bytes', async () => {
    expect(manifest.files.length).toBe(files.size - 2);
    for (const f of manifest.files) {
      const data = files.get(f.path);
      expect(data, f.path).toBeDefined();
      expect({ path: f.path, sha256: sha(data!), size: data!.length }).toEqual(f);
    }
    // An artifact is named by its own hash: the bytes in the zip are the bytes collected.
    for (const [path, data] of files) if (path.startsWith('artifacts/')) expect(sha(data)).toBe(path.slice('artifacts/'.length));
    const ledger = await t.store.ledger();
    expect(manifest).toEqual(expect.objectContaining({ format: 'fieldwork-auditor-package/1', organization: t.ws.config.organization, fieldworkVersion: expect.stringMatching(/^\d+\.\d+\.\d+/) }));
    expect(manifest.ledger).toEqual({ head: ledger.at(-1)!.hash, entries: ledger.length });
    expect(manifest.audit?.auditId).toContain(t.ws.config.organization);
  });

  it('carries the ledger chain, which recomputes from ledger.json alone up to the head', () => {
    const ledger = JSON.parse(files.get('ledger.json')!.toString('utf8')) as { head: string; entries: LedgerEntry[] };
    let prev = GENESIS;
    for (const { prev: p, hash, ...body } of ledger.entries) {
      expect(p).toBe(prev);
      expect(sha(Buffer.from(prev + canonicalJson(body)))).toBe(hash);
      prev = hash;
    }
    expect(prev).toBe(ledger.head);
    expect(ledger.head).toBe(manifest.ledger.head);
  });

  it('carries a SHA256SUMS file that `sha256sum -c` accepts, covering the manifest too', () => {
    const lines = files.get('SHA256SUMS')!.toString('utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(files.size - 1);
    for (const line of lines) {
      const m = /^([0-9a-f]{64}) {2}(\S+)$/.exec(line);
      expect(m, line).not.toBeNull();
      expect(sha(files.get(m![2])!)).toBe(m![1]);
    }
    expect(lines.some((l) => l.endsWith('  manifest.json'))).toBe(true);
  });

  it('stores entries sorted, so two packages of the same evidence are byte-identical', async () => {
    const paths = [...files.keys()].slice(2);
    expect([...files.keys()].slice(0, 2)).toEqual(['manifest.json', 'SHA256SUMS']);
    expect(paths).toEqual([...paths].sort());
    // A later day on the clock: nothing in the package may depend on it.
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(new Date('2031-02-03T04:05:06Z'));
      const { file } = await writeAuditorPackage(t.ws, t.store, join(t.dir, 'pkg-b'));
      expect(readFileSync(file).equals(zip)).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it('refuses to package evidence whose bytes no longer match the ledger (exit 4)', async () => {
    const artifact = manifest.files.find((f) => f.path.startsWith('artifacts/'))!.sha256;
    const blob = t.store.blobs.pathOf(artifact)!;
    const original = readFileSync(blob);
    try {
      writeFileSync(blob, Buffer.concat([original, Buffer.from('tampered')]));
      await expect(writeAuditorPackage(t.ws, t.store, join(t.dir, 'pkg-c'))).rejects.toMatchObject({ code: 'EVIDENCE_INTEGRITY', message: expect.stringContaining(artifact) });
      expect(existsSync(join(t.dir, 'pkg-c', `auditor-package-${manifest.period.from}-${manifest.period.to}.zip`))).toBe(false);
    } finally {
      writeFileSync(blob, original);
    }
  });

  it('is written by `fieldwork report --package --oscal`', async () => {
    let stdout = '';
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => ((stdout += String(c)), true));
    let code: number;
    try {
      code = await runCli(['report', '--workspace', t.dir, '--package', '--oscal', '--format', 'md', '--json']);
    } finally {
      spy.mockRestore();
    }
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    const names = (out.files as string[]).map((f) => f.slice(join(t.dir, 'reports').length + 1));
    expect(names).toEqual(['evidence-map.md', 'oscal-assessment-results.json', `auditor-package-${manifest.period.from}-${manifest.period.to}.zip`]);
    expect(out.package.ledgerHead).toBe(manifest.ledger.head);
  });

  it('needs a stored check run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fieldwork-empty-'));
    try {
      initWorkspace({ dir, organization: 'Empty Co', timezone: 'UTC', owner: { name: 'A B', email: 'a@example.com' }, categories: ['security'], report: { type: 2, from: '2026-01-01', to: '2026-03-31' }, startDate: '2025-01-01', b2b: true });
      const store = await FieldworkStore.open(FieldworkStore.locationFor(dir, {}));
      try {
        await expect(writeAuditorPackage(loadWorkspace(dir), store)).rejects.toMatchObject({ code: 'USAGE' });
      } finally {
        await store.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.runIf(TEST_DIALECTS.includes('postgres'))('auditor package on PostgreSQL (blobs in the database)', () => {
  let pg: ReportTestWorkspace;
  beforeAll(async () => {
    pg = await buildReportTestWorkspace('postgres');
  }, 300_000);
  afterAll(async () => pg?.dispose());

  it('holds every artifact read from the blob table, matching the manifest, and is byte-stable', async () => {
    const a = readFileSync((await writeAuditorPackage(pg.ws, pg.store, join(pg.dir, 'pkg-a'))).file);
    const entries = readZipEntries(a);
    const m = JSON.parse(entries.get('manifest.json')!.toString('utf8')) as PackageManifest;
    expect(m.files.filter((f) => f.path.startsWith('artifacts/')).length + m.hashOnlyArtifacts.length).toBe(new Set((await pg.store.ledger()).map((e) => e.artifact)).size);
    for (const f of m.files) expect(sha(entries.get(f.path)!)).toBe(f.sha256);
    expect(readFileSync((await writeAuditorPackage(pg.ws, pg.store, join(pg.dir, 'pkg-b'))).file).equals(a)).toBe(true);
  });
});

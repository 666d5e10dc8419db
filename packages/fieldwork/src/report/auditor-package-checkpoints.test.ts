import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSigningKey, writeCheckpoint } from '../evidence/index.js';
import { checkWorkspace } from '../pipeline/check-workspace.js';
import { collectWorkspace } from '../pipeline/collect-workspace.js';
import { integrityWorkspace } from '../testing/index.js';
import { writeAuditorPackage } from './auditor-package.js';
import type { PackageManifest } from './auditor-package.js';
import { oscalAssessmentResults } from './oscal-assessment-results.js';
import { loadEvidenceBundle } from './evidence-bundle.js';
import { readZipEntries } from './zip-entries.js';

function hasOpenssl3(): boolean {
  try {
    return /^OpenSSL 3/.test(execFileSync('openssl', ['version'], { encoding: 'utf8' }));
  } catch {
    return false;
  }
}

describe('checkpoints and run commitments in the auditor package and OSCAL', () => {
  it('carries the signed checkpoints (checkable with openssl) and the head and results digest the check run committed to', async () => {
    const iw = await integrityWorkspace('sqlite');
    const store = await iw.open();
    const out = mkdtempSync(join(tmpdir(), 'fieldwork-pkg-'));
    try {
      iw.addRoster(1);
      await collectWorkspace(iw.ws, store);
      await checkWorkspace(iw.ws, store, {}, new Date('2026-07-01T00:00:00Z'));
      const head = (await store.head())!;
      const { checkpoint } = writeCheckpoint(iw.dir, head, await store.runsHead(), loadSigningKey({ keyFile: iw.keyFile }));
      const { file, manifest } = await writeAuditorPackage(iw.ws, store, out);
      const files = readZipEntries(readFileSync(file));
      const m = JSON.parse(files.get('manifest.json')!.toString()) as PackageManifest;
      expect(m).toEqual(manifest);
      const run = (await store.latestRun('check'))!;
      expect(m.checkRun).toEqual({ id: run.id, at: run.createdAt, ledgerHead: head, resultsDigest: run.resultsDigest });
      expect(m.checkpoints).toEqual([expect.objectContaining({ seq: head.seq, hash: head.hash, keyId: checkpoint.keyId })]);
      const base = m.checkpoints[0]!.file.replace(/\.json$/, '');
      for (const f of [m.checkpoints[0]!.file, `${base}.signed-body`, `${base}.sig`, 'checkpoints/public-key.pem']) expect(files.has(f), f).toBe(true);
      if (hasOpenssl3()) {
        const dir = mkdtempSync(join(tmpdir(), 'fieldwork-pkg-unzipped-'));
        for (const f of ['checkpoints/public-key.pem', `${base}.signed-body`, `${base}.sig`]) writeFileSync(join(dir, f.replace(/\//g, '_')), files.get(f)!);
        const check = (body: string) => execFileSync('openssl', ['pkeyutl', '-verify', '-pubin', '-inkey', join(dir, 'checkpoints_public-key.pem'), '-rawin', '-in', body, '-sigfile', join(dir, `${base.replace(/\//g, '_')}.sig`)], { encoding: 'utf8' });
        expect(check(join(dir, `${base.replace(/\//g, '_')}.signed-body`))).toContain('Signature Verified Successfully');
        // A forged body (a later head claimed) does not verify.
        writeFileSync(join(dir, 'forged'), files.get(`${base}.signed-body`)!.toString().replace(`"seq":${head.seq}`, `"seq":${head.seq + 5}`));
        expect(() => check(join(dir, 'forged'))).toThrow();
        rmSync(dir, { recursive: true, force: true });
      }
      const oscal = oscalAssessmentResults(await loadEvidenceBundle(iw.ws, store)) as { 'assessment-results': { results: { props: { name: string; value: string }[] }[]; 'back-matter': { resources: { title: string; props?: { name: string; value: string }[] }[] } } };
      const props = oscal['assessment-results'].results[0]!.props;
      expect(props).toContainEqual(expect.objectContaining({ name: 'run-ledger-head', value: head.hash }));
      expect(props).toContainEqual(expect.objectContaining({ name: 'run-results-digest', value: run.resultsDigest }));
      const cp = oscal['assessment-results']['back-matter'].resources.find((r) => r.title.startsWith('Signed ledger checkpoint'));
      expect(cp?.props).toContainEqual(expect.objectContaining({ name: 'ledger-head', value: head.hash }));
    } finally {
      await store.close();
      await iw.dispose();
      rmSync(out, { recursive: true, force: true });
    }
  });
});

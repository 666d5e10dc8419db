import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordsOf } from '@fieldwork/core';
import { checkWorkspace } from '../pipeline/check-workspace.js';
import { openTestStore, TEST_DIALECTS } from '../testing/index.js';
import type { TestStore } from '../testing/index.js';
import { initWorkspace, loadWorkspace } from '../workspace/index.js';
import type { LoadedWorkspace } from '../workspace/index.js';
import { decideSubmission, listRequests, markNotApplicable, submitEvidence } from './index.js';

const NOW = new Date('2026-08-15T16:00:00Z');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% Board minutes Q2 2026, signed\n%%EOF\n');

for (const dialect of TEST_DIALECTS) {
  describe(`manual evidence on ${dialect}`, () => {
    let t: TestStore;
    let ws: LoadedWorkspace;
    let dir: string;
    let pdf: string;

    beforeAll(async () => {
      t = await openTestStore(dialect);
      dir = mkdtempSync(join(tmpdir(), 'fw-manual-'));
      initWorkspace({
        dir, organization: 'Acme AI', timezone: 'Europe/Berlin', owner: { name: 'Maya Chen', email: 'maya@acme.ai' }, categories: ['security'],
        report: { type: 2, from: '2026-04-01', to: '2026-09-30' }, startDate: '2026-01-05', b2b: true,
        people: [{ name: 'Tomas Varga', email: 'tomas@acme.ai', roles: ['security-lead'] }, { name: 'Priya Raman', email: 'priya@acme.ai', roles: ['engineering-lead'] }],
      });
      ws = loadWorkspace(dir);
      pdf = join(dir, 'board-minutes-2026-Q2.pdf');
      writeFileSync(pdf, PDF);
    });
    afterAll(async () => {
      await t.dispose();
      rmSync(dir, { recursive: true, force: true });
    });

    it('stores each file and the attestation as artifacts with ledger entries, and verify covers them', async () => {
      const before = (await t.store.ledger()).length;
      const r = await submitEvidence(ws, t.store, { control: 'GOV-01', covers: '2026-Q2', by: 'tomas@acme.ai', files: [{ path: pdf }], note: 'Q2 board meeting', performedOn: '2026-06-18' }, NOW);
      expect(r.submission).toMatchObject({ control: 'GOV-01', covers: '2026-Q2', by: 'Tomas Varga', performedOn: '2026-06-18', files: [{ name: 'board-minutes-2026-Q2.pdf', mediaType: 'application/pdf', size: PDF.length }] });
      const ledger = await t.store.ledger();
      expect(ledger.length).toBe(before + 2);
      expect(ledger.slice(-2).map((e) => [e.source, e.kind, e.recordCount])).toEqual([['manual-evidence', 'evidence-file', 0], ['manual-evidence', 'evidence-submission', 1]]);
      expect(ledger.at(-2)!.artifact).toBe(r.submission.files[0].sha256);
      expect((await t.store.blobs.read(r.submission.files[0].sha256))?.equals(PDF)).toBe(true);
      expect((await t.store.verify()).ok).toBe(true);
    });

    it('lets an approver accept, refuses other people and self-approval, and needs a reason to reject', async () => {
      const [sub] = recordsOf(await t.store.loadRecords(['evidence_submission']), 'evidence_submission');
      await expect(decideSubmission(ws, t.store, { submission: sub.id, decision: 'accepted', by: 'Priya Raman' }, NOW)).rejects.toMatchObject({ code: 'USAGE', message: expect.stringContaining('may not decide') });
      await expect(decideSubmission(ws, t.store, { submission: sub.id, decision: 'rejected', by: 'Maya Chen' }, NOW)).rejects.toMatchObject({ code: 'USAGE', message: expect.stringContaining('needs a reason') });
      const d = await decideSubmission(ws, t.store, { submission: sub.id, decision: 'accepted', by: 'maya@acme.ai' }, NOW);
      expect(d.decision).toMatchObject({ decision: 'accepted', by: 'Maya Chen', control: 'GOV-01', covers: '2026-Q2' });
      const own = await submitEvidence(ws, t.store, { control: 'GOV-02', covers: '2026', by: 'Maya Chen', files: [{ path: pdf }] }, NOW);
      await expect(decideSubmission(ws, t.store, { submission: own.submission.id, decision: 'accepted', by: 'Maya Chen' }, NOW)).rejects.toMatchObject({ code: 'USAGE', message: expect.stringContaining('may not decide on it') });
      const { requests } = await listRequests(ws, t.store, { control: 'GOV-01' }, NOW);
      expect(requests.map((r) => [r.id, r.status, r.owner.email])).toEqual([['GOV-01/2026-Q2', 'current', 'maya@acme.ai'], ['GOV-01/2026-Q3', 'upcoming', 'maya@acme.ai']]);
    });

    it('checks the file type, size, occurrence and person before writing anything', async () => {
      const before = (await t.store.ledger()).length;
      const fake = join(dir, 'scan.pdf');
      writeFileSync(fake, 'MZ\u0090\u0000 not a pdf');
      await expect(submitEvidence(ws, t.store, { control: 'GOV-01', covers: '2026-Q3', by: 'Tomas Varga', files: [{ path: fake }] }, NOW)).rejects.toMatchObject({ code: 'INPUT_WRONG_FORMAT', where: { file: 'scan.pdf' } });
      await expect(submitEvidence(ws, t.store, { control: 'GOV-01', covers: '2026-Q3', by: 'Tomas Varga', files: [{ bytes: Buffer.from('x'), name: 'tool.exe' }] }, NOW)).rejects.toMatchObject({ code: 'INPUT_WRONG_FORMAT' });
      await expect(submitEvidence(ws, t.store, { control: 'GOV-01', covers: '2026-07', by: 'Tomas Varga', files: [{ path: pdf }] }, NOW)).rejects.toMatchObject({ code: 'USAGE', hint: expect.stringContaining('--covers 2026-Q3') });
      await expect(submitEvidence(ws, t.store, { control: 'ACC-01', covers: '2026-Q3', by: 'Tomas Varga', files: [{ path: pdf }] }, NOW)).rejects.toMatchObject({ code: 'USAGE', message: expect.stringContaining('tested automatically') });
      await expect(submitEvidence(ws, t.store, { control: 'GOV-01', covers: '2026-Q3', by: 'Mallory', files: [{ path: pdf }] }, NOW)).rejects.toMatchObject({ code: 'USAGE' });
      await expect(submitEvidence(ws, t.store, { control: 'GOV-01', covers: '2026-Q3', by: 'Tomas Varga', files: [], statement: 'We met.' }, NOW)).rejects.toMatchObject({ code: 'USAGE', message: expect.stringContaining('needs evidence in a file') });
      const big = { ...ws, config: { ...ws.config, evidence: { maxFileBytes: 16 } } };
      await expect(submitEvidence(big, t.store, { control: 'GOV-01', covers: '2026-Q3', by: 'Tomas Varga', files: [{ path: pdf }] }, NOW)).rejects.toMatchObject({ code: 'INPUT_INVALID_RECORD', message: expect.stringContaining('more than the 16 bytes') });
      expect((await t.store.ledger()).length).toBe(before);
    });

    it('makes manual controls tested: the accepted quarter passes, the others are reported', async () => {
      const run = await checkWorkspace(ws, t.store, {}, new Date('2026-10-15T12:00:00Z'));
      const gov1 = run.results.find((r) => r.control === 'GOV-01')!;
      // Q2 accepted; Q3, the window's last quarter, was due on its last day and nothing came.
      expect(gov1).toMatchObject({ check: 'manual.evidence', status: 'exception', population: 2 });
      expect(gov1.exceptions.map((e) => `${e.rule} ${e.subject}`)).toEqual(['manual.missing GOV-01/2026-Q3']);
      const gov4 = run.results.find((r) => r.control === 'GOV-02')!;
      expect(gov4.exceptions.map((e) => `${e.rule} ${e.subject}`)).toEqual(['manual.unreviewed GOV-02/2026']);
      const early = await checkWorkspace(ws, t.store, {}, new Date('2026-08-15T12:00:00Z'));
      expect(early.results.find((r) => r.control === 'GOV-01')).toMatchObject({ status: 'pass', population: 1 });
      expect(run.results.filter((r) => r.exceptions.some((e) => e.rule === 'manual.missing')).length).toBeGreaterThan(10);
    });

    it('records not applicable with its reason and approver', async () => {
      const [na] = await markNotApplicable(ws, t.store, { control: 'GOV-06', covers: ['2026-04'], by: 'Maya Chen', reason: 'monitoring started in May' }, NOW);
      expect(na.decision).toMatchObject({ decision: 'not_applicable', covers: '2026-04', by: 'Maya Chen' });
      const { requests } = await listRequests(ws, t.store, { control: 'GOV-06', status: ['not_applicable'] }, NOW);
      expect(requests.map((r) => [r.id, r.reason])).toEqual([['GOV-06/2026-04', 'Not applicable: monitoring started in May (decided by Maya Chen).']]);
    });

    it('fails verify when a stored submission is altered', async () => {
      expect((await t.store.verify()).ok).toBe(true);
      const row = await t.store.db.selectFrom('records').select(['id', 'data']).where('kind', '=', 'evidence_submission').orderBy('id').executeTakeFirstOrThrow();
      const data = JSON.parse(row.data);
      await t.store.db.updateTable('records').set({ data: JSON.stringify({ ...data, performedOn: '2026-06-01' }) }).where('id', '=', row.id).execute();
      const v = await t.store.verify();
      expect(v.ok).toBe(false);
      expect(v.problems[0].kind).toBe('records_changed');
      await t.store.db.updateTable('records').set({ data: row.data }).where('id', '=', row.id).execute();
      expect((await t.store.verify()).ok).toBe(true);
    });
  });
}

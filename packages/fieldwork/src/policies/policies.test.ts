import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { collectSources } from '../collectors/index.js';
import { policiesCollector } from '../collectors/policies/policies-collector.js';
import { openTestStore, parseFile, TEST_DIALECTS } from '../testing/index.js';
import type { TestStore } from '../testing/index.js';
import { initWorkspace, loadWorkspace } from '../workspace/index.js';
import { approvePolicy } from './approve-policy.js';
import { parsePolicy } from './policy-files.js';

function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'fieldwork-pol-'));
  initWorkspace({ dir, organization: 'Acme AI', timezone: 'Europe/Berlin', owner: { name: 'Maya Chen', email: 'maya@acme.ai' }, categories: ['security'], report: { type: 1, asOf: '2026-06-30' }, startDate: '2026-01-05', b2b: true, people: [{ name: 'Priya', email: 'p@acme.ai', roles: ['engineering-lead'] }] });
  return dir;
}

describe('policy templates', () => {
  it('init writes the seven policies filled from the workspace, unapproved', async () => {
    const dir = workspace();
    const text = readFileSync(join(dir, 'policies', 'secure-development.md'), 'utf8');
    const p = parsePolicy(text, 'secure-development.md');
    expect(p.front).toMatchObject({ id: 'secure-development', version: '1.0', owner: 'Priya', approved_by: null });
    expect(text).toContain('Acme AI');
    expect(text).toContain('critical 15 days');
    const recs = await parseFile(policiesCollector, join(dir, 'policies', 'access-control.md'));
    expect(recs).toEqual([expect.objectContaining({ kind: 'policy', id: 'access-control', locator: 'line 1' })]);
  });

  it('refuses a policy without front matter, naming the file', async () => {
    const dir = workspace();
    const f = join(dir, 'policies', 'bcdr.md');
    writeFileSync(f, '# BCDR\n\nno front matter\n');
    await expect(parseFile(policiesCollector, f)).rejects.toMatchObject({ code: 'INPUT_WRONG_FORMAT', where: { line: 1 } });
  });
});

for (const dialect of TEST_DIALECTS) {
  describe(`policy approve on ${dialect}`, () => {
    let t: TestStore;
    afterEach(async () => t?.dispose());

    it('accepts only an approver fieldwork.yaml names (owners or approvers:), by name or email in any case, and lists them otherwise', async () => {
      t = await openTestStore(dialect);
      const dir = workspace();
      const ws = loadWorkspace(dir);
      const refused = approvePolicy(ws, t.store, 'access-control', 'Random Person');
      await expect(refused).rejects.toMatchObject({ code: 'USAGE', message: expect.stringContaining('Random Person'), hint: expect.stringContaining('Maya Chen <maya@acme.ai>, Priya <p@acme.ai>') });
      expect(readFileSync(join(dir, 'policies', 'access-control.md'), 'utf8')).not.toContain('approved_by: Random');
      expect(await t.store.ledger()).toEqual([]);
      expect(await approvePolicy(ws, t.store, 'access-control', 'P@ACME.AI', new Date('2026-02-01T10:00:00Z'))).toMatchObject({ approver: 'Priya' });
      const withList = { ...ws, config: { ...ws.config, approvers: [{ name: 'Dana Board', email: 'dana@acme.ai' }] } };
      expect(await approvePolicy(withList, t.store, 'bcdr', 'dana board', new Date('2026-02-02T10:00:00Z'))).toMatchObject({ approver: 'Dana Board' });
    });

    it('never lets a placeholder owner approve, and says how to name a real one', async () => {
      t = await openTestStore(dialect);
      const ws = loadWorkspace(workspace());
      const placeholder = { ...ws, config: { ...ws.config, owners: { compliance: { name: 'Compliance Owner', email: 'compliance@example.com', roles: ['compliance-owner'] }, people: [] } } };
      await expect(approvePolicy(placeholder, t.store, 'access-control', 'Compliance Owner')).rejects.toMatchObject({ code: 'USAGE', hint: expect.stringContaining('placeholder') });
      await expect(approvePolicy(placeholder, t.store, 'access-control', 'compliance@example.com')).rejects.toMatchObject({ code: 'USAGE' });
    });

    it('records the approval as ledger evidence tied to the exact text, and updates the front matter', async () => {
      t = await openTestStore(dialect);
      const dir = workspace();
      const ws = loadWorkspace(dir);
      const r = await approvePolicy(ws, t.store, 'access-control', 'Maya Chen', new Date('2026-02-01T10:00:00Z'));
      expect(r).toMatchObject({ policy: 'access-control', approver: 'Maya Chen', nextReview: '2027-02-01', seq: 1 });
      const p = parsePolicy(readFileSync(join(dir, 'policies', 'access-control.md'), 'utf8'), 'x');
      expect(p.front).toMatchObject({ approved_by: 'Maya Chen', approved_at: '2026-02-01' });
      const recs = await t.store.loadRecords(['policy_approval']);
      expect(recs.policy_approval?.[0]).toMatchObject({ policy: 'access-control', bodySha256: p.bodySha256 });
      expect((await t.store.verify()).ok).toBe(true);
      // Collecting the folder picks up the approved policy and the approval file.
      const out = await collectSources({ workspaceDir: dir, timezone: 'Europe/Berlin', sources: ws.config.sources, store: t.store });
      expect(out[0]).toMatchObject({ name: 'policies', status: 'collected' });
      const all = await t.store.loadRecords(['policy']);
      expect(all.policy?.find((x) => x.id === 'access-control')).toMatchObject({ approvedBy: 'Maya Chen' });
    });

    it('refuses an unknown policy id with a usage error', async () => {
      t = await openTestStore(dialect);
      const ws = loadWorkspace(workspace());
      await expect(approvePolicy(ws, t.store, 'nope', 'Maya')).rejects.toMatchObject({ code: 'USAGE' });
    });

    it('refuses a policy id that could name a file outside approvals/, from the command line or the front matter', async () => {
      t = await openTestStore(dialect);
      const dir = workspace();
      const ws = loadWorkspace(dir);
      await expect(approvePolicy(ws, t.store, '../fieldwork', 'Maya')).rejects.toMatchObject({ code: 'USAGE' });
      const f = join(dir, 'policies', 'access-control.md');
      writeFileSync(f, readFileSync(f, 'utf8').replace(/^id: .*$/m, 'id: ../../escape'));
      await expect(approvePolicy(ws, t.store, 'access-control', 'Maya')).rejects.toMatchObject({ code: 'INPUT_INVALID_RECORD', where: { file: 'policies/access-control.md', pointer: '/id' } });
      writeFileSync(f, readFileSync(f, 'utf8').replace(/^id: .*$/m, 'id: access-control').replace(/^version: .*$/m, 'version: 1/../../x'));
      await expect(approvePolicy(ws, t.store, 'access-control', 'Maya')).rejects.toMatchObject({ code: 'INPUT_INVALID_RECORD', where: { pointer: '/version' } });
      expect((await t.store.ledger()).length).toBe(0);
    });
  });
}

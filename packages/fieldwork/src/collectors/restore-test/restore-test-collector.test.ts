import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isFieldworkError } from '@fieldwork/core/errors';
import { recordSchemas } from '@fieldwork/core/records';
import type { RestoreTestRecord } from '@fieldwork/core/records';
import { parseFile, parseFileReport } from '../../testing/index.js';
import { restoreTestCollector } from './restore-test-collector.js';

const tmp = mkdtempSync(join(tmpdir(), 'restore-test-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
function file(rel: string, text: string): string {
  const p = join(tmp, rel);
  mkdirSync(join(p, '..'), { recursive: true });
  writeFileSync(p, text);
  return p;
}
async function tests(path: string, tz = 'America/Los_Angeles'): Promise<RestoreTestRecord[]> {
  const out = await parseFile(restoreTestCollector, path, {}, tz);
  for (const r of out) expect(recordSchemas.restore_test.safeParse(r).success).toBe(true);
  return out as RestoreTestRecord[];
}
async function failure(path: string) {
  const e = await parseFile(restoreTestCollector, path).then(() => undefined, (err: unknown) => err);
  if (!isFieldworkError(e)) throw new Error(`expected a FieldworkError, got ${String(e)}`);
  return e;
}

const record = (evidence: string, extra = '') => `# Quarterly restore of the agent memory bucket
resource: arn:aws:s3:::relay-agent-memory
performed_at: 2026-05-20 10:30
performed_by: dana.ito@relaylabs.ai
backup_id: arn:aws:backup:us-west-2:111122223333:recovery-point:0b6f2d1e
result: success
evidence: ${evidence}
notes: Restored into relay-agent-memory-restore-test and compared object counts.
${extra}`;

describe('restore-test-yaml', () => {
  it('maps a manual restore test; the evidence file becomes the artifact, hashed', async () => {
    file('q2/evidence/memory-restore.log', 'restore started\n41,203 objects restored, counts match\n');
    const [t] = await tests(file('q2/memory.yaml', record('evidence/memory-restore.log')));
    expect(t).toMatchObject({
      tool: 'manual', resource: 'arn:aws:s3:::relay-agent-memory', status: 'completed', validation: 'successful',
      artifactRef: 'evidence/memory-restore.log', performedBy: 'dana.ito@relaylabs.ai', locator: 'line 2',
      recoveryPoint: 'arn:aws:backup:us-west-2:111122223333:recovery-point:0b6f2d1e', id: 'memory.yaml',
    });
    expect(t.artifactSha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reads a time without an offset in the workspace timezone', async () => {
    file('tz/evidence.log', 'ok');
    const [la] = await tests(file('tz/t.yaml', record('evidence.log')), 'America/Los_Angeles');
    expect(la.at).toBe('2026-05-20T17:30:00.000Z');
    const [utc] = await tests(file('tz/t.yaml', record('evidence.log')), 'UTC');
    expect(utc.at).toBe('2026-05-20T10:30:00.000Z');
  });

  it('keeps a test whose evidence is missing or empty, without an artifact and with a note', async () => {
    const [missing] = await tests(file('m/t.yaml', record('evidence/nothing-here.png')));
    expect(missing.artifactRef).toBeUndefined();
    expect(missing.notes).toMatch(/nothing-here\.png does not exist/);
    file('e/empty.log', '');
    const [empty] = await tests(file('e/t.yaml', record('empty.log')));
    expect(empty.artifactRef).toBeUndefined();
    expect(empty.notes).toMatch(/empty\.log is empty/);
    const [link] = await tests(file('l/t.yaml', record('https://wiki.example.com/restore')));
    expect(link.notes).toMatch(/is a link/);
  });

  it('does not read evidence outside the record\'s folder (a ../ path or a symlink out)', async () => {
    file('secret/host.txt', 'not restore evidence\n');
    const [up] = await tests(file('inside/t.yaml', record('../secret/host.txt')));
    expect(up.artifactSha256).toBeUndefined();
    expect(up.notes).toMatch(/leads out of the folder/);
    symlinkSync(join(tmp, 'secret', 'host.txt'), join(tmp, 'inside', 'link.log'));
    const [link] = await tests(file('inside/u.yaml', record('link.log')));
    expect(link.artifactSha256).toBeUndefined();
    expect(link.notes).toMatch(/leads out of the folder/);
  });

  it('records a failed restore as failed', async () => {
    file('f/x.log', 'error');
    const [t] = await tests(file('f/t.yaml', record('x.log').replace('result: success', 'result: failure')));
    expect(t).toMatchObject({ status: 'failed', validation: 'failed' });
  });

  it('yields nothing for the evidence files themselves, so they are only kept as evidence', async () => {
    expect(await tests(file('ev/shot.png', '\x89PNG....'))).toEqual([]);
  });

  it('names the line of a bad value, and of a field it does not read', async () => {
    const bad = await failure(file('b/t.yaml', record('x.log').replace('result: success', 'result: passed')));
    expect(bad).toMatchObject({ code: 'INPUT_INVALID_RECORD', where: { line: 6, pointer: '/result' } });
    const typo = await parseFileReport(restoreTestCollector, file('b/u.yaml', record('x.log', 'evidance: y.log\n')));
    expect(typo.ignored).toEqual([{ field: 'evidance', at: 'line 9' }]);
    const renamed = await failure(file('b/r.yaml', record('x.log').replace('result: success', 'Outcome: passed')));
    expect(renamed).toMatchObject({ code: 'INPUT_INVALID_RECORD', where: { line: 6, pointer: '/Outcome' } });
    const date = await failure(file('b/d.yaml', record('x.log').replace('2026-05-20 10:30', 'last tuesday')));
    expect(date.code).toBe('INPUT_INVALID_RECORD');
  });

  it('refuses broken YAML, an empty file and YAML that is something else', async () => {
    const broken = await failure(file('x/broken.yaml', 'resource: a\n  result: [success\n'));
    expect(broken.code).toBe('INPUT_MALFORMED');
    expect(broken.where?.line).toBeGreaterThan(0);
    expect((await failure(file('x/empty.yaml', ''))).code).toBe('INPUT_MALFORMED');
    expect((await failure(file('x/other.yml', 'vendors: []\n'))).code).toBe('INPUT_WRONG_FORMAT');
  });

  it('reads other key names, takes options.fields, and names every key it did not read', async () => {
    file('n/restore.log', 'restored 12 tables, row counts match\n');
    const text = 'System: orders-db\nTested at: 2026-05-20T10:30:00Z\nTested by: dana.ito@relaylabs.ai\nSnapshot ID: snap-0b6f\nOutcome: success\nLog file: restore.log\nDuration: 42m\nTicket: OPS-12\n';
    const { records, ignored } = await parseFileReport(restoreTestCollector, file('n/t.yaml', text), {}, 'UTC');
    expect(records[0]).toMatchObject({ resource: 'orders-db', at: '2026-05-20T10:30:00.000Z', performedBy: 'dana.ito@relaylabs.ai', recoveryPoint: 'snap-0b6f', status: 'completed', artifactRef: 'restore.log' });
    expect(ignored).toEqual([{ field: 'Duration', at: 'line 7' }, { field: 'Ticket', at: 'line 8' }]);
    const mapped = await parseFileReport(restoreTestCollector, file('n/t.yaml', text.replace('Tested by', 'Owner')), { fields: { performed_by: 'Owner' } });
    expect(mapped.records[0]).toMatchObject({ performedBy: 'dana.ito@relaylabs.ai' });
    expect(restoreTestCollector.options.safeParse({ fields: { performedBy: 'Owner' } }).success).toBe(false);
  });
});

import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { recordSchemas } from '@fieldwork/core/records';
import type { BackupJobRecord } from '@fieldwork/core/records';
import { parseFile, refusal, scratchDir } from '../../testing/index.js';
import { pgbackrestCollector } from './pgbackrest-collector.js';

const fixture = new URL('./fixtures/pgbackrest-info.json', import.meta.url).pathname;
const scratch = scratchDir('pgbackrest-test-');
afterAll(() => scratch.remove());
const file = scratch.file;
async function jobs(path: string, options: unknown = {}): Promise<BackupJobRecord[]> {
  const out = await parseFile(pgbackrestCollector, path, options);
  for (const r of out) expect(recordSchemas.backup_job.safeParse(r).success).toBe(true);
  return out as BackupJobRecord[];
}
const failure = (path: string, options: unknown = {}) => refusal(pgbackrestCollector, path, options);

describe('pgbackrest-info', () => {
  it('yields one backup_job per backup, resource = stanza, epoch seconds as UTC instants', async () => {
    const r = await jobs(fixture);
    expect(r).toHaveLength(3);
    expect(r[0]).toMatchObject({
      tool: 'pgbackrest', resource: 'relay-analytics', jobId: 'relay-analytics/20260405-020001F', recoveryPoint: '20260405-020001F',
      at: '2026-04-05T09:00:01.000Z', completedAt: '2026-04-05T09:22:02.000Z', status: 'completed', sizeBytes: 19823456789, locator: '/0/backup/0',
    });
  });

  it('records a backup flagged with errors as failed', async () => {
    const r = await jobs(fixture);
    expect(r[2].status).toBe('failed');
  });

  it('maps stanzas to resource names; a stanza with no backups yields nothing', async () => {
    const r = await jobs(fixture, { resourceMap: { 'relay-analytics': 'analytics-db' } });
    expect(new Set(r.map((j) => j.resource))).toEqual(new Set(['analytics-db']));
    expect(await jobs(file('none.json', '[]'))).toEqual([]);
  });

  it('accepts a single stanza object and backups without the error flag (before 2.36)', async () => {
    const doc = JSON.parse(readFileSync(fixture, 'utf8'))[0];
    for (const b of doc.backup) delete b.error;
    const r = await jobs(file('one.json', JSON.stringify(doc)));
    expect(r.map((j) => j.status)).toEqual(['completed', 'completed', 'completed']);
    expect(r[0].locator).toBe('line 1#/backup/0');
  });

  it('refuses truncated output, an empty file and the text output', async () => {
    const full = readFileSync(fixture);
    expect((await failure(file('half.json', full.subarray(0, full.length >> 1).toString()))).code).toBe('INPUT_MALFORMED');
    expect((await failure(file('empty.json', ''))).code).toBe('INPUT_MALFORMED');
    const text = await failure(file('info.txt', 'stanza: relay-analytics\n    status: ok\n'));
    expect(text.code).toBe('INPUT_WRONG_FORMAT');
  });

  it('refuses other JSON and points at a malformed backup', async () => {
    const other = await failure(file('other.json', '[{"id": 1}]'));
    expect(other).toMatchObject({ code: 'INPUT_WRONG_FORMAT', where: { pointer: '/0' } });
    expect(other.hint).toMatch(/pgbackrest info --output=json/);
    const bad = await failure(file('bad.json', JSON.stringify([{ name: 'db', status: { code: 0 }, backup: [{ label: 'x', timestamp: { start: 'yesterday' } }] }])));
    expect(bad).toMatchObject({ code: 'INPUT_INVALID_RECORD', where: { pointer: '/0/backup/0/timestamp/start' } });
  });
});

import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { recordSchemas } from '@fieldwork/core/records';
import type { BackupJobRecord } from '@fieldwork/core/records';
import { parseFile, refusal, scratchDir } from '../../testing/index.js';
import { resticCollector } from './restic-collector.js';

const fixture = new URL('./fixtures/restic-snapshots.json', import.meta.url).pathname;
const scratch = scratchDir('restic-test-');
afterAll(() => scratch.remove());
const file = scratch.file;
async function jobs(path: string, options: unknown = {}): Promise<BackupJobRecord[]> {
  const out = await parseFile(resticCollector, path, options);
  for (const r of out) expect(recordSchemas.backup_job.safeParse(r).success).toBe(true);
  return out as BackupJobRecord[];
}
const failure = (path: string, options: unknown = {}) => refusal(resticCollector, path, options);

describe('restic-snapshots', () => {
  it('yields a completed backup_job per snapshot; local times with offsets and nanoseconds become UTC', async () => {
    const r = await jobs(fixture);
    expect(r).toHaveLength(3);
    expect(r[0]).toMatchObject({
      tool: 'restic', resource: 'ops-bastion:/etc/relay,/srv/relay/config', status: 'completed', recoveryPoint: '4f1c2a9e',
      at: '2026-04-05T08:30:02.418Z', completedAt: '2026-04-05T08:30:09.101Z', sizeBytes: 5230112, locator: '/0',
    });
  });

  it('names the resource by host and sorted paths, so path order does not split a resource', async () => {
    const r = await jobs(fixture);
    expect(r[1].resource).toBe(r[0].resource);
    expect(r[2].resource).toBe('ops-bastion:/var/lib/relay/exports');
  });

  it('uses options.resource for every snapshot', async () => {
    const r = await jobs(fixture, { resource: 'bastion-config' });
    expect(new Set(r.map((j) => j.resource))).toEqual(new Set(['bastion-config']));
  });

  it('reads --group-by output and drops a snapshot listed twice', async () => {
    const snaps = JSON.parse(readFileSync(fixture, 'utf8'));
    const grouped = [{ group_key: { hostname: 'ops-bastion', paths: null, tags: null }, snapshots: [snaps[0], snaps[1]] }, { group_key: { hostname: 'ops-bastion' }, snapshots: [snaps[1]] }];
    const r = await jobs(file('grouped.json', JSON.stringify(grouped)));
    expect(r.map((j) => j.locator)).toEqual(['/0/snapshots/0', '/0/snapshots/1']);
  });

  it('accepts no snapshots, refuses an empty file, truncated output and other JSON', async () => {
    expect(await jobs(file('none.json', '[]'))).toEqual([]);
    expect((await failure(file('empty.json', ''))).code).toBe('INPUT_MALFORMED');
    const full = readFileSync(fixture);
    expect((await failure(file('half.json', full.subarray(0, full.length >> 1).toString()))).code).toBe('INPUT_MALFORMED');
    const other = await failure(file('other.json', '[{"name": "x"}]'));
    expect(other.code).toBe('INPUT_WRONG_FORMAT');
    expect(other.hint).toMatch(/restic snapshots --json/);
  });

  it('refuses a time without an offset, pointing at it', async () => {
    const snaps = JSON.parse(readFileSync(fixture, 'utf8'));
    snaps[1].time = '2026-04-12 01:30:01';
    const e = await failure(file('naive.json', JSON.stringify(snaps)));
    expect(e).toMatchObject({ code: 'INPUT_INVALID_RECORD', where: { pointer: '/1/time' } });
  });
});

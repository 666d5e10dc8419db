import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FieldworkRecord } from '@fieldwork/core';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { sha256File } from '../evidence/index.js';
import { openTestStore } from '../testing/index.js';
import type { TestStore } from '../testing/index.js';

const event = (uuid: string) => ({ kind: 'access_event', system: 'okta', eventId: uuid, eventType: 'user.lifecycle.deactivate', action: 'deactivate', at: `2026-05-01T17:00:0${uuid.length % 10}.000Z`, account: `${uuid}@x.ai` });

/** Stores `ids` as access events of an artifact whose bytes are `bytes` long; `failAt` throws after that many records. */
async function ingest(t: TestStore, name: string, bytes: number, ids: string[], failAt = -1) {
  const path = join(t.dir, name);
  writeFileSync(path, `${name}\n`.padEnd(bytes, '.'));
  const { sha256, size } = await sha256File(path);
  async function* records(): AsyncGenerator<FieldworkRecord> {
    for (const [i, id] of ids.entries()) {
      if (i === failAt) throw new Error('parse failed');
      yield { ...event(id), source: 'okta', artifact: sha256, locator: `line ${i + 1}` } as FieldworkRecord;
    }
  }
  return t.store.ingest({ sha256, size, name, source: 'okta', kind: 'test', origin: name, path, records: records() });
}

const indexes = async (t: TestStore) => (await sql<{ name: string; sql: string }>`select name, sql from sqlite_master where type = 'index' and tbl_name = 'records' order by name`.execute(t.store.db)).rows;
/** Bumped by every schema change: tells whether the indexes were dropped and rebuilt. */
const schemaVersion = async (t: TestStore) => Number((await sql<{ schema_version: number }>`pragma schema_version`.execute(t.store.db)).rows[0].schema_version);
const dbBytes = async (t: TestStore) => Number((await sql<{ n: number }>`select page_count * page_size as n from pragma_page_count(), pragma_page_size()`.execute(t.store.db)).rows[0].n);

describe('records indexes around a bulk load (SQLite)', () => {
  let t: TestStore;
  afterEach(async () => t?.dispose());

  it('a first artifact larger than the database is stored with the same indexes, and the next one supersedes through them', async () => {
    t = await openTestStore('sqlite');
    const before = await indexes(t);
    expect(before.map((i) => i.name)).toContain('records_source_kind_identity');
    const big = (await dbBytes(t)) + 4096;
    const v0 = await schemaVersion(t);
    const first = await ingest(t, 'big.jsonl', big, ['u1', 'u2', 'u3']);
    expect(first.recordCount).toBe(3);
    expect(await schemaVersion(t)).toBeGreaterThan(v0);
    expect(await indexes(t)).toEqual(before);
    // Small next to the store now: inserted into the indexes, and the join finds the re-stated fact.
    const v1 = await schemaVersion(t);
    const second = await ingest(t, 'small.jsonl', 100, ['u2', 'u4']);
    expect(second.superseded).toBe(1);
    expect(await schemaVersion(t)).toBe(v1);
    const events = (await t.store.loadRecords(['access_event'])).access_event ?? [];
    expect(events.map((e) => e.eventId).sort()).toEqual(['u1', 'u2', 'u3', 'u4']);
    // The planner still answers the supersession lookup from the rebuilt index.
    const plan = (await sql<{ detail: string }>`explain query plan select id from records where source = 'okta' and kind = 'access_event' and identity = 'x'`.execute(t.store.db)).rows.map((r) => r.detail).join(' ');
    expect(plan).toContain('records_source_kind_identity');
  });

  it('a bulk load that fails part-way leaves the indexes and no records', async () => {
    t = await openTestStore('sqlite');
    const before = await indexes(t);
    await expect(ingest(t, 'broken.jsonl', (await dbBytes(t)) + 4096, ['u1', 'u2', 'u3'], 2)).rejects.toThrow('parse failed');
    expect(await indexes(t)).toEqual(before);
    expect((await t.store.loadRecords(['access_event'])).access_event ?? []).toEqual([]);
    expect(await t.store.ledger()).toEqual([]);
  });
});

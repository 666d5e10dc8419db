import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FieldworkError } from '@fieldwork/core';
import type { FieldworkRecord } from '@fieldwork/core';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openTestStore, TEST_DIALECTS } from '../testing/index.js';
import type { TestStore } from '../testing/index.js';
import { sha256, sha256File } from './hash.js';
import { entryHash, GENESIS } from './ledger.js';

async function* people(sha: string, n: number, failAt?: number): AsyncGenerator<FieldworkRecord> {
  for (let i = 1; i <= n; i++) {
    if (i === failAt) throw new FieldworkError('INPUT_INVALID_RECORD', 'bad row', { where: { file: 'x.csv', line: i + 1 } });
    yield { kind: 'person', source: 'hr', artifact: sha, locator: `line ${i + 1}`, id: String(i), email: `p${i}@x.ai` } as FieldworkRecord;
  }
}

async function ingestText(t: TestStore, name: string, text: string, n = 3, failAt?: number) {
  const path = join(t.dir, name);
  writeFileSync(path, text);
  const { sha256: sha, size } = await sha256File(path);
  return t.store.ingest({ sha256: sha, size, name, source: 'hr', kind: 'bamboohr-csv', origin: name, path, records: people(sha, n, failAt) });
}

for (const dialect of TEST_DIALECTS) {
  describe(`evidence ledger on ${dialect}`, () => {
    let t: TestStore;
    afterEach(async () => t?.dispose());

    it('chains entries and verifies untouched evidence', async () => {
      t = await openTestStore(dialect);
      const a = await ingestText(t, 'a.csv', 'one');
      const b = await ingestText(t, 'b.csv', 'two', 5);
      expect(a.entry.seq).toBe(1);
      expect(b.entry.prev).toBe(a.entry.hash);
      expect(b.recordCount).toBe(5);
      expect(b.populations).toEqual({ person: 5 });
      const v = await t.store.verify();
      expect(v).toMatchObject({ ok: true, entries: 2, blobsChecked: 2, headHash: b.entry.hash, problems: [] });
      // b re-states persons 1–3 of a: one fact each, as b says it; a's statements stay in history.
      const recs = await t.store.loadRecords(['person']);
      expect(recs.person).toHaveLength(5);
      expect(recs.person!.every((p) => p.artifact === b.entry.artifact)).toBe(true);
      expect(await t.store.recordHistory('person')).toHaveLength(8);
    });

    it('stores nothing of an artifact whose parse fails halfway', async () => {
      t = await openTestStore(dialect);
      await ingestText(t, 'a.csv', 'one');
      await expect(ingestText(t, 'bad.csv', 'broken', 10, 7)).rejects.toThrow('bad row');
      expect((await t.store.ledger()).length).toBe(1);
      expect((await t.store.loadRecords(['person'])).person).toHaveLength(3);
      expect(await t.store.hasCollected('hr', sha256('broken'))).toBe(false);
      const v = await t.store.verify();
      expect(v.ok).toBe(true);
      // The blob written beside the records' transaction stays on both stores (another writer's
      // entry may name the same bytes): an orphan that only garbage collection under the
      // collection lock removes (a collect does it at once for a refused file: dropUnnamedBlob).
      expect(v.orphans).toEqual([sha256('broken')]);
      expect((await t.store.collectGarbage()).blobs).toEqual([sha256('broken')]);
      expect((await t.store.verify()).orphans).toEqual([]);
    });

    it('keeps hash-only artifacts (prompt content) in the chain without storing their bytes', async () => {
      t = await openTestStore(dialect);
      const path = join(t.dir, 'prompts.jsonl');
      writeFileSync(path, '{"content":"my card is 4111 1111 1111 1111"}\n');
      const { sha256: sha, size } = await sha256File(path);
      await t.store.ingest({ sha256: sha, size, name: 'prompts.jsonl', source: 'prompts', kind: 'prompt-log-jsonl', origin: 'prompts.jsonl', path, records: people(sha, 1), retain: false });
      await ingestText(t, 'b.csv', 'after');
      expect(await t.store.blobs.has(sha)).toBe(false);
      expect(await t.store.isRetained(sha)).toBe(false);
      const v = await t.store.verify();
      expect(v).toMatchObject({ ok: true, entries: 2, blobsChecked: 1, hashOnly: 1 });
    });

    it('adds nothing when another writer collected the same artifact first (checked under the ledger lock)', async () => {
      t = await openTestStore(dialect);
      const first = await ingestText(t, 'a.csv', 'same');
      const path = join(t.dir, 'a.csv');
      const again = await t.store.ingest({ sha256: sha256('same'), size: 4, name: 'a.csv', source: 'hr', kind: 'bamboohr-csv', origin: 'a.csv', path, records: people(sha256('same'), 3), skipIfCollected: {} });
      expect(again).toMatchObject({ duplicate: true, entry: { seq: first.entry.seq } });
      expect((await t.store.ledger()).length).toBe(1);
      expect((await t.store.loadRecords(['person'])).person).toHaveLength(3);
    });

    it('knows what it has collected, so re-collection can skip identical bytes', async () => {
      t = await openTestStore(dialect);
      await ingestText(t, 'a.csv', 'same');
      expect(await t.store.hasCollected('hr', sha256('same'))).toBe(true);
      expect(await t.store.hasCollected('other', sha256('same'))).toBe(false);
    });

    it('names the entry when a blob byte is changed', async () => {
      t = await openTestStore(dialect);
      await ingestText(t, 'a.csv', 'one');
      await ingestText(t, 'b.csv', 'two');
      const target = sha256('two');
      if (dialect === 'sqlite') writeFileSync(t.store.blobs.pathOf(target)!, 'twO');
      else await sql`update blobs set bytes = ${Buffer.from('twO')} where sha256 = ${target}`.execute(t.store.db);
      const v = await t.store.verify();
      expect(v.ok).toBe(false);
      expect(v.problems[0]).toMatchObject({ seq: 2, kind: 'blob_changed', artifact: target });
    });

    it('names the entry when an entry is edited', async () => {
      t = await openTestStore(dialect);
      for (const x of ['a', 'b', 'c']) await ingestText(t, `${x}.csv`, x);
      await t.store.db.updateTable('ledger').set({ record_count: 99 }).where('seq', '=', 2).execute();
      const v = await t.store.verify();
      expect(v.problems[0]).toMatchObject({ seq: 2, kind: 'entry_changed' });
    });

    it('names the entry after a deleted one, and a deleted last entry', async () => {
      t = await openTestStore(dialect);
      for (const x of ['a', 'b', 'c', 'd']) await ingestText(t, `${x}.csv`, x);
      await t.store.db.deleteFrom('ledger').where('seq', '=', 2).execute();
      let v = await t.store.verify();
      // Its records are left naming an entry that no longer exists; the next entry's link breaks.
      expect(v.problems[0]).toMatchObject({ seq: 2, kind: 'record_orphan' });
      expect(v.problems).toContainEqual(expect.objectContaining({ seq: 3, kind: 'chain_broken' }));

      await t.dispose();
      t = await openTestStore(dialect);
      for (const x of ['a', 'b', 'c']) await ingestText(t, `${x}.csv`, x);
      await t.store.db.deleteFrom('ledger').where('seq', '=', 3).execute();
      v = await t.store.verify();
      expect(v.ok).toBe(false);
      expect(v.problems[0]).toMatchObject({ seq: 3, kind: 'head_mismatch' });
    });

    it('keeps verifying entries and runs written before record digests and run commitments', async () => {
      t = await openTestStore(dialect);
      await ingestText(t, 'a.csv', 'one');
      await ingestText(t, 'b.csv', 'two');
      // Rewrite both entries as an older version wrote them: no v, no records digest, no retained.
      let prev = GENESIS;
      for (const e of await t.store.ledger()) {
        const { v: _v, recordsDigest: _d, retained: _r, prev: _p, hash: _h, ...v1 } = e;
        const hash = entryHash(prev, v1);
        await t.store.db.updateTable('ledger').set({ version: null, records_digest: null, retained: null, prev, hash }).where('seq', '=', e.seq).execute();
        await t.store.db.updateTable('ledger_head').set({ seq: e.seq, hash }).execute();
        prev = hash;
      }
      await t.store.db.insertInto('runs').values({ id: 1, type: 'check', created_at: '2026-01-01T00:00:00Z', period_from: '2026-01-01', period_to: '2026-01-31', data: '{}' } as any).execute();
      let v = await t.store.verify();
      expect(v).toMatchObject({ ok: true, entries: 2, legacyEntries: 2, recordsChecked: 0, legacyRuns: 1 });
      // Their records are still held to the count the entry committed to.
      await t.store.db.deleteFrom('records').where('ledger_seq', '=', 2).where('locator', '=', 'line 3').execute();
      v = await t.store.verify();
      expect(v.problems[0]).toMatchObject({ seq: 2, kind: 'records_changed' });
      // New entries are version 2 and chain onto the old ones.
      await t.store.db.insertInto('records').values({ ledger_seq: 2, artifact: sha256('two'), source: 'hr', kind: 'person', at: null, subject: null, locator: 'line 3', data: '{}' } as any).execute();
      const c = await ingestText(t, 'c.csv', 'three');
      expect(c.entry).toMatchObject({ v: 2, prev });
      expect((await t.store.verify()).ok).toBe(true);
    });

    it('names the first entry of a swapped pair', async () => {
      t = await openTestStore(dialect);
      for (const x of ['a', 'b', 'c', 'd']) await ingestText(t, `${x}.csv`, x);
      // Swap the contents of entries 2 and 3, keeping their sequence numbers.
      const rows = await t.store.db.selectFrom('ledger').selectAll().where('seq', 'in', [2, 3]).orderBy('seq').execute();
      const { seq: _s2, ...two } = rows[0];
      const { seq: _s3, ...three } = rows[1];
      await t.store.db.updateTable('ledger').set(three).where('seq', '=', 2).execute();
      await t.store.db.updateTable('ledger').set(two).where('seq', '=', 3).execute();
      const v = await t.store.verify();
      expect(v.ok).toBe(false);
      expect(v.problems[0].seq).toBe(2);
    });
  });
}

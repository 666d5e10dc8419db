import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FieldworkRecord, RecordReader } from '@fieldwork/core';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { sha256File } from '../evidence/index.js';
import { openTestStore, TEST_DIALECTS } from '../testing/index.js';
import type { TestStore } from '../testing/index.js';
import { storeRecordReader } from './record-reader.js';

/** Stores `facts` as one artifact of `source`, the way collect does. */
async function ingest(t: TestStore, source: string, text: string, facts: object[], o: { snapshotKinds?: string[] } = {}) {
  const path = join(t.dir, `${source}-${Math.random().toString(36).slice(2)}`);
  writeFileSync(path, text);
  const { sha256, size } = await sha256File(path);
  async function* records(): AsyncGenerator<FieldworkRecord> {
    for (const [i, f] of facts.entries()) yield { ...f, source, artifact: sha256, locator: `line ${i + 1}` } as FieldworkRecord;
  }
  return t.store.ingest({ sha256, size, name: source, source, kind: 'test', origin: `${source}.jsonl`, path, records: records(), ...o });
}

const login = (id: string, at: string) => ({ kind: 'access_event', system: 'okta', eventId: id, eventType: 'user.session.start', action: 'login', at, account: 'a@x.ai' });
const vendor = (name: string) => ({ kind: 'vendor', name, criticality: 'high', dataAccess: [], subservice: false });

async function all(reader: RecordReader, kind: 'access_event' | 'vendor') {
  const batches: number[] = [];
  const out: FieldworkRecord[] = [];
  for await (const b of reader.batches(kind)) {
    batches.push(b.length);
    out.push(...b);
  }
  return { batches, out };
}

for (const dialect of TEST_DIALECTS) {
  describe(`the record reader on ${dialect}`, () => {
    let t: TestStore;
    afterEach(async () => t?.dispose());

    it('pages a kind by keyset in the order loadRecords gives, across instants shared by several records', async () => {
      t = await openTestStore(dialect);
      // Out of order, with ties on the same instant that fall across page boundaries.
      const times = ['2026-05-03', '2026-05-01', '2026-05-02', '2026-05-01', '2026-05-01', '2026-05-02', '2026-05-01', '2026-05-04'];
      await ingest(t, 'okta', 'a', times.map((d, i) => login(`e${i}`, `${d}T10:00:00.000Z`)));
      await ingest(t, 'okta2', 'b', [login('x1', '2026-05-01T10:00:00.000Z'), login('x2', '2026-04-30T10:00:00.000Z')]);
      const want = (await t.store.loadRecords(['access_event'])).access_event ?? [];
      for (const batchSize of [1, 2, 3, 100]) {
        const { batches, out } = await all(storeRecordReader(t.store.db, t.store.dialect, { batchSize }), 'access_event');
        expect(out).toEqual(want);
        expect(Math.max(...batches)).toBeLessThanOrEqual(batchSize);
      }
      expect(want).toHaveLength(10);
    });

    it('reads records without a time, and only current ones; counts current records per kind', async () => {
      t = await openTestStore(dialect);
      await ingest(t, 'vendors', 'v1', [vendor('OpenAI'), vendor('Acme'), vendor('Zed')]);
      // The same facts stated again supersede the first statement: still three current vendors.
      await ingest(t, 'vendors', 'v2', [vendor('OpenAI'), vendor('Acme'), vendor('Zed')]);
      await ingest(t, 'okta', 'a', [login('e1', '2026-05-01T10:00:00.000Z')]);
      const reader = storeRecordReader(t.store.db, t.store.dialect, { batchSize: 2 });
      const { out } = await all(reader, 'vendor');
      expect(out).toEqual((await t.store.loadRecords(['vendor'])).vendor);
      expect(out.map((v) => (v as { name: string }).name).sort()).toEqual(['Acme', 'OpenAI', 'Zed']);
      expect(await reader.counts()).toEqual({ vendor: 3, access_event: 1 });
      // A kind whose every record a later snapshot retracted is not counted, as a kind without records is not.
      const risk = (id: string) => ({ kind: 'risk', id, title: `Risk ${id}` });
      await ingest(t, 'register', 'r1', [risk('R-1'), risk('R-2'), vendor('Solo')], { snapshotKinds: ['risk', 'vendor'] });
      expect(await reader.counts()).toEqual({ vendor: 4, access_event: 1, risk: 2 });
      await ingest(t, 'register', 'r2', [vendor('Solo')], { snapshotKinds: ['risk', 'vendor'] });
      expect(await reader.counts()).toEqual({ vendor: 4, access_event: 1 });
    });

    if (dialect === 'sqlite') {
      it('counts from indexes alone, never the rows of the table', async () => {
        t = await openTestStore(dialect);
        const plan = async (where: string) => (await sql<{ detail: string }>`explain query plan select kind, count(*) from records ${sql.raw(where)} group by kind`.execute(t.store.db)).rows.map((r) => r.detail).join('; ');
        expect(await plan('')).toMatch(/COVERING INDEX records_kind_at/);
        expect(await plan('where superseded_by is not null')).toMatch(/COVERING INDEX records_superseded_kind|USING INDEX records_superseded_kind/);
      });
    }

    it('reads one consistent view in a snapshot, though a collection commits meanwhile', async () => {
      t = await openTestStore(dialect);
      await ingest(t, 'okta', 'a', [login('e1', '2026-05-01T10:00:00.000Z')]);
      const seen = await t.store.snapshot(async ({ head, reader }) => {
        const before = await all(reader, 'access_event');
        // Another connection's collection; on SQLite the snapshot's single connection is busy, so write through a second store.
        const other = await (await import('./fieldwork-store.js')).FieldworkStore.open(t.store.location, join(t.dir, 'blobs'));
        try {
          await ingest({ ...t, store: other }, 'okta', 'b', [login('e2', '2026-05-02T10:00:00.000Z')]);
        } finally {
          await other.close();
        }
        return { head: head?.seq, before: before.out.length, after: (await all(reader, 'access_event')).out.length };
      });
      expect(seen).toEqual({ head: 1, before: 1, after: 1 });
      expect((await t.store.loadRecords(['access_event'])).access_event).toHaveLength(2);
    });
  });
}

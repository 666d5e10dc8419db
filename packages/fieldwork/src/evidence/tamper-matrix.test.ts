import { copyFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { rederiveRecords, snapshotKindsFor } from '../collectors/index.js';
import { auditTypeTwo } from '../pipeline/audit-workspace.js';
import { checkWorkspace } from '../pipeline/check-workspace.js';
import { collectWorkspace } from '../pipeline/collect-workspace.js';
import type { FieldworkStore } from '../store/index.js';
import { hrRoster, integrityWorkspace, TEST_DIALECTS } from '../testing/index.js';
import type { IntegrityWorkspace } from '../testing/index.js';
import { loadSigningKey, loadTrustedKey, readCheckpointFiles, workspaceCheckpointFiles, writeCheckpoint } from './checkpoint-files.js';
import { entryHash, GENESIS, readLedger } from './ledger.js';
import { RecordsDigest } from './records-digest.js';
import type { VerifyProblemKind, VerifyResult } from './verify-evidence.js';

/** The state every case starts from: three collections, a check, an audit, and a signed checkpoint. */
interface Fixture {
  iw: IntegrityWorkspace;
  store: FieldworkStore;
  /** SQLite: a copy of the database file taken before the last collection and runs. */
  olderCopy?: string;
  /** PostgreSQL: the rows of every table before the last collection and runs. */
  olderRows?: Record<string, unknown[]>;
}

const TABLES = ['artifacts', 'blobs', 'ledger', 'ledger_head', 'records', 'runs', 'runs_head'] as const;

async function setUp(dialect: 'sqlite' | 'postgres'): Promise<Fixture> {
  const iw = await integrityWorkspace(dialect);
  iw.addRoster(1);
  let store = await iw.open();
  await collectWorkspace(iw.ws, store);
  await checkWorkspace(iw.ws, store, {}, new Date('2026-07-01T00:00:00Z'));
  const f: Fixture = { iw, store };
  if (dialect === 'sqlite') {
    await store.close();
    f.olderCopy = `${iw.location.dialect === 'sqlite' ? iw.location.file : ''}.older`;
    copyFileSync(iw.location.dialect === 'sqlite' ? iw.location.file : '', f.olderCopy);
    store = await iw.open();
  } else {
    f.olderRows = {};
    for (const t of TABLES) f.olderRows[t] = await store.db.selectFrom(t).selectAll().execute();
  }
  iw.addRoster(2);
  await collectWorkspace(iw.ws, store);
  await auditTypeTwo(iw.ws, store, { to: '2026-06-30' });
  writeCheckpoint(iw.dir, await store.head(), await store.runsHead(), loadSigningKey({ keyFile: iw.keyFile }));
  f.store = store;
  return f;
}

async function verify(f: Fixture): Promise<VerifyResult> {
  const checkpoints = readCheckpointFiles(workspaceCheckpointFiles(f.iw.dir), loadTrustedKey(f.iw.dir), f.iw.dir);
  return f.store.verify({ checkpoints, rederive: rederiveRecords(f.iw.ws, f.store), snapshotKindsFor });
}

async function entryOf(f: Fixture, source: string, nth = 0) {
  return (await f.store.ledger()).filter((e) => e.source === source)[nth]!;
}

/** Rewrites a blob's bytes in whichever blob store the dialect uses. */
async function writeBlob(f: Fixture, sha: string, bytes: string | undefined): Promise<void> {
  const path = f.store.blobs.pathOf(sha);
  if (path) {
    if (bytes === undefined) rmSync(path);
    else writeFileSync(path, bytes);
  } else if (bytes === undefined) await f.store.db.deleteFrom('blobs').where('sha256', '=', sha).execute();
  else await f.store.db.updateTable('blobs').set({ bytes: Buffer.from(bytes) }).where('sha256', '=', sha).execute();
}

interface TamperCase {
  name: string;
  /** Verify must report at least one of these kinds. */
  expect: VerifyProblemKind[];
  tamper(f: Fixture): Promise<void>;
  /** Further assertions on what verify names. */
  names?(v: VerifyResult, f: Fixture): Promise<void> | void;
}

/** Every way of rewriting evidence the issue lists, plus the blob and entry cases verify always caught. */
const CASES: TamperCase[] = [
  {
    name: 'a blob byte changed', expect: ['blob_changed'],
    async tamper(f) {
      const e = await entryOf(f, 'hr', 1);
      await writeBlob(f, e.artifact, (await f.store.blobs.read(e.artifact))!.toString().replace('Ben', 'Bob'));
    },
  },
  { name: 'a blob deleted', expect: ['blob_missing'], async tamper(f) { await writeBlob(f, (await entryOf(f, 'hr')).artifact, undefined); } },
  { name: 'a ledger entry edited', expect: ['entry_changed'], async tamper(f) { await f.store.db.updateTable('ledger').set({ period_to: '2026-12-31' }).where('seq', '=', 1).execute(); } },
  {
    name: 'a ledger entry (and its records) deleted', expect: ['chain_broken', 'sequence_gap'],
    async tamper(f) {
      await f.store.db.deleteFrom('records').where('ledger_seq', '=', 2).execute();
      await f.store.db.deleteFrom('ledger').where('seq', '=', 2).execute();
    },
  },
  {
    name: 'two ledger entries swapped', expect: ['chain_broken', 'entry_changed'],
    async tamper(f) {
      const rows = await f.store.db.selectFrom('ledger').selectAll().where('seq', 'in', [1, 2]).orderBy('seq').execute();
      const { seq: _a, ...one } = rows[0]!;
      const { seq: _b, ...two } = rows[1]!;
      await f.store.db.updateTable('ledger').set(two).where('seq', '=', 1).execute();
      await f.store.db.updateTable('ledger').set(one).where('seq', '=', 2).execute();
    },
  },
  {
    name: "a normalized record edited (a leaver's end date removed)", expect: ['records_changed'],
    async tamper(f) {
      const row = await f.store.db.selectFrom('records').selectAll().where('data', 'like', '%"endDate":"2026-03-31"%').orderBy('id').executeTakeFirstOrThrow();
      const data = JSON.parse(row.data) as Record<string, unknown>;
      delete data.endDate;
      await f.store.db.updateTable('records').set({ data: JSON.stringify(data) }).where('id', '=', row.id).execute();
    },
    names(v) {
      const p = v.problems.find((x) => x.kind === 'records_changed')!;
      expect(p.records).toEqual([expect.objectContaining({ locator: 'line 3', change: 'edited' })]);
    },
  },
  {
    name: 'a record inserted', expect: ['records_changed'],
    async tamper(f) {
      const row = await f.store.db.selectFrom('records').selectAll().where('kind', '=', 'person').orderBy('id').executeTakeFirstOrThrow();
      const { id: _id, ...copy } = row;
      const data = { ...(JSON.parse(row.data) as Record<string, unknown>), id: 'ghost', email: 'ghost@example.com', locator: 'line 9' };
      await f.store.db.insertInto('records').values({ ...copy, locator: 'line 9', data: JSON.stringify(data) }).execute();
    },
    names(v) {
      expect(v.problems.find((x) => x.kind === 'records_changed')!.records).toEqual([expect.objectContaining({ locator: 'line 9', change: 'inserted' })]);
    },
  },
  {
    name: 'a record deleted', expect: ['records_changed'],
    async tamper(f) { await f.store.db.deleteFrom('records').where('data', 'like', '%"endDate":"2026-03-31"%').where('ledger_seq', '=', 1).execute(); },
    names(v) {
      expect(v.problems.find((x) => x.kind === 'records_changed')!.records).toEqual([{ locator: 'line 3', change: 'deleted' }]);
    },
  },
  {
    name: 'a current record marked superseded (hidden from the checks without touching its content)', expect: ['supersession_changed'],
    async tamper(f) {
      const row = await f.store.db.selectFrom('records').select('id').where('data', 'like', '%"endDate":"2026-03-31"%').where('superseded_by', 'is', null).orderBy('id').executeTakeFirstOrThrow();
      const last = (await f.store.ledger()).at(-1)!;
      await f.store.db.updateTable('records').set({ superseded_by: last.seq, superseded_at: last.collectedAt }).where('id', '=', row.id).execute();
    },
    names(v) {
      expect(v.problems.find((x) => x.kind === 'supersession_changed')!.detail).toContain('a current fact was hidden');
    },
  },
  {
    name: 'a superseded record revived (an outdated fact counted again)', expect: ['supersession_changed'],
    async tamper(f) {
      // A weekly re-export of the first roster that changes one row: the older statements are superseded legitimately.
      writeFileSync(join(f.iw.dir, 'hr', 'roster-1.csv'), hrRoster(1).replace('Cy 1', 'Cyrus 1'));
      await collectWorkspace(f.iw.ws, f.store);
      const row = await f.store.db.selectFrom('records').select('id').where('superseded_by', 'is not', null).orderBy('id').executeTakeFirstOrThrow();
      await f.store.db.updateTable('records').set({ superseded_by: null, superseded_at: null }).where('id', '=', row.id).execute();
    },
    names(v) {
      expect(v.problems.find((x) => x.kind === 'supersession_changed')!.detail).toContain('revived');
    },
  },
  {
    name: 'a stored check run rewritten so every control passes', expect: ['run_changed'],
    async tamper(f) {
      const run = await f.store.db.selectFrom('runs').selectAll().where('type', '=', 'check').orderBy('id', 'desc').executeTakeFirstOrThrow();
      const data = JSON.parse(run.data) as { results: { status: string; exceptions: unknown[] }[] };
      for (const r of data.results) Object.assign(r, { status: 'pass', exceptions: [] });
      await f.store.db.updateTable('runs').set({ data: JSON.stringify(data) }).where('id', '=', run.id).execute();
    },
  },
  {
    name: 'a stored audit run rewritten', expect: ['run_changed'],
    async tamper(f) {
      const run = await f.store.db.selectFrom('runs').selectAll().where('type', '=', 'audit').executeTakeFirstOrThrow();
      await f.store.db.updateTable('runs').set({ data: run.data.replace(/"systematic"/g, '"isolated"').replace(/"overall":"[^"]*"/, '"overall":"effective"') + ' ' }).where('id', '=', run.id).execute();
    },
  },
  {
    name: "an artifact's retained flag flipped (so verify would skip its blob)", expect: ['retained_changed'],
    async tamper(f) {
      const e = await entryOf(f, 'hr', 1);
      await f.store.db.updateTable('artifacts').set({ retained: 0 }).where('sha256', '=', e.artifact).execute();
      await writeBlob(f, e.artifact, 'rewritten');
    },
  },
  {
    name: "a hash-only artifact's derived records edited (prompt log PII counts)", expect: ['records_changed'],
    async tamper(f) {
      const row = await f.store.db.selectFrom('records').selectAll().where('kind', '=', 'prompt_record').orderBy('id').executeTakeFirstOrThrow();
      const data = JSON.parse(row.data) as Record<string, unknown>;
      await f.store.db.updateTable('records').set({ data: JSON.stringify({ ...data, pii: {}, highRisk: [] }) }).where('id', '=', row.id).execute();
    },
  },
  {
    name: 'the last entries deleted and the head moved back', expect: ['checkpoint_ahead'],
    async tamper(f) {
      const last = (await f.store.ledger()).at(-1)!;
      const prev = (await f.store.ledger()).at(-2)!;
      await f.store.db.deleteFrom('records').where('ledger_seq', '=', last.seq).execute();
      await f.store.db.deleteFrom('ledger').where('seq', '=', last.seq).execute();
      await f.store.db.updateTable('ledger_head').set({ seq: prev.seq, hash: prev.hash }).where('id', '=', 1).execute();
      // Runs that read the deleted head go too, so nothing inside the store points at it.
      await f.store.db.deleteFrom('runs').where('ledger_seq', '>=', last.seq).execute();
      const runs = await f.store.db.selectFrom('runs').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirst();
      await f.store.db.deleteFrom('runs_head').execute();
      if (runs) await f.store.db.insertInto('runs_head').values({ id: 1, run_id: runs.id as number, hash: runs.hash! }).execute();
    },
  },
  {
    name: 'an older copy of the database restored', expect: ['checkpoint_ahead'],
    async tamper(f) {
      if (f.olderCopy && f.iw.location.dialect === 'sqlite') {
        await f.store.close();
        for (const ext of ['-wal', '-shm']) rmSync(f.iw.location.file + ext, { force: true });
        copyFileSync(f.olderCopy, f.iw.location.file);
        f.store = await f.iw.open();
      } else {
        for (const t of TABLES) await f.store.db.deleteFrom(t).execute();
        for (const t of TABLES) if (f.olderRows![t]!.length) await f.store.db.insertInto(t).values(f.olderRows![t] as any).execute();
      }
    },
  },
  {
    name: 'the whole chain re-hashed after an edit (records, digests, entries, head, runs)', expect: ['checkpoint_mismatch'],
    async tamper(f) {
      const db = f.store.db;
      const row = await db.selectFrom('records').selectAll().where('data', 'like', '%"endDate":"2026-03-31"%').orderBy('id').executeTakeFirstOrThrow();
      const data = JSON.parse(row.data) as Record<string, unknown>;
      delete data.endDate;
      await db.updateTable('records').set({ data: JSON.stringify(data) }).where('id', '=', row.id).execute();
      // A careful attacker recomputes every digest and hash the store holds.
      let prev = GENESIS;
      for (const e of await readLedger(db)) {
        const d = new RecordsDigest();
        for (const r of await db.selectFrom('records').select('data').where('ledger_seq', '=', e.seq).orderBy('id').execute()) d.add(r.data);
        const { prev: _p, hash: _h, ...body } = e;
        const hash = entryHash(prev, { ...body, recordsDigest: d.digest() });
        await db.updateTable('ledger').set({ records_digest: d.digest(), prev, hash }).where('seq', '=', e.seq).execute();
        await db.updateTable('ledger_head').set({ seq: e.seq, hash }).where('id', '=', 1).execute();
        prev = hash;
      }
      // The runs are dropped rather than re-chained; a checkpoint of the ledger alone catches it.
      await db.deleteFrom('runs').execute();
      await db.deleteFrom('runs_head').execute();
    },
  },
];

for (const dialect of TEST_DIALECTS) {
  describe(`tamper matrix on ${dialect}`, () => {
    const detected: string[] = [];
    afterAll(() => {
      process.stdout.write(`tamper matrix: ${detected.length}/${CASES.length} detected (${dialect})\n`);
    });

    it('verifies the untouched evidence (the baseline every case starts from)', async () => {
      const f = await setUp(dialect);
      try {
        const v = await verify(f);
        expect(v.problems).toEqual([]);
        expect(v).toMatchObject({ ok: true, entries: 3, hashOnly: 1, checkpointsChecked: 1, legacyEntries: 0 });
        expect(v.runsChecked).toBeGreaterThanOrEqual(3);
        expect(v.recordsChecked).toBe(8);
      } finally {
        await f.store.close();
        await f.iw.dispose();
      }
    });

    it.each(CASES.map((c, i) => [`${i + 1}. ${c.name}`, c] as const))('%s is detected', async (_label, c) => {
      const f = await setUp(dialect);
      try {
        await c.tamper(f);
        const v = await verify(f);
        expect(v.ok).toBe(false);
        expect(v.problems.map((p) => p.kind)).toEqual(expect.arrayContaining([expect.toBeOneOf(c.expect)]));
        await c.names?.(v, f);
        detected.push(c.name);
      } finally {
        await f.store.close();
        await f.iw.dispose();
      }
    });

    it('lists the 15 cases of the issue and the 2 supersession cases', () => {
      expect(CASES).toHaveLength(17);
    });
  });
}

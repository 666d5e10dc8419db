import { recordIdentity } from '@fieldwork/core/records';
import type { FieldworkRecord } from '@fieldwork/core/records';
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import type { LedgerEntry } from './ledger.js';

/** Which record kinds a collector kind exports as whole snapshots (see docs/recollection.md). */
export type SnapshotKindsFor = (collectorKind: string) => readonly string[] | undefined;

/** A record whose bookkeeping (identity, scope, supersession) is not what the ledger implies. */
export interface SupersessionProblem {
  seq: number;
  id: number;
  locator: string;
  detail: string;
}

const PAGE = 2000;
const MAX_NAMED = 50;

interface Row {
  id: number;
  data: string;
  identity: string | null;
  scope: string | null;
  superseded_by: number | null;
  superseded_at: string | null;
  locator: string;
}

/**
 * Replays the re-collection rule over the ledger and compares it with what the store says is
 * current. The supersession columns decide which records checks read, so editing them (marking a
 * current fact superseded, reviving an old one, changing an identity so a restatement no longer
 * matches) would change a verdict without touching a record's content or digest. Replays, in
 * ledger order: a record is superseded by the first later entry of its source that restates the
 * same kind and identity, or — for snapshot kinds — by the first later entry of its source and
 * origin. Entries written before identities existed were back-filled by a coarser rule, so their
 * records are only checked to name a later entry of their own source.
 */
export async function verifySupersession(db: Kysely<Database>, entries: LedgerEntry[], snapshotKindsFor: SnapshotKindsFor): Promise<{ problems: SupersessionProblem[]; checked: number }> {
  const problems: SupersessionProblem[] = [];
  const push = (p: SupersessionProblem) => {
    if (problems.length < MAX_NAMED) problems.push(p);
  };
  // Current facts so far: by source+kind+identity, and the snapshot ones by source+origin.
  const byKey = new Map<string, number[]>();
  const byScope = new Map<string, { id: number; kind: string }[]>();
  const expected = new Map<number, LedgerEntry>();
  const stored = new Map<number, { seq: number; legacy: boolean; source: string; by: number | null; at: string | null; locator: string }>();
  const entryBySeq = new Map(entries.map((e) => [e.seq, e]));
  let checked = 0;
  for (const e of entries) {
    const legacy = e.v === undefined;
    const snapshot = new Set(snapshotKindsFor(e.kind) ?? []);
    const fresh: { id: number; key: string; kind: string; scoped: boolean }[] = [];
    for await (const r of rowsOf(db, e.seq)) {
      checked++;
      let rec: FieldworkRecord | undefined;
      try {
        rec = JSON.parse(r.data) as FieldworkRecord;
      } catch {
        // The records digest already names an unparsable record.
      }
      stored.set(r.id, { seq: e.seq, legacy, source: e.source, by: r.superseded_by === null ? null : Number(r.superseded_by), at: r.superseded_at, locator: r.locator });
      if (!rec) continue;
      const identity = recordIdentity(rec);
      if (r.identity !== identity) {
        push({ seq: e.seq, id: r.id, locator: r.locator, detail: `record ${r.id} (${r.locator}) is filed under identity ${r.identity ?? '(none)'} but its content has identity ${identity}: its identity was edited, which decides which restatements replace it` });
      }
      const scoped = snapshot.has(rec.kind);
      if (!legacy && (scoped ? r.scope !== e.origin : r.scope !== null)) {
        push({ seq: e.seq, id: r.id, locator: r.locator, detail: `record ${r.id} (${r.locator}) has scope ${r.scope ?? '(none)'} but its entry's origin makes it ${scoped ? e.origin : '(none)'}: its scope was edited` });
      }
      fresh.push({ id: r.id, key: `${e.source}\u0000${rec.kind}\u0000${identity}`, kind: rec.kind, scoped });
    }
    // The rule ingest applies: older statements of the same facts, then the older snapshot.
    for (const key of new Set(fresh.map((f) => f.key))) {
      for (const id of byKey.get(key) ?? []) if (!expected.has(id)) expected.set(id, e);
      byKey.delete(key);
    }
    if (snapshot.size > 0) {
      const scope = `${e.source}\u0000${e.origin}`;
      const keep: { id: number; kind: string }[] = [];
      for (const x of byScope.get(scope) ?? []) {
        if (expected.has(x.id)) continue;
        if (snapshot.has(x.kind)) expected.set(x.id, e);
        else keep.push(x);
      }
      byScope.set(scope, keep);
    }
    for (const f of fresh) {
      (byKey.get(f.key) ?? byKey.set(f.key, []).get(f.key)!).push(f.id);
      if (f.scoped) {
        const scope = `${e.source}\u0000${e.origin}`;
        (byScope.get(scope) ?? byScope.set(scope, []).get(scope)!).push({ id: f.id, kind: f.kind });
      }
    }
  }
  for (const [id, s] of stored) {
    if (s.legacy) {
      const by = s.by === null ? undefined : entryBySeq.get(s.by);
      if (s.by !== null && (!by || by.seq <= s.seq || by.source !== s.source)) {
        push({ seq: s.seq, id, locator: s.locator, detail: `record ${id} (${s.locator}) is marked superseded by entry ${s.by}, which is not a later entry of its source: it was hidden from the checks` });
      }
      continue;
    }
    const want = expected.get(id);
    if (want === undefined && s.by !== null) {
      push({ seq: s.seq, id, locator: s.locator, detail: `record ${id} (${s.locator}) is marked superseded by entry ${s.by}, but no later artifact of its source restates or replaces it: a current fact was hidden from the checks` });
    } else if (want !== undefined && s.by === null) {
      push({ seq: s.seq, id, locator: s.locator, detail: `record ${id} (${s.locator}) is marked current, but entry ${want.seq} superseded it: an outdated fact was revived and is counted again` });
    } else if (want !== undefined && (s.by !== want.seq || s.at !== want.collectedAt)) {
      push({ seq: s.seq, id, locator: s.locator, detail: `record ${id} (${s.locator}) is marked superseded by entry ${s.by} at ${s.at ?? '(no time)'}, but entry ${want.seq} superseded it at ${want.collectedAt}: its history (what an "as of" read shows) was edited` });
    }
  }
  problems.sort((a, b) => a.seq - b.seq || a.id - b.id);
  return { problems, checked };
}

async function* rowsOf(db: Kysely<Database>, seq: number): AsyncGenerator<Row> {
  let after = -1;
  for (;;) {
    const rows = await db.selectFrom('records').select(['id', 'data', 'identity', 'scope', 'superseded_by', 'superseded_at', 'locator'])
      .where('ledger_seq', '=', seq).where('id', '>', after).orderBy('id').limit(PAGE).execute();
    for (const r of rows) yield { ...r, id: Number(r.id) } as Row;
    if (rows.length < PAGE) return;
    after = Number(rows.at(-1)!.id);
  }
}

import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import type { BlobStore } from './blob-store.js';
import { entryHash, GENESIS, readLedger } from './ledger.js';
import type { LedgerEntry } from './ledger.js';

export interface VerifyProblem {
  /** The ledger sequence number of the first broken entry (0 for the head). */
  seq: number;
  kind: 'blob_missing' | 'blob_changed' | 'entry_changed' | 'chain_broken' | 'sequence_gap' | 'head_mismatch';
  detail: string;
  artifact?: string;
}

export interface VerifyResult {
  ok: boolean;
  entries: number;
  blobsChecked: number;
  headHash: string | null;
  /** Problems in ledger order; the first one names the first broken entry. */
  problems: VerifyProblem[];
  /** Blobs present in the store that no ledger entry names (harmless leftovers of a failed collection). */
  orphans: string[];
  /** Artifacts kept by hash only (prompt and trace content): their entries are chained, their bytes are not stored. */
  hashOnly: number;
}

async function hashOf(store: BlobStore, sha: string): Promise<string | undefined> {
  const path = store.pathOf(sha);
  if (path) {
    if (!existsSync(path)) return undefined;
    const h = createHash('sha256');
    for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
    return h.digest('hex');
  }
  const bytes = await store.read(sha);
  return bytes ? createHash('sha256').update(bytes).digest('hex') : undefined;
}

/**
 * Recomputes the hash chain and every blob. An edited, deleted or reordered entry breaks the
 * chain at that entry; a changed byte in a blob changes its digest.
 */
export async function verifyEvidence(db: Kysely<Database>, blobs: BlobStore): Promise<VerifyResult> {
  const entries = await readLedger(db);
  const head = await db.selectFrom('ledger_head').selectAll().where('id', '=', 1).executeTakeFirst();
  const problems: VerifyProblem[] = [];
  let prev = GENESIS;
  let expectedSeq = 1;
  const checked = new Map<string, string | undefined>();
  const hashOnly = new Set((await db.selectFrom('artifacts').select('sha256').where('retained', '=', 0).execute()).map((r) => r.sha256));
  for (const e of entries) {
    if (e.seq !== expectedSeq) {
      problems.push({ seq: e.seq, kind: 'sequence_gap', detail: `expected entry ${expectedSeq} but found ${e.seq}: an entry was deleted or renumbered` });
    }
    if (e.prev !== prev) {
      problems.push({ seq: e.seq, kind: 'chain_broken', detail: `prev is ${e.prev.slice(0, 12)}… but the preceding entry hashes to ${prev.slice(0, 12)}…: entries were deleted, inserted or reordered before it` });
    }
    const recomputed = entryHash(e.prev, bodyOf(e));
    if (recomputed !== e.hash) {
      problems.push({ seq: e.seq, kind: 'entry_changed', detail: `its content no longer matches its hash (stored ${e.hash.slice(0, 12)}…, recomputed ${recomputed.slice(0, 12)}…): the entry was edited` });
    }
    if (hashOnly.has(e.artifact)) {
      prev = e.hash;
      expectedSeq = e.seq + 1;
      continue;
    }
    if (!checked.has(e.artifact)) checked.set(e.artifact, await hashOf(blobs, e.artifact));
    const actual = checked.get(e.artifact);
    if (actual === undefined) problems.push({ seq: e.seq, kind: 'blob_missing', artifact: e.artifact, detail: `the artifact ${e.artifact} is missing from the blob store` });
    else if (actual !== e.artifact) problems.push({ seq: e.seq, kind: 'blob_changed', artifact: e.artifact, detail: `the artifact's bytes now hash to ${actual.slice(0, 12)}…, not ${e.artifact.slice(0, 12)}…: the blob was modified` });
    prev = e.hash;
    expectedSeq = e.seq + 1;
  }
  const last = entries.at(-1);
  if (head && (!last || Number(head.seq) !== last.seq || head.hash !== last.hash)) {
    problems.push({ seq: last ? last.seq + 1 : 1, kind: 'head_mismatch', detail: `the ledger head records entry ${head.seq} (${head.hash.slice(0, 12)}…) but the last entry is ${last ? `${last.seq} (${last.hash.slice(0, 12)}…)` : 'missing'}: entries at the end were deleted` });
  } else if (!head && last) {
    problems.push({ seq: 0, kind: 'head_mismatch', detail: 'the ledger head is missing' });
  }
  problems.sort((a, b) => a.seq - b.seq);
  const named = new Set(entries.map((e) => e.artifact));
  const orphans = (await blobs.list()).filter((s) => !named.has(s));
  return { ok: problems.length === 0, entries: entries.length, blobsChecked: checked.size, headHash: last?.hash ?? null, problems, orphans, hashOnly: hashOnly.size };
}

function bodyOf(e: LedgerEntry) {
  const { prev: _p, hash: _h, ...body } = e;
  return body;
}

import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import { canonicalJson } from './canonical-json.js';
import { sha256 } from './hash.js';
import { GENESIS } from './ledger.js';
import type { LedgerHead } from './ledger.js';

/** What a stored check or audit run commits to; `hash = sha256(prev ‖ canonical(body))`. */
export interface RunBody {
  id: number;
  type: string;
  createdAt: string;
  periodFrom: string;
  periodTo: string;
  /** The ledger head the run read; null when the ledger was empty. */
  ledgerSeq: number | null;
  ledgerHash: string | null;
  /** SHA-256 of the stored results text. */
  resultsDigest: string;
}

/** The hash of a run in the chain of runs. */
export function runHash(prev: string, body: RunBody): string {
  return sha256(prev + canonicalJson(body));
}

/** The body of a stored run row (undefined for runs stored before runs were committed). */
export function runBodyOf(r: { id: unknown; type: string; created_at: string; period_from: string; period_to: string; ledger_seq: number | null; ledger_hash: string | null; results_digest: string | null; hash: string | null }): RunBody | undefined {
  if (r.hash == null || r.results_digest == null) return undefined;
  return {
    id: Number(r.id), type: r.type, createdAt: r.created_at, periodFrom: r.period_from, periodTo: r.period_to,
    ledgerSeq: r.ledger_seq == null ? null : Number(r.ledger_seq), ledgerHash: r.ledger_hash, resultsDigest: r.results_digest,
  };
}

/** The head of the chain of runs, or undefined when no committed run exists. */
export async function readRunsHead(db: Kysely<Database>): Promise<{ id: number; hash: string } | undefined> {
  const row = await db.selectFrom('runs_head').selectAll().where('id', '=', 1).executeTakeFirst();
  return row ? { id: Number(row.run_id), hash: row.hash } : undefined;
}

/**
 * Appends a run inside a write transaction that holds the head lock: it commits to the ledger
 * head it read and to the digest of its results, and chains to the previous run.
 */
export async function appendRun(
  trx: Kysely<Database>,
  run: { type: string; createdAt: string; period: { from: string; to: string }; data: string; ledger: LedgerHead | null },
): Promise<{ id: number; hash: string; resultsDigest: string }> {
  const last = await trx.selectFrom('runs').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst();
  const head = await readRunsHead(trx);
  const id = Number(last?.id ?? 0) + 1;
  const prev = head?.hash ?? GENESIS;
  const body: RunBody = {
    id, type: run.type, createdAt: run.createdAt, periodFrom: run.period.from, periodTo: run.period.to,
    ledgerSeq: run.ledger?.seq ?? null, ledgerHash: run.ledger?.hash ?? null, resultsDigest: sha256(run.data),
  };
  const hash = runHash(prev, body);
  await trx.insertInto('runs').values({
    id, type: body.type, created_at: body.createdAt, period_from: body.periodFrom, period_to: body.periodTo, data: run.data,
    ledger_seq: body.ledgerSeq, ledger_hash: body.ledgerHash, results_digest: body.resultsDigest, prev, hash,
  } as any).execute();
  if (head) await trx.updateTable('runs_head').set({ run_id: id, hash }).where('id', '=', 1).execute();
  else await trx.insertInto('runs_head').values({ id: 1, run_id: id, hash }).execute();
  return { id, hash, resultsDigest: body.resultsDigest };
}

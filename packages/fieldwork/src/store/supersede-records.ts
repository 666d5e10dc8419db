import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/** The artifact whose records were just stored, and how its source re-states facts. */
export interface SupersedeInput {
  /** The ledger entry the new records belong to. */
  seq: number;
  source: string;
  origin: string;
  /** When the new artifact was collected (kept as `superseded_at` for `as of` reads). */
  collectedAt: string;
  /**
   * Kinds this source exports whole: a newer artifact of the same origin replaces the older
   * one's facts entirely, so a fact it no longer states is no longer current.
   */
  snapshotKinds: readonly string[];
  /**
   * False when the source had no record before this artifact's (read before they were
   * inserted): nothing can be re-stated or retracted, and the queries are skipped.
   */
  sourceHadRecords?: boolean;
}

/**
 * One fact, counted once: marks the source's older records that the new artifact re-states
 * (same kind and identity) and, for snapshot kinds, every older record of the same origin, as
 * superseded by entry `seq`. Runs inside the ingest transaction; the records stay in the store
 * for history (`as of` reads) and the ledger is untouched. Returns how many records stopped
 * being current.
 */
export async function supersedeRecords(trx: Kysely<Database>, input: SupersedeInput): Promise<number> {
  const { seq, source, origin, collectedAt } = input;
  // A source's first artifact: the join below would look up every new record for nothing.
  if (input.sourceHadRecords === false) return 0;
  // Driven from the new artifact's records through the (source, kind, identity) index, so the
  // cost grows with the new artifact, not with everything the source ever said.
  const restated = await sql`
    update records set superseded_by = ${seq}, superseded_at = ${collectedAt}
    where id in (
      select o.id from records n
      join records o on o.source = n.source and o.kind = n.kind and o.identity = n.identity
      where n.ledger_seq = ${seq} and o.ledger_seq < ${seq} and o.superseded_by is null and o.source = ${source}
    )`.execute(trx);
  let retracted = 0n;
  if (input.snapshotKinds.length > 0) {
    const res = await sql`
      update records set superseded_by = ${seq}, superseded_at = ${collectedAt}
      where source = ${source} and kind in (${sql.join(input.snapshotKinds.map((k) => sql`${k}`))})
        and scope = ${origin} and superseded_by is null and ledger_seq < ${seq}`.execute(trx);
    retracted = res.numAffectedRows ?? 0n;
  }
  return Number((restated.numAffectedRows ?? 0n) + retracted);
}

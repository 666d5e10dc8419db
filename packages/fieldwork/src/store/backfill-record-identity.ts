import { recordIdentity } from '@fieldwork/core';
import type { FieldworkRecord } from '@fieldwork/core';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';

const BATCH = 1000;

/**
 * Gives records stored before identities existed their identity and scope, and marks the older
 * statements of facts a later artifact of the same source re-stated as superseded by it — so a
 * store upgraded after weeks of re-collection stops counting those facts twice. Facts a newer
 * snapshot merely left out are not retracted here (which kinds are snapshots is the collectors'
 * knowledge, not the store's); they are once the source's export changes again.
 */
export async function backfillRecordIdentity(db: Kysely<any>): Promise<void> {
  let after = 0;
  for (;;) {
    const rows = await db.selectFrom('records').innerJoin('ledger', 'ledger.seq', 'records.ledger_seq')
      .select(['records.id as id', 'records.data as data', 'ledger.origin as origin'])
      .where('records.id', '>', after).orderBy('records.id').limit(BATCH).execute() as { id: number; data: string; origin: string }[];
    if (rows.length === 0) break;
    for (const row of rows) {
      await db.updateTable('records').set({ identity: recordIdentity(JSON.parse(row.data) as FieldworkRecord), scope: row.origin }).where('id', '=', row.id).execute();
    }
    after = Number(rows[rows.length - 1].id);
  }
  await sql`
    update records set
      superseded_by = (select max(n.ledger_seq) from records n where n.source = records.source and n.kind = records.kind and n.identity = records.identity),
      superseded_at = (select l.collected_at from ledger l where l.seq = (select max(n.ledger_seq) from records n where n.source = records.source and n.kind = records.kind and n.identity = records.identity))
    where ledger_seq < (select max(n.ledger_seq) from records n where n.source = records.source and n.kind = records.kind and n.identity = records.identity)`.execute(db);
}

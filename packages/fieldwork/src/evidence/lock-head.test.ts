import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openTestStore, TEST_DIALECTS } from '../testing/index.js';
import { lockHead } from './ledger.js';

// Without a PostgreSQL test URL the suite is skipped, not absent (a file with no suite fails the run).
describe.skipIf(!TEST_DIALECTS.includes('postgres'))('the ledger head lock on postgres', () => {
  it('is per workspace: held in one schema, another schema takes its own at once, the same schema waits', async () => {
    const a = await openTestStore('postgres');
    const b = await openTestStore('postgres');
    try {
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      let taken!: () => void;
      const locked = new Promise<void>((r) => (taken = r));
      const holder = a.store.writeTransaction(async (trx) => {
        await lockHead(trx, 'postgres');
        taken();
        await held;
      });
      await locked;
      try {
        // Another workspace: not blocked (a lock timeout would fail the transaction).
        await b.store.writeTransaction(async (trx) => {
          await sql`set local lock_timeout = '3s'`.execute(trx);
          await lockHead(trx, 'postgres');
        });
        // The same workspace: waits for the holder.
        await expect(a.store.writeTransaction(async (trx) => {
          await sql`set local lock_timeout = '300ms'`.execute(trx);
          await lockHead(trx, 'postgres');
        })).rejects.toThrow(/lock timeout/);
      } finally {
        release();
        await holder;
      }
    } finally {
      await a.dispose();
      await b.dispose();
    }
  });
});

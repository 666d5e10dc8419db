import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/** What makes bytes "already collected" for a source. */
export interface CurrentArtifactQuery {
  source: string;
  sha256: string;
  /** Where the bytes come from now: a file path relative to the workspace, or an API query. */
  origin: string;
  /** True for kinds that read facts from the name too: only the same bytes under the same origin count. */
  byName?: boolean;
}

/**
 * The ledger entry that makes collecting these bytes again pointless, or undefined when they must
 * be collected. Bytes are pointless to collect when they are what the source last collected under
 * this origin; when nothing was collected under this origin yet (a renamed file, a new page
 * name), the same bytes anywhere in the source count too, unless `byName`. An export edited and
 * then edited back is collected again: its older copy was superseded, and the file states it anew.
 */
export async function findCurrentArtifact(db: Kysely<Database>, q: CurrentArtifactQuery): Promise<Database['ledger'] | undefined> {
  const latest = await db.selectFrom('ledger').selectAll().where('source', '=', q.source).where('origin', '=', q.origin)
    .orderBy('seq', 'desc').limit(1).executeTakeFirst();
  if (latest) return latest.artifact === q.sha256 ? latest : undefined;
  if (q.byName) return undefined;
  return db.selectFrom('ledger').selectAll().where('source', '=', q.source).where('artifact', '=', q.sha256).orderBy('seq').limit(1).executeTakeFirst();
}

import { sql } from 'kysely';
import type { Kysely, Migration } from 'kysely';
import { backfillRecordIdentity } from './backfill-record-identity.js';

/** The one migration list, shared by SQLite and PostgreSQL. Append; never edit a shipped one. */
export function migrations(dialect: 'sqlite' | 'postgres'): Record<string, Migration> {
  const bytes = dialect === 'postgres' ? 'bytea' : 'blob';
  const autoId = dialect === 'postgres' ? 'bigserial' : 'integer';
  return {
    '0001_evidence': {
      async up(db: Kysely<any>) {
        await db.schema.createTable('artifacts')
          .addColumn('sha256', 'text', (c) => c.primaryKey())
          .addColumn('size', 'bigint', (c) => c.notNull())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('media_type', 'text')
          .addColumn('first_collected_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createTable('blobs')
          .addColumn('sha256', 'text', (c) => c.primaryKey())
          .addColumn('bytes', sql.raw(bytes), (c) => c.notNull())
          .execute();
        await db.schema.createTable('ledger')
          .addColumn('seq', 'integer', (c) => c.primaryKey())
          .addColumn('artifact', 'text', (c) => c.notNull())
          .addColumn('source', 'text', (c) => c.notNull())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('collected_at', 'text', (c) => c.notNull())
          .addColumn('period_from', 'text')
          .addColumn('period_to', 'text')
          .addColumn('record_count', 'integer', (c) => c.notNull())
          .addColumn('populations', 'text', (c) => c.notNull())
          .addColumn('origin', 'text', (c) => c.notNull())
          .addColumn('prev', 'text', (c) => c.notNull())
          .addColumn('hash', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('ledger_source_artifact').on('ledger').columns(['source', 'artifact']).execute();
        await db.schema.createTable('ledger_head')
          .addColumn('id', 'integer', (c) => c.primaryKey())
          .addColumn('seq', 'integer', (c) => c.notNull())
          .addColumn('hash', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createTable('records')
          .addColumn('id', sql.raw(autoId), (c) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
          .addColumn('ledger_seq', 'integer', (c) => c.notNull())
          .addColumn('artifact', 'text', (c) => c.notNull())
          .addColumn('source', 'text', (c) => c.notNull())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('at', 'text')
          .addColumn('subject', 'text')
          .addColumn('locator', 'text', (c) => c.notNull())
          .addColumn('data', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('records_kind_at').on('records').columns(['kind', 'at']).execute();
        await db.schema.createIndex('records_artifact').on('records').column('artifact').execute();
        await db.schema.createTable('runs')
          .addColumn('id', sql.raw(autoId), (c) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
          .addColumn('type', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('period_from', 'text', (c) => c.notNull())
          .addColumn('period_to', 'text', (c) => c.notNull())
          .addColumn('data', 'text', (c) => c.notNull())
          .execute();
      },
    },
    '0002_hash_only_artifacts': {
      async up(db: Kysely<any>) {
        // 1 = the bytes are kept in the blob store; 0 = only the hash (content that may hold prompt text).
        await db.schema.alterTable('artifacts').addColumn('retained', 'integer', (c) => c.notNull().defaultTo(1)).execute();
      },
    },
    '0003_record_identity': {
      async up(db: Kysely<any>) {
        // One fact, counted once: the natural identity of each record, the origin of its artifact
        // (the scope a snapshot replaces), and the ledger entry whose artifact superseded it (null
        // while current). Records stored before are given theirs below.
        await db.schema.alterTable('records').addColumn('identity', 'text').execute();
        await db.schema.alterTable('records').addColumn('scope', 'text').execute();
        await db.schema.alterTable('records').addColumn('superseded_by', 'integer').execute();
        await db.schema.alterTable('records').addColumn('superseded_at', 'text').execute();
        // Two indexes only, to keep ingest fast: re-stated facts are found from the new artifact's
        // records (ledger_seq) through (source, kind, identity), whose (source, kind) prefix also
        // serves the snapshot retraction.
        await db.schema.createIndex('records_source_kind_identity').on('records').columns(['source', 'kind', 'identity']).execute();
        await db.schema.createIndex('records_ledger_seq').on('records').column('ledger_seq').execute();
        await db.schema.createIndex('ledger_source_origin').on('ledger').columns(['source', 'origin', 'seq']).execute();
        await backfillRecordIdentity(db);
      },
    },
    '0004_verifiable_records_and_runs': {
      async up(db: Kysely<any>) {
        // Entries written before this stay version 1 (null) and keep hashing as they did.
        await db.schema.alterTable('ledger').addColumn('version', 'integer').execute();
        await db.schema.alterTable('ledger').addColumn('records_digest', 'text').execute();
        await db.schema.alterTable('ledger').addColumn('retained', 'integer').execute();
        for (const col of ['ledger_seq', 'ledger_hash', 'results_digest', 'prev', 'hash']) {
          await db.schema.alterTable('runs').addColumn(col, col === 'ledger_seq' ? 'integer' : 'text').execute();
        }
        await db.schema.createTable('runs_head')
          .addColumn('id', 'integer', (c) => c.primaryKey())
          .addColumn('run_id', 'integer', (c) => c.notNull())
          .addColumn('hash', 'text', (c) => c.notNull())
          .execute();
      },
    },
    '0006_schedule': {
      async up(db: Kysely<any>) {
        // One row per (scheduled job, cron instant): the unique index is what makes two serve
        // instances that see the same tick enqueue it once. On SQLite it is also the job history.
        await db.schema.createTable('schedule_ticks')
          .addColumn('id', sql.raw(autoId), (c) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
          .addColumn('job', 'text', (c) => c.notNull())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('tick_at', 'text', (c) => c.notNull())
          .addColumn('state', 'text', (c) => c.notNull())
          .addColumn('enqueued_at', 'text', (c) => c.notNull())
          .addColumn('enqueued_by', 'text', (c) => c.notNull())
          .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('started_at', 'text')
          .addColumn('finished_at', 'text')
          .addColumn('ran_by', 'text')
          .addColumn('output', 'text')
          .addColumn('error', 'text')
          .execute();
        await db.schema.createIndex('schedule_ticks_job_tick').on('schedule_ticks').columns(['job', 'tick_at']).unique().execute();
      },
    },
    '0007_notifications': {
      async up(db: Kysely<any>) {
        // What each source's collection came to, so a digest can tell owners about failures.
        await db.schema.createTable('collection_outcomes')
          .addColumn('id', sql.raw(autoId), (c) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
          .addColumn('at', 'text', (c) => c.notNull())
          .addColumn('source', 'text', (c) => c.notNull())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('error_code', 'text')
          .addColumn('error_message', 'text')
          .execute();
        await db.schema.createIndex('collection_outcomes_source').on('collection_outcomes').columns(['source', 'id']).execute();
        // Every digest attempt, sent or failed (failures are shown by `fieldwork notify`).
        await db.schema.createTable('notification_digests')
          .addColumn('id', sql.raw(autoId), (c) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
          .addColumn('person', 'text', (c) => c.notNull())
          .addColumn('channel', 'text', (c) => c.notNull())
          .addColumn('day', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('notices', 'integer', (c) => c.notNull())
          .addColumn('subject', 'text', (c) => c.notNull())
          .addColumn('check_run_id', 'integer')
          .addColumn('error', 'text')
          .execute();
        await db.schema.createIndex('notification_digests_person').on('notification_digests').columns(['person', 'channel', 'id']).execute();
        // Nothing is sent twice: one row per person, channel and notice.
        await db.schema.createTable('notifications_sent')
          .addColumn('person', 'text', (c) => c.notNull())
          .addColumn('channel', 'text', (c) => c.notNull())
          .addColumn('notice_id', 'text', (c) => c.notNull())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('digest_id', 'integer', (c) => c.notNull())
          .addColumn('sent_at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('notifications_sent_pk', ['person', 'channel', 'notice_id'])
          .execute();
      },
    },
    '0008_people': {
      async up(db: Kysely<any>) {
        // One-time policy acknowledgement links: only the SHA-256 of each token is kept.
        await db.schema.createTable('ack_tokens')
          .addColumn('token_sha256', 'text', (c) => c.primaryKey())
          .addColumn('email', 'text', (c) => c.notNull())
          .addColumn('policy', 'text', (c) => c.notNull())
          .addColumn('title', 'text', (c) => c.notNull())
          .addColumn('version', 'text', (c) => c.notNull())
          .addColumn('body_sha256', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('expires_at', 'text', (c) => c.notNull())
          .addColumn('spent_at', 'text')
          .execute();
      },
    },
    '0009_blob_chunks': {
      // A bytea value is read back as hex text, so PostgreSQL blobs over about 268 MB could not be
      // read at all (and none may exceed 1 GB): large blobs are stored as ordered chunks.
      async up(db: Kysely<any>) {
        await db.schema.alterTable('blobs').addColumn('chunks', 'integer', (c) => c.notNull().defaultTo(0)).execute();
        await db.schema.createTable('blob_chunks')
          .addColumn('sha256', 'text', (c) => c.notNull())
          .addColumn('seq', 'integer', (c) => c.notNull())
          .addColumn('bytes', sql.raw(bytes), (c) => c.notNull())
          .addPrimaryKeyConstraint('blob_chunks_pk', ['sha256', 'seq'])
          .execute();
      },
    },
    '0010_run_summaries': {
      async up(db: Kysely<any>) {
        // One compact summary per check run, so the trend page never loads full runs. Written
        // with the run; runs stored before are summarized the first time history is read.
        await db.schema.createTable('run_summaries')
          .addColumn('run_id', 'integer', (c) => c.primaryKey())
          .addColumn('version', 'integer', (c) => c.notNull())
          .addColumn('as_of', 'text', (c) => c.notNull())
          .addColumn('summary', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('run_summaries_as_of').on('run_summaries').columns(['as_of', 'run_id']).execute();
      },
    },
    '0011_compact_runs': {
      async up(db: Kysely<any>) {
        // A run keeps its results and one row per exception (with its citations), not copies of
        // the population: the run's data commits to the rows' digest, so they stay verifiable.
        // `pruned_at` marks a run whose exception rows were dropped by the keep policy.
        await db.schema.createTable('run_exceptions')
          .addColumn('run_id', 'integer', (c) => c.notNull())
          .addColumn('entry', 'integer', (c) => c.notNull())
          .addColumn('ord', 'integer', (c) => c.notNull())
          .addColumn('control', 'text', (c) => c.notNull())
          .addColumn('rule', 'text', (c) => c.notNull())
          .addColumn('subject', 'text', (c) => c.notNull())
          .addColumn('at', 'text')
          .addColumn('body', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('run_exceptions_pk', ['run_id', 'entry', 'ord'])
          .execute();
        await db.schema.alterTable('runs').addColumn('pruned_at', 'text').execute();
      },
    },
    '0012_record_reader': {
      async up(db: Kysely<any>) {
        // Check runs read the current records of a kind in (at, id) order, a keyset page at a
        // time. SQLite's (kind, at) index already ends with the rowid (= id); PostgreSQL's does
        // not, and would sort every remaining row of the kind for each page without this one.
        // Not partial (`where superseded_by is null`): inside an ingest transaction PostgreSQL's
        // statistics still see an empty table, and it chose the partial index for the
        // supersession join, scanning every current record per new record (40k rows: > 5 min).
        if (dialect === 'postgres') {
          await sql`create index if not exists records_kind_at_id on records (kind, at, id)`.execute(db);
        }
      },
    },
    '0014_ledger_source_latest': {
      async up(db: Kysely<any>) {
        // The latest collection of each source (overview, evidence map) walks this index a source
        // at a time instead of reading the whole ledger.
        await db.schema.createIndex('ledger_source_collected').on('ledger').columns(['source', 'collected_at', 'seq']).execute();
      },
    },
    '0013_blob_compression': {
      async up(db: Kysely<any>) {
        // PostgreSQL compressed every 8 MB blob chunk with pglz, the slowest part of collecting a
        // large export there; lz4 compresses several times faster. Servers built without lz4
        // (or before PostgreSQL 14) keep pglz: the statement is run where its failure is caught.
        if (dialect !== 'postgres') return;
        await sql`do $$ begin
          execute 'alter table blob_chunks alter column bytes set compression lz4';
          execute 'alter table blobs alter column bytes set compression lz4';
        exception when others then null;
        end $$`.execute(db);
      },
    },
    '0015_postgres_record_indexes': {
      async up(db: Kysely<any>) {
        // Every index on `records` is kept up by each inserted row. On PostgreSQL two do nothing:
        // `records_kind_at` is a prefix of `records_kind_at_id` (0012), which serves every query
        // it did, and no query looks records up by artifact (verify reads them by ledger entry).
        // Without them the server spent 1.91 s of CPU instead of 2.09 s (medians of three) copying
        // 103k Okta records in. SQLite's (kind, at) index is the one its reads use, so it stays.
        if (dialect !== 'postgres') return;
        await sql`drop index if exists records_kind_at`.execute(db);
        await sql`drop index if exists records_artifact`.execute(db);
      },
    },
    '0016_sqlite_records_artifact': {
      async up(db: Kysely<any>) {
        // No query finds records by artifact on either dialect (0015 dropped the index on
        // PostgreSQL). On SQLite it was the fourth index every ingested record updates: inserting
        // the 142,743 records of a 200 MiB OTLP export (raw better-sqlite3, 64-row statements,
        // commit included) took 2.38 CPU s with it and 2.13 s without (medians of three, load
        // 18–21), and it held about 11 MB of that store.
        if (dialect !== 'sqlite') return;
        await sql`drop index if exists records_artifact`.execute(db);
      },
    },
    '0017_sqlite_records_superseded': {
      async up(db: Kysely<any>) {
        // A check run first counts the current records of each kind. `where superseded_by is null`
        // made SQLite look up every row of the table from the (kind, at) index: at 11.8M records
        // 43.7 CPU s and 150 s wall, rows scattered over a 10 GB file. The count of every row
        // of a kind is read from that index alone (1.4 CPU s), less the superseded rows counted
        // in this index, which holds only them: a record inserted current never enters it, so
        // ingest does not pay for it. PostgreSQL counts as before.
        if (dialect !== 'sqlite') return;
        await sql`create index if not exists records_superseded_kind on records (kind) where superseded_by is not null`.execute(db);
      },
    },
  };
}

import type { Generated } from 'kysely';

/** The database schema. Integers that may exceed 2^31 are stored as text-free bigints. */
export interface Database {
  artifacts: {
    sha256: string;
    size: number;
    name: string;
    media_type: string | null;
    first_collected_at: string;
    /** 1 when the bytes are kept; 0 for hash-only artifacts (content that may hold prompt text). */
    retained: Generated<number>;
  };
  /** Blob bytes; used by the PostgreSQL store (SQLite keeps blobs as files beside the database). */
  blobs: {
    sha256: string;
    /** The bytes, or empty when they are stored in `blob_chunks`. */
    bytes: Buffer;
    /** How many rows of `blob_chunks` hold the bytes (0: they are in `bytes`). */
    chunks: Generated<number>;
  };
  /** The bytes of a large blob in order, a chunk per row (PostgreSQL). */
  blob_chunks: {
    sha256: string;
    seq: number;
    bytes: Buffer;
  };
  ledger: {
    seq: number;
    artifact: string;
    source: string;
    kind: string;
    collected_at: string;
    period_from: string | null;
    period_to: string | null;
    record_count: number;
    /** JSON object of record counts by kind (the population this artifact contributed). */
    populations: string;
    /** How the artifact was obtained: a file path relative to the workspace, or an API query. */
    origin: string;
    prev: string;
    hash: string;
    /** Entry format: null/1 for entries written before record digests, 2 since. */
    version: number | null;
    /** Version 2: digest of the records the artifact produced. */
    records_digest: string | null;
    /** Version 2: 1 when the bytes were kept, as decided when the entry was written. */
    retained: number | null;
  };
  ledger_head: {
    id: number;
    seq: number;
    hash: string;
  };
  /** The last committed run: its id and hash (what a checkpoint signs beside the ledger head). */
  runs_head: {
    id: number;
    run_id: number;
    hash: string;
  };
  records: {
    id: Generated<number>;
    ledger_seq: number;
    artifact: string;
    source: string;
    kind: string;
    at: string | null;
    subject: string | null;
    locator: string;
    data: string;
    /** The record's natural identity (`recordIdentity`); null for records stored before identities existed. */
    identity: string | null;
    /** For kinds a source exports whole (snapshots): the origin whose newer artifact replaces this one's facts. */
    scope: string | null;
    /** The ledger entry whose artifact superseded this record; null while the record is current. */
    superseded_by: number | null;
    /** When that entry was collected (for `as of` reads). */
    superseded_at: string | null;
  };
  runs: {
    id: Generated<number>;
    type: string;
    created_at: string;
    period_from: string;
    period_to: string;
    data: string;
    /** The ledger head the run read (null for runs stored before runs were committed). */
    ledger_seq: number | null;
    ledger_hash: string | null;
    /** SHA-256 of the stored `data` text. */
    results_digest: string | null;
    /** Runs form their own hash chain: the previous run's hash (GENESIS for the first). */
    prev: string | null;
    hash: string | null;
    /** When the keep policy dropped the run's exception rows (null while they are kept). */
    pruned_at: string | null;
  };
  /** One exception of a stored run (see store/run-rows.ts): `entry` is the result's index in the run's data. */
  run_exceptions: {
    run_id: number;
    entry: number;
    ord: number;
    control: string;
    rule: string;
    subject: string;
    at: string | null;
    /** The exception as JSON, citations included. */
    body: string;
  };
  /** One row per scheduled job and cron instant (see src/schedule). */
  schedule_ticks: {
    id: Generated<number>;
    job: string;
    kind: string;
    tick_at: string;
    /** queued | running | completed | failed | interrupted */
    state: string;
    enqueued_at: string;
    /** The serve instance that enqueued it (host pid). */
    enqueued_by: string;
    attempts: Generated<number>;
    started_at: string | null;
    finished_at: string | null;
    /** The serve instance that ran the last attempt. */
    ran_by: string | null;
    /** JSON summary the job returned. */
    output: string | null;
    error: string | null;
  };
  /** One-time policy acknowledgement links (`fieldwork policy ack-links`): the token's hash, never the token. */
  ack_tokens: {
    token_sha256: string;
    email: string;
    policy: string;
    title: string;
    version: string;
    body_sha256: string | null;
    created_at: string;
    expires_at: string;
    /** When the link was used; null while it may still be used. */
    spent_at: string | null;
  };
  /** One row per source per collection: what it came to (0007). */
  collection_outcomes: {
    id: Generated<number>;
    at: string;
    source: string;
    kind: string;
    status: string;
    error_code: string | null;
    error_message: string | null;
  };
  /** Every digest attempt, sent or failed (0007). */
  notification_digests: {
    id: Generated<number>;
    person: string;
    channel: string;
    day: string;
    created_at: string;
    status: string;
    notices: number;
    subject: string;
    /** The check run its exception notices were compared against: the next digest's baseline. */
    check_run_id: number | null;
    error: string | null;
  };
  /** Notices sent, one row per person, channel and notice: nothing is sent twice (0007). */
  notifications_sent: {
    person: string;
    channel: string;
    notice_id: string;
    kind: string;
    digest_id: number;
    sent_at: string;
  };
  /** A compact summary of a check run (see `summarizeRun`), kept apart from the run's full data. */
  run_summaries: {
    run_id: number;
    /** `RUN_SUMMARY_VERSION` when written; older versions are recomputed from the run. */
    version: number;
    /** The run's evidence date, the trend's time axis. */
    as_of: string;
    /** The summary as JSON. */
    summary: string;
  };
}

import type { FieldworkStore } from '../store/index.js';
import type { ChannelName } from './notifications-config.js';
import type { Notice } from './notice.js';
import type { FailedCollection } from './operational-notices.js';

/** A digest attempt as stored. */
export interface DigestRecord {
  id: number;
  person: string;
  channel: ChannelName;
  day: string;
  createdAt: string;
  status: 'sent' | 'failed';
  notices: number;
  subject: string;
  checkRunId: number | null;
  error: string | null;
}

/** What the sent table says, loaded once per digest run. */
export interface SentState {
  wasSent(email: string, channel: ChannelName, noticeId: string): boolean;
  sentOn(email: string, channel: ChannelName, day: string): boolean;
  /** The check run the last sent digest to this person on this channel was compared against. */
  baselineRun(email: string, channel: ChannelName): number | undefined;
}

const key = (...p: string[]) => p.map((x) => x.toLowerCase()).join('\u0000');

/** Reads the sent notices and sent digests (for the people given). */
export async function readSentState(store: FieldworkStore, people: readonly string[]): Promise<SentState> {
  const emails = [...new Set(people.map((p) => p.toLowerCase()))];
  const sent = new Set<string>();
  const days = new Set<string>();
  const baseline = new Map<string, number>();
  if (emails.length) {
    for (const r of await store.db.selectFrom('notifications_sent').select(['person', 'channel', 'notice_id']).where('person', 'in', emails).execute()) {
      sent.add(key(r.person, r.channel, r.notice_id));
    }
    const digests = await store.db.selectFrom('notification_digests').select(['person', 'channel', 'day', 'check_run_id'])
      .where('person', 'in', emails).where('status', '=', 'sent').orderBy('id').execute();
    for (const d of digests) {
      days.add(key(d.person, d.channel, d.day));
      if (d.check_run_id !== null) baseline.set(key(d.person, d.channel), Number(d.check_run_id));
    }
  }
  return {
    wasSent: (e, c, id) => sent.has(key(e, c, id)),
    sentOn: (e, c, day) => days.has(key(e, c, day)),
    baselineRun: (e, c) => baseline.get(key(e, c)),
  };
}

/**
 * Records a sent digest and each of its notices in one transaction. A notice another run
 * recorded meanwhile is left as it is (the primary key keeps one row per person, channel, notice).
 */
export async function recordSentDigest(store: FieldworkStore, d: { person: string; channel: ChannelName; day: string; at: string; subject: string; checkRunId: number | null; notices: readonly Notice[] }): Promise<number> {
  const person = d.person.toLowerCase();
  return store.writeTransaction(async (trx) => {
    const row = await trx.insertInto('notification_digests').values({
      person, channel: d.channel, day: d.day, created_at: d.at, status: 'sent', notices: d.notices.length, subject: d.subject, check_run_id: d.checkRunId, error: null,
    } as never).returning('id').executeTakeFirstOrThrow();
    const id = Number(row.id);
    for (const n of d.notices) {
      await trx.insertInto('notifications_sent').values({ person, channel: d.channel, notice_id: n.id, kind: n.kind, digest_id: id, sent_at: d.at })
        .onConflict((oc) => oc.columns(['person', 'channel', 'notice_id']).doNothing()).execute();
    }
    return id;
  });
}

/** Records a digest that could not be sent, with the reason; its notices stay unsent. */
export async function recordFailedDigest(store: FieldworkStore, d: { person: string; channel: ChannelName; day: string; at: string; subject: string; notices: number; error: string }): Promise<number> {
  const row = await store.db.insertInto('notification_digests').values({
    person: d.person.toLowerCase(), channel: d.channel, day: d.day, created_at: d.at, status: 'failed', notices: d.notices, subject: d.subject, check_run_id: null, error: d.error,
  } as never).returning('id').executeTakeFirstOrThrow();
  return Number(row.id);
}

/** The latest digest attempts, newest first (those older than digest id `before`, when given). */
export async function recentDigests(store: FieldworkStore, limit = 20, before?: number): Promise<DigestRecord[]> {
  let q = store.db.selectFrom('notification_digests').selectAll().orderBy('id', 'desc').limit(limit);
  if (before !== undefined) q = q.where('id', '<', before);
  const rows = await q.execute();
  return rows.map((r) => ({
    id: Number(r.id), person: r.person, channel: r.channel as ChannelName, day: r.day, createdAt: r.created_at, status: r.status as 'sent' | 'failed',
    notices: Number(r.notices), subject: r.subject, checkRunId: r.check_run_id === null ? null : Number(r.check_run_id), error: r.error,
  }));
}

/** A source's collection as recorded after each run. */
export interface CollectionOutcomeRow {
  source: string;
  kind: string;
  status: 'collected' | 'unchanged' | 'failed';
  errorCode?: string;
  errorMessage?: string;
}

/** Appends what each source's collection came to (called after every collection). */
export async function recordCollectionOutcomes(store: FieldworkStore, at: string, outcomes: readonly CollectionOutcomeRow[]): Promise<void> {
  if (outcomes.length === 0) return;
  await store.db.insertInto('collection_outcomes').values(outcomes.map((o) => ({
    at, source: o.source, kind: o.kind, status: o.status, error_code: o.errorCode ?? null, error_message: o.errorMessage ?? null,
  })) as never).execute();
}

/**
 * Sources whose latest recorded collection failed, with the first failure of the current run of
 * failures. Sources no longer in the workspace are left out.
 */
export async function failedCollections(store: FieldworkStore, sources: readonly string[]): Promise<FailedCollection[]> {
  if (sources.length === 0) return [];
  const rows = await store.db.selectFrom('collection_outcomes').selectAll().where('source', 'in', [...sources]).orderBy('id', 'desc').execute();
  const bySource = new Map<string, typeof rows>();
  for (const r of rows) {
    const list = bySource.get(r.source) ?? [];
    list.push(r);
    bySource.set(r.source, list);
  }
  const out: FailedCollection[] = [];
  for (const [source, list] of bySource) {
    const streak: typeof rows = [];
    for (const r of list) {
      if (r.status !== 'failed') break;
      streak.push(r);
    }
    if (streak.length === 0) continue;
    const first = streak[streak.length - 1]!;
    const last = streak[0]!;
    out.push({
      source, kind: last.kind, failingSinceId: Number(first.id), failingSince: first.at, lastAt: last.at,
      errorCode: last.error_code ?? 'UNKNOWN', errorMessage: last.error_message ?? 'no message recorded', failures: streak.length,
    });
  }
  return out.sort((a, b) => (a.source < b.source ? -1 : 1));
}

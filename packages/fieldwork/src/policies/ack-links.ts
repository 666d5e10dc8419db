import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compareVersions, FieldworkError, localDate, recordsOf } from '@fieldwork/core';
import type { FieldworkRecord, PolicyRecord } from '@fieldwork/core';
import { sha256File } from '../evidence/index.js';
import type { FieldworkStore } from '../store/index.js';

/** The ledger source and kind of acknowledgements given through a link. */
export const ACK_LINK_SOURCE = 'policy-ack-links';
export const ACK_LINK_KIND = 'policy-ack-link';

/** One issued link: the token is shown once (only its SHA-256 is stored). */
export interface AckLink {
  email: string;
  policy: string;
  title: string;
  version: string;
  bodySha256?: string;
  token: string;
  expiresAt: string;
}

/** A stored link as the acknowledgement page shows it. */
export interface AckLinkState {
  email: string;
  policy: string;
  title: string;
  version: string;
  bodySha256: string | null;
  expiresAt: string;
  /** Why the link cannot be used, if it cannot. */
  refused?: 'expired' | 'spent';
}

export interface IssueAckLinksOptions {
  now: Date;
  timezone: string;
  /** Days the links stay usable (default 14). */
  days?: number;
  /** Only these policy ids (default every approved policy). */
  policies?: string[];
  /** Only these people, by email (default everyone active in HR). */
  people?: string[];
}

const hashOf = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');
const norm = (s: string) => s.trim().toLowerCase();

/**
 * Issues one link per active person and approved policy version they have not acknowledged:
 * a random token (256 bits) of which only the SHA-256 is stored, usable once before it expires.
 *
 * @example
 * const links = await issueAckLinks(store, { now: new Date(), timezone: 'UTC', policies: ['access-control'] })
 */
export async function issueAckLinks(store: FieldworkStore, o: IssueAckLinksOptions): Promise<AckLink[]> {
  const records = await store.loadRecords(['person', 'policy', 'policy_ack']);
  const today = localDate(o.now, o.timezone);
  const wanted = o.policies?.map(norm);
  const latest = new Map<string, PolicyRecord>();
  for (const p of recordsOf(records, 'policy')) {
    if (!p.approvedAt || (wanted && !wanted.includes(norm(p.id)))) continue;
    const prev = latest.get(norm(p.id));
    if (!prev || compareVersions(p.version, prev.version) > 0) latest.set(norm(p.id), p);
  }
  if (latest.size === 0) {
    throw new FieldworkError('USAGE', wanted ? `No approved version of ${o.policies!.join(', ')} has been collected.` : 'No approved policy has been collected.', { hint: 'Approve the policies (fieldwork policy approve <id> --by NAME) and run fieldwork collect first.' });
  }
  const people = new Map<string, string>();
  for (const p of recordsOf(records, 'person')) {
    if (!p.email || (p.endDate && p.endDate < today) || (p.startDate && p.startDate > localDate(new Date(o.now.getTime() + 30 * 86_400_000), o.timezone))) continue;
    people.set(norm(p.email), p.email);
  }
  const only = o.people?.map(norm);
  if (only) {
    const unknown = only.filter((e) => !people.has(e));
    if (unknown.length) throw new FieldworkError('USAGE', `Not an active person in the collected HR roster: ${unknown.join(', ')}.`, { hint: 'Use the work email HR has, and collect the HR source first.' });
  }
  const acked = new Set(recordsOf(records, 'policy_ack').flatMap((a) => [`${norm(a.email)}|${norm(a.policy)}|v:${a.version ?? ''}`, `${norm(a.email)}|${norm(a.policy)}|s:${a.bodySha256 ?? ''}`]));
  const expiresAt = new Date(o.now.getTime() + (o.days ?? 14) * 86_400_000).toISOString();
  const links: AckLink[] = [];
  for (const email of [...people.keys()].filter((e) => !only || only.includes(e)).sort()) {
    for (const p of [...latest.values()].sort((a, b) => a.id.localeCompare(b.id))) {
      const key = `${email}|${norm(p.id)}`;
      if (acked.has(`${key}|v:${p.version}`) || (p.bodySha256 && acked.has(`${key}|s:${p.bodySha256}`))) continue;
      links.push({ email, policy: p.id, title: p.title, version: p.version, ...(p.bodySha256 ? { bodySha256: p.bodySha256 } : {}), token: randomBytes(32).toString('base64url'), expiresAt });
    }
  }
  const createdAt = o.now.toISOString();
  if (links.length > 0) {
    await store.writeTransaction(async (trx) => {
      for (const l of links) {
        await trx.insertInto('ack_tokens').values({ token_sha256: hashOf(l.token), email: l.email, policy: l.policy, title: l.title, version: l.version, body_sha256: l.bodySha256 ?? null, created_at: createdAt, expires_at: l.expiresAt, spent_at: null }).execute();
      }
    });
  }
  return links;
}

/** The link a token opens, or undefined when no link has this token. */
export async function findAckLink(store: FieldworkStore, token: string, now: Date): Promise<AckLinkState | undefined> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return undefined;
  const row = await store.db.selectFrom('ack_tokens').selectAll().where('token_sha256', '=', hashOf(token)).executeTakeFirst();
  if (!row) return undefined;
  const refused = row.spent_at ? 'spent' : row.expires_at <= now.toISOString() ? 'expired' : undefined;
  return { email: row.email, policy: row.policy, title: row.title, version: row.version, bodySha256: row.body_sha256, expiresAt: row.expires_at, ...(refused ? { refused } : {}) };
}

/** What recording an acknowledgement produced. */
export interface RecordedAck {
  email: string;
  policy: string;
  version: string;
  bodySha256: string | null;
  at: string;
  artifact: string;
  seq: number;
}

/**
 * Spends a link and records the acknowledgement as evidence: a small JSON artifact (who, which
 * policy version and text hash, when) in the ledger and its `policy_ack` record. The link is
 * spent first, in one conditional update, so two clicks cannot both record; if storing fails the
 * link is usable again.
 */
export async function recordAckFromLink(store: FieldworkStore, token: string, now: Date): Promise<{ ack: RecordedAck } | { refused: 'unknown' | 'expired' | 'spent' }> {
  const link = await findAckLink(store, token, now);
  if (!link) return { refused: 'unknown' };
  const hash = hashOf(token);
  const at = now.toISOString();
  const spent = await store.db.updateTable('ack_tokens').set({ spent_at: at }).where('token_sha256', '=', hash).where('spent_at', 'is', null).where('expires_at', '>', at).executeTakeFirst();
  if (Number(spent.numUpdatedRows) !== 1) return { refused: (await findAckLink(store, token, now))?.refused ?? 'spent' };
  const dir = await mkdtemp(join(tmpdir(), 'fieldwork-ack-'));
  try {
    const ack = { kind: 'fieldwork.policy-ack/v1', email: link.email, policy: link.policy, title: link.title, version: link.version, bodySha256: link.bodySha256, at, via: 'link', link: hash };
    const path = join(dir, 'ack.json');
    await writeFile(path, JSON.stringify(ack, null, 2) + '\n');
    const { sha256, size } = await sha256File(path);
    async function* records(): AsyncGenerator<FieldworkRecord> {
      yield { kind: 'policy_ack', source: ACK_LINK_SOURCE, artifact: sha256, locator: '/', email: link!.email, policy: link!.policy, version: link!.version, ...(link!.bodySha256 ? { bodySha256: link!.bodySha256 } : {}), at, method: 'link' };
    }
    const res = await store.ingest({ sha256, size, name: `policy ack ${link.policy} v${link.version} ${link.email} ${at}.json`, mediaType: 'application/json', source: ACK_LINK_SOURCE, kind: ACK_LINK_KIND, origin: `ack link ${hash.slice(0, 16)}`, path, records: records() });
    return { ack: { email: link.email, policy: link.policy, version: link.version, bodySha256: link.bodySha256, at, artifact: sha256, seq: res.entry.seq } };
  } catch (e) {
    await store.db.updateTable('ack_tokens').set({ spent_at: null }).where('token_sha256', '=', hash).execute();
    throw e;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

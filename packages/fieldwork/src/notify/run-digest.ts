import { FieldworkError, endOfDay } from '@fieldwork/core';
import { snapshotKindsFor } from '../collectors/index.js';
import { loadTrustedKey, readCheckpointFiles, workspaceCheckpointFiles } from '../evidence/index.js';
import type { FieldworkStore } from '../store/index.js';
import { resolveControls, sourceNames } from '../workspace/index.js';
import type { LoadedWorkspace } from '../workspace/index.js';
import { checkRunReader, latestCheckRunIds } from './check-run-exceptions.js';
import { EmailChannel } from './email-channel.js';
import { exceptionNotices } from './exception-notices.js';
import type { CheckRunExceptions } from './exception-notices.js';
import { failedCollections, readSentState, recordFailedDigest, recordSentDigest } from './notification-log.js';
import type { ChannelName, NotificationsSection } from './notifications-config.js';
import { notificationsSectionSchema } from './notifications-config.js';
import { collectionNotices, evidenceNotices, ledgerNotices } from './operational-notices.js';
import type { EvidenceRequestState } from './operational-notices.js';
import type { Notice } from './notice.js';
import { ownersOfRole, resolveRecipients } from './notification-recipients.js';
import type { Recipient } from './notification-recipients.js';
import { planDigests } from './plan-digests.js';
import type { SkippedDigest } from './plan-digests.js';
import { digestContent, digestHtml, digestSlackPayload, digestText } from './render-digest.js';
import type { RetryPolicy } from './retry.js';
import { WebhookChannel } from './webhook-channel.js';
import { workspaceEvidenceRequests } from './workspace-evidence-requests.js';

/** Where a digest's time comes from: the scheduler's clock, the real one, or a fixed one (`--as-of`, tests). */
export interface DigestClock {
  now(): Date;
}

/** A clock fixed at the end of `date` (YYYY-MM-DD) in `timezone`, or at an ISO instant. */
export function asOfClock(asOf: string, timezone: string): DigestClock {
  // endOfDay is the start of the next day: one millisecond before it is the last moment of `asOf`.
  const at = /^\d{4}-\d{2}-\d{2}$/.test(asOf) ? new Date(Date.parse(endOfDay(asOf, timezone)) - 1) : new Date(asOf);
  if (Number.isNaN(at.getTime())) throw new FieldworkError('USAGE', `--as-of ${asOf} is not a date or an instant.`, { hint: 'Use YYYY-MM-DD (the end of that day in the workspace timezone) or an ISO-8601 instant.' });
  return { now: () => at };
}

/** Evidence requests and their statuses at a date (default: {@link workspaceEvidenceRequests}). */
export type EvidenceRequestProvider = (ws: LoadedWorkspace, store: FieldworkStore, asOf: Date) => Promise<readonly EvidenceRequestState[]>;

export interface RunDigestOptions {
  /** scheduled (default): once a day per person and channel, from their digest time; now: send what is unsent. */
  mode?: 'scheduled' | 'now';
  /** Work out and render everything, send and record nothing. */
  dryRun?: boolean;
  /** Where secrets come from (default: process.env). */
  env?: NodeJS.ProcessEnv;
  /** Where evidence requests come from (default: the workspace's, as `fieldwork evidence list` shows them). */
  requests?: EvidenceRequestProvider;
  retry?: RetryPolicy;
  fetch?: typeof fetch;
}

/** One digest's outcome. */
export interface DigestOutcome {
  email: string;
  name: string;
  channel: ChannelName;
  day: string;
  subject: string;
  notices: Notice[];
  status: 'sent' | 'failed' | 'dry_run';
  attempts?: number;
  error?: ReturnType<FieldworkError['toJSON']>;
  text: string;
}

export interface DigestRunResult {
  asOf: string;
  /** Every notice derived now (before per-person filtering and the sent table). */
  notices: Notice[];
  digests: DigestOutcome[];
  skipped: SkippedDigest[];
  /** Channels configured in fieldwork.yaml (none: nothing can be sent). */
  channels: ChannelName[];
  /** Why some kinds of notice could not be derived (e.g. no check run yet). */
  notes: string[];
}

/**
 * Works out what each person must be told and sends one digest per person per channel: new and
 * closed exceptions (latest check run against the one their last digest saw, or the one before),
 * evidence due soon and overdue, failed collections and a broken ledger. Sent notices are
 * recorded, so nothing is sent twice; a failed channel is recorded and the others still send.
 * The scheduler calls this for its `digest` job.
 *
 * @example
 * const result = await runDigest(ws, store, { now: () => new Date() }, { mode: 'now' });
 * for (const d of result.digests) console.log(d.channel, d.email, d.status);
 */
export async function runDigest(ws: LoadedWorkspace, store: FieldworkStore, clock: DigestClock, o: RunDigestOptions = {}): Promise<DigestRunResult> {
  const section: NotificationsSection = (ws.config as { notifications?: NotificationsSection }).notifications ?? notificationsSectionSchema.parse({});
  const now = clock.now();
  const tz = ws.config.timezone;
  const notes: string[] = [];
  const recipients = resolveRecipients(ws.config, section);
  const controls = resolveControls(ws.config);
  const roleOf = new Map(controls.map((c) => [c.id, c.ownerRole]));
  const ownersOf = (control: string) => ownersOfRole(ws.config, roleOf.get(control) ?? '');

  const common: Notice[] = [];
  const requests = await (o.requests ?? workspaceEvidenceRequests)(ws, store, now);
  common.push(...evidenceNotices(requests));
  common.push(...collectionNotices(await failedCollections(store, sourceNames(ws.config.sources))));
  const verdict = await store.verify({ snapshotKindsFor, checkpoints: readCheckpointFiles(workspaceCheckpointFiles(ws.dir), loadTrustedKey(ws.dir), ws.dir) });
  common.push(...ledgerNotices(verdict));

  const [latestId, previousId] = await latestCheckRunIds(store);
  const readRun = checkRunReader(store);
  const latest = latestId === undefined ? undefined : await readRun(latestId);
  if (!latest) notes.push('No check run yet: run `fieldwork check` for exception notices.');
  const sent = await readSentState(store, recipients.map((r) => r.email));
  const baselines = new Map<number | undefined, CheckRunExceptions | undefined>();
  const baselineIds = new Set<number | undefined>();
  for (const r of recipients) for (const c of r.channels) baselineIds.add(sent.baselineRun(r.email, c) ?? previousId);
  for (const id of baselineIds) baselines.set(id, id === undefined ? undefined : await readRun(id));
  const exceptionsFor = (r: Recipient, c: ChannelName) => {
    if (!latest) return [];
    const baseline = baselines.get(sent.baselineRun(r.email, c) ?? previousId);
    return exceptionNotices(baseline, latest, ownersOf);
  };

  const all = [...common, ...(latest ? exceptionNotices(baselines.get(previousId), latest, ownersOf) : [])];
  const { digests, skipped } = planDigests({
    recipients, notices: common, exceptionNoticesFor: exceptionsFor, checkRunId: latest?.runId ?? null,
    wasSent: sent.wasSent, sentOn: sent.sentOn, now, timezone: tz, mode: o.mode ?? 'scheduled',
  });

  const env = o.env ?? process.env;
  const email = section.channels.email ? new EmailChannel(section.channels.email, env, o.retry) : undefined;
  const webhook = section.channels.webhook ? new WebhookChannel(section.channels.webhook, env, { ...(o.retry ? { retry: o.retry } : {}), ...(o.fetch ? { fetch: o.fetch } : {}) }) : undefined;
  const outcomes: DigestOutcome[] = [];
  for (const d of digests) {
    const content = digestContent(d, ws.config.organization, section.dashboardUrl);
    const text = digestText(content);
    const base = { email: d.recipient.email, name: d.recipient.name, channel: d.channel, day: d.day, subject: content.subject, notices: d.notices, text };
    if (o.dryRun) { outcomes.push({ ...base, status: 'dry_run' }); continue; }
    const at = clock.now().toISOString();
    try {
      let attempts: number;
      if (d.channel === 'email') {
        if (!email) throw new FieldworkError('CONFIG_INVALID', 'notifications.channels.email is not configured.', { hint: 'Add the email channel, or drop email from this person\'s channels.' });
        attempts = (await email.send({ to: d.recipient.email, subject: content.subject, text, html: digestHtml(content) })).attempts;
      } else {
        if (!webhook) throw new FieldworkError('CONFIG_INVALID', 'notifications.channels.webhook is not configured.', { hint: 'Add the webhook channel, or drop webhook from this person\'s channels.' });
        attempts = (await webhook.post(digestSlackPayload(content, d.recipient))).attempts;
      }
      await recordSentDigest(store, { person: d.recipient.email, channel: d.channel, day: d.day, at, subject: content.subject, checkRunId: d.checkRunId, notices: d.notices });
      outcomes.push({ ...base, status: 'sent', attempts });
    } catch (e) {
      const err = e instanceof FieldworkError ? e : new FieldworkError('API_FAILED', (e as Error).message ?? String(e));
      await recordFailedDigest(store, { person: d.recipient.email, channel: d.channel, day: d.day, at, subject: content.subject, notices: d.notices.length, error: `${err.code}: ${err.message}` });
      outcomes.push({ ...base, status: 'failed', error: err.toJSON() });
    }
  }
  const channels = (['email', 'webhook'] as const).filter((c) => section.channels[c]);
  if (channels.length === 0) notes.push('No channel is configured: add notifications.channels.email or .webhook to fieldwork.yaml (see docs/notifications.md).');
  return { asOf: now.toISOString(), notices: all, digests: outcomes, skipped, channels, notes };
}

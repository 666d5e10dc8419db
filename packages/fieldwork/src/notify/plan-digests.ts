import { localDate } from '@fieldwork/core';
import type { ChannelName } from './notifications-config.js';
import { noticeKindOrder } from './notice.js';
import type { Notice } from './notice.js';
import { noticeIsFor } from './notification-recipients.js';
import type { Recipient } from './notification-recipients.js';

/** One message to send: a person's notices on one channel for one day. */
export interface Digest {
  recipient: Recipient;
  channel: ChannelName;
  /** The local day (workspace timezone) the digest is for. */
  day: string;
  /** Ordered by kind (most urgent first), then as derived. */
  notices: Notice[];
  /** The check run the exception notices were compared against, recorded as the next baseline. */
  checkRunId: number | null;
}

/** A person and channel that gets nothing now, and why. */
export interface SkippedDigest {
  email: string;
  channel: ChannelName;
  reason: 'nothing_new' | 'before_digest_time' | 'sent_today';
}

export interface PlanDigestsInput {
  recipients: readonly Recipient[];
  /** Notices that are the same for everyone (requests, collections, ledger). */
  notices: readonly Notice[];
  /** Exception notices for a person and channel, against their own baseline run. */
  exceptionNoticesFor?: (r: Recipient, channel: ChannelName) => Notice[];
  checkRunId: number | null;
  /** True when this notice id was already sent to this person on this channel. */
  wasSent: (email: string, channel: ChannelName, noticeId: string) => boolean;
  /** True when a digest already went to this person on this channel on `day`. */
  sentOn: (email: string, channel: ChannelName, day: string) => boolean;
  now: Date;
  timezone: string;
  /** scheduled: once a day per person and channel, from their digest time; now: whatever is unsent. */
  mode: 'scheduled' | 'now';
}

/**
 * Decides which digests to send: for each person and channel, the notices for them that they
 * have not been sent, grouped by kind. Pure: the caller reads the sent table and sends.
 *
 * @example
 * const { digests } = planDigests({ recipients, notices, checkRunId: 7, wasSent, sentOn, now: clock.now(), timezone: 'UTC', mode: 'now' });
 */
export function planDigests(input: PlanDigestsInput): { digests: Digest[]; skipped: SkippedDigest[] } {
  const day = localDate(input.now, input.timezone);
  const time = localClockTime(input.now, input.timezone);
  const digests: Digest[] = [];
  const skipped: SkippedDigest[] = [];
  for (const r of input.recipients) {
    for (const channel of r.channels) {
      if (input.mode === 'scheduled') {
        if (time < r.digestTime) { skipped.push({ email: r.email, channel, reason: 'before_digest_time' }); continue; }
        if (input.sentOn(r.email, channel, day)) { skipped.push({ email: r.email, channel, reason: 'sent_today' }); continue; }
      }
      const all = [...input.notices, ...(input.exceptionNoticesFor?.(r, channel) ?? [])];
      const seen = new Set<string>();
      const mine = all.filter((n) => {
        if (seen.has(n.id) || !noticeIsFor(n, r) || input.wasSent(r.email, channel, n.id)) return false;
        seen.add(n.id);
        return true;
      });
      if (mine.length === 0) { skipped.push({ email: r.email, channel, reason: 'nothing_new' }); continue; }
      mine.sort((a, b) => noticeKindOrder.indexOf(a.kind) - noticeKindOrder.indexOf(b.kind));
      digests.push({ recipient: r, channel, day, notices: mine, checkRunId: input.checkRunId });
    }
  }
  return { digests, skipped };
}

/** HH:MM of an instant in a timezone (24-hour). */
export function localClockTime(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(instant);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '00';
  return `${get('hour')}:${get('minute')}`;
}

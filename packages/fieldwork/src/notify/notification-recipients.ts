import { FieldworkError } from '@fieldwork/core';
import type { Workspace } from '../workspace/workspace-schema.js';
import type { ChannelName, NotificationsSection } from './notifications-config.js';
import { noticeKinds } from './notice.js';
import type { Notice, NoticeKind } from './notice.js';

/** A person Fieldwork may notify, with their settings resolved from defaults and `notifications.people`. */
export interface Recipient {
  name: string;
  email: string;
  roles: string[];
  compliance: boolean;
  events: readonly NoticeKind[];
  /** mine: notices routed to them; all: every notice. */
  scope: 'mine' | 'all';
  channels: readonly ChannelName[];
  digestTime: string;
}

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * Who is notified of what, on which channels. Defaults: the compliance owner gets every notice
 * on every configured channel; each other owner gets the notices routed to them (their controls
 * and requests) by email. `notifications.people` overrides either, naming the person by email or
 * name; an email nobody in `owners` has adds a recipient (a team list, say) who gets every notice.
 *
 * @example
 * resolveRecipients(config, config.notifications).map((r) => `${r.email}: ${r.channels.join('+')}`)
 */
export function resolveRecipients(config: Workspace, section: NotificationsSection | undefined): Recipient[] {
  const configured = (['email', 'webhook'] as const).filter((c) => section?.channels[c]);
  const digestTime = section?.digestTime ?? '08:00';
  const owners = [{ ...config.owners.compliance, compliance: true }, ...config.owners.people.map((p) => ({ ...p, compliance: false }))];
  const out: Recipient[] = [];
  for (const p of owners) {
    if (out.some((r) => same(r.email, p.email))) continue;
    out.push({
      name: p.name, email: p.email, roles: p.roles ?? [], compliance: p.compliance, events: noticeKinds,
      scope: p.compliance ? 'all' : 'mine', channels: p.compliance ? configured : configured.filter((c) => c === 'email'), digestTime,
    });
  }
  for (const [i, s] of (section?.people ?? []).entries()) {
    let r = out.find((x) => same(x.email, s.person) || same(x.name, s.person));
    if (!r) {
      if (!s.person.includes('@')) {
        throw new FieldworkError('CONFIG_INVALID', `fieldwork.yaml: notifications.people[${i}]: "${s.person}" is not named under owners.`, {
          where: { file: 'fieldwork.yaml', pointer: `/notifications/people/${i}/person` },
          hint: `Name a person by email or by the name under owners.compliance / owners.people (${owners.map((o) => o.name).join(', ')}), or give an email address.`,
        });
      }
      r = { name: s.person, email: s.person, roles: [], compliance: false, events: noticeKinds, scope: 'all', channels: configured, digestTime };
      out.push(r);
    }
    if (s.events !== undefined) r.events = s.events === 'all' ? noticeKinds : s.events;
    if (s.scope !== undefined) r.scope = s.scope;
    if (s.channels !== undefined) {
      const missing = s.channels.find((c) => !configured.includes(c));
      if (missing) {
        throw new FieldworkError('CONFIG_INVALID', `fieldwork.yaml: notifications.people[${i}]: ${s.person} is to be told by ${missing}, but notifications.channels.${missing} is not configured.`, {
          where: { file: 'fieldwork.yaml', pointer: `/notifications/people/${i}/channels` },
          hint: `Configure notifications.channels.${missing} (see docs/notifications.md), or list only ${configured.length ? configured.join(' / ') : 'no channels'} for this person.`,
        });
      }
      r.channels = s.channels;
    }
    if (s.digestTime !== undefined) r.digestTime = s.digestTime;
  }
  return out;
}

/**
 * True when `notice` is for `r`: of a kind they asked for, and routed to them (or they see all;
 * a notice routed to nobody goes to the compliance owner).
 */
export function noticeIsFor(notice: Notice, r: Recipient): boolean {
  if (!r.events.includes(notice.kind)) return false;
  if (r.scope === 'all') return true;
  if (notice.owners.length === 0) return r.compliance;
  return notice.owners.some((o) => same(o, r.email));
}

/** The emails of the people holding `role` (owners.compliance and owners.people); empty when nobody does. */
export function ownersOfRole(config: Workspace, role: string): string[] {
  return [config.owners.compliance, ...config.owners.people].filter((p) => (p.roles ?? []).some((x) => same(x, role))).map((p) => p.email);
}

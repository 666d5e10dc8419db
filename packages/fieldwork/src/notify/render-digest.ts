import { escapeHtml } from '../report/index.js';
import { noticeKindHeadings, noticeKindOrder } from './notice.js';
import type { Notice, NoticeKind } from './notice.js';
import type { Digest } from './plan-digests.js';

/** What every rendering of a digest shares: a subject, groups by kind with counts, absolute links. */
export interface DigestContent {
  subject: string;
  greeting: string;
  /** Per kind: every notice (the counts) and the lines shown (one per control for evidence requests). */
  groups: { kind: NoticeKind; heading: string; notices: (Notice & { url: string })[]; lines: DigestLine[] }[];
  dashboardUrl: string | undefined;
  footer: string;
}

/** One line of a digest. */
export interface DigestLine {
  title: string;
  detail?: string;
  url: string;
}

/**
 * The lines of a group: a control with several occurrences due or overdue is one line naming
 * how many and which (the oldest first), so a new workspace's first digest stays readable.
 */
function linesOf(notices: readonly (Notice & { url: string })[]): DigestLine[] {
  const lines: DigestLine[] = [];
  const byControl = new Map<string, (Notice & { url: string })[]>();
  for (const n of notices) {
    if (!n.occurrence) {
      lines.push({ title: n.title, ...(n.detail ? { detail: n.detail } : {}), url: n.url });
      continue;
    }
    const key = n.occurrence.of;
    if (!byControl.has(key)) {
      byControl.set(key, []);
      lines.push({ title: key, url: n.url });
    }
    byControl.get(key)!.push(n);
  }
  return lines.map((l) => {
    const same = byControl.get(l.title);
    if (!same) return l;
    const sorted = [...same].sort((a, b) => ((a.at ?? '') < (b.at ?? '') ? -1 : (a.at ?? '') > (b.at ?? '') ? 1 : 0));
    const first = sorted[0]!;
    if (sorted.length === 1) return { title: first.title, ...(first.detail ? { detail: first.detail } : {}), url: first.url };
    const span = `${first.occurrence!.covers} … ${sorted.at(-1)!.occurrence!.covers}`;
    return { title: `${l.title}: ${sorted.length} occurrences (${span})`, ...(first.detail ? { detail: `the oldest ${first.detail}` } : {}), url: first.url };
  });
}

/** Joins a dashboard path to the configured base URL (the path alone when none is set). */
export function dashboardLink(base: string | undefined, path: string): string {
  return base ? `${base.replace(/\/+$/, '')}${path}` : path;
}

/**
 * The content of a digest, before any format: subject line with counts, groups in urgency order.
 *
 * @example
 * digestContent(digest, 'Relay Labs', 'https://fieldwork.relaylabs.ai').subject
 * // 'Fieldwork digest for Relay Labs, 2026-05-10: 2 new exceptions, 1 failed collection'
 */
export function digestContent(d: Digest, organization: string, dashboardUrl: string | undefined): DigestContent {
  const groups = noticeKindOrder
    .map((kind) => {
      const notices = d.notices.filter((n) => n.kind === kind).map((n) => ({ ...n, url: dashboardLink(dashboardUrl, n.link) }));
      return { kind, heading: noticeKindHeadings[kind], notices, lines: linesOf(notices) };
    })
    .filter((g) => g.notices.length > 0);
  const counts = groups.map((g) => `${g.notices.length} ${countLabel(g.kind, g.notices.length)}`).join(', ');
  return {
    subject: `Fieldwork digest for ${organization}, ${d.day}: ${counts}`,
    greeting: `Hello ${d.recipient.name}, this is what needs you in ${organization}'s SOC 2 workspace today.`,
    groups,
    dashboardUrl,
    footer: dashboardUrl
      ? `Open the dashboard: ${dashboardLink(dashboardUrl, '/')}. Settings: notifications: in fieldwork.yaml.`
      : 'Links are dashboard paths: set notifications.dashboardUrl in fieldwork.yaml to make them absolute.',
  };
}

function countLabel(kind: NoticeKind, n: number): string {
  const s = n === 1 ? '' : 's';
  switch (kind) {
    case 'exception_new': return `new exception${s}`;
    case 'exception_closed': return `closed exception${s}`;
    case 'evidence_due': return `evidence request${s} due soon`;
    case 'evidence_overdue': return `overdue evidence request${s}`;
    case 'collection_failed': return `failed collection${s}`;
    case 'ledger_broken': return 'ledger problem';
  }
}

/** The plain-text body (email text part, `notify --dry-run`). */
export function digestText(c: DigestContent): string {
  const lines = [c.greeting, ''];
  for (const g of c.groups) {
    lines.push(`${g.heading} (${g.notices.length})`);
    for (const n of g.lines) lines.push(`- ${n.title}${n.detail ? ` — ${n.detail}` : ''}`, `  ${n.url}`);
    lines.push('');
  }
  lines.push(c.footer);
  return `${lines.join('\n')}\n`;
}

/** Only http(s) URLs and dashboard paths become links; anything else is shown as text. */
function safeHref(url: string): string | undefined {
  return /^(https?:\/\/|\/)/i.test(url) && !/^\/\//.test(url) ? url : undefined;
}

/** The simple HTML body of the email; every value is escaped. */
export function digestHtml(c: DigestContent): string {
  const parts = [`<!doctype html><html><body style="font-family:sans-serif;line-height:1.4">`, `<p>${escapeHtml(c.greeting)}</p>`];
  for (const g of c.groups) {
    parts.push(`<h3>${escapeHtml(g.heading)} (${g.notices.length})</h3><ul>`);
    for (const n of g.lines) {
      const href = safeHref(n.url);
      const title = href ? `<a href="${escapeHtml(href)}">${escapeHtml(n.title)}</a>` : escapeHtml(n.title);
      parts.push(`<li>${title}${n.detail ? ` &mdash; ${escapeHtml(n.detail)}` : ''}</li>`);
    }
    parts.push('</ul>');
  }
  parts.push(`<p style="color:#666">${escapeHtml(c.footer)}</p></body></html>`);
  return parts.join('\n');
}

/** Escapes the three characters Slack's mrkdwn treats as control characters. */
export function escapeMrkdwn(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * A Slack-compatible incoming-webhook payload: `text` (the notification fallback) and `blocks`
 * of `mrkdwn` sections, one per kind. Slack limits a section's text to 3000 characters, so long
 * groups are cut with a count of what was left out.
 */
export function digestSlackPayload(c: DigestContent, recipient: { name: string; email: string }): { text: string; blocks: unknown[] } {
  const blocks: unknown[] = [
    { type: 'header', text: { type: 'plain_text', text: c.subject.slice(0, 150) } },
    { type: 'section', text: { type: 'mrkdwn', text: escapeMrkdwn(`For ${recipient.name} (${recipient.email})`) } },
  ];
  for (const g of c.groups) {
    let text = `*${escapeMrkdwn(g.heading)} (${g.notices.length})*`;
    let shown = 0;
    for (const n of g.lines) {
      const href = safeHref(n.url);
      const title = href && /^https?:/i.test(href) ? `<${href.replace(/[|>]/g, encodeURIComponent)}|${escapeMrkdwn(n.title)}>` : escapeMrkdwn(n.title);
      const line = `\n• ${title}${n.detail ? ` — ${escapeMrkdwn(n.detail)}` : ''}`;
      if (text.length + line.length > 2900) break;
      text += line;
      shown += 1;
    }
    if (shown < g.lines.length) text += `\n…and ${g.lines.length - shown} more`;
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text } });
  }
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: escapeMrkdwn(c.footer) }] });
  return { text: c.subject, blocks };
}

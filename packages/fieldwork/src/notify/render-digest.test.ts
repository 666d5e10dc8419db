import { describe, expect, it } from 'vitest';
import type { Notice } from './notice.js';
import type { Recipient } from './notification-recipients.js';
import type { Digest } from './plan-digests.js';
import { digestContent, digestHtml, digestSlackPayload, digestText } from './render-digest.js';
import * as notices from './operational-notices.js';

const recipient: Recipient = { name: 'Cora <Owner>', email: 'cora@acme.test', roles: [], compliance: true, events: [], scope: 'all', channels: ['email'], digestTime: '08:00' };
const notice = (i: number, o: Partial<Notice> = {}): Notice => ({ id: `n${i}`, kind: 'exception_new', owners: [], control: 'VEN-02', title: `VEN-02 Vendor reports: Vendor ${i} <img src=x onerror=alert(1)>`, detail: 'a & b', link: '/controls/VEN-02', ...o });
const digest = (notices: Notice[]): Digest => ({ recipient, channel: 'email', day: '2026-07-01', notices, checkRunId: 1 });

describe('digest rendering', () => {
  it('counts by kind in the subject and links to the dashboard', () => {
    const c = digestContent(digest([notice(1), notice(2), notice(3, { kind: 'ledger_broken', link: '/ledger/verify' })]), 'Acme', 'https://fw.acme.test/');
    expect(c.subject).toBe('Fieldwork digest for Acme, 2026-07-01: 1 ledger problem, 2 new exceptions');
    expect(digestText(c)).toContain('Evidence ledger broken (1)\n- VEN-02 Vendor reports: Vendor 3 <img src=x onerror=alert(1)> — a & b\n  https://fw.acme.test/ledger/verify');
  });

  it('escapes every value in the HTML and keeps only http(s) links', () => {
    const html = digestHtml(digestContent(digest([notice(1, { link: 'javascript:alert(1)' })]), 'A&B', undefined));
    expect(html).not.toMatch(/<img|href="javascript/);
    expect(html).toContain('Vendor 1 &lt;img src=x onerror=alert(1)&gt; &mdash; a &amp; b');
    expect(html).toContain('Hello Cora &lt;Owner&gt;');
    // The compliant look-alike: a dashboard link becomes an anchor.
    expect(digestHtml(digestContent(digest([notice(1)]), 'A', 'https://fw.acme.test'))).toContain('<a href="https://fw.acme.test/controls/VEN-02">');
  });

  it('builds a Slack payload of mrkdwn sections within Slack\'s section limit', () => {
    const many = Array.from({ length: 60 }, (_, i) => notice(i, { detail: 'x'.repeat(80) }));
    const p = digestSlackPayload(digestContent(digest(many), 'Acme', 'https://fw.acme.test'), recipient);
    const sections = p.blocks.filter((b: any) => b.type === 'section') as { text: { type: string; text: string } }[];
    expect(p.text).toBe('Fieldwork digest for Acme, 2026-07-01: 60 new exceptions');
    expect(sections.every((s) => s.text.type === 'mrkdwn' && s.text.text.length <= 3000)).toBe(true);
    expect(sections[1]!.text.text).toMatch(/\n…and \d+ more$/);
    expect(sections[1]!.text.text).toContain('<https://fw.acme.test/controls/VEN-02|VEN-02 Vendor reports: Vendor 0 &lt;img src=x onerror=alert(1)&gt;> — xxx');
    expect(sections[0]!.text.text).toBe('For Cora &lt;Owner&gt; (cora@acme.test)');
  });

  it('tells a control with several overdue occurrences in one line, oldest first, and a single occurrence as it is', () => {
    const { evidenceNotices } = notices;
    const weeks = [['2026-W26', '2026-07-28'], ['2026-W24', '2026-07-14'], ['2026-W25', '2026-07-21']].map(([covers, due]) => ({ id: `CHG-04/${covers}`, control: 'CHG-04', title: 'IaC drift', covers: covers!, due: due!, status: 'missing' as const, ownerEmail: 'cora@acme.test' }));
    const single = { id: 'ACC-05/2026-Q2', control: 'ACC-05', title: 'Privileged access', covers: '2026-Q2', due: '2026-07-30', status: 'overdue' as const, ownerEmail: 'cora@acme.test' };
    const c = digestContent(digest(evidenceNotices([...weeks, single])), 'Acme', undefined);
    expect(c.subject).toBe('Fieldwork digest for Acme, 2026-07-01: 4 overdue evidence requests');
    const text = digestText(c);
    expect(text).toContain('Evidence overdue (4)\n- CHG-04 IaC drift: 3 occurrences (2026-W24 … 2026-W26) — the oldest was due 2026-07-14; nothing submitted\n  /controls/CHG-04');
    expect(text).toContain('- ACC-05 Privileged access: evidence for 2026-Q2 — was due 2026-07-30\n');
    expect(text.match(/^- /gm)).toHaveLength(2);
  });
});


import { describe, expect, it } from 'vitest';
import type { Notice } from './notice.js';
import type { Recipient } from './notification-recipients.js';
import type { Digest } from './plan-digests.js';
import { digestContent, digestHtml, digestSlackPayload, digestText } from './render-digest.js';

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
});

import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkWorkspace } from '../pipeline/check-workspace.js';
import { collectWorkspace } from '../pipeline/collect-workspace.js';
import { openTestStore, TEST_DIALECTS } from '../testing/index.js';
import type { TestStore } from '../testing/index.js';
import { decideSubmission, listRequests, submitEvidence } from '../manual-evidence/index.js';
import { recentDigests } from './notification-log.js';
import { notifyWorkspace, startSmtpReceiver, startWebhookReceiver } from './notify-test-kit.js';
import type { ReceivedMail } from './notify-test-kit.js';
import { runDigest } from './run-digest.js';
import type { EvidenceRequestProvider, RunDigestOptions } from './run-digest.js';

const at = (iso: string) => ({ now: () => new Date(iso) });
const fast = { delaysMs: [10, 20] };
const NOTIFICATIONS = (smtpPort: number) => `notifications:
  dashboardUrl: https://fieldwork.notify.test
  digestTime: "09:00"
  channels:
    email: { host: 127.0.0.1, port: ${smtpPort}, security: none, from: "Fieldwork <fieldwork@notify.test>", user: fieldwork, passwordEnv: NOTIFY_SMTP_PASSWORD }
    webhook: { urlEnv: NOTIFY_WEBHOOK_URL }
  people:
    - { person: sam@notify.test, events: [exception_new, exception_closed, evidence_due, evidence_overdue], channels: [email] }
    - { person: Pat People, channels: [] }`;

const mailTo = (mails: ReceivedMail[], who: string) => mails.filter((m) => m.to.includes(who));

for (const dialect of TEST_DIALECTS) {
  describe(`daily digest on loopback SMTP and webhook receivers (${dialect})`, () => {
    let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
    let hook: Awaited<ReturnType<typeof startWebhookReceiver>>;
    let kit: ReturnType<typeof notifyWorkspace>;
    let t: TestStore;
    let env: Record<string, string>;
    const vendors = [{ name: 'Fresh Cloud', stale: false }, { name: 'Stale <b>Mail</b> & Co', stale: true }];

    async function collectAndCheck(day: string) {
      const ws = kit.ws();
      await collectWorkspace(ws, t.store);
      await checkWorkspace(ws, t.store, {}, new Date(`${day}T06:00:00Z`));
    }
    // These tests are about exceptions, collections and the ledger: the workspace's manual controls
    // would add ~100 overdue requests to every digest, so only the request test reads them.
    const noRequests: EvidenceRequestProvider = async () => [];
    const digest = (iso: string, o: RunDigestOptions = {}) => runDigest(kit.ws(), t.store, at(iso), { env, retry: fast, requests: noRequests, ...o });

    beforeAll(async () => {
      smtp = await startSmtpReceiver({ user: 'fieldwork', pass: 's3cret' });
      hook = await startWebhookReceiver();
      kit = notifyWorkspace(NOTIFICATIONS(smtp.port), vendors);
      env = { NOTIFY_SMTP_PASSWORD: 's3cret', NOTIFY_WEBHOOK_URL: hook.url };
      t = await openTestStore(dialect);
      await collectAndCheck('2026-07-01');
    }, 60_000);
    afterAll(async () => {
      await smtp?.close();
      await hook?.close();
      await t?.dispose();
      kit?.dispose();
    });

    it('sends nothing before the digest time', async () => {
      const r = await digest('2026-07-01T06:30:00Z');
      expect(r.digests).toEqual([]);
      expect(r.skipped.map((s) => `${s.email} ${s.channel} ${s.reason}`).sort()).toEqual([
        'cora@notify.test email before_digest_time', 'cora@notify.test webhook before_digest_time', 'sam@notify.test email before_digest_time',
      ]);
      expect(smtp.mails).toHaveLength(0);
    });

    it('delivers the digest email and the webhook post with the right content', async () => {
      const r = await digest('2026-07-01T07:30:00Z');
      expect(r.digests.map((d) => `${d.channel} ${d.email} ${d.status}`).sort()).toEqual(['email cora@notify.test sent', 'email sam@notify.test sent', 'webhook cora@notify.test sent']);

      // The compliance owner: everything, grouped by kind with counts, on both channels.
      expect(smtp.mails).toHaveLength(2);
      const [cora] = mailTo(smtp.mails, 'cora@notify.test');
      expect(cora!.user).toBe('fieldwork');
      expect(cora!.parsed.subject).toBe('Fieldwork digest for Notify & Sons <Test>, 2026-07-01: 1 failed collection, 1 new exception');
      expect(cora!.parsed.from?.value).toEqual([{ name: 'Fieldwork', address: 'fieldwork@notify.test' }]);
      expect(cora!.from).toBe('fieldwork@notify.test');
      const text = cora!.parsed.text ?? '';
      expect(text).toContain('Failed collections (1)\n- hr (bamboohr-csv) — INPUT_NOT_FOUND');
      expect(text).toContain('New exceptions (1)\n- VEN-02 Current SOC 2 reports from critical vendors: Stale <b>Mail</b> & Co — vendor.report_stale');
      expect(text).toContain('https://fieldwork.notify.test/controls/VEN-02');
      // The vendor whose report is current raises nothing.
      expect(text).not.toContain('Fresh Cloud');
      const html = String(cora!.parsed.html);
      expect(html).toContain('Stale &lt;b&gt;Mail&lt;/b&gt; &amp; Co');
      expect(html).not.toContain('<b>Mail</b>');
      expect(html).toContain('<a href="https://fieldwork.notify.test/controls/VEN-02">');
      expect(html).toContain('Notify &amp; Sons &lt;Test&gt;');

      // The security lead owns VEN-02 (override) and asked for exceptions and evidence only, by email.
      const [sam] = mailTo(smtp.mails, 'sam@notify.test');
      expect(sam!.parsed.subject).toBe('Fieldwork digest for Notify & Sons <Test>, 2026-07-01: 1 new exception');
      expect(sam!.parsed.text).toContain('Hello Sam Security');
      expect(sam!.parsed.text).not.toContain('bamboohr-csv');
      // Pat has no channels: nothing.
      expect(mailTo(smtp.mails, 'pat@notify.test')).toHaveLength(0);

      expect(hook.posts).toHaveLength(1);
      const post = hook.posts[0]!;
      expect(post.path).toBe('/services/T000/B000/secret');
      expect(post.contentType).toBe('application/json');
      expect(post.json.text).toBe(cora!.parsed.subject);
      const sections = post.json.blocks.filter((b: any) => b.type === 'section').map((b: any) => b.text);
      expect(sections.every((s: any) => s.type === 'mrkdwn')).toBe(true);
      expect(sections[0].text).toBe('For Cora Owner (cora@notify.test)');
      expect(sections[1].text).toMatch(/^\*Failed collections \(1\)\*\n• <https:\/\/fieldwork\.notify\.test\/\|hr \(bamboohr-csv\)> — INPUT_NOT_FOUND: /);
      expect(sections[2].text).toMatch(/^\*New exceptions \(1\)\*\n• <https:\/\/fieldwork\.notify\.test\/controls\/VEN-02\|VEN-02 Current SOC 2 reports from critical vendors: Stale &lt;b&gt;Mail&lt;\/b&gt; &amp; Co> — vendor\.report_stale: Stale &lt;b&gt;Mail/);
      expect(JSON.stringify(post.json)).not.toContain('<b>');
    });

    it('sends nothing new on a second run the same day', async () => {
      const scheduled = await digest('2026-07-01T12:00:00Z');
      expect(scheduled.digests).toEqual([]);
      expect(new Set(scheduled.skipped.map((s) => s.reason))).toEqual(new Set(['sent_today']));
      const now = await digest('2026-07-01T12:05:00Z', { mode: 'now' });
      expect(now.digests).toEqual([]);
      expect(smtp.mails).toHaveLength(2);
      expect(hook.posts).toHaveLength(1);
    });

    it('tells new and closed exceptions the next day, and a collection that still fails not again', async () => {
      kit.setVendors([{ name: 'Fresh Cloud', stale: false }, { name: 'Stale <b>Mail</b> & Co', stale: false }, { name: 'Old Search', stale: true }]);
      await collectAndCheck('2026-07-02');
      const r = await digest('2026-07-02T07:15:00Z');
      expect(r.digests.map((d) => `${d.channel} ${d.email}`).sort()).toEqual(['email cora@notify.test', 'email sam@notify.test', 'webhook cora@notify.test']);
      const [cora] = mailTo(smtp.mails.slice(2), 'cora@notify.test');
      expect(cora!.parsed.subject).toBe('Fieldwork digest for Notify & Sons <Test>, 2026-07-02: 1 new exception, 1 closed exception');
      expect(cora!.parsed.text).toContain('New exceptions (1)\n- VEN-02 Current SOC 2 reports from critical vendors: Old Search');
      expect(cora!.parsed.text).toContain('Exceptions closed (1)\n- VEN-02 Current SOC 2 reports from critical vendors: Stale <b>Mail</b> & Co — vendor.report_stale no longer found');
      expect(cora!.parsed.text).not.toContain('Failed collections');
      expect(hook.posts).toHaveLength(2);
    });

    it('a missing secret fails its channel with a clear error, the others still send, and the notices go out later', async () => {
      kit.setVendors([{ name: 'Fresh Cloud', stale: false }, { name: 'Old Search', stale: true }, { name: 'Gone Fax', stale: true }]);
      await collectAndCheck('2026-07-04');
      const before = smtp.mails.length;
      const r = await digest('2026-07-04T09:00:00Z', { env: { NOTIFY_WEBHOOK_URL: hook.url } });
      const failed = r.digests.filter((d) => d.status === 'failed');
      expect(failed.map((d) => d.email).sort()).toEqual(['cora@notify.test', 'sam@notify.test']);
      expect(failed[0]!.error).toMatchObject({ code: 'CONFIG_INVALID', message: expect.stringContaining('NOTIFY_SMTP_PASSWORD, which is not set') });
      expect(failed[0]!.error!.hint).toContain('never in fieldwork.yaml');
      expect(smtp.mails.length).toBe(before);
      expect(hook.posts.at(-1)!.json.text).toContain('1 new exception');
      const log = await recentDigests(t.store, 5);
      expect(log.filter((d) => d.status === 'failed').map((d) => d.error)).toEqual([expect.stringContaining('CONFIG_INVALID'), expect.stringContaining('CONFIG_INVALID')]);

      // With the secret set, the emails go out with what they missed; the webhook has nothing new.
      const again = await digest('2026-07-04T10:00:00Z');
      expect(again.digests.map((d) => `${d.channel} ${d.email} ${d.status}`).sort()).toEqual(['email cora@notify.test sent', 'email sam@notify.test sent']);
      expect(mailTo(smtp.mails.slice(before), 'sam@notify.test')[0]!.parsed.text).toContain('Gone Fax');
    });

    it('retries a webhook 503 and an SMTP 451, and fails at once on a 404 without printing the URL', async () => {
      kit.setVendors([{ name: 'Fresh Cloud', stale: false }, { name: 'Old Search', stale: true }, { name: 'Gone Fax', stale: true }, { name: 'Slow Mail', stale: true }]);
      await collectAndCheck('2026-07-05');
      smtp.failNext(1, 451);
      hook.answer(503);
      const posts = hook.posts.length;
      const r = await digest('2026-07-05T09:00:00Z');
      expect(r.digests.map((d) => `${d.channel} ${d.email} ${d.status} ${d.attempts}`).sort()).toEqual([
        'email cora@notify.test sent 2', 'email sam@notify.test sent 1', 'webhook cora@notify.test sent 2',
      ]);
      expect(hook.posts.length).toBe(posts + 1);

      kit.setVendors([{ name: 'Fresh Cloud', stale: false }, { name: 'Old Search', stale: true }, { name: 'Gone Fax', stale: true }, { name: 'Slow Mail', stale: true }, { name: 'Lost Queue', stale: true }]);
      await collectAndCheck('2026-07-06');
      hook.answer(404);
      const bad = await digest('2026-07-06T09:00:00Z');
      const webhook = bad.digests.find((d) => d.channel === 'webhook')!;
      expect(webhook.status).toBe('failed');
      expect(webhook.error).toMatchObject({ code: 'API_FAILED', message: 'the webhook ($NOTIFY_WEBHOOK_URL) answered 404: invalid_payload' });
      expect(webhook.error!.hint).toContain('create a new one');
      expect(JSON.stringify(bad)).not.toContain(hook.url);
      expect(hook.posts.length).toBe(posts + 1);
    });

    it('tells the compliance owner once when the ledger is broken', async () => {
      await sql`update records set data = replace(data, 'Old Search', 'Old Searc') where kind = 'vendor'`.execute(t.store.db);
      const r = await digest('2026-07-07T09:00:00Z');
      const broken = r.notices.filter((n) => n.kind === 'ledger_broken');
      expect(broken).toHaveLength(1);
      expect(broken[0]!.title).toMatch(/^records_changed at ledger entry \d+$/);
      expect(r.digests.map((d) => `${d.channel} ${d.email} ${d.status}`).sort()).toEqual(['email cora@notify.test sent', 'webhook cora@notify.test sent']);
      expect(mailTo(smtp.mails, 'cora@notify.test').at(-1)!.parsed.text).toContain('Evidence ledger broken (1)');
      expect((await digest('2026-07-08T09:00:00Z')).digests.filter((d) => d.notices.some((n) => n.kind === 'ledger_broken'))).toEqual([]);
    });

    it('tells owners of overdue evidence requests, from the workspace\'s requests; covered ones are not told', async () => {
      // The compliant look-alike: ACC-05's 2026-Q1 evidence was handed in by Sam and accepted by Cora.
      const ws = kit.ws();
      const { submission } = await submitEvidence(ws, t.store, { control: 'ACC-05', covers: '2026-Q1', by: 'Sam Security', performedOn: '2026-03-20', files: [{ bytes: new TextEncoder().encode('root MFA review, Q1'), name: 'acc-05-q1.txt' }] }, new Date('2026-03-20T10:00:00Z'));
      await decideSubmission(ws, t.store, { submission: submission.id, decision: 'accepted', by: 'Cora Owner' }, new Date('2026-03-21T10:00:00Z'));
      const before = smtp.mails.length;
      const r = await runDigest(ws, t.store, at('2026-07-03T08:00:00Z'), { env, retry: fast });
      const { requests } = await listRequests(ws, t.store, { asOf: '2026-07-03', owner: 'sam@notify.test', status: ['due_soon', 'overdue', 'missing'] }, new Date('2026-07-03T08:00:00Z'));
      expect(requests.length).toBeGreaterThan(0);
      expect(requests.map((q) => q.id)).toContain('GOV-09/2026-Q1');
      const sam = mailTo(smtp.mails.slice(before), 'sam@notify.test');
      expect(sam).toHaveLength(1);
      const text = sam[0]!.parsed.text ?? '';
      expect(sam[0]!.parsed.subject).toMatch(/^Fieldwork digest for Notify & Sons <Test>, 2026-07-03: /);
      // One line per control: its only occurrence as it is, several as a count with the span.
      for (const control of new Set(requests.map((q) => q.control))) {
        const mine = requests.filter((q) => q.control === control).sort((a, b) => (a.due < b.due ? -1 : 1));
        const q = mine[0]!;
        expect(text).toContain(mine.length === 1
          ? `- ${q.control} ${q.title}: evidence for ${q.covers} — was due ${q.due}`
          : `- ${q.control} ${q.title}: ${mine.length} occurrences (${q.covers} … ${mine.at(-1)!.covers}) — the oldest was due ${q.due}`);
      }
      expect(text).toContain('- GOV-09 ');
      expect(text).toContain('ACC-05 ');
      expect(text).not.toMatch(/ACC-05 [^\n]*(2026-Q1 …|evidence for 2026-Q1)/);
      expect(r.notices.some((n) => n.id === 'evidence-overdue:ACC-05/2026-Q1')).toBe(false);
      // Requests nobody holds the role of go to the compliance owner, who sees every notice.
      const [cora] = mailTo(smtp.mails.slice(before), 'cora@notify.test');
      expect(cora!.parsed.subject).toMatch(/overdue evidence requests/);
      expect(mailTo(smtp.mails.slice(before), 'pat@notify.test')).toHaveLength(0);
    });
  });
}

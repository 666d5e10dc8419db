import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifyWorkspace, startSmtpReceiver, startWebhookReceiver } from '../../notify/notify-test-kit.js';
import { runCliCaptured } from '../../testing/run-cli-captured.js';

const cli = runCliCaptured;

describe('fieldwork notify', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
  let hook: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let kit: ReturnType<typeof notifyWorkspace>;
  const saved = { pass: process.env.NOTIFY_CLI_SMTP_PASSWORD, url: process.env.NOTIFY_CLI_WEBHOOK_URL };

  beforeAll(async () => {
    smtp = await startSmtpReceiver({ user: 'fieldwork', pass: 'cli-s3cret' });
    hook = await startWebhookReceiver();
    kit = notifyWorkspace([
      'notifications:', '  dashboardUrl: https://fieldwork.notify.test',
      '  channels:',
      `    email: { host: 127.0.0.1, port: ${smtp.port}, security: none, from: fieldwork@notify.test, user: fieldwork, passwordEnv: NOTIFY_CLI_SMTP_PASSWORD }`,
      '    webhook: { urlEnv: NOTIFY_CLI_WEBHOOK_URL }',
      '  people:', '    - { person: Pat People, channels: [] }', '    - { person: Sam Security, channels: [] }',
    ].join('\n'), [{ name: 'Fresh Cloud', stale: false }, { name: 'Stale Mail', stale: true }]);
    process.env.NOTIFY_CLI_WEBHOOK_URL = hook.url;
    delete process.env.NOTIFY_CLI_SMTP_PASSWORD;
    // The HR source's file is missing: collect reports it and exits 3; the vendors are collected.
    expect((await cli(['--workspace', kit.dir, 'collect'])).code).toBe(3);
    expect((await cli(['--workspace', kit.dir, 'check'])).code).toBe(0);
  }, 60_000);
  afterAll(async () => {
    for (const [k, v] of [['NOTIFY_CLI_SMTP_PASSWORD', saved.pass], ['NOTIFY_CLI_WEBHOOK_URL', saved.url]] as const) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    await smtp?.close();
    await hook?.close();
    kit?.dispose();
  });

  it('prints what would be sent and sends nothing (text and --json)', async () => {
    const text = await cli(['--workspace', kit.dir, 'notify', '--as-of', '2026-07-01']);
    expect(text.code).toBe(0);
    // The workspace's manual controls have overdue evidence requests too (nothing was submitted).
    expect(text.stdout).toMatch(/would send email → Cora Owner <cora@notify\.test>: Fieldwork digest for Notify & Sons <Test>, 2026-07-01: 1 failed collection, 1 new exception, \d+ overdue evidence requests\n/);
    expect(text.stdout).toContain('    New exceptions (1)\n    - VEN-02 Current SOC 2 reports from critical vendors: Stale Mail — vendor.report_stale');
    expect(text.stdout).toContain('would send webhook → Cora Owner');
    const json = JSON.parse((await cli(['--workspace', kit.dir, '--json', 'notify', '--as-of', '2026-07-01'])).stdout);
    expect(json.digests.map((d: any) => `${d.channel} ${d.email} ${d.status}`)).toEqual(['email cora@notify.test dry_run', 'webhook cora@notify.test dry_run']);
    expect(json.digests[0].notices.filter((n: any) => n.kind !== 'evidence_overdue').map((n: any) => `${n.kind} ${n.title}`)).toEqual([
      'collection_failed hr (bamboohr-csv)', 'exception_new VEN-02 Current SOC 2 reports from critical vendors: Stale Mail',
    ]);
    expect(json.channels).toEqual(['email', 'webhook']);
    expect(smtp.mails).toHaveLength(0);
    expect(hook.posts).toHaveLength(0);
  });

  it('send: a channel without its secret fails with exit 2 and is shown; the webhook still posts', async () => {
    const r = await cli(['--workspace', kit.dir, 'notify', 'send', '--as-of', '2026-07-01']);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('failed   email → Cora Owner <cora@notify.test>');
    expect(r.stdout).toContain('NOTIFY_CLI_SMTP_PASSWORD, which is not set');
    expect(r.stdout).toContain('sent     webhook → Cora Owner <cora@notify.test>');
    expect(r.stderr).toContain('1 digest(s) failed and were recorded');
    expect(hook.posts).toHaveLength(1);
    const shown = await cli(['--workspace', kit.dir, 'notify', '--as-of', '2026-07-01']);
    expect(shown.stdout).toMatch(/Recent failed digests:\n.* email → cora@notify.test: CONFIG_INVALID: The SMTP password/);
  });

  it('send: with the secret set the email goes out once', async () => {
    process.env.NOTIFY_CLI_SMTP_PASSWORD = 'cli-s3cret';
    const r = await cli(['--workspace', kit.dir, '--json', 'notify', 'send', '--as-of', '2026-07-01']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).digests.map((d: any) => `${d.channel} ${d.status}`)).toEqual(['email sent']);
    expect(smtp.mails.map((m) => m.to.join())).toEqual(['cora@notify.test']);
    expect(smtp.mails[0]!.parsed.subject).toMatch(/^Fieldwork digest for Notify & Sons <Test>, 2026-07-01: 1 failed collection, 1 new exception, \d+ overdue evidence requests$/);
    const again = await cli(['--workspace', kit.dir, 'notify', 'send', '--as-of', '2026-07-01']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Nothing to send');
    expect(smtp.mails).toHaveLength(1);
    expect(hook.posts).toHaveLength(1);
  });

  it('refuses an --as-of that is not a date', async () => {
    const r = await cli(['--workspace', kit.dir, 'notify', 'send', '--as-of', '2026-02-30']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--as-of "2026-02-30" is not a calendar date or an instant');
  });
});

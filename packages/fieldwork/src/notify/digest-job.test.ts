import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkWorkspace } from '../pipeline/check-workspace.js';
import { collectWorkspace } from '../pipeline/collect-workspace.js';
import { listJobHistory, ManualClock, Scheduler } from '../schedule/index.js';
import { FieldworkStore } from '../store/index.js';
import { notifyWorkspace, startSmtpReceiver, startWebhookReceiver } from './notify-test-kit.js';

const MINUTE = 60_000;

describe('the scheduled digest job (SQLite, in-process, injected clock)', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
  let hook: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let kit: ReturnType<typeof notifyWorkspace>;
  let store: FieldworkStore;

  beforeAll(async () => {
    smtp = await startSmtpReceiver({ user: 'fieldwork', pass: 'job-s3cret' });
    hook = await startWebhookReceiver();
    kit = notifyWorkspace([
      'notifications:', '  digestTime: "09:00"', '  channels:',
      `    email: { host: 127.0.0.1, port: ${smtp.port}, security: none, from: fieldwork@notify.test, user: fieldwork, passwordEnv: JOB_SMTP_PASSWORD }`,
      '    webhook: { urlEnv: JOB_WEBHOOK_URL }',
      '  people:', '    - { person: Pat People, channels: [] }',
      'schedule:', '  jobs:', '    - { job: digest, cron: "0 * * * *" }',
    ].join('\n'), [{ name: 'Stale Mail', stale: true }]);
    store = await FieldworkStore.open(FieldworkStore.locationFor(kit.dir, {}));
    await collectWorkspace(kit.ws(), store);
    await checkWorkspace(kit.ws(), store, {}, new Date('2026-07-01T04:00:00Z'));
  }, 60_000);
  afterAll(async () => {
    await smtp?.close();
    await hook?.close();
    await store?.close();
    kit?.dispose();
  });

  it('runs hourly and sends each digest once, after the digest time (09:00 Berlin = 07:00 UTC)', async () => {
    const clock = new ManualClock(new Date('2026-07-01T04:30:00Z'));
    const scheduler = await Scheduler.start({ workspace: () => kit.ws(), store, clock, instance: 'test', env: { JOB_SMTP_PASSWORD: 'job-s3cret', JOB_WEBHOOK_URL: hook.url } });
    const arrivals: string[] = [];
    try {
      for (let m = 0; m < 6 * 60; m += 15) {
        clock.advance(15 * MINUTE);
        await scheduler.caughtUp(clock.now());
        await scheduler.runner.idle();
        arrivals.push(`${clock.now().toISOString().slice(11, 16)} ${smtp.mails.length}+${hook.posts.length}`);
      }
    } finally {
      await scheduler.stop();
    }
    // Nothing before 07:00 UTC; at 07:00 the owner's email and webhook post and the security lead's email; then nothing more.
    expect(arrivals.filter((a) => a.startsWith('06:45'))).toEqual(['06:45 0+0']);
    expect(arrivals.filter((a) => a.startsWith('07:00'))).toEqual(['07:00 2+1']);
    expect(arrivals.at(-1)).toBe('10:30 2+1');
    expect(smtp.mails.map((m) => m.to.join()).sort()).toEqual(['cora@notify.test', 'sam@notify.test']);
    // Sam owns VEN-02 and the security lead's manual controls, whose evidence is overdue.
    expect(smtp.mails.find((m) => m.to.includes('sam@notify.test'))!.parsed.subject).toMatch(/^Fieldwork digest for Notify & Sons <Test>, 2026-07-01: 1 new exception, \d+ overdue evidence requests$/);
    const history = await listJobHistory(store, { limit: 20 });
    const outputs = history.jobs.filter((j) => j.job === 'digest').map((j) => j.output as { sent: unknown[]; waiting: number } | null);
    expect(outputs).toHaveLength(6);
    expect(outputs.filter((o) => o!.sent.length > 0)).toEqual([{ sent: expect.arrayContaining([{ person: 'cora@notify.test', channel: 'webhook', notices: expect.any(Number) }]), failed: [], waiting: 0 }]);
  }, 60_000);
});

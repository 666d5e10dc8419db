import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkWorkspace } from '../pipeline/check-workspace.js';
import { collectWorkspace } from '../pipeline/collect-workspace.js';
import { createServerApp } from '../server/server-app.js';
import { createToken } from '../server/server-tokens.js';
import { openTestStore } from '../testing/index.js';
import type { TestStore } from '../testing/index.js';
import { notifyWorkspace, startWebhookReceiver } from './notify-test-kit.js';
import { runDigest } from './run-digest.js';

describe('GET /api/notifications', () => {
  const tokens = { owner: createToken(), auditor: createToken() };
  let hook: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let kit: ReturnType<typeof notifyWorkspace>;
  let t: TestStore;

  beforeAll(async () => {
    hook = await startWebhookReceiver();
    kit = notifyWorkspace([
      'notifications:', '  channels:', '    webhook: { urlEnv: NOTIFY_API_WEBHOOK_URL }',
      'server:', '  tokens:', ...Object.entries(tokens).map(([role, tk]) => `    - { name: ${role}-user, role: ${role}, sha256: ${tk.sha256} }`),
    ].join('\n'), [{ name: 'Stale Mail', stale: true }]);
    t = await openTestStore('sqlite');
    await collectWorkspace(kit.ws(), t.store);
    await checkWorkspace(kit.ws(), t.store, {}, new Date('2026-07-01T06:00:00Z'));
    hook.answer(400);
    await runDigest(kit.ws(), t.store, { now: () => new Date('2026-07-01T09:00:00Z') }, { env: { NOTIFY_API_WEBHOOK_URL: hook.url }, retry: { delaysMs: [] } });
    await runDigest(kit.ws(), t.store, { now: () => new Date('2026-07-01T10:00:00Z') }, { mode: 'now', env: { NOTIFY_API_WEBHOOK_URL: hook.url } });
  }, 60_000);
  afterAll(async () => {
    await hook?.close();
    await t?.dispose();
    kit?.dispose();
  });

  it('shows owners the digests sent and failed, with the reason; auditors may not read it', async () => {
    const app = createServerApp({ workspaceDir: kit.dir, store: t.store, auth: { mode: 'tokens', tokens: [] } });
    const res = await app.request('/api/notifications', { headers: { authorization: `Bearer ${tokens.owner.token}` } });
    expect(res.status).toBe(200);
    const { digests } = (await res.json()) as { digests: { person: string; channel: string; status: string; error: string | null }[] };
    expect(digests.map((d) => [d.person, d.channel, d.status, d.error])).toEqual([
      ['cora@notify.test', 'webhook', 'sent', null],
      ['cora@notify.test', 'webhook', 'failed', 'API_FAILED: the webhook ($NOTIFY_API_WEBHOOK_URL) answered 400: invalid_payload'],
    ]);
    const auditor = await app.request('/api/notifications', { headers: { authorization: `Bearer ${tokens.auditor.token}` } });
    expect(auditor.status).toBe(403);
  });
});

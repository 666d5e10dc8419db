import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkWorkspace } from '../pipeline/check-workspace.js';
import { collectWorkspace } from '../pipeline/collect-workspace.js';
import type { FieldworkStore } from '../store/index.js';
import { openWorkspaceStore, TEST_DIALECTS } from '../testing/index.js';
import { loadWorkspace } from '../workspace/index.js';
import { createServerApp } from './server-app.js';
import { createToken } from './server-tokens.js';

const NOW = () => new Date('2026-10-15T17:00:00Z');
const REGISTER = `# Our risks; keep this comment.
risks:
  - id: R-01
    title: Injected instructions make the agent call tools
    category: prompt-injection
    owner: raj@relaylabs.ai
    inherent: { likelihood: 4, impact: 5 }
    residual: { likelihood: 2, impact: 4 }
    treatment: { type: mitigate, owner: raj@relaylabs.ai, due: 2026-12-01 }
    controls: [GOV-01]
    created: 2026-01-10
    reviewed: 2026-07-01
  - id: R-02
    title: The model provider is down for hours
    category: provider-outage
    inherent: { likelihood: 3, impact: 4 }
    created: 2026-02-01
    reviewed: 2025-06-01
`;

for (const dialect of TEST_DIALECTS) {
  describe(`the Risks page and its form (${dialect})`, () => {
    const tokens = { owner: createToken(), auditor: createToken() };
    let dir: string;
    let store: FieldworkStore;
    let dropSchema: (() => Promise<void>) | undefined;
    let app: ReturnType<typeof createServerApp>;
    const as = (role: keyof typeof tokens, init: RequestInit = {}) => ({ ...init, headers: { authorization: `Bearer ${tokens[role].token}`, ...(init.headers as Record<string, string> | undefined) } });
    const page = async (path: string, role: keyof typeof tokens = 'auditor') => {
      const res = await app.request(path, as(role));
      return { status: res.status, html: await res.text() };
    };
    const post = (path: string, form: Record<string, string>, role: keyof typeof tokens = 'owner') =>
      app.request(path, as(role, { method: 'POST', body: new URLSearchParams(form), headers: { 'content-type': 'application/x-www-form-urlencoded' } }));

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'fw-risks-'));
      writeFileSync(join(dir, 'risks.yaml'), REGISTER);
      writeFileSync(join(dir, 'fieldwork.yaml'), [
        'organization: Relay Labs', 'timezone: UTC',
        'scope: { categories: [security], report: { type: 2, from: 2026-04-01, to: 2026-09-30 } }',
        'owners: { compliance: { name: Maya Chen, email: maya@relaylabs.ai } }',
        'sources:', '  - { name: risk-register, kind: risk-register-yaml, path: risks.yaml }',
        'risks: { scale: { likelihood: 5, impact: 5 }, levels: { medium: 5, high: 12 }, reviewMonths: 12 }',
        'server:', '  tokens:',
        ...Object.entries(tokens).map(([role, t]) => `    - { name: ${role}-user, role: ${role}, sha256: ${t.sha256} }`), '',
      ].join('\n'));
      ({ store, drop: dropSchema } = await openWorkspaceStore(dir, dialect));
      const ws = loadWorkspace(dir);
      await collectWorkspace(ws, store);
      await checkWorkspace(ws, store, {}, NOW());
      app = createServerApp({ workspaceDir: dir, store, auth: { mode: 'tokens', tokens: [] }, now: NOW });
    }, 120_000);

    afterAll(async () => {
      await store?.close();
      await dropSchema?.();
      rmSync(dir, { recursive: true, force: true });
    });

    it('shows an accessible heat map (residual by default, inherent on request) with a table fallback and no scripts', async () => {
      const { status, html } = await page('/risks');
      expect(status).toBe(200);
      expect(html).toMatch(/<svg[^>]*role="img"[^>]*aria-labelledby="heatmap-title heatmap-desc"/);
      expect(html).toContain('<title id="heatmap-title">Risk heat map (residual)</title>');
      expect(html).toContain('2 risks rated residual: 1 high, 1 medium, 0 low');
      expect(html).toContain('likelihood 3 × impact 4 = 12 (high): R-02');
      expect(html).toContain('The heat map as a table');
      expect(html).not.toMatch(/<script/);
      expect((await page('/risks?view=inherent')).html).toContain('2 risks rated inherent: 2 high, 0 medium, 0 low');
    });

    it('lists each risk with its findings from the latest check: the overdue, untreated one and the agent risk linked to a manual control', async () => {
      const { html } = await page('/risks');
      const row = (id: string) => html.slice(html.indexOf(`id="risk-${id}"`), html.indexOf('</tr>', html.indexOf(`id="risk-${id}"`)));
      expect(row('R-02')).toContain('risk.review_overdue');
      expect(row('R-02')).toContain('risk.high_untreated');
      expect(row('R-01')).toContain('risk.agent_manual_only');
      expect(row('R-01')).not.toContain('risk.review_overdue');
    });

    it('lets an owner edit a risk: the YAML keeps its comments, the register is re-collected, the auditor may not', async () => {
      expect((await page('/risks')).html).not.toContain('/risks/R-02/edit"');
      expect((await page('/risks', 'owner')).html).toContain('/risks/R-02/edit');
      expect((await page('/risks/R-02/edit', 'auditor')).status).toBe(403);
      const form = await page('/risks/R-02/edit', 'owner');
      expect(form.html).toContain('value="The model provider is down for hours"');
      const denied = await post('/risks/R-02', { title: 'x' }, 'auditor');
      expect(denied.status).toBe(403);

      const res = await post('/risks/R-02', {
        title: 'The model provider is down for hours', category: 'provider-outage', inherent_likelihood: '3', inherent_impact: '4',
        treatment_type: 'mitigate', treatment_plan: 'Fail over to a second provider', treatment_owner: 'priya@relaylabs.ai', treatment_due: '2027-01-31',
        controls: 'GOV-05', created: '2026-02-01', reviewed: '2026-10-10',
      });
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe('/risks?saved=R-02#risk-R-02');
      const text = readFileSync(join(dir, 'risks.yaml'), 'utf8');
      expect(text).toContain('# Our risks; keep this comment.');
      expect(text).toContain('plan: Fail over to a second provider');
      const after = await page('/risks?saved=R-02');
      expect(after.html).toContain('Saved R-02 to the register');
      expect(after.html).toContain('mitigate: Fail over to a second provider');
      expect(after.html).toContain('2026-10-10');
    });

    it('re-shows the form with the error when a rating leaves the scale, leaving the file as it was', async () => {
      const before = readFileSync(join(dir, 'risks.yaml'), 'utf8');
      const res = await post('/risks/R-01', { title: 'Injected instructions make the agent call tools', category: 'prompt-injection', inherent_likelihood: '9', inherent_impact: '5' });
      expect(res.status).toBe(400);
      expect(await res.text()).toContain('above the workspace scale (1–5)');
      expect(readFileSync(join(dir, 'risks.yaml'), 'utf8')).toBe(before);
    });

    it('adds a new risk from the form', async () => {
      const res = await post('/risks', { id: 'R-03', title: 'Insider refund fraud', category: 'fraud', inherent_likelihood: '2', inherent_impact: '3', created: '2026-10-01' });
      expect(res.status).toBe(303);
      expect((await page('/risks')).html).toContain('Insider refund fraud');
    });
  });
}

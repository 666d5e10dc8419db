import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectWorkspace } from '../pipeline/collect-workspace.js';
import { formatPolicy, issueAckLinks, policyBody } from '../policies/index.js';
import { openTestStore, TEST_DIALECTS } from '../testing/index.js';
import type { TestStore } from '../testing/index.js';
import { loadWorkspace } from '../workspace/index.js';
import { createServerApp } from './server-app.js';

const HR = 'employeeNumber,firstName,lastName,workEmail,hireDate,terminationDate,status\n1,Ada,Okafor,ada@x.ai,2024-01-01,0000-00-00,Active\n2,Ben,Walsh,ben@x.ai,2024-01-01,0000-00-00,Active\n3,Cy,Gone,cy@x.ai,2023-01-01,2026-05-08,Inactive\n';
const policyText = (body: string) => formatPolicy({ id: 'access-control', title: 'Access Control Policy', version: '1.2', owner: 'Pat', approved_by: 'Pat', approved_at: '2026-09-01', next_review: '2027-09-01' }, policyBody('Access Control Policy', body));

function workspace(dir: string): void {
  mkdirSync(join(dir, 'hr'), { recursive: true });
  mkdirSync(join(dir, 'policies'), { recursive: true });
  writeFileSync(join(dir, 'hr', 'employees.csv'), HR);
  writeFileSync(join(dir, 'policies', 'access-control.md'), policyText('We grant access on request and remove it when people leave.'));
  writeFileSync(join(dir, 'fieldwork.yaml'), [
    'organization: Ack Test', 'timezone: UTC', 'scope:', '  categories: [security]',
    '  report: { type: 2, from: 2026-04-01, to: 2026-09-30 }', 'owners:', '  compliance: { name: Pat, email: pat@x.ai, roles: [compliance-owner] }',
    'sources:', '  - { name: hr, kind: bamboohr-csv, path: hr/employees.csv }', '  - { name: policies, kind: policies-md, path: policies }', '',
  ].join('\n'));
}

for (const dialect of TEST_DIALECTS) {
  describe(`policy acknowledgement links on ${dialect}`, () => {
    let t: TestStore;
    let clock = new Date('2026-10-01T16:00:00Z');
    let app: ReturnType<typeof createServerApp>;
    const sameOrigin = { 'sec-fetch-site': 'same-origin', origin: 'http://localhost' };

    beforeAll(async () => {
      t = await openTestStore(dialect);
      workspace(t.dir);
      const [hr, pol] = await collectWorkspace(loadWorkspace(t.dir), t.store);
      expect(hr.error ?? pol.error).toBeUndefined();
      app = createServerApp({ workspaceDir: t.dir, store: t.store, auth: { mode: 'tokens', tokens: [] }, now: () => clock });
    });
    afterAll(async () => t?.dispose());

    const post = (token: string, headers: Record<string, string> = sameOrigin) => app.request(`http://localhost/ack/${token}`, { method: 'POST', headers });

    let first: Awaited<ReturnType<typeof issueAckLinks>> = [];

    it('issues one link per active person and approved version; only the token hash is stored', async () => {
      const links = (first = await issueAckLinks(t.store, { now: clock, timezone: 'UTC' }));
      expect(links.map((l) => `${l.email} ${l.policy} v${l.version}`)).toEqual(['ada@x.ai access-control v1.2', 'ben@x.ai access-control v1.2']);
      expect(links[0].bodySha256).toMatch(/^[0-9a-f]{64}$/);
      const rows = await t.store.db.selectFrom('ack_tokens').selectAll().execute();
      expect(rows).toHaveLength(2);
      expect(JSON.stringify(rows)).not.toContain(links[0].token);
    });

    it('shows the version, its text and text hash without sign-in; one click records one acknowledgement in the ledger', async () => {
      const [link] = await issueAckLinks(t.store, { now: clock, timezone: 'UTC', people: ['ada@x.ai'] });
      const page = await app.request(`http://localhost/ack/${link.token}`);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain('Access Control Policy');
      expect(html).toContain(link.bodySha256);
      expect(html).toContain('We grant access on request');
      expect(page.headers.get('cache-control')).toBe('no-store');

      const done = await post(link.token);
      expect(done.status).toBe(200);
      expect(await done.text()).toContain('ledger entry #');
      const acks = (await t.store.loadRecords(['policy_ack'])).policy_ack ?? [];
      expect(acks).toEqual([expect.objectContaining({ email: 'ada@x.ai', policy: 'access-control', version: '1.2', bodySha256: link.bodySha256, method: 'link', at: clock.toISOString() })]);
      expect((await t.store.ledger()).at(-1)).toMatchObject({ source: 'policy-ack-links', kind: 'policy-ack-link' });
      expect((await t.store.verify()).ok).toBe(true);

      // Spent: a second click (or a replay) records nothing.
      expect((await post(link.token)).status).toBe(410);
      expect((await app.request(`http://localhost/ack/${link.token}`)).status).toBe(410);
      expect((await t.store.loadRecords(['policy_ack'])).policy_ack).toHaveLength(1);
      // Ada is no longer owed a link for this version; Ben still is.
      expect((await issueAckLinks(t.store, { now: clock, timezone: 'UTC' })).map((l) => l.email)).toEqual(['ben@x.ai']);
    });

    it('refuses a cross-origin post (CSRF) and records nothing', async () => {
      const [link] = await issueAckLinks(t.store, { now: clock, timezone: 'UTC', people: ['ben@x.ai'] });
      const res = await post(link.token, { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' });
      expect(res.status).toBe(403);
      expect((await t.store.loadRecords(['policy_ack'])).policy_ack).toHaveLength(1);
    });

    it('an expired link records nothing', async () => {
      const [link] = await issueAckLinks(t.store, { now: clock, timezone: 'UTC', people: ['ben@x.ai'], days: 1 });
      clock = new Date(clock.getTime() + 2 * 86_400_000);
      expect((await post(link.token)).status).toBe(410);
      expect((await t.store.loadRecords(['policy_ack'])).policy_ack).toHaveLength(1);
    });

    it('a link to text that has since changed cannot be used', async () => {
      const [link] = await issueAckLinks(t.store, { now: clock, timezone: 'UTC', people: ['ben@x.ai'] });
      const file = join(t.dir, 'policies', 'access-control.md');
      const before = readFileSync(file, 'utf8');
      writeFileSync(file, policyText('We grant access to anyone who asks.'));
      try {
        expect(await (await app.request(`http://localhost/ack/${link.token}`)).text()).toContain('has changed since this link was issued');
        expect((await post(link.token)).status).toBe(409);
      } finally {
        writeFileSync(file, before);
      }
      expect((await post(link.token)).status).toBe(200);
    });

    it('rate-limits guessing: after ten bad tokens the client must wait, even with a good one', async () => {
      const link = first[1];
      expect((await app.request(`http://localhost/ack/${link.token}`)).status).toBe(200);
      for (let i = 0; i < 10; i++) expect((await app.request(`http://localhost/ack/${'x'.repeat(43)}${i}`)).status).toBe(404);
      const res = await app.request(`http://localhost/ack/${link.token}`);
      expect(res.status).toBe(429);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    });

    it('refuses links for someone not active in HR', async () => {
      await expect(issueAckLinks(t.store, { now: clock, timezone: 'UTC', people: ['cy@x.ai'] })).rejects.toMatchObject({ code: 'USAGE' });
    });
  });
}

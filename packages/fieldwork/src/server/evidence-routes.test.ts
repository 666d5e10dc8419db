import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FieldworkStore } from '../store/index.js';
import { openWorkspaceStore, TEST_DIALECTS } from '../testing/index.js';
import { initWorkspace } from '../workspace/index.js';
import { createServerApp } from './server-app.js';
import { createToken } from './server-tokens.js';

const NOW = () => new Date('2025-10-05T17:00:00Z');
const PDF = new Uint8Array(Buffer.from('%PDF-1.4\n% SIEM forwarding rules\n%%EOF\n'));
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

for (const dialect of TEST_DIALECTS) {
  describe(`evidence requests in the dashboard (${dialect})`, () => {
    // Tokens are named after the people fieldwork.yaml names: that is who submits or decides.
    const tokens = {
      owner: { ...createToken(), name: 'tomas@relay.test', role: 'owner' },
      approver: { ...createToken(), name: 'Maya Chen', role: 'approver' },
      notApprover: { ...createToken(), name: 'Leo Brandt', role: 'approver' },
      auditor: { ...createToken(), name: 'auditor', role: 'auditor' },
      bot: { ...createToken(), name: 'ci-bot', role: 'owner' },
    };
    let dir: string;
    let store: FieldworkStore;
    let drop: (() => Promise<void>) | undefined;
    let app: ReturnType<typeof createServerApp>;
    const as = (who: keyof typeof tokens, init: RequestInit = {}) => ({ ...init, headers: { authorization: `Bearer ${tokens[who].token}`, ...(init.headers as Record<string, string> | undefined) } });
    const upload = (who: keyof typeof tokens, fields: Record<string, string>, files: [string, Uint8Array, string][]) => {
      const form = new FormData();
      for (const [k, v] of Object.entries(fields)) form.append(k, v);
      for (const [name, bytes, type] of files) form.append('files', new File([bytes], name, { type }));
      return app.request('/evidence/submit', as(who, { method: 'POST', body: form }));
    };

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'fw-evidence-server-'));
      initWorkspace({
        dir, organization: 'Relay Labs', timezone: 'UTC', owner: { name: 'Maya Chen', email: 'maya@relay.test' }, categories: ['security'],
        report: { type: 2, from: '2025-04-01', to: '2025-09-30' }, startDate: '2025-01-01', b2b: true, force: true,
        people: [{ name: 'Tomas Varga', email: 'tomas@relay.test', roles: ['security-lead'] }, { name: 'Leo Brandt', email: 'leo@relay.test', roles: ['it-admin'] }],
      });
      const lines = Object.values(tokens).map((t) => `    - { name: ${JSON.stringify(t.name)}, role: ${t.role}, sha256: ${t.sha256} }`);
      writeFileSync(join(dir, 'fieldwork.yaml'), `${readFileSync(join(dir, 'fieldwork.yaml'), 'utf8')}\nevidence:\n  maxFileBytes: 4096\nserver:\n  tokens:\n${lines.join('\n')}\n`);
      ({ store, drop: drop } = await openWorkspaceStore(dir, dialect));
      app = createServerApp({ workspaceDir: dir, store, auth: { mode: 'tokens', tokens: [] }, now: NOW });
    });
    afterAll(async () => {
      await store?.close();
      await drop?.();
      rmSync(dir, { recursive: true, force: true });
    });

    it('lists requests with owner, due date and status, filtered, as a page and as JSON', async () => {
      const page = await app.request('/evidence?status=missing&owner=Tomas+Varga', as('auditor'));
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain('LOG-01/2025-Q2');
      expect(html).not.toContain('GOV-01/2025-Q2'); // the compliance owner's, filtered out
      const api = await app.request('/api/evidence/requests?control=LOG-01', as('auditor'));
      const body = (await api.json()) as { requests: { id: string; status: string; due: string; owner: { email: string } }[] };
      expect(body.requests.map((r) => [r.id, r.status, r.due, r.owner.email])).toEqual([['LOG-01/2025-Q2', 'missing', '2025-07-30', 'tomas@relay.test'], ['LOG-01/2025-Q3', 'missing', '2025-09-30', 'tomas@relay.test']]);
    });

    it('shows the upload form to owners only and lets an owner submit files', async () => {
      expect(await (await app.request('/evidence/LOG-01/2025-Q2', as('auditor'))).text()).not.toContain('enctype="multipart/form-data"');
      expect(await (await app.request('/evidence/LOG-01/2025-Q2', as('owner'))).text()).toContain('enctype="multipart/form-data"');
      const res = await upload('owner', { control: 'LOG-01', covers: '2025-Q2', note: 'forwarding rules', performed: '2025-06-20' }, [['siem.pdf', PDF, 'application/pdf'], ['alerts.png', PNG, 'image/png']]);
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toMatch(/^\/evidence\/LOG-01\/2025-Q2\?done=submitted&id=sub-[0-9a-f]{12}$/);
      const page = await (await app.request(res.headers.get('location')!, as('approver'))).text();
      expect(page).toContain('siem.pdf');
      expect(page).toContain('by Tomas Varga');
      expect(page).toContain('action="/evidence/decide"');
    });

    it('takes a typed statement without a file where the control allows it, and refuses one where it does not', async () => {
      expect(await (await app.request('/evidence/GOV-02/2025', as('owner'))).text()).toContain('name="statement"');
      expect(await (await app.request('/evidence/GOV-01/2025-Q3', as('owner'))).text()).not.toContain('name="statement"');
      const typed = await upload('owner', { control: 'GOV-02', covers: '2025', statement: 'Org chart and security roles reviewed; no reorganization this year.', performed: '2025-09-02' }, []);
      expect(typed.status).toBe(303);
      const page = await (await app.request(typed.headers.get('location')!, as('auditor'))).text();
      expect(page).toContain('Org chart and security roles reviewed; no reorganization this year.');
      expect((await upload('owner', { control: 'GOV-01', covers: '2025-Q3', statement: 'We met.' }, [])).status).toBe(400);
    });

    it('refuses auditors, approvers and tokens that name nobody from submitting, and other file types, sizes and disguises', async () => {
      const ok: [string, Uint8Array, string][] = [['siem.pdf', PDF, 'application/pdf']];
      expect((await upload('auditor', { control: 'LOG-01', covers: '2025-Q3' }, ok)).status).toBe(403);
      expect((await upload('approver', { control: 'LOG-01', covers: '2025-Q3' }, ok)).status).toBe(403);
      const bot = await upload('bot', { control: 'LOG-01', covers: '2025-Q3' }, ok);
      expect(bot.status).toBe(403);
      expect(await bot.text()).toContain('does not name a person');
      const html = await upload('owner', { control: 'LOG-01', covers: '2025-Q3' }, [['page.html', Buffer.from('<html>'), 'text/html']]);
      expect(html.status).toBe(422);
      expect(await html.text()).toContain('.html files are');
      expect((await upload('owner', { control: 'LOG-01', covers: '2025-Q3' }, [['shot.pdf', PNG, 'application/pdf']])).status).toBe(422);
      expect((await upload('owner', { control: 'LOG-01', covers: '2025-Q3' }, [['big.pdf', new Uint8Array(Buffer.concat([Buffer.from(PDF), Buffer.alloc(5000, 32)])), 'application/pdf']])).status).toBe(422);
      // A form posted from another origin is refused (CSRF), as for every dashboard form.
      const form = new FormData();
      form.append('control', 'LOG-01');
      form.append('covers', '2025-Q3');
      form.append('files', new File([PDF], 'siem.pdf', { type: 'application/pdf' }));
      expect((await app.request('/evidence/submit', as('owner', { method: 'POST', body: form, headers: { origin: 'https://evil.example' } }))).status).toBe(403);
      // The route's body limit refuses a declared oversized body before reading it.
      const huge = await app.request('/evidence/submit', as('owner', { method: 'POST', body: 'x', headers: { 'content-length': String(27 * 1024 * 1024), 'content-type': 'multipart/form-data; boundary=x' } }));
      expect(huge.status).toBe(413);
      const { requests } = (await (await app.request('/api/evidence/requests?control=LOG-01', as('auditor'))).json()) as { requests: { covers: string; submissions: unknown[] }[] };
      expect(requests.find((r) => r.covers === '2025-Q3')!.submissions).toEqual([]);
    });

    it('lets an approver named in the workspace accept or reject, with a reason to reject; others may not', async () => {
      const { requests } = (await (await app.request('/api/evidence/requests?control=LOG-01', as('auditor'))).json()) as { requests: { covers: string; submissions: { id: string }[] }[] };
      const id = requests.find((r) => r.covers === '2025-Q2')!.submissions[0].id;
      const decide = (who: keyof typeof tokens, fields: Record<string, string>) => app.request('/evidence/decide', as(who, { method: 'POST', body: new URLSearchParams(fields) }));
      expect((await decide('owner', { submission: id, decision: 'accepted' })).status).toBe(403);
      expect((await decide('auditor', { submission: id, decision: 'accepted' })).status).toBe(403);
      const leo = await decide('notApprover', { submission: id, decision: 'accepted' });
      expect(leo.status).toBe(400);
      expect(await leo.text()).toContain('may not decide on evidence');
      expect((await decide('approver', { submission: id, decision: 'rejected' })).status).toBe(400);
      const accepted = await decide('approver', { submission: id, decision: 'accepted' });
      expect(accepted.status).toBe(303);
      const after = (await (await app.request('/api/evidence/requests?control=LOG-01', as('auditor'))).json()) as { requests: { covers: string; status: string }[] };
      expect(after.requests.map((r) => `${r.covers} ${r.status}`)).toEqual(['2025-Q2 current', '2025-Q3 missing']);
      expect(await (await app.request('/evidence?control=LOG-01', as('auditor'))).text()).toMatch(/LOG-01\/2025-Q2[\s\S]*status-current/);
    });
  });
}

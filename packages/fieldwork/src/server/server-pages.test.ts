import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FieldworkRecord } from '@fieldwork/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256File } from '../evidence/index.js';
import { openTestStore, TEST_DIALECTS } from '../testing/index.js';
import type { TestStore } from '../testing/index.js';
import { createServerApp } from './server-app.js';
import { jsonPieces } from './json-stream.js';

const NOW = () => new Date('2026-10-15T17:00:00Z');
const ENTRIES = 23;
const SOURCES = ['hr', 'okta', 'vendors'];

async function* none(): AsyncGenerator<FieldworkRecord> {}

// A workspace naming the three sources, and a ledger of ENTRIES small artifacts spread over them.
async function seed(t: TestStore): Promise<void> {
  writeFileSync(join(t.dir, 'fieldwork.yaml'), [
    'organization: Paging Test', 'timezone: UTC', 'scope:', '  categories: [security]',
    '  report: { type: 2, from: 2026-04-01, to: 2026-09-30 }', 'owners:', '  compliance: { name: Pat, email: pat@x.ai }',
    'sources:', '  - { name: hr, kind: bamboohr-csv, path: hr.csv }', '  - { name: okta, kind: okta-system-log, path: okta.jsonl }', '',
  ].join('\n'));
  mkdirSync(join(t.dir, 'files'), { recursive: true });
  for (let i = 1; i <= ENTRIES; i++) {
    const path = join(t.dir, 'files', `a${i}.txt`);
    writeFileSync(path, `artifact ${i}\n`);
    const { sha256, size } = await sha256File(path);
    await t.store.ingest({ sha256, size, name: `a${i}.txt`, source: SOURCES[i % 3], kind: 'bamboohr-csv', origin: `a${i}.txt`, path, records: none() });
  }
}

interface LedgerBody { head: { seq: number; hash: string } | null; entries: { seq: number; source: string }[]; next: string | null }

for (const dialect of TEST_DIALECTS) {
  describe(`paging the API and the dashboard (${dialect})`, () => {
    let t: TestStore;
    let app: ReturnType<typeof createServerApp>;
    const get = (path: string) => app.request(`http://127.0.0.1${path}`, { headers: { host: '127.0.0.1' } });

    beforeAll(async () => {
      t = await openTestStore(dialect);
      await seed(t);
      app = createServerApp({ workspaceDir: t.dir, store: t.store, auth: { mode: 'insecure-local' }, now: NOW });
    }, 120_000);
    afterAll(async () => t?.dispose());

    it('walks the whole ledger by cursor, in order, each entry once, with a next link until the last page', async () => {
      const seen: number[] = [];
      let path: string | null = '/api/ledger?limit=5';
      let pages = 0;
      while (path) {
        const res = await get(path);
        expect(res.status).toBe(200);
        const body = (await res.json()) as LedgerBody;
        expect(body.head?.seq).toBeGreaterThanOrEqual(ENTRIES);
        expect(body.entries.length).toBeLessThanOrEqual(5);
        seen.push(...body.entries.map((e) => e.seq));
        const link = res.headers.get('link');
        if (body.next) expect(link).toBe(`</api/ledger?limit=5&cursor=${body.next}>; rel="next"`);
        else expect(link).toBeNull();
        path = body.next ? `/api/ledger?limit=5&cursor=${body.next}` : null;
        pages++;
      }
      expect(seen).toEqual(Array.from({ length: ENTRIES }, (_, i) => i + 1));
      expect(pages).toBe(Math.ceil(ENTRIES / 5));
      // The older `after=SEQ` still pages; the whole ledger fits in one default page.
      expect(((await (await get('/api/ledger?after=20')).json()) as LedgerBody).entries.map((e) => e.seq)).toEqual([21, 22, 23]);
      expect(((await (await get('/api/ledger')).json()) as LedgerBody)).toMatchObject({ next: null });
    });

    it('answers the same bytes from its page cache as without one, and never serves a page that could still grow from it', async () => {
      const uncached = createServerApp({ workspaceDir: t.dir, store: t.store, auth: { mode: 'insecure-local' }, now: NOW, pageCacheBytes: 0 });
      for (const q of ['limit=5', 'limit=5&after=5', 'limit=7&after=20']) {
        const twice = [await (await get(`/api/ledger?${q}`)).text(), await (await get(`/api/ledger?${q}`)).text()];
        const plain = await (await uncached.request(`http://127.0.0.1/api/ledger?${q}`, { headers: { host: '127.0.0.1' } })).text();
        expect(twice[0]).toBe(plain);
        expect(twice[1]).toBe(plain);
      }
      // The last page (no next yet) is read again: an entry collected since shows up on it.
      const before = (await (await get('/api/ledger?limit=7&after=20')).json()) as LedgerBody;
      expect(before.entries.map((e) => e.seq)).toEqual([21, 22, 23]);
      const path = join(t.dir, 'files', 'late.txt');
      writeFileSync(path, 'late\n');
      const { sha256, size } = await sha256File(path);
      await t.store.ingest({ sha256, size, name: 'late.txt', source: 'hr', kind: 'bamboohr-csv', origin: 'late.txt', path, records: none() });
      const after = (await (await get('/api/ledger?limit=7&after=20')).json()) as LedgerBody;
      expect(after.entries.map((e) => e.seq)).toEqual([21, 22, 23, 24]);
      expect(after.head?.seq).toBe(24);
    });

    it('refuses a forged, foreign or malformed cursor and limits out of range with 422', async () => {
      const foreign = ((await (await get('/api/controls?limit=1')).json()) as { next: string }).next;
      expect(foreign).toBeTruthy();
      for (const q of [`cursor=${foreign}`, 'cursor=%7B%7D', 'cursor=bm90LWpzb24', 'limit=0', 'limit=10001', 'limit=1.5', 'limit=abc', 'after=-1', 'after=1&cursor=WyJsZWRnZXIiLDFd']) {
        const res = await get(`/api/ledger?${q}`);
        expect(res.status, q).toBe(422);
        expect(((await res.json()) as { error: { code: string } }).error.code).toBe('BAD_REQUEST');
      }
    });

    it('pages the controls in id order and the tokens list, whole when no limit is asked for', async () => {
      const whole = ((await (await get('/api/controls')).json()) as { controls: { id: string }[] }).controls.map((c) => c.id);
      expect(whole.length).toBeGreaterThan(3);
      const ids: string[] = [];
      let cursor: string | null = null;
      do {
        const body = (await (await get(`/api/controls?limit=3${cursor ? `&cursor=${cursor}` : ''}`)).json()) as { controls: { id: string }[]; next: string | null };
        ids.push(...body.controls.map((c) => c.id));
        cursor = body.next;
      } while (cursor);
      expect(ids).toEqual([...whole].sort());
    });

    it('shows the dashboard ledger newest first, a page at a time, with a link to older entries', async () => {
      // 24 entries by now: the page-cache case above collected one more.
      const first = await (await get('/ledger?limit=10')).text();
      expect(first).toContain('24 entries');
      const seqs = (html: string) => [...html.matchAll(/<tr><td>(\d+)<\/td>/g)].map((m) => Number(m[1]));
      expect(seqs(first)).toEqual([24, 23, 22, 21, 20, 19, 18, 17, 16, 15]);
      const older = /href="\/ledger\?cursor=([^"]+)"/.exec(first)![1];
      const second = await (await get(`/ledger?limit=10&cursor=${older}`)).text();
      expect(seqs(second)).toEqual([14, 13, 12, 11, 10, 9, 8, 7, 6, 5]);
      expect(second).toContain('href="/ledger"');
    });

    it('shows each source with its latest collection on the overview without reading the whole ledger', async () => {
      const html = await (await get('/')).text();
      expect(html).toContain('entry #24');
      // vendors (not configured) keeps its evidence and is listed too.
      expect(html).toMatch(/vendors/);
    });
  });
}

describe('jsonPieces', () => {
  it('writes exactly what JSON.stringify writes, in pieces of bounded size', () => {
    const big = { runId: 1, skip: undefined, f: () => 1, at: new Date(0), results: Array.from({ length: 3000 }, (_, i) => ({ control: `C-${i}`, n: i, nested: { deep: [1, { x: 'é"\n' }], u: undefined }, list: [undefined, null, 2] })) };
    const pieces = [...jsonPieces(big)];
    expect(pieces.length).toBeGreaterThan(2);
    expect(pieces.join('')).toBe(JSON.stringify(big));
    expect(Math.max(...pieces.slice(0, -1).map((p) => p.length))).toBeLessThan(70 * 1024);
    for (const v of [null, 1, 'x', [], {}, [undefined]]) expect([...jsonPieces(v)].join('')).toBe(JSON.stringify(v));
  });
});

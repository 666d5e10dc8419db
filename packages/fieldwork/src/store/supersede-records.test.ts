import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FieldworkRecord } from '@fieldwork/core';
import { afterEach, describe, expect, it } from 'vitest';
import { collectSources } from '../collectors/collect-sources.js';
import { sha256File } from '../evidence/index.js';
import { openTestStore, TEST_DIALECTS } from '../testing/index.js';
import type { TestStore } from '../testing/index.js';

const vendor = (name: string, criticality = 'high') => ({ kind: 'vendor', name, criticality, dataAccess: [], subservice: false });
const event = (uuid: string) => ({ kind: 'access_event', system: 'okta', eventId: uuid, eventType: 'user.lifecycle.deactivate', action: 'deactivate', at: '2026-05-01T17:00:00.000Z', account: 'p@x.ai' });

/** Stores an artifact named `origin` of `source` holding `facts`, the way collect does. */
async function ingest(t: TestStore, source: string, origin: string, text: string, facts: object[], snapshotKinds: string[] = []) {
  const path = join(t.dir, `${source}-${Math.random().toString(36).slice(2)}`);
  writeFileSync(path, text);
  const { sha256, size } = await sha256File(path);
  async function* records(): AsyncGenerator<FieldworkRecord> {
    for (const [i, f] of facts.entries()) yield { ...f, source, artifact: sha256, locator: `line ${i + 2}` } as FieldworkRecord;
  }
  return t.store.ingest({ sha256, size, name: origin, source, kind: 'test', origin, path, records: records(), snapshotKinds });
}
const names = async (t: TestStore, asOf?: string) => ((await t.store.loadRecords(['vendor'], asOf ? { asOf } : {})).vendor ?? []).map((v) => `${v.name}:${v.criticality}`).sort();

for (const dialect of TEST_DIALECTS) {
  describe(`supersession on ${dialect}`, () => {
    let t: TestStore;
    afterEach(async () => t?.dispose());

    it('a snapshot replaces the older snapshot of the same origin: re-stated facts as the newer says them, unstated ones no longer current', async () => {
      t = await openTestStore(dialect);
      await ingest(t, 'vendors', 'vendors.csv', 'v1', [vendor('OpenAI'), vendor('Acme Old')], ['vendor']);
      await ingest(t, 'vendors', 'other.csv', 'o1', [vendor('Stripe')], ['vendor']);
      await ingest(t, 'registry', 'vendors.csv', 'r1', [vendor('Zed')], ['vendor']);
      const second = await ingest(t, 'vendors', 'vendors.csv', 'v2', [vendor(' openai ', 'critical')], ['vendor']);
      expect(second.superseded).toBe(2);
      // Another origin of the same source and another source with the same origin are untouched.
      expect(await names(t)).toEqual([' openai :critical', 'Stripe:high', 'Zed:high']);
      expect(await t.store.recordHistory('vendor', 'vendors')).toHaveLength(4);
    });

    it('a log keeps facts the newer artifact does not state, and a re-stated fact once', async () => {
      t = await openTestStore(dialect);
      await ingest(t, 'okta', 'page-1', 'p1', [event('u1'), event('u2')]);
      const res = await ingest(t, 'okta', 'page-2', 'p2', [event('u2'), event('u3')]);
      expect(res.superseded).toBe(1);
      const events = (await t.store.loadRecords(['access_event'])).access_event ?? [];
      expect(events.map((e) => e.eventId).sort()).toEqual(['u1', 'u2', 'u3']);
      expect(events.find((e) => e.eventId === 'u2')!.artifact).toBe(res.entry.artifact);
    });

    it('reads what the sources stated as of a date, and refuses a date it cannot read', async () => {
      t = await openTestStore(dialect);
      const first = await ingest(t, 'vendors', 'vendors.csv', 'v1', [vendor('OpenAI'), vendor('Acme Old')], ['vendor']);
      await new Promise((r) => setTimeout(r, 5));
      await ingest(t, 'vendors', 'vendors.csv', 'v2', [vendor('OpenAI', 'critical')], ['vendor']);
      expect(await names(t, first.entry.collectedAt)).toEqual(['Acme Old:high', 'OpenAI:high']);
      expect(await names(t)).toEqual(['OpenAI:critical']);
      expect(await names(t, '2000-01-01')).toEqual([]);
      await expect(names(t, 'last tuesday')).rejects.toMatchObject({ code: 'USAGE' });
    });

    it('collects an export edited and then edited back: the restored bytes are current again', async () => {
      t = await openTestStore(dialect);
      const sources = [{ name: 'vendors', kind: 'vendors-csv', path: 'vendors.csv' }];
      const header = 'name,criticality,data_access,subservice,preset,soc2_type,soc2_period_from,soc2_period_to,bridge_letter_to,last_review_date,last_review_reviewer,last_review_signed,owner';
      const a = `${header}\nOpenAI,critical,prompts,,,Type II,2025-03-01,2026-02-28,,2026-03-15,maya@x.ai,yes,ai-lead\n`;
      const b = `${header}\nOpenAI,critical,prompts,,,Type II,2025-03-01,2026-02-28,,2024-03-15,maya@x.ai,yes,ai-lead\n`;
      const reviews = async () => ((await t.store.loadRecords(['vendor_review'])).vendor_review ?? []).map((r) => r.reviewedAt);
      for (const [text, want] of [[a, 'collected'], [b, 'collected'], [a, 'collected'], [a, 'unchanged']] as const) {
        writeFileSync(join(t.dir, 'vendors.csv'), text);
        const [out] = await collectSources({ workspaceDir: t.dir, timezone: 'UTC', sources, store: t.store });
        expect(out.status).toBe(want);
      }
      expect(await reviews()).toEqual(['2026-03-15']);
      expect((await t.store.ledger()).length).toBe(3);
    });
  });
}

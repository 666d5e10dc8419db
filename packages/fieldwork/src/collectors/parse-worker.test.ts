import { copyFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openTestStore } from '../testing/index.js';
import type { TestStore } from '../testing/index.js';

const here = dirname(fileURLToPath(import.meta.url));
// The worker's thread file exists only in the build (`npm test` runs `tsc -b` first), so the
// collect under test is the built one; the stores are the sources'.
const built = join(here, '../../dist/collectors/collect-sources.js');
const fixture = join(here, '../../../../fixtures/third-party/otel/otlp-trace.example.json');

describe('the parse worker (FIELDWORK_PARSE_WORKER)', () => {
  const stores: TestStore[] = [];
  afterEach(async () => {
    vi.unstubAllEnvs();
    for (const t of stores.splice(0)) await t.dispose();
  });

  it('stores the same records, in the same order, as the main thread does', async () => {
    expect(existsSync(built), `${built} is missing: run \`npx tsc -b\` first`).toBe(true);
    const { collectSources } = (await import(built)) as typeof import('./collect-sources.js');
    const collect = async (worker: boolean) => {
      const t = await openTestStore('sqlite');
      stores.push(t);
      copyFileSync(fixture, join(t.dir, 'traces.json'));
      vi.stubEnv('FIELDWORK_PARSE_WORKER', worker ? 'always' : '0');
      const out = await collectSources({ workspaceDir: t.dir, timezone: 'UTC', store: t.store, sources: [{ name: 'traces', kind: 'otlp-json', path: 'traces.json' }] });
      vi.unstubAllEnvs();
      expect(out[0].status).toBe('collected');
      const kinds = Object.keys(out[0].artifacts[0].populations ?? {}).sort();
      return { outcome: out[0].artifacts[0], kinds, records: await t.store.loadRecords(kinds) };
    };
    const main = await collect(false);
    const worker = await collect(true);
    expect(main.kinds.length).toBeGreaterThan(0);
    expect(worker.kinds).toEqual(main.kinds);
    expect(worker.outcome.records).toBe(main.outcome.records);
    expect(worker.outcome.sha256).toBe(main.outcome.sha256);
    expect(JSON.stringify(worker.records)).toBe(JSON.stringify(main.records));
  });
});

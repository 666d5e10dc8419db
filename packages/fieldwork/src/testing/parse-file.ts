import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { FieldworkRecord } from '@fieldwork/core';
import type { Collector } from '../collectors/collector.js';
import { sha256File } from '../evidence/index.js';
import { testPseudonym } from './test-secret.js';

/** Real public fixtures (see shared/fixtures/real/SOURCES.md). */
export const REAL_FIXTURES = new URL('../../../../../shared/fixtures/real/', import.meta.url).pathname;

/**
 * Runs a collector's parse over a file, without a store: the records it yields, each as the
 * store would receive it. Options go through the collector's schema like in `collect`.
 */
export async function parseFile<O>(collector: Collector<O>, path: string, options: unknown = {}, timezone = 'UTC'): Promise<FieldworkRecord[]> {
  const opts = collector.options.parse(options);
  const { sha256 } = await sha256File(path);
  const out: FieldworkRecord[] = [];
  const input = { path, displayName: basename(path), sha256, size: statSync(path).size, open: () => createReadStream(path) };
  for await (const r of collector.parse(input, opts, { source: 'test', timezone, cite: (locator) => ({ source: 'test', artifact: sha256, locator: locator || '/' }), pseudonymize: testPseudonym })) out.push(r);
  return out;
}

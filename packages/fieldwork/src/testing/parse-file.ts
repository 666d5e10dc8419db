import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { FieldworkRecord } from '@fieldwork/core';
import type { Collector } from '../collectors/collector.js';
import { guardTextInput, IgnoredFields } from '../collectors/input/index.js';
import type { IgnoredField } from '../collectors/input/index.js';
import { sha256File } from '../evidence/index.js';
import { testPseudonym } from './test-secret.js';

/** Real public fixtures (see shared/fixtures/real/SOURCES.md). */
export const REAL_FIXTURES = new URL('../../../../../shared/fixtures/real/', import.meta.url).pathname;

/**
 * Runs a collector's parse over a file, without a store: the records it yields, each as the
 * store would receive it. The bytes go through the same text checks as in `collect`. Options go through the collector's schema like in `collect`.
 */
export async function parseFile<O>(collector: Collector<O>, path: string, options: unknown = {}, timezone = 'UTC'): Promise<FieldworkRecord[]> {
  return (await parseFileReport(collector, path, options, timezone)).records;
}

/** Like {@link parseFile}, and also the fields the collector reported as not read (as `collect` keeps them). */
export async function parseFileReport<O>(collector: Collector<O>, path: string, options: unknown = {}, timezone = 'UTC'): Promise<{ records: FieldworkRecord[]; ignored: IgnoredField[] }> {
  const opts = collector.options.parse(options);
  const { sha256 } = await sha256File(path);
  const records: FieldworkRecord[] = [];
  const ignored = new IgnoredFields();
  const input = guardTextInput({ path, displayName: basename(path), sha256, size: statSync(path).size, open: () => createReadStream(path) });
  const ctx = { source: 'test', timezone, cite: (locator: string) => ({ source: 'test', artifact: sha256, locator: locator || '/' }), ignore: (f: string, at: string) => ignored.add(f, at), pseudonymize: testPseudonym };
  for await (const r of collector.parse(input, opts, ctx)) records.push(r);
  return { records, ignored: ignored.list() };
}

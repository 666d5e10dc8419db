import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FieldworkRecord } from '@fieldwork/core';
import type { Collector } from '../collectors/collector.js';
import { guardTextInput, IgnoredFields } from '../collectors/input/index.js';
import type { IgnoredField } from '../collectors/input/index.js';
import { sha256File } from '../evidence/index.js';
import { testPseudonym } from './test-secret.js';

/**
 * Real third-party samples kept inside the repository (origin, licence and date of each file in
 * `fixtures/third-party/SOURCES.md`), so the tests run on a fresh clone with nothing beside it.
 * Resolved from this file (src/testing and dist/testing are both four levels below the root).
 */
export const REAL_FIXTURES = fileURLToPath(new URL('../../../../fixtures/third-party/', import.meta.url));

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

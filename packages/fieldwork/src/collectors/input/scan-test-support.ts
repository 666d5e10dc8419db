import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { exitCodeFor } from '@fieldwork/core/errors';
import type { RecordSet } from '@fieldwork/core/records';
import { openTestStore } from '../../testing/test-stores.js';
import { collectSources } from '../collect-sources.js';
import type { SourceOutcome } from '../collect-sources.js';

/** What collecting one file through the real runner gave: the outcome, its exit code, the stored records. */
export interface CollectedFile {
  outcome: SourceOutcome;
  /** The CLI exit code this outcome maps to (0 when collected). */
  exitCode: number;
  records: RecordSet;
}

/**
 * Collects one file as a workspace source with the real runner and a store of `dialect`
 * (test support for collectors: proves errors are isolated and nothing partial is stored).
 */
export async function collectFile(kind: string, file: string, options: Record<string, unknown> = {}, dialect: 'sqlite' | 'postgres' = 'sqlite'): Promise<CollectedFile> {
  const t = await openTestStore(dialect);
  try {
    copyFileSync(file, join(t.dir, basename(file)));
    const [outcome] = await collectSources({ workspaceDir: t.dir, timezone: 'America/Los_Angeles', store: t.store, sources: [{ name: 'scan', kind, path: basename(file), options }] });
    const records = await t.store.loadRecords();
    return { outcome, exitCode: outcome.error ? exitCodeFor(outcome.error.code) : 0, records };
  } finally {
    await t.dispose();
  }
}

/** A copy of the first half of a file's bytes (a truncated export), in a temporary folder. */
export function truncatedCopy(file: string): string {
  const bytes = readFileSync(file);
  const out = join(mkdtempSync(join(tmpdir(), 'fieldwork-trunc-')), basename(file));
  writeFileSync(out, bytes.subarray(0, Math.floor(bytes.length / 2)));
  return out;
}

/** Writes `content` (JSON-encoded unless a string) to a temporary file named `name`. */
export function tempFile(name: string, content: unknown): string {
  const out = join(mkdtempSync(join(tmpdir(), 'fieldwork-scan-')), name);
  writeFileSync(out, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return out;
}

import { createReadStream, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { LedgerEntry } from '../evidence/index.js';
import type { FieldworkStore } from '../store/index.js';
import { createPseudonymizer, loadWorkspaceSecret, sourceNames } from '../workspace/index.js';
import type { LoadedWorkspace } from '../workspace/index.js';
import { validated } from './collect-sources.js';
import { collectorFor } from './registry.js';

/**
 * For `verify`: re-parses an entry's stored artifact with its source's collector and yields
 * each record's JSON as ingest stored it. Undefined when the source is gone from the workspace
 * or the bytes are not kept. `verify` trusts the result only when it reproduces the digest the
 * entry committed to (options changed since collection would not).
 */
export function rederiveRecords(ws: LoadedWorkspace, store: FieldworkStore): (entry: LedgerEntry) => Promise<AsyncIterable<string> | undefined> {
  const names = sourceNames(ws.config.sources);
  // The same key as at collection, read only if an artifact names an end user.
  let keyed: ((value: string) => string) | undefined;
  const pseudonymize = (value: string) => (keyed ??= createPseudonymizer(loadWorkspaceSecret(ws.dir, process.env)))(value);
  return async (entry) => {
    const i = names.indexOf(entry.source);
    const source = ws.config.sources[i];
    if (!source || source.kind !== entry.kind) return undefined;
    const path = store.blobs.pathOf(entry.artifact);
    const staged = path ? undefined : await (async () => {
      const parts = await store.blobs.stream(entry.artifact);
      if (!parts) return undefined;
      const { Readable } = await import('node:stream');
      return store.stage(Readable.from(parts));
    })();
    const file = path ?? staged?.path;
    if (!file) return undefined;
    const collector = collectorFor(source.kind, entry.source);
    const defaults = collector.workspaceDefaults ? collector.workspaceDefaults(ws.config as Record<string, unknown>) : {};
    const options = collector.options.parse({ ...defaults, ...(source.options ?? {}) });
    // As in collect: `path` is the artifact's place in the workspace (for relative references), the bytes come from the store.
    const input = { path: resolve(ws.dir, entry.origin), displayName: entry.origin, sha256: entry.artifact, size: statSync(file).size, open: () => createReadStream(file) };
    const ctx = { source: entry.source, timezone: ws.config.timezone, cite: (locator: string) => ({ source: entry.source, artifact: entry.artifact, locator: locator || '/' }), pseudonymize };
    return (async function* () {
      try {
        for await (const r of validated(collector.parse(input, options, ctx), entry.origin)) yield JSON.stringify(r);
      } finally {
        await staged?.discard();
      }
    })();
  };
}

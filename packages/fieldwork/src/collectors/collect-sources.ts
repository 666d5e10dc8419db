import { createReadStream } from 'node:fs';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { FieldworkError, isFieldworkError } from '@fieldwork/core/errors';
import type { FieldworkRecord } from '@fieldwork/core/records';
import type { StagedFile } from '../evidence/index.js';
import type { FieldworkStore } from '../store/index.js';
import { createPseudonymizer, loadWorkspaceSecret, sourceNames } from '../workspace/index.js';
import type { SourceConfig } from '../workspace/index.js';
import type { ArtifactInput, Collector, ParseContext } from './collector.js';
import { guardTextInput, IgnoredFields } from './input/index.js';
import type { IgnoredField } from './input/index.js';
import { collectorFor } from './registry.js';
import { HEAP_GROWING_PERCENT, withHeapGrowth } from '../runtime/heap-growth.js';
import { validated } from './validated.js';
import { ParseWorker, useParseWorker } from './parse-worker.js';
import { READ_CHUNK } from './parse-worker-protocol.js';

export { validated } from './validated.js';
import { resolveSourceFiles, sourceFileTypes } from './resolve-files.js';

export interface ArtifactOutcome {
  name: string;
  sha256: string;
  status: 'collected' | 'unchanged' | 'failed';
  records?: number;
  populations?: Record<string, number>;
  /** Records of earlier artifacts this one re-stated or, as a snapshot, no longer states. */
  superseded?: number;
  seq?: number;
  /** Fields or columns of this artifact the collector did not read, each at its first place. */
  ignored?: IgnoredField[];
  error?: FieldworkError;
}

export interface SourceOutcome {
  name: string;
  kind: string;
  status: 'collected' | 'unchanged' | 'failed';
  artifacts: ArtifactOutcome[];
  records: number;
  /** Every field or column name that some artifact of the source had and nothing read. */
  ignored: string[];
  error?: FieldworkError;
}

export interface CollectOptions {
  workspaceDir: string;
  timezone: string;
  sources: SourceConfig[];
  store: FieldworkStore;
  env?: NodeJS.ProcessEnv;
  fetch?: typeof fetch;
  log?: (message: string) => void;
  /** The whole fieldwork.yaml, for collectors that take workspace-wide defaults. */
  workspace?: Record<string, unknown>;
  /** Called before each source is collected (for a progress bar). */
  onSource?: (index: number, total: number, name: string) => void;
  /** Only these source names (all when empty). */
  only?: string[];
  /** Key of the hash that replaces end-user identifiers (default: FIELDWORK_SECRET or .fieldwork-secret, see loadWorkspaceSecret). */
  secret?: string;
  /** The clock live fetches date their artifacts by (a roster's time); the system clock when absent. */
  now?: () => Date;
}

/** A source's parse worker, started at its first large artifact and closed after its last one. */
interface SourceParser {
  worker?: ParseWorker;
  /** The options as written (workspace defaults merged), for the worker to validate again. */
  rawOptions: unknown;
}

function toError(e: unknown): FieldworkError {
  if (isFieldworkError(e)) return e;
  return new FieldworkError('INTERNAL', e instanceof Error ? e.message : String(e), { cause: e, hint: 'This is a bug in Fieldwork; please report it with the input that caused it.' });
}

/**
 * Collects every source: each artifact in its own transaction, identical bytes skipped, and a
 * failure in one source (or file) recorded without stopping the others. V8's heap growth is held
 * down meanwhile (runtime/heap-growth.ts), so peak memory does not rise with the export's size.
 */
export async function collectSources(opts: CollectOptions): Promise<SourceOutcome[]> {
  return withHeapGrowth(HEAP_GROWING_PERCENT.collect, () => collectAll(opts));
}

async function collectAll(opts: CollectOptions): Promise<SourceOutcome[]> {
  const names = sourceNames(opts.sources);
  const log = opts.log ?? (() => {});
  // Read (or created) only when a collector meets an end-user identifier.
  let keyed: ((value: string) => string) | undefined;
  const pseudonymize = (value: string) => (keyed ??= createPseudonymizer(opts.secret ?? loadWorkspaceSecret(opts.workspaceDir, opts.env ?? process.env)))(value);
  const outcomes: SourceOutcome[] = [];
  for (const [i, source] of opts.sources.entries()) {
    const name = names[i];
    if (opts.only && opts.only.length > 0 && !opts.only.includes(name)) continue;
    opts.onSource?.(i, opts.sources.length, name);
    const outcome: SourceOutcome = { name, kind: source.kind, status: 'unchanged', artifacts: [], records: 0, ignored: [] };
    outcomes.push(outcome);
    try {
      let collector: Collector<any>;
      try {
        collector = collectorFor(source.kind, name);
      } catch (e) {
        // The registry does not know where the kind was written; point at it in fieldwork.yaml.
        throw isFieldworkError(e) && e.code === 'SOURCE_UNKNOWN_KIND'
          ? new FieldworkError(e.code, e.message, { ...(e.hint ? { hint: e.hint } : {}), where: { file: 'fieldwork.yaml', pointer: `/sources/${i}/kind` } })
          : e;
      }
      const defaults = opts.workspace && collector.workspaceDefaults ? collector.workspaceDefaults(opts.workspace) : {};
      const parsedOpts = collector.options.safeParse({ ...defaults, ...(source.options ?? {}) });
      if (!parsedOpts.success) {
        const issue = parsedOpts.error.issues[0];
        throw new FieldworkError('SOURCE_BAD_OPTIONS', `Source "${name}" (${source.kind}): options.${issue.path.join('.') || ''} ${issue.message}`.replace('options. ', 'options '), {
          where: { file: 'fieldwork.yaml', pointer: `/sources/${i}/options/${issue.path.join('/')}` },
          hint: `See the README section on ${source.kind} for its options.`,
        });
      }
      const options = parsedOpts.data;
      const parser: SourceParser = { rawOptions: { ...defaults, ...(source.options ?? {}) } };
      try {
        if (source.path || source.glob) {
          for (const file of resolveSourceFiles(opts.workspaceDir, { ...source, name, fileTypes: sourceFileTypes(collector) })) {
            const display = relative(opts.workspaceDir, file) || file;
            outcome.artifacts.push(await collectStaged(opts, pseudonymize, collector, options, name, file, display, display, parser));
          }
        } else if (collector.fetch) {
          const tmp = await mkdtemp(join(tmpdir(), 'fieldwork-fetch-'));
          try {
            let n = 0;
            for await (const page of collector.fetch(options, {
              source: name, env: opts.env ?? process.env, workspaceDir: opts.workspaceDir, resolve: (p) => resolve(opts.workspaceDir, p),
              fetch: opts.fetch ?? fetch, log, ...(opts.now ? { now: opts.now } : {}),
            })) {
              const file = join(tmp, `page-${++n}`);
              await writeFile(file, page.bytes);
              outcome.artifacts.push(await collectStaged(opts, pseudonymize, collector, options, name, file, page.name, page.name, parser));
            }
          } finally {
            await rm(tmp, { recursive: true, force: true });
          }
        } else {
          throw new FieldworkError('CONFIG_INVALID', `Source "${name}" (${source.kind}) has neither path nor glob.`, {
            where: { file: 'fieldwork.yaml', pointer: `/sources/${i}` }, hint: 'Add path: FILE_OR_FOLDER or glob: PATTERN (relative to the workspace).',
          });
        }
      } finally {
        await parser.worker?.close();
      }
      const failed = outcome.artifacts.find((a) => a.status === 'failed');
      outcome.records = outcome.artifacts.reduce((n, a) => n + (a.records ?? 0), 0);
      outcome.ignored = [...new Set(outcome.artifacts.flatMap((a) => (a.ignored ?? []).map((f) => f.field)))];
      outcome.status = failed ? 'failed' : outcome.artifacts.some((a) => a.status === 'collected') ? 'collected' : 'unchanged';
      if (failed) outcome.error = failed.error;
    } catch (e) {
      outcome.status = 'failed';
      outcome.error = toError(e);
    }
  }
  return outcomes;
}

/**
 * Reads a file exactly once: streamed into a private staged copy while hashed, then parsed and
 * stored from that copy, so what is parsed is exactly what is stored under that hash even when
 * the original changes during collection.
 */
async function collectStaged(opts: CollectOptions, pseudonymize: (value: string) => string, collector: Collector<any>, options: unknown, source: string, file: string, displayName: string, origin: string, parser: SourceParser): Promise<ArtifactOutcome> {
  // A large artifact of a kind that parses in a worker: the thread loads its modules while the file is staged.
  const size = await stat(file).then((s) => s.size, () => 0);
  if (useParseWorker(collector.kind, size)) (parser.worker ??= new ParseWorker()).warm();
  let staged: StagedFile;
  try {
    staged = await opts.store.stage(file);
  } catch (e) {
    return { name: displayName, sha256: '', status: 'failed', error: toError(e) };
  }
  try {
    // `path` stays the file's place in the workspace (collectors resolve references next to it);
    // the bytes are read only from the staged copy.
    const input: ArtifactInput = { path: file, displayName, sha256: staged.sha256, size: staged.size, open: () => createReadStream(staged.path, { highWaterMark: READ_CHUNK }) };
    return await collectArtifact(opts, pseudonymize, collector, options, source, input, origin, staged.path, parser);
  } finally {
    await staged.discard();
  }
}

async function collectArtifact(opts: CollectOptions, pseudonymize: (value: string) => string, collector: Collector<any>, options: unknown, source: string, raw: ArtifactInput, origin: string, bytesPath: string, parser: SourceParser): Promise<ArtifactOutcome> {
  // Every kind reads text: bad UTF-8, NUL bytes and absurd nesting are refused before any parser sees them.
  const input = guardTextInput(raw);
  const sameOrigin = collector.artifactIdentity === 'bytes-and-name' ? origin : undefined;
  if (await opts.store.hasCollected(source, input.sha256, sameOrigin, origin)) {
    // Same bytes as before: nothing new, but a blob lost from an older store is put back.
    await opts.store.restoreBlob(input.sha256, bytesPath);
    return { name: input.displayName, sha256: input.sha256, status: 'unchanged' };
  }
  const ignored = new IgnoredFields();
  const ctx: ParseContext = {
    source, timezone: opts.timezone,
    cite: (locator: string) => ({ source, artifact: input.sha256, locator: locator || '/' }),
    pseudonymize,
    ignore: (field, at) => ignored.add(field, at),
  };
  // Parsed in the source's worker when it has one and the artifact is large (records and their
  // order are the same either way); otherwise here, as the store takes the records.
  const worker = parser.worker && useParseWorker(collector.kind, input.size) ? parser.worker : undefined;
  const records = worker
    ? worker.parse({
      kind: collector.kind, options: parser.rawOptions, source, timezone: opts.timezone, workspaceDir: opts.workspaceDir,
      ...(opts.secret !== undefined ? { secret: opts.secret } : {}), ...(opts.env !== undefined ? { env: opts.env } : {}),
      input: { path: raw.path, displayName: input.displayName, sha256: input.sha256, size: input.size, bytesPath },
    })
    : validated(collector.parse(input, options, ctx), input.displayName);
  try {
    const res = await opts.store.ingest({
      sha256: input.sha256, size: input.size, name: input.displayName, mediaType: collector.mediaType, source, kind: collector.kind, origin,
      path: bytesPath, records,
      retain: collector.retainBytes !== false, snapshotKinds: collector.snapshotKinds, skipIfCollected: { ...(sameOrigin !== undefined ? { origin: sameOrigin } : {}) },
    });
    if (res.duplicate) return { name: input.displayName, sha256: input.sha256, status: 'unchanged' };
    if (worker) for (const f of worker.ignored()) ignored.add(f.field, f.at);
    const notRead = ignored.list();
    return { name: input.displayName, sha256: input.sha256, status: 'collected', records: res.recordCount, populations: res.populations, superseded: res.superseded ?? 0, seq: res.entry.seq, ...(notRead.length ? { ignored: notRead } : {}) };
  } catch (e) {
    // collectSources runs under the workspace's collection lock (collectWorkspace), so the blob
    // this refused file left can go unless an entry already names the same bytes.
    await opts.store.dropUnnamedBlob(input.sha256).catch(() => undefined);
    return { name: input.displayName, sha256: input.sha256, status: 'failed', error: toError(e) };
  }
}

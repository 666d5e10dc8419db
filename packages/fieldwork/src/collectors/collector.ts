import type { Readable } from 'node:stream';
import type { FieldworkRecord, RecordKind } from '@fieldwork/core/records';
import type { z } from 'zod';

/** One artifact handed to a collector: the exact bytes collected, already hashed. */
export interface ArtifactInput {
  /**
   * Absolute path of the artifact's file in the workspace (or of a fetched page saved to a temp
   * file): for references relative to it and its modification time. Read the bytes only through
   * `open()`, which streams the staged copy that is hashed and stored.
   */
  path: string;
  /** What a person recognises: the path relative to the workspace, or the API query. */
  displayName: string;
  sha256: string;
  size: number;
  /** Opens a fresh stream over the bytes: the copy that was hashed and is stored (read once from the source). */
  open(): Readable;
}

/** What a collector may use while parsing. */
export interface ParseContext {
  /** The source entry's name in fieldwork.yaml. */
  source: string;
  /** Workspace timezone, for sources that write local times without an offset. */
  timezone: string;
  /** The fields every record carries, for a place inside the artifact. */
  cite(locator: string): { source: string; artifact: string; locator: string };
  /**
   * The workspace's keyed hash of an end-user identifier (`h:` and 24 hex characters). Trace and
   * prompt-log collectors store this instead of an end user's id or email: the same person gets
   * the same value in every artifact, so checks still join on it, and nothing downstream (checks,
   * reports, OSCAL, the auditor package, the API) ever holds the clear value.
   */
  pseudonymize(value: string): string;
  /**
   * Names a field or column of the artifact that the collector did not read, at the place it
   * appeared, so nothing is dropped unseen (`collect` warns about them). The runner keeps each
   * field once per artifact, at its first place. Optional for contexts that do not collect.
   */
  ignore?(field: string, at: string): void;
}

/** A page or response fetched from a live API, to be stored as an artifact and parsed. */
export interface FetchedArtifact {
  /** Describes the request (`GET /api/v1/logs?since=…` page 3), stored as the artifact's origin. */
  name: string;
  bytes: Buffer;
  mediaType?: string;
}

export interface FetchContext {
  source: string;
  env: NodeJS.ProcessEnv;
  /** Workspace folder, for collectors that read a local clone. */
  workspaceDir: string;
  /** Resolves a path from fieldwork.yaml against the workspace. */
  resolve(path: string): string;
  fetch: typeof fetch;
  /** Where progress can be reported. */
  log(message: string): void;
  /** The clock for what a fetch dates (a roster's time); the system clock when absent. */
  now?(): Date;
}

/**
 * A source kind: reads one real export or API format and yields normalized records, each citing
 * its place in the artifact. Collectors never decide pass or fail.
 *
 * @example
 * const collector: Collector<{}> = {
 *   kind: 'bamboohr-csv', description: 'BambooHR employee report (CSV)', options: z.object({}),
 *   async *parse(input, _opts, ctx) { yield { kind: 'person', ...ctx.cite('line 2'), id: '1' } },
 * }
 */
export interface Collector<O = Record<string, unknown>> {
  /** The `kind` in fieldwork.yaml (kebab-case, after the tool and format). */
  readonly kind: string;
  readonly description: string;
  /** Validates `options` from the workspace entry. */
  readonly options: z.ZodType<O>;
  /**
   * Defaults this kind takes from the whole workspace (e.g. `agent.attributes` for trace
   * collectors); a source's own `options` override them.
   */
  workspaceDefaults?(workspace: Record<string, unknown>): Record<string, unknown>;
  /**
   * What makes an artifact "already collected": the bytes alone (default), or the bytes under
   * the same name, for kinds that read facts from the file name (a PR number, a scan date).
   */
  readonly artifactIdentity?: 'bytes' | 'bytes-and-name';
  /**
   * How a newer artifact of this source re-states facts, per record kind (docs/recollection.md):
   * kinds listed here are exported whole (a roster, a register, a snapshot), so a newer artifact
   * of the same origin replaces the older one's facts and a fact it no longer states is no longer
   * current; every other kind is a log (append-only), whose facts stay until re-stated. Either
   * way a re-stated fact (same identity, `recordIdentity`) supersedes its older statement.
   */
  readonly snapshotKinds: readonly RecordKind[];
  /**
   * False for kinds whose bytes may hold prompt or completion text: Fieldwork must never become
   * a PII sink, so it keeps their hash (and the counts, types and redacted excerpts the
   * collector produced) but not the bytes. Default true.
   */
  readonly retainBytes?: boolean;
  /**
   * The option that maps the user's column or field names to ours (`columns` for CSV, `fields`
   * for JSON/YAML), for kinds that take one; named in the warning about fields not read.
   */
  readonly mappingOption?: 'columns' | 'fields';
  /** Media type of the artifacts, for the evidence package. */
  readonly mediaType?: string;
  /**
   * Name endings (`.csv`) of the files a folder source of this kind reads, when the media type
   * alone does not say (a kind that reads CSV and JSON), or `'any'` for a kind whose folder holds
   * evidence of every type. Other files in the folder are skipped.
   */
  readonly fileTypes?: readonly string[] | 'any';
  /**
   * Live sources fetch their artifacts (API pages); file sources omit this and the
   * runner reads `path`/`glob` from the workspace.
   */
  fetch?(options: O, ctx: FetchContext): AsyncIterable<FetchedArtifact>;
  /** Streams the artifact and yields records. Throws FieldworkError with a place on bad input. */
  parse(input: ArtifactInput, options: O, ctx: ParseContext): AsyncIterable<FieldworkRecord>;
}

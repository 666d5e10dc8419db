import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { FieldworkError } from '@fieldwork/core/errors';
import { startOfDay } from '@fieldwork/core/time';
import type { FindingRecord, ScanRunRecord } from '@fieldwork/core/records';
import { z } from 'zod';
import type { ArtifactInput, ParseContext } from '../collector.js';
import { normalizeInstant } from './dates.js';
import { parseJsonText } from './json-input.js';

/**
 * The `scannedAt` option of scanner sources whose output may not say when the scan ran:
 * an ISO-8601 instant, or `file-name` to read the date (and time) from each file's name
 * (`agent-runtime-2026-04-06.json`, `web-2026-04-06T0930Z.json`).
 */
export const scannedAtOption = z
  .union([z.iso.datetime({ offset: true }), z.literal('file-name'), z.literal('file-mtime')])
  .optional()
  .describe('When the scan ran, if the file does not say: an ISO-8601 instant, "file-name", or "file-mtime" (the default).');

/**
 * When the scan in `input` ran: the time the file states, else the `scannedAt` option, else
 * the export file's modification time (written when the scanner ran, kept by copies with `cp -p`
 * or `rsync -t`). Never the collection time — evidence of when a scan ran must come from the scan.
 */
export function resolveScanTime(stated: string | undefined | null, input: ArtifactInput, ctx: ParseContext, option: string | undefined, field: { pointer: string; name: string; kind: string }): string {
  if (typeof stated === 'string' && stated.trim() !== '') {
    return normalizeInstant(stated, { file: input.displayName, pointer: field.pointer }, field.name, ctx.timezone)!;
  }
  if (option === 'file-name') {
    const t = timeFromFileName(input.displayName, ctx.timezone);
    if (!t) {
      throw new FieldworkError('INPUT_INVALID_RECORD', `${input.displayName}: options.scannedAt is "file-name" but the file name has no date.`, {
        where: { file: input.displayName },
        hint: 'Name each export with the scan date, e.g. agent-runtime-2026-04-06.json or web-2026-04-06T0930Z.json.',
      });
    }
    return t;
  }
  if (option && option !== 'file-mtime') return new Date(option).toISOString();
  const mtime = fileModifiedAt(input);
  if (mtime) return mtime;
  throw new FieldworkError('SOURCE_BAD_OPTIONS', `${input.displayName} does not say when the scan ran (${field.name} is missing or empty).`, {
    where: { file: input.displayName, pointer: field.pointer },
    hint: `Set options.scannedAt on the ${field.kind} source: an ISO-8601 instant, or "file-name" with the date in each file's name (e.g. scan-2026-04-06.json).`,
  });
}

/** The modification time of the artifact's file, when it is a file of the workspace. */
function fileModifiedAt(input: ArtifactInput): string | undefined {
  try {
    const t = statSync(input.path).mtime;
    return Number.isNaN(t.getTime()) ? undefined : t.toISOString();
  } catch {
    return undefined;
  }
}

/** A date (and optional time, `Z` = UTC, else the workspace timezone) found in a file name. */
export function timeFromFileName(name: string, timeZone: string): string | undefined {
  const m = /(\d{4}-\d{2}-\d{2})(?:[T_ ](\d{2})[:-]?(\d{2})(?:[:-]?(\d{2}))?(Z)?)?/.exec(basename(name));
  // Only a day that exists (2026-02-30 in a file name is not a date, and would crash the timezone conversion).
  const day = m ? Date.parse(`${m[1]}T00:00:00Z`) : Number.NaN;
  if (!m || Number.isNaN(day) || new Date(day).toISOString().slice(0, 10) !== m[1]) return undefined;
  const seconds = (Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0)) * 60 + Number(m[4] ?? 0);
  const dayStart = m[5] ? Date.parse(`${m[1]}T00:00:00Z`) : Date.parse(startOfDay(m[1], timeZone));
  return new Date(dayStart + seconds * 1000).toISOString();
}

/**
 * The repository of a container image reference, without tag or digest, so weekly scans of
 * `ghcr.io/acme/api:1.4.2` and `ghcr.io/acme/api:1.5.0` are runs over the same asset.
 *
 * @example
 * imageRepository('localhost:5000/acme/api:1.4@sha256:ab…') // 'localhost:5000/acme/api'
 */
export function imageRepository(ref: string): string {
  let r = ref.trim();
  const at = r.indexOf('@');
  if (at > 0) r = r.slice(0, at);
  const colon = r.lastIndexOf(':');
  if (colon > r.lastIndexOf('/')) r = r.slice(0, colon);
  return r;
}

/** File names of dependency lockfiles and pinned manifests scanners read. */
export const LOCKFILE_NAMES: ReadonlySet<string> = new Set([
  'package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lock', 'poetry.lock', 'uv.lock',
  'pdm.lock', 'Pipfile.lock', 'requirements.txt', 'go.sum', 'go.mod', 'Cargo.lock', 'Gemfile.lock', 'composer.lock',
  'packages.lock.json', 'gradle.lockfile', 'pubspec.lock', 'mix.lock', 'conan.lock',
]);

/** True when `path` names a lockfile (by its file name). */
export function isLockfile(path: string): boolean {
  return LOCKFILE_NAMES.has(basename(path.trim().split(' ')[0]));
}

/** Guesses which scanner kind produced a parsed document, for "wrong kind" hints. */
export function guessScanKind(doc: unknown): string | undefined {
  if (Array.isArray(doc)) {
    const first = doc[0] as Record<string, unknown> | undefined;
    if (first && typeof first === 'object') {
      if ('class_uid' in first || 'finding_info' in first) return 'prowler-ocsf';
      if ('security_advisory' in first || 'security_vulnerability' in first) return 'dependabot-alerts';
    }
    return undefined;
  }
  if (!doc || typeof doc !== 'object') return undefined;
  const d = doc as Record<string, unknown>;
  if ('SchemaVersion' in d && ('Results' in d || 'ArtifactName' in d)) return 'trivy-json';
  if ('matches' in d && ('descriptor' in d || 'source' in d)) return 'grype-json';
  if ('auditReportVersion' in d || ('advisories' in d && 'actions' in d)) return 'npm-audit-json';
  if ('runs' in d && 'version' in d) return 'sarif';
  if (d.bomFormat === 'CycloneDX') return 'cyclonedx';
  if ('results' in d && Array.isArray(d.results)) return 'osv-scanner-json';
  if ('alert' in d && typeof d.alert === 'object' && d.alert && 'security_advisory' in (d.alert as object)) return 'dependabot-alerts';
  if ('data' in d && JSON.stringify(d.data ?? '').includes('vulnerabilityAlerts')) return 'dependabot-alerts';
  return undefined;
}

/** INPUT_WRONG_FORMAT for a document that is not what `kind` reads, naming the likely right kind. */
export function wrongFormat(input: ArtifactInput, kind: string, expected: string, doc: unknown, detail?: { pointer?: string; message?: string }): FieldworkError {
  const guess = guessScanKind(doc);
  const hint = guess && guess !== kind ? `This looks like ${guess} output; use kind: ${guess} for it.` : `${kind} reads ${expected}. Is this the right file for the kind?`;
  return new FieldworkError('INPUT_WRONG_FORMAT', `${input.displayName} is not ${expected}${detail?.message ? ` (${detail.message})` : ''}.`, {
    where: { file: input.displayName, pointer: detail?.pointer ?? '' },
    hint,
  });
}

/**
 * Validates `value` with a zod schema; a failure is INPUT_INVALID_RECORD naming the JSON
 * pointer of the offending field.
 */
export function parseAt<T>(schema: z.ZodType<T>, value: unknown, input: ArtifactInput, base: string, what: string, hint: string): T {
  const res = schema.safeParse(value);
  if (res.success) return res.data;
  const issue = res.error.issues[0];
  const ptr = base + issue.path.map((p) => `/${String(p)}`).join('');
  throw new FieldworkError('INPUT_INVALID_RECORD', `${input.displayName}: malformed ${what} at ${ptr || '/'}: ${issue.message}.`, {
    where: { file: input.displayName, pointer: ptr },
    hint,
  });
}

/** A finding before the run's fields are added. */
export type FindingDraft = Omit<FindingRecord, 'kind' | 'scanner' | 'asset' | 'seenAt' | 'source' | 'artifact' | 'locator' | 'state'> & { locator: string; state?: string };

/**
 * One scan run and its findings: the `scan_run` first, then each finding once. Exact
 * repeats (same vulnerability, package, version and target) count once — scanners list a
 * package twice when two paths pull it in, and the SLA is about the vulnerability.
 */
export function* scanRunRecords(run: Omit<ScanRunRecord, 'kind' | 'findingCount' | 'source' | 'artifact' | 'locator'> & { locator: string }, findings: FindingDraft[], ctx: ParseContext): Generator<ScanRunRecord | FindingRecord> {
  const seen = new Set<string>();
  const unique = findings.filter((f) => {
    const key = JSON.stringify([f.vulnId, f.package ?? '', f.version ?? '', f.target ?? '']);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const { locator, ...rest } = run;
  yield { kind: 'scan_run', ...ctx.cite(locator), ...rest, targets: [...new Set(run.targets)], findingCount: unique.length };
  for (const { locator: loc, ...f } of unique) {
    yield { kind: 'finding', ...ctx.cite(loc), scanner: run.scanner, asset: run.asset, seenAt: run.at, state: 'open', ...f };
  }
}

/** One top-level JSON value of a file and the line it starts on. */
export interface JsonValue {
  value: unknown;
  line: number;
}

/** Files larger than this are not read whole (the same bound as `readJsonDocument`). */
export const MAX_JSON_VALUES_BYTES = 512 * 1024 * 1024;

/**
 * Reads a file of one JSON value or several written one after another — what
 * `gh api --paginate` prints (each page its own array or object). A value cut short is
 * INPUT_MALFORMED like any truncated JSON; so is a file over `maxBytes` (512 MB), which is
 * refused before it is read into memory.
 */
export async function readJsonValues(input: ArtifactInput, maxBytes = MAX_JSON_VALUES_BYTES): Promise<JsonValue[]> {
  if (input.size > maxBytes) {
    throw new FieldworkError('INPUT_MALFORMED', `${input.displayName} is ${input.size} bytes, too large to read as JSON (at most ${maxBytes}).`, {
      where: { file: input.displayName },
      hint: 'Split the export into smaller files (for example one `gh api` page range per file).',
    });
  }
  const chunks: Buffer[] = [];
  for await (const c of input.open()) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8').replace(/^\uFEFF/, '');
  if (text.trim() === '') {
    throw new FieldworkError('INPUT_MALFORMED', `${input.displayName} is empty.`, { where: { file: input.displayName }, hint: 'Export the file again; an empty file is not evidence.' });
  }
  const values: JsonValue[] = [];
  let depth = 0;
  let inString = false;
  let start = -1;
  let line = 1;
  let startLine = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') line++;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (start < 0) {
      if (/\s/.test(c)) continue;
      if (c !== '{' && c !== '[') {
        values.push({ value: parseJsonText(text.slice(i), input.displayName, line - 1), line });
        return values;
      }
      start = i;
      startLine = line;
    }
    if (c === '"') inString = true;
    else if (c === '{' || c === '[') depth++;
    else if ((c === '}' || c === ']') && --depth === 0) {
      values.push({ value: parseJsonText(text.slice(start, i + 1), input.displayName, startLine - 1), line: startLine });
      start = -1;
    }
  }
  // Whatever is left did not close: parse it to report where it breaks.
  if (start >= 0) values.push({ value: parseJsonText(text.slice(start), input.displayName, startLine - 1), line: startLine });
  return values;
}

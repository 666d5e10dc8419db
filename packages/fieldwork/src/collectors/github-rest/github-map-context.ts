import { FieldworkError } from '@fieldwork/core/errors';
import type { z } from 'zod';
import { normalizeInstant } from '../input/index.js';
import type { GithubMappingOptions } from './github-rest-config.js';
import type { GithubNameContext } from './github-name-context.js';

/** Everything a mapper needs besides the object: where it is, and how to read it. */
export interface MapContext {
  /** The artifact's display name (file or API request). */
  file: string;
  name: GithubNameContext;
  options: GithubMappingOptions;
  cite(locator: string): { source: string; artifact: string; locator: string };
}

/** The JSON pointer part of a locator (`doc 2#/3` → `/3`), for error places. */
function pointerOf(locator: string): string {
  const i = locator.indexOf('#');
  return i >= 0 ? locator.slice(i + 1) : locator;
}

/** Validates `value` against a shape; a mismatch names the file, the pointer and the field. */
export function parseShape<S extends z.ZodType>(schema: S, value: unknown, locator: string, mc: MapContext, what: string): z.infer<S> {
  const res = schema.safeParse(value);
  if (res.success) return res.data;
  const issue = res.error.issues[0];
  const field = issue.path.join('.');
  throw new FieldworkError('INPUT_INVALID_RECORD', `${mc.file}: malformed ${what} at ${locator} (${field || 'object'}: ${issue.message}).`, {
    where: { file: mc.file, pointer: `${pointerOf(locator)}${issue.path.length ? '/' + issue.path.join('/') : ''}`.replace(/^\/\//, '/') },
    hint: `The ${what} is missing a field GitHub always sends; was the file edited? Save the response again.`,
  });
}

/** An ISO instant from a GitHub timestamp (`2026-05-01T10:00:00Z`, `…-04:00`). */
export function instantAt(value: string, locator: string, mc: MapContext, field: string): string {
  return normalizeInstant(value, { file: mc.file, pointer: `${pointerOf(locator)}/${field}`.replace(/^\/\//, '/') }, field) as string;
}

/** `owner/name` from an API or web URL of a repository or anything inside it. */
export function repoFromUrl(url: string | null | undefined): string | undefined {
  if (!url) return undefined;
  const m = /\/repos\/([^/]+)\/([^/?#]+)/.exec(url) ?? /^https?:\/\/github\.com\/([^/]+)\/([^/?#]+)/.exec(url);
  return m ? `${m[1]}/${m[2]}` : undefined;
}

/** The repository of an object: from its own data first, then the artifact name, then the options. */
export function requireRepo(found: string | undefined, locator: string, mc: MapContext, what: string): string {
  const repo = found ?? mc.name.repo ?? mc.options.repo;
  if (repo) return repo;
  throw new FieldworkError('INPUT_INVALID_RECORD', `${mc.file}: the ${what} at ${locator} does not say which repository it belongs to.`, {
    where: { file: mc.file, pointer: pointerOf(locator) },
    hint: 'Set options.repo (owner/name) on this source, or save the file under the API path name (see the docs).',
  });
}

/** When a snapshot (protection, rulesets) was taken: the name, then options.observedAt. */
export function requireObservedAt(locator: string, mc: MapContext, what: string): string {
  const at = mc.name.observedAt ?? mc.options.observedAt;
  if (at) return new Date(at).toISOString();
  throw new FieldworkError('INPUT_INVALID_RECORD', `${mc.file}: a ${what} response carries no time, and neither the file name nor the options say when it was taken.`, {
    where: { file: mc.file, pointer: pointerOf(locator) },
    hint: 'Put the time in the file name (branches-main-protection.2026-09-30T12-00-00Z.json) or set options.observedAt.',
  });
}

/** A fact the object needs for joining but neither it nor its name carries. */
export function missingFact(what: string, locator: string, mc: MapContext, hint: string): never {
  throw new FieldworkError('INPUT_INVALID_RECORD', `${mc.file}: cannot tell the ${what} of the object at ${locator}.`, {
    where: { file: mc.file, pointer: pointerOf(locator) }, hint,
  });
}

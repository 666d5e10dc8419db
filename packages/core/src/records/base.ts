import { z } from 'zod';

/** A SHA-256 hex digest naming an evidence artifact. */
export const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'expected a SHA-256 hex digest');

/**
 * An ISO-8601 instant, normalized to UTC with milliseconds (`2026-03-01T12:00:00.000Z`).
 * Sources write offsets and any precision; checks compare instants as strings, which is only
 * sound once every instant has this one form (`…14:00:00Z` sorts after `…14:00:00.000Z`).
 */
export const instant = z.iso.datetime({ offset: true }).transform((s) => new Date(s).toISOString());

/** A calendar date `YYYY-MM-DD` (interpreted in the workspace timezone). */
export const calendarDate = z.iso.date();

/**
 * Where a fact came from: the artifact's SHA-256, the source entry's name in
 * `fieldwork.yaml`, and the place inside the artifact (`line 12`, `/events/3`, `line 4#/attributes/2`).
 */
export const citationSchema = z.object({
  artifact: sha256Hex,
  source: z.string().min(1),
  locator: z.string().min(1),
});
export type Citation = z.infer<typeof citationSchema>;

/** Fields every normalized record carries, so any fact leads back to its bytes. */
export const recordBase = {
  source: z.string().min(1),
  artifact: sha256Hex,
  locator: z.string().min(1),
};

/** The citation of a record. */
export function citationOf(r: { source: string; artifact: string; locator: string }): Citation {
  return { artifact: r.artifact, source: r.source, locator: r.locator };
}

/**
 * The natural identity of a fact, from its parts: two records of one source with the same
 * identity state the same fact (the newer statement supersedes the older). Parts are kept
 * apart by JSON so `a|b` + `c` never collides with `a` + `b|c`; absent parts stay distinct from
 * empty strings.
 *
 * @example identityKey('acme/api', 412) // '["acme/api",412]'
 */
export function identityKey(...parts: (string | number | boolean | undefined | null)[]): string {
  return JSON.stringify(parts.map((p) => (p === undefined ? null : p)));
}

/**
 * How far around a value the detectors look for context words. The streaming scanner keeps at
 * least this much text on either side of a chunk boundary, so a context word in the previous
 * chunk still counts.
 */
export const CONTEXT_RADIUS = 64;

/**
 * Whether `pattern` matches in the text just before `start` (up to `before` characters) or just
 * after `end` (up to `after` characters). The pattern must not be global or sticky.
 */
export function hasContext(
  text: string,
  start: number,
  end: number,
  pattern: RegExp,
  before = 48,
  after = 24,
): boolean {
  const lo = Math.max(0, start - Math.min(before, CONTEXT_RADIUS));
  if (pattern.test(text.slice(lo, start))) return true;
  if (after <= 0) return false;
  return pattern.test(text.slice(end, Math.min(text.length, end + Math.min(after, CONTEXT_RADIUS))));
}

/** ASCII letter, digit or underscore: the characters of a `\w` run. */
export function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/** ASCII digit. */
export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

import { isWordChar } from './context.js';
import type { PiiFinding } from './pii-type.js';

const TLD = /^(?:[A-Za-z]{2,24}|xn--[A-Za-z0-9-]{2,59})$/;

function isLocalChar(c: number): boolean {
  // letters, digits, _ . % + -
  return isWordChar(c) || c === 46 || c === 37 || c === 43 || c === 45;
}

function isDomainChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 45 || c === 46;
}

/**
 * Finds ASCII email addresses. Scanning starts from each `@` and grows outwards, which is far
 * cheaper than a regular expression that must try every word character as a start.
 */
export function detectEmail(text: string, out: PiiFinding[]): void {
  let at = text.indexOf('@');
  while (at !== -1) {
    let s = at;
    while (s > 0 && isLocalChar(text.charCodeAt(s - 1)) && at - s < 64) s--;
    while (s < at && text.charCodeAt(s) === 46) s++;
    let e = at + 1;
    while (e < text.length && isDomainChar(text.charCodeAt(e)) && e - at <= 255) e++;
    while (e > at + 1 && (text.charCodeAt(e - 1) === 46 || text.charCodeAt(e - 1) === 45)) e--;
    const next = text.indexOf('@', at + 1);
    if (s < at && e > at + 1 && valid(text, s, at, e)) {
      out.push({ type: 'email', start: s, end: e, validated: true, confidence: 'high' });
      at = next !== -1 && next < e ? text.indexOf('@', e) : next;
    } else {
      at = next;
    }
  }
}

/**
 * Whether `text[s..e)` (local part up to the `@` at `at`, domain after it) is an address: no
 * ".." in the local part and no "." at its end; two labels or more, each of 1 to 63 letters,
 * digits and hyphens with no hyphen at either end (`^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$`);
 * the last one a top-level domain ({@link TLD}). Read in place: only a TLD that is no plain run of letters is sliced.
 */
function valid(text: string, s: number, at: number, e: number): boolean {
  for (let k = s + 1; k < at; k++) if (text.charCodeAt(k) === 46 && text.charCodeAt(k - 1) === 46) return false;
  if (text.charCodeAt(at - 1) === 46) return false;
  // The domain holds letters, digits, "-" and "." only: its labels are the runs between dots.
  let labels = 0;
  let from = at + 1;
  for (let k = from; k <= e; k++) {
    if (k < e && text.charCodeAt(k) !== 46) continue;
    const length = k - from;
    if (length < 1 || length > 63 || text.charCodeAt(from) === 45 || text.charCodeAt(k - 1) === 45) return false;
    labels++;
    if (k < e) from = k + 1;
  }
  if (labels < 2) return false;
  // The last label: 2 to 24 letters, or an "xn--" name (the regex for that rare one).
  const length = e - from;
  for (let k = from; k < e; k++) {
    const c = text.charCodeAt(k);
    if (!((c >= 65 && c <= 90) || (c >= 97 && c <= 122))) return TLD.test(text.slice(from, e));
  }
  return length >= 2 && length <= 24;
}

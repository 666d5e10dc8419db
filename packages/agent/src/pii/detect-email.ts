import { isWordChar } from './context.js';
import type { PiiFinding } from './pii-type.js';

const TLD = /^(?:[A-Za-z]{2,24}|xn--[A-Za-z0-9-]{2,59})$/;
const LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

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

function valid(text: string, s: number, at: number, e: number): boolean {
  const local = text.slice(s, at);
  if (local.includes('..') || local.endsWith('.')) return false;
  const labels = text.slice(at + 1, e).split('.');
  if (labels.length < 2) return false;
  const tld = labels[labels.length - 1] as string;
  if (!TLD.test(tld)) return false;
  return labels.every((l) => LABEL.test(l));
}

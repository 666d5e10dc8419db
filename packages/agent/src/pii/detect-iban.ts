import { codeAt } from './code-at.js';
import { ibanValid } from './iban-valid.js';
import { IBAN_LENGTHS } from './iban-lengths.js';
import type { PiiFinding } from './pii-type.js';
import type { DigitRuns } from './text-scan.js';

const CANDIDATE = /(?<![A-Za-z0-9])[A-Za-z]{2}\d{2}(?: ?[A-Za-z0-9]){11,34}/g;
// The same, read where a country code stands (its look-behind checked by char code).
const AT_HEAD = /[A-Za-z]{2}\d{2}(?: ?[A-Za-z0-9]){11,34}/y;

/**
 * Finds IBANs, compact or printed in groups of four, in either letter case. The candidate is
 * cut to the country's registered length and must pass mod-97, so every finding is validated.
 */
export function detectIban(text: string, out: PiiFinding[], runs?: DigitRuns): void {
  if (runs !== undefined) {
    fromRuns(text, out, runs);
    return;
  }
  CANDIDATE.lastIndex = 0;
  for (let m = CANDIDATE.exec(text); m !== null; m = CANDIDATE.exec(text)) CANDIDATE.lastIndex = candidate(text, m.index, m[0], out);
}

/**
 * What the CANDIDATE loop finds, read from the scan's digit runs instead of a regex pass over
 * the text: every match starts two ASCII letters before a run of two digits or more, with no
 * ASCII letter or digit before the letters; the regex runs only there, in text order, each from
 * where the loop would go on.
 */
function fromRuns(text: string, out: PiiFinding[], runs: DigitRuns): void {
  const { starts, ends, count } = runs;
  let from = 0;
  for (let k = 0; k < count; k++) {
    const head = (starts[k] as number) - 2;
    if (head < from || (ends[k] as number) - head < 4) continue;
    if (!isAsciiLetter(text.charCodeAt(head)) || !isAsciiLetter(text.charCodeAt(head + 1)) || (head > 0 && isAlnum(text.charCodeAt(head - 1)))) continue;
    AT_HEAD.lastIndex = head;
    const m = AT_HEAD.exec(text);
    if (m !== null) from = candidate(text, head, m[0], out);
  }
}

/**
 * Reports the match `raw` at `start` if it holds an IBAN; returns where the search goes on
 * (after the IBAN, or at the next character).
 */
function candidate(text: string, start: number, raw: string, out: PiiFinding[]): number {
  const length = IBAN_LENGTHS[raw.slice(0, 2).toUpperCase()];
  const end = length === undefined ? -1 : cut(raw, length);
  if (end < 0) return start + 1;
  // Past the end the code is 0, which is no letter or digit either.
  const next = codeAt(text, start + end);
  if (isAlnum(next) || !ibanValid(raw.slice(0, end))) return start + 1;
  out.push({ type: 'iban', start, end: start + end, validated: true, confidence: 'high' });
  return start + end;
}

function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || isAsciiLetter(c);
}

/** Offset in `raw` just past the `length`-th alphanumeric character, or -1 if it is shorter. */
function cut(raw: string, length: number): number {
  let seen = 0;
  for (let i = 0; i < raw.length; i++) {
    if (raw.charCodeAt(i) !== 32) seen++;
    if (seen === length) return i + 1;
  }
  return -1;
}

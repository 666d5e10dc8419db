import { codeAt } from './code-at.js';
import { ibanChecksumIn } from './iban-valid.js';
import { IBAN_LENGTHS } from './iban-lengths.js';
import type { PiiFinding } from './pii-type.js';
import type { DigitRuns } from './text-scan.js';

const CANDIDATE = /(?<![A-Za-z0-9])[A-Za-z]{2}\d{2}(?: ?[A-Za-z0-9]){11,34}/g;
// The same, read where a country code stands (its look-behind checked by char code).
const AT_HEAD = /[A-Za-z]{2}\d{2}(?: ?[A-Za-z0-9]){11,34}/y;
// IBAN_LENGTHS by the two letters of the country code (A = 0 … Z = 25), 0 for no IBAN country.
const LENGTHS = new Uint8Array(26 * 26);
for (const [code, length] of Object.entries(IBAN_LENGTHS)) LENGTHS[(code.charCodeAt(0) - 65) * 26 + code.charCodeAt(1) - 65] = length;

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
  for (let m = CANDIDATE.exec(text); m !== null; m = CANDIDATE.exec(text)) CANDIDATE.lastIndex = candidate(text, m.index, m.index + m[0].length, out);
}

/**
 * What the CANDIDATE loop finds, read from the scan's digit runs instead of a regex pass over
 * the text: every match starts two ASCII letters before a run of two digits or more, with no
 * ASCII letter or digit before the letters; the regex runs only there, in text order, each from
 * where the loop would go on.
 */
function fromRuns(text: string, out: PiiFinding[], runs: DigitRuns): void {
  const { starts, ends, count, around } = runs;
  let from = 0;
  for (let k = 0; k < count; k++) {
    const head = (starts[k] as number) - 2;
    if (head < from || (ends[k] as number) - head < 4) continue;
    // The letter before the digits is the scan's unit before the run.
    if (!isAsciiLetter((around[k] as number) & 0xffff) || !isAsciiLetter(text.charCodeAt(head)) || (head > 0 && isAlnum(text.charCodeAt(head - 1)))) continue;
    AT_HEAD.lastIndex = head;
    if (AT_HEAD.test(text)) from = candidate(text, head, AT_HEAD.lastIndex, out);
  }
}

/**
 * Reports the IBAN in the match `text[start..stop)` if it holds one; returns where the search goes
 * on (after the IBAN, or at the next character). Read in place: the match is two letters, two
 * digits and letters and digits with single spaces, so cut to the country's length it is what
 * ibanValid checks once its spaces are dropped (the country's letters and length hold by the
 * cut): only the checksum is left to compute.
 */
function candidate(text: string, start: number, stop: number, out: PiiFinding[]): number {
  const length = LENGTHS[((text.charCodeAt(start) | 32) - 97) * 26 + (text.charCodeAt(start + 1) | 32) - 97] as number;
  const end = length === 0 ? -1 : cut(text, start, stop, length);
  if (end < 0) return start + 1;
  // Past the end the code is 0, which is no letter or digit either.
  const next = codeAt(text, end);
  if (isAlnum(next) || ibanChecksumIn(text, start, end) !== 1) return start + 1;
  out.push({ type: 'iban', start, end, validated: true, confidence: 'high' });
  return end;
}

function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || isAsciiLetter(c);
}

/** Where `text[start..stop)` ends just past its `length`-th character that is no space, or -1 if it is shorter. */
function cut(text: string, start: number, stop: number, length: number): number {
  let seen = 0;
  for (let i = start; i < stop; i++) {
    if (text.charCodeAt(i) !== 32) seen++;
    if (seen === length) return i + 1;
  }
  return -1;
}

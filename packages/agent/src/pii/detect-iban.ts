import { codeAt } from './code-at.js';
import { ibanValid } from './iban-valid.js';
import { IBAN_LENGTHS } from './iban-lengths.js';
import type { PiiFinding } from './pii-type.js';

const CANDIDATE = /(?<![A-Za-z0-9])[A-Za-z]{2}\d{2}(?: ?[A-Za-z0-9]){11,34}/g;

/**
 * Finds IBANs, compact or printed in groups of four, in either letter case. The candidate is
 * cut to the country's registered length and must pass mod-97, so every finding is validated.
 */
export function detectIban(text: string, out: PiiFinding[]): void {
  CANDIDATE.lastIndex = 0;
  for (let m = CANDIDATE.exec(text); m !== null; m = CANDIDATE.exec(text)) {
    const raw = m[0];
    const length = IBAN_LENGTHS[raw.slice(0, 2).toUpperCase()];
    const end = length === undefined ? -1 : cut(raw, length);
    if (end < 0) {
      CANDIDATE.lastIndex = m.index + 1;
      continue;
    }
    // Past the end the code is 0, which is no letter or digit either.
    const next = codeAt(text, m.index + end);
    const boundary = !((next >= 48 && next <= 57) || (next >= 65 && next <= 90) || (next >= 97 && next <= 122));
    if (boundary && ibanValid(raw.slice(0, end))) {
      out.push({ type: 'iban', start: m.index, end: m.index + end, validated: true, confidence: 'high' });
      CANDIDATE.lastIndex = m.index + end;
    } else {
      CANDIDATE.lastIndex = m.index + 1;
    }
  }
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

import type { PiiConfidence, PiiFinding, PiiType } from './pii-type.js';

/**
 * When two findings overlap, the more specific type wins a tie of validation and confidence. An
 * IBAN that passed mod-97 beats a Luhn-valid card number read inside it. (A switch over the
 * names, not a keyed load from a record: the names are interned constants, so each case is one
 * compare, where the keyed load by a name that varies was a lookup in the optimized code.)
 */
function priority(type: PiiType): number {
  switch (type) {
    case 'api_key':
      return 11;
    case 'iban':
      return 10;
    case 'credit_card':
      return 9;
    case 'us_ssn':
      return 8;
    case 'email':
      return 7;
    case 'ip_address':
      return 6;
    case 'date_of_birth':
      return 5;
    case 'date':
      return 4;
    case 'phone':
      return 3;
    case 'address':
      return 2;
    case 'person':
      return 1;
  }
}

function confidenceRank(confidence: PiiConfidence): number {
  return confidence === 'high' ? 3 : confidence === 'medium' ? 2 : 1;
}

const byPosition = (a: PiiFinding, b: PiiFinding): number => a.start - b.start || b.end - a.end;

function rank(f: PiiFinding): number {
  return (f.validated ? 1000 : 0) + confidenceRank(f.confidence) * 100 + priority(f.type) * 10;
}

/**
 * Sorts findings by position and keeps one of each group of overlapping findings: validated
 * before unvalidated, then higher confidence, then the more specific type, then the longer span.
 * The array is sorted and cut down in place, and returned.
 */
export function resolveOverlaps(findings: PiiFinding[]): PiiFinding[] {
  // Most records have none or one.
  if (findings.length < 2) return findings;
  sortByPosition(findings);
  const kept = keepWinners(findings);
  // Setting the length is a runtime call even when it changes nothing; most findings overlap none.
  if (kept !== findings.length) findings.length = kept;
  return findings;
}

/**
 * Moves the winner of each group of overlapping findings to the front, in order, and returns how
 * many there are. A function of its own so that no code follows its loop: V8 compiles a long
 * call's loop on the stack (OSR), and where code after the loop had not yet run, every later call
 * that entered the loop's compiled code was deoptimized there (`--trace-deopt`: 66 a pass of one
 * long call and the scanner's windows, when no short call had run first).
 */
function keepWinners(findings: PiiFinding[]): number {
  // Kept in place: the first `kept` entries are the findings kept so far.
  let kept = 1;
  for (let i = 1; i < findings.length; i++) {
    const f = findings[i] as PiiFinding;
    const last = findings[kept - 1] as PiiFinding;
    if (f.start >= last.end) {
      findings[kept++] = f;
      continue;
    }
    const diff = rank(f) - rank(last);
    if (diff > 0 || (diff === 0 && f.end - f.start > last.end - last.start)) findings[kept - 1] = f;
  }
  return kept;
}

/**
 * Sorts findings by {@link byPosition}, stably, as `Array.prototype.sort` does. A record has a
 * handful of findings, and the built-in sort allocates a work array on every call (about a
 * quarter of the bytes a detectPii call allocated); insertion sort allocates nothing.
 */
export function sortByPosition(findings: PiiFinding[]): void {
  const n = findings.length;
  if (n > 32) {
    findings.sort(byPosition);
    return;
  }
  for (let i = 1; i < n; i++) {
    const f = findings[i] as PiiFinding;
    let j = i - 1;
    while (j >= 0 && byPosition(findings[j] as PiiFinding, f) > 0) {
      findings[j + 1] = findings[j] as PiiFinding;
      j--;
    }
    findings[j + 1] = f;
  }
}

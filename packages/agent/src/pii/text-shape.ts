/**
 * What one char-code pass over a text says about the values it can hold. Each field is a
 * necessary condition of some detector, so a detector whose condition fails is skipped without
 * changing what is found (bench/pii-fingerprint.mjs checks that on every benchmark input).
 */
export interface TextShape {
  /** Any ASCII digit. */
  readonly digit: boolean;
  /** An `@` (email). */
  readonly at: boolean;
  /** A `:` (IPv6). */
  readonly colon: boolean;
  /**
   * Most digits in one run of digits, spaces, dots, dashes and parentheses. A phone needs 6, an
   * IPv4 address 4, an SSN 9, a card 12: each of their candidates lies inside such a run.
   */
  readonly chain: number;
  /** Two ASCII letters before two digits: the start of an IBAN. */
  readonly ibanHead: boolean;
  /**
   * A run of at least 10 key characters (`A-Z a-z 0-9 _ -`) with a `_`, a `-` or a capital after
   * its first character: every provider key, JWT and PEM header the key detector knows is one.
   */
  readonly keyRun: boolean;
}

/** Reads the text once; see {@link TextShape}. */
export function textShape(text: string): TextShape {
  const n = text.length;
  let digit = false;
  let at = false;
  let colon = false;
  let chain = 0;
  let chainDigits = 0;
  let ibanHead = false;
  let keyRun = false;
  let runLength = 0;
  let runMarked = false;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    // Lowercase letters and spaces first: most of any text.
    if (c >= 97 && c <= 122) {
      chainDigits = 0;
      runLength++;
      if (runMarked && runLength >= 10) keyRun = true;
      continue;
    }
    if (c === 32) {
      // A space continues a digit chain and ends a key run.
      runLength = 0;
      runMarked = false;
      continue;
    }
    if (c >= 48 && c <= 57) {
      digit = true;
      chainDigits++;
      if (chainDigits > chain) chain = chainDigits;
      if (!ibanHead && i >= 2 && isAsciiLetter(text.charCodeAt(i - 1)) && isAsciiLetter(text.charCodeAt(i - 2))) {
        const d = text.charCodeAt(i + 1);
        if (d >= 48 && d <= 57) ibanHead = true;
      }
      runLength++;
      if (runMarked && runLength >= 10) keyRun = true;
      continue;
    }
    // Dots, dashes and parentheses continue a digit chain; anything else ends it.
    if (c !== 46 && c !== 45 && c !== 40 && c !== 41) chainDigits = 0;
    if ((c >= 65 && c <= 90) || c === 95 || c === 45) {
      if (runLength > 0) runMarked = true;
      runLength++;
      if (runMarked && runLength >= 10) keyRun = true;
      continue;
    }
    runLength = 0;
    runMarked = false;
    if (c === 64) at = true;
    else if (c === 58) colon = true;
  }
  return { digit, at, colon, chain, ibanHead, keyRun };
}

function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

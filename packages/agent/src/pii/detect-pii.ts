import { detectAddress } from './detect-address.js';
import { detectApiKey } from './detect-api-key.js';
import { detectCreditCard } from './detect-credit-card.js';
import { detectDate } from './detect-date.js';
import { detectDateOfBirth } from './detect-date-of-birth.js';
import { detectEmail } from './detect-email.js';
import { detectIban } from './detect-iban.js';
import { detectIpAddress } from './detect-ip-address.js';
import { detectPerson } from './detect-person.js';
import { detectPhone } from './detect-phone.js';
import { detectUsSsn } from './detect-us-ssn.js';
import type { DetectPiiOptions, PiiConfidence, PiiFinding, PiiType } from './pii-type.js';
import { PII_TYPES } from './pii-type.js';
import { resolveOverlaps } from './resolve-overlaps.js';
import { scanText, type TextScan } from './text-scan.js';

const DETECTORS: Readonly<Record<PiiType, (text: string, out: PiiFinding[]) => void>> = {
  email: detectEmail,
  phone: detectPhone,
  credit_card: detectCreditCard,
  us_ssn: detectUsSsn,
  iban: detectIban,
  ip_address: detectIpAddress,
  api_key: detectApiKey,
  date_of_birth: detectDateOfBirth,
  person: detectPerson,
  address: detectAddress,
  date: detectDate,
};
const LEVEL: Readonly<Record<PiiConfidence, number>> = { low: 1, medium: 2, high: 3 };

/**
 * Whether a text can hold a value of the type at all, from one char-code pass over it
 * ({@link scanText}): the many short records without a digit, an `@` or a long key-like token
 * skip those detectors entirely, and the others skip the steps the text's words rule out.
 */
// detectAll repeats these conditions for the default call.
const POSSIBLE: Readonly<Partial<Record<PiiType, (s: TextScan) => boolean>>> = {
  email: (s) => s.at,
  phone: (s) => s.chain >= 6,
  credit_card: (s) => s.cardChain >= 12,
  us_ssn: (s) => s.ssn,
  iban: (s) => s.ibanHead,
  ip_address: (s) => s.quad || s.colon,
  api_key: (s) => s.keyRun,
  date_of_birth: (s) => s.digit && s.birth,
};
const ALL_TYPES: ReadonlySet<PiiType> = new Set(PII_TYPES);

/**
 * Finds personal data and secrets in a text. Findings are sorted by position and never overlap;
 * they carry offsets, type, validation and confidence, never the value itself.
 *
 * The detector is rule based (patterns, checksums, context words and bundled name and place
 * lists), has no dependencies and runs synchronously. Organisations are out of scope.
 *
 * @example
 * ```ts
 * import { detectPii } from '@fieldwork/agent/pii';
 * const text = 'Card 4111 1111 1111 1111, mail ada@example.com';
 * for (const f of detectPii(text)) console.log(f.type, f.validated, f.confidence);
 * // credit_card true high
 * // email true high
 * ```
 */
export function detectPii(text: string, opts?: DetectPiiOptions): PiiFinding[] {
  if (opts === undefined || (opts.types === undefined && (opts.minConfidence ?? 'low') === 'low')) return detectAll(text);
  const types = opts.types ?? PII_TYPES;
  const floor = LEVEL[opts.minConfidence ?? 'low'];
  const found: PiiFinding[] = [];
  const wanted = opts.types === undefined ? ALL_TYPES : new Set(types);
  // Person names and places come from one scan of the words when both are wanted.
  const words = wanted.has('person') && wanted.has('address');
  const scan = scanText(text);
  let places: PiiFinding[] | undefined;
  for (const type of wanted) {
    const detect = DETECTORS[type];
    if (detect === undefined) throw new TypeError(`detectPii: unknown PII type "${String(type)}"`);
    const possible = POSSIBLE[type];
    if (possible !== undefined && !possible(scan)) continue;
    if (words && type === 'person') detectPerson(text, found, (places = []), scan);
    else if (words && type === 'address') continue;
    else if (type === 'person') detectPerson(text, found, undefined, scan);
    else if (type === 'address') detectAddress(text, found, undefined, scan);
    else if (type === 'date') detectDate(text, found, scan);
    else if (type === 'phone') detectPhone(text, found, scan.digits);
    else if (type === 'ip_address') detectIpAddress(text, found, scan.digits);
    else if (type === 'credit_card') detectCreditCard(text, found, scan.digits);
    else if (type === 'us_ssn') detectUsSsn(text, found, scan.digits);
    else if (type === 'iban') detectIban(text, found, scan.digits);
    else detect(text, found);
  }
  if (words) detectAddress(text, found, places ?? [], scan);
  const kept = floor > 1 ? found.filter((f) => LEVEL[f.confidence] >= floor) : found;
  return resolveOverlaps(kept);
}

/**
 * Every type at every confidence, the common call: the steps of {@link detectPii} in the same
 * order (the order findings are pushed in settles ties in {@link resolveOverlaps}), without the
 * set of wanted types, its iterator and the per-type closures.
 */
function detectAll(text: string): PiiFinding[] {
  const found: PiiFinding[] = [];
  const scan = scanText(text);
  if (scan.digit || scan.at || scan.colon || scan.keyRun) detectStructured(text, scan, found);
  // A new array each call: emptying a reused one (`length = 0`) is a runtime call, dearer than
  // allocating an empty array in the young generation.
  const places: PiiFinding[] = [];
  // Names and places need what the scan's person gate looks for; addresses a digit, a place
  // (found with the names) or a lowercase place cue. Without them both detectors find nothing.
  if (scan.person) detectPerson(text, found, places, scan);
  detectDate(text, found, scan);
  if (scan.digit || scan.placeCue || places.length > 0) detectAddress(text, found, places, scan);
  return resolveOverlaps(found);
}

/**
 * The types with a fixed shape, each only when the scan saw what it needs; a text with no digit,
 * "@", ":" or key-like run (most short records of prose) skips them with one test. Exported for
 * `bench/pii-stages.mjs`, which times this step with and without phones (not in the index).
 */
export function detectStructured(text: string, scan: TextScan, found: PiiFinding[], phones = true): void {
  const chain = scan.chain;
  if (scan.at) detectEmail(text, found);
  if (phones && chain >= 6) detectPhone(text, found, scan.digits);
  if (scan.cardChain >= 12) detectCreditCard(text, found, scan.digits);
  if (scan.ssn) detectUsSsn(text, found, scan.digits);
  if (scan.ibanHead) detectIban(text, found, scan.digits);
  if (scan.quad || scan.colon) detectIpAddress(text, found, scan.digits);
  if (scan.keyRun) detectApiKey(text, found);
  if (scan.digit && scan.birth) detectDateOfBirth(text, found);
}

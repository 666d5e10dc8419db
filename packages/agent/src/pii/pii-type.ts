/**
 * The kinds of personal data and secrets the detector reports.
 *
 * `person`, `address` and `date` are found without a language model: bundled given-name and
 * surname lists, cue words ("my name is", "Dear", "lives at"), token shape, street and postcode
 * patterns by country, and calendar validation (see docs/pii.md for how they were chosen and what
 * they measure). Organisations and other free-text entities are not detected.
 *
 * @example
 * ```ts
 * import { PII_TYPES, type PiiType } from '@fieldwork/agent/pii';
 * const wanted: PiiType[] = PII_TYPES.filter((t) => t !== 'ip_address');
 * ```
 */
export type PiiType =
  | 'email'
  | 'phone'
  | 'credit_card'
  | 'us_ssn'
  | 'iban'
  | 'ip_address'
  | 'api_key'
  | 'date_of_birth'
  | 'person'
  | 'address'
  | 'date';

/**
 * Every {@link PiiType}, in a stable order (used for summaries and tables).
 *
 * @example
 * ```ts
 * import { PII_TYPES } from '@fieldwork/agent/pii';
 * console.log(PII_TYPES.length); // 11
 * ```
 */
export const PII_TYPES: readonly PiiType[] = Object.freeze([
  'email',
  'phone',
  'credit_card',
  'us_ssn',
  'iban',
  'ip_address',
  'api_key',
  'date_of_birth',
  'person',
  'address',
  'date',
] as const);

/**
 * How sure the detector is that a finding is real personal data.
 *
 * - `high`: a checksum or provider format matched, or the value has a strong shape plus context.
 * - `medium`: a typical shape without corroborating context.
 * - `low`: a weak shape (for example an SSN-shaped number with no "SSN" nearby).
 *
 * @example
 * ```ts
 * import type { PiiConfidence } from '@fieldwork/agent/pii';
 * const floor: PiiConfidence = 'medium';
 * ```
 */
export type PiiConfidence = 'high' | 'medium' | 'low';

/**
 * One detected value. It deliberately carries no copy of the value: callers that must see it
 * slice `text.slice(start, end)` themselves, so findings can be stored and logged safely.
 *
 * `validated` is true when the value passed a check beyond its shape: Luhn plus a known card
 * brand, IBAN mod-97, SSN registry rules plus an "SSN" context word, IP octet ranges, a
 * provider's key format or a decodable JWT header, E.164 / North American numbering rules,
 * a calendar date next to "born" or "DOB", a well-formed email address, a full name (given name
 * and surname, or a name after a cue such as "my name is"), a street address with a house
 * number, or a real calendar date.
 *
 * @example
 * ```ts
 * import { detectPii, type PiiFinding } from '@fieldwork/agent/pii';
 * const [f]: PiiFinding[] = detectPii('write to ada@example.com');
 * console.log(f.type, f.start, f.end); // email 9 24
 * ```
 */
export interface PiiFinding {
  readonly type: PiiType;
  /** UTF-16 offset of the first character of the value. */
  readonly start: number;
  /** UTF-16 offset just past the last character of the value. */
  readonly end: number;
  readonly validated: boolean;
  readonly confidence: PiiConfidence;
}

/**
 * Options shared by {@link detectPii}, {@link redact} and {@link createPiiScanner}.
 *
 * @example
 * ```ts
 * import { detectPii, type DetectPiiOptions } from '@fieldwork/agent/pii';
 * const opts: DetectPiiOptions = { types: ['email', 'phone'], minConfidence: 'medium' };
 * detectPii('call +44 20 7946 0958', opts);
 * ```
 */
export interface DetectPiiOptions {
  /** Only look for these types (default: all of {@link PII_TYPES}). */
  readonly types?: readonly PiiType[];
  /** Drop findings below this confidence (default: `'low'`, i.e. keep everything). */
  readonly minConfidence?: PiiConfidence;
}

import type { PiiFinding, PiiType } from './pii-type.js';

/**
 * The types the product treats as exceptions when they appear unredacted in a prompt log:
 * payment cards, US SSNs, IBANs, API keys and secrets, email addresses, phone numbers, IP
 * addresses, full person names and street addresses. For cards, SSNs, IBANs, keys, names and
 * addresses only validated findings count (see {@link isHighRiskFinding}): a first name alone or
 * a city is personal data of a weaker kind, which the prompt-log check grades low by default.
 *
 * @example
 * ```ts
 * import { highRiskTypes } from '@fieldwork/agent/pii';
 * console.log(highRiskTypes.has('email')); // true
 * console.log(highRiskTypes.has('date_of_birth')); // false
 * ```
 */
export const highRiskTypes: ReadonlySet<PiiType> = new Set<PiiType>([
  'credit_card',
  'us_ssn',
  'iban',
  'api_key',
  'email',
  'phone',
  'ip_address',
  'person',
  'address',
]);

/** Types whose shape alone is too weak: they are high risk only once validated. */
const NEEDS_VALIDATION: ReadonlySet<PiiType> = new Set<PiiType>(['credit_card', 'us_ssn', 'iban', 'api_key', 'person', 'address']);

/**
 * Whether a finding is a high-risk exception: its type is in {@link highRiskTypes} and, for
 * cards, SSNs, IBANs, API keys, names and addresses, it passed validation (Luhn and brand, SSN
 * context, mod-97, provider format, a full name, a street with a house number).
 *
 * @example
 * ```ts
 * import { detectPii, isHighRiskFinding } from '@fieldwork/agent/pii';
 * const risky = detectPii('SSN: 219-45-8812').filter(isHighRiskFinding);
 * console.log(risky.length); // 1
 * ```
 */
export function isHighRiskFinding(finding: PiiFinding): boolean {
  if (!highRiskTypes.has(finding.type)) return false;
  return NEEDS_VALIDATION.has(finding.type) ? finding.validated : true;
}

/** @module PII detection and redaction: find, count and mask personal data and secrets, and scan streams without keeping values. */
export { cardBrand, type CardBrand } from './card-brand.js';
export { createPiiScanner, type PiiExcerpt, type PiiScanner, type PiiScannerOptions, type PiiScanSummary } from './create-pii-scanner.js';
export { detectPii } from './detect-pii.js';
export { highRiskTypes, isHighRiskFinding } from './high-risk.js';
export { IBAN_LENGTHS } from './iban-lengths.js';
export { ibanValid } from './iban-valid.js';
export { ipv4Valid, ipv6Valid } from './ip-valid.js';
export { luhnValid } from './luhn-valid.js';
export { PII_TYPES, type DetectPiiOptions, type PiiConfidence, type PiiFinding, type PiiType } from './pii-type.js';
export { redact, redactionMarker, type RedactOptions } from './redact.js';
export { redactedExcerpt } from './redacted-excerpt.js';
export { ssnValid } from './ssn-valid.js';
export { summarizePii } from './summarize-pii.js';

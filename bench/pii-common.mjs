// Shared set-up of the PII benchmarks: the Presidio fixture, the label mappings and one adapter
// per detector (ours and the npm peers) that returns typed spans in our vocabulary.
import { readFileSync } from 'node:fs';

export const FIXTURE =
  process.env.FIELDWORK_PRESIDIO_FIXTURE ??
  new URL('../fixtures/third-party/pii/presidio-research.generated_large.json', import.meta.url).pathname;

/** Our types, in table order. */
export const TYPES = ['email', 'phone', 'credit_card', 'us_ssn', 'iban', 'ip_address', 'api_key', 'date_of_birth'];

/** Presidio entity types with a counterpart of ours. DATE_TIME is handled apart (see below). */
export const PRESIDIO_TO_OURS = {
  EMAIL_ADDRESS: 'email',
  PHONE_NUMBER: 'phone',
  CREDIT_CARD: 'credit_card',
  US_SSN: 'us_ssn',
  IBAN_CODE: 'iban',
  IP_ADDRESS: 'ip_address',
};

/**
 * Presidio labels every date DATE_TIME. Only dates of birth are personal data for us, so recall
 * for date_of_birth is measured on the DATE_TIME spans with "born", "birth" or "DOB" in the 60
 * characters before them; precision counts a date_of_birth finding correct when it overlaps any
 * DATE_TIME span.
 */
export const DOB_CONTEXT = /\b(?:born|birth|d\.?o\.?b)/i;

export function loadRecords() {
  return JSON.parse(readFileSync(FIXTURE, 'utf8'));
}

/** Gold spans of a record in our vocabulary, plus all DATE_TIME spans (for date_of_birth precision). */
export function goldSpans(record) {
  const gold = [];
  const dates = [];
  for (const s of record.spans) {
    const span = { start: s.start_position, end: s.end_position };
    const ours = PRESIDIO_TO_OURS[s.entity_type];
    if (ours !== undefined) gold.push({ type: ours, ...span });
    if (s.entity_type === 'DATE_TIME') {
      dates.push({ type: 'date_of_birth', ...span });
      const before = record.full_text.slice(Math.max(0, span.start - 60), span.start);
      if (DOB_CONTEXT.test(before)) gold.push({ type: 'date_of_birth', ...span });
    }
  }
  return { gold, dates };
}

const version = (dir) => JSON.parse(readFileSync(new URL(`${dir}/package.json`, import.meta.url), 'utf8')).version;

/** Fieldwork's detector, from the built package. */
export async function fieldwork() {
  const pii = await import('../packages/agent/dist/pii/index.js');
  return {
    name: 'Fieldwork',
    version: version('../packages/agent'),
    supports: new Set(TYPES),
    detect: (text) => pii.detectPii(text),
    run: (text) => pii.detectPii(text),
    pii,
  };
}

// redact-pii replaces matches with the snake-cased name of the pattern; we recover the spans by
// aligning the redacted text with the original (placeholders may sit inside a word).
const REDACT_PII_LABELS = {
  EMAIL_ADDRESS: 'email',
  PHONE_NUMBER: 'phone',
  CREDIT_CARD_NUMBER: 'credit_card',
  US_SOCIAL_SECURITY_NUMBER: 'us_ssn',
  IP_ADDRESS: 'ip_address',
  STREET_ADDRESS: undefined,
  ZIPCODE: undefined,
  USERNAME: undefined,
  PASSWORD: undefined,
  CREDENTIALS: undefined,
  DIGITS: undefined,
  URL: undefined,
  PERSON_NAME: undefined,
};
const PLACEHOLDER = new RegExp(`(${Object.keys(REDACT_PII_LABELS).join('|')})`, 'g');
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** redact-pii's SyncRedactor with its default configuration. */
export async function redactPii() {
  const { SyncRedactor } = (await import('redact-pii')).default;
  const redactor = new SyncRedactor();
  const stats = { unaligned: 0 };
  return {
    name: 'redact-pii',
    version: version('../node_modules/redact-pii'),
    supports: new Set(['email', 'phone', 'credit_card', 'us_ssn', 'ip_address']),
    stats,
    detect(text) {
      const out = redactor.redact(text);
      const parts = out.split(PLACEHOLDER); // literal, label, literal, label, …, literal
      if (parts.length === 1) return [];
      let source = '^';
      for (let i = 0; i < parts.length; i++) source += i % 2 === 0 ? escape(parts[i]) : '([\\s\\S]+?)';
      const m = new RegExp(`${source}$`, 'd').exec(text);
      if (m === null) {
        stats.unaligned += 1;
        return [];
      }
      const spans = [];
      for (let g = 1; g < m.length; g++) {
        const type = REDACT_PII_LABELS[parts[2 * g - 1]];
        if (type !== undefined) spans.push({ type, start: m.indices[g][0], end: m.indices[g][1] });
      }
      return spans;
    },
    run: (text) => redactor.redact(text),
  };
}

const OPENREDACTION_API_KEYS = new Set([
  'AWS_ACCESS_KEY', 'AWS_SECRET_KEY', 'AZURE_STORAGE_KEY', 'BEARER_TOKEN', 'FIREBASE_API_KEY', 'GENERIC_API_KEY',
  'GENERIC_SECRET', 'GITHUB_TOKEN', 'GOOGLE_API_KEY', 'HEROKU_API_KEY', 'JWT_TOKEN', 'KUBERNETES_SECRET',
  'MAILGUN_API_KEY', 'NPM_TOKEN', 'OAUTH_CLIENT_SECRET', 'OAUTH_TOKEN', 'PRIVATE_KEY', 'PYPI_TOKEN',
  'SENDGRID_API_KEY', 'SLACK_TOKEN', 'SLACK_WEBHOOK', 'SSH_PRIVATE_KEY', 'STRIPE_API_KEY', 'TWILIO_API_KEY',
]);

function openRedactionType(label) {
  if (label === 'EMAIL') return 'email';
  if (label.startsWith('PHONE_')) return 'phone';
  if (label === 'CREDIT_CARD') return 'credit_card';
  if (label === 'SSN') return 'us_ssn';
  if (label === 'IBAN' || label === 'UK_BANK_ACCOUNT_IBAN') return 'iban';
  if (label === 'IPV4' || label === 'IPV6') return 'ip_address';
  if (label === 'DATE_OF_BIRTH') return 'date_of_birth';
  if (OPENREDACTION_API_KEYS.has(label)) return 'api_key';
  return undefined;
}

/** @openredaction/openredaction's OpenRedaction with its default configuration. */
export async function openRedaction() {
  const { OpenRedaction } = await import('@openredaction/openredaction');
  const detector = new OpenRedaction();
  return {
    name: 'openredaction',
    version: version('../node_modules/@openredaction/openredaction'),
    supports: new Set(TYPES),
    detect(text) {
      const seen = new Set();
      const spans = [];
      for (const d of detector.detect(text).detections) {
        const type = openRedactionType(d.type);
        const [start, end] = d.position;
        const key = `${type}:${start}:${end}`;
        if (type === undefined || seen.has(key)) continue;
        seen.add(key);
        spans.push({ type, start, end });
      }
      return spans;
    },
    run: (text) => detector.detect(text),
  };
}

/** The three detectors, ours first. */
export async function detectors() {
  return [await fieldwork(), await redactPii(), await openRedaction()];
}

/** Markdown table from a header row and body rows. */
export function table(header, rows) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map((h, i) => (i === 0 ? '---' : '---:'))), ...rows.map(line)].join('\n');
}

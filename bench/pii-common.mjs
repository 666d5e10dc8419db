// Shared set-up of the PII benchmarks: the labelled sets (Presidio's fixture and the generated
// multi-locale set), the label mappings and one adapter per detector (ours and the npm peers)
// that returns typed spans in our vocabulary.
import { readFileSync } from 'node:fs';

export const FIXTURE =
  process.env.FIELDWORK_PRESIDIO_FIXTURE ??
  new URL('../fixtures/third-party/pii/presidio-research.generated_large.json', import.meta.url).pathname;

/** Our types, in table order. date_of_birth findings are scored as `date` (a date of a person). */
export const TYPES = ['person', 'address', 'date', 'email', 'phone', 'credit_card', 'us_ssn', 'iban', 'ip_address', 'api_key'];

/** Presidio entity types with a counterpart of ours. LOCATION (cities, countries) counts as address. */
export const PRESIDIO_TO_OURS = {
  PERSON: 'person',
  ADDRESS: 'address',
  LOCATION: 'address',
  DATE_TIME: 'date',
  EMAIL_ADDRESS: 'email',
  PHONE_NUMBER: 'phone',
  CREDIT_CARD: 'credit_card',
  US_SSN: 'us_ssn',
  IBAN_CODE: 'iban',
  IP_ADDRESS: 'ip_address',
};

export function loadRecords() {
  return JSON.parse(readFileSync(FIXTURE, 'utf8'));
}

/**
 * The long text of the streaming benchmarks (pii-stream-windows, pii-window-sizes): the Presidio
 * records repeated to about 4 M characters and joined by newlines (two-byte: some records hold
 * letters beyond Latin-1), with `copy(from, to)`, a flat copy of `text[from, to)` made as the
 * scanner's join makes its windows (two slices joined into a new sequential string).
 */
export function streamingText(records = loadRecords().map((r) => r.full_text)) {
  const list = [];
  while (list.length * 84 < 4e6) list.push(...records);
  const text = list.join('\n');
  const copy = (from, to) => [text.slice(from, from + 500), text.slice(from + 500, to)].join('');
  return { text, copy };
}

/** Gold spans of a Presidio record in our vocabulary. */
export function goldSpans(record) {
  const gold = [];
  for (const s of record.spans) {
    const ours = PRESIDIO_TO_OURS[s.entity_type];
    if (ours !== undefined) gold.push({ type: ours, start: s.start_position, end: s.end_position });
  }
  return gold;
}

/** The labelled sets: Presidio's synthetic file and the generated multi-locale set. */
export async function labelledSets() {
  const { localeSet } = await import('./pii-locale-set.mjs');
  const presidio = loadRecords().map((r) => ({ text: r.full_text, spans: goldSpans(r) }));
  const fresh = localeSet({ seed: 7, perLocale: 200, negatives: 2400 });
  return [
    { name: 'presidio-research generated_large', records: presidio, negatives: [] },
    { name: 'multi-locale (12 locales, seed 7)', records: fresh.records, negatives: fresh.negatives },
  ];
}

const version = (dir) => JSON.parse(readFileSync(new URL(`${dir}/package.json`, import.meta.url), 'utf8')).version;

/** Fieldwork's detector, from the built package. */
export async function fieldwork() {
  const pii = await import('../packages/agent/dist/pii/index.js');
  return {
    name: 'Fieldwork',
    version: version('../packages/agent'),
    supports: new Set(TYPES),
    detect: (text) => pii.detectPii(text).map((f) => (f.type === 'date_of_birth' ? { ...f, type: 'date' } : f)),
    run: (text) => pii.detectPii(text),
    pii,
  };
}

// redact-pii and @redactpii/node replace matches with the snake-cased name of the pattern; we
// recover the spans by aligning the redacted text with the original (placeholders may sit inside
// a word).
const REDACT_PII_LABELS = {
  EMAIL_ADDRESS: 'email',
  PHONE_NUMBER: 'phone',
  CREDIT_CARD_NUMBER: 'credit_card',
  US_SOCIAL_SECURITY_NUMBER: 'us_ssn',
  IP_ADDRESS: 'ip_address',
  STREET_ADDRESS: 'address',
  ZIPCODE: 'address',
  PERSON_NAME: 'person',
  USERNAME: undefined,
  PASSWORD: undefined,
  CREDENTIALS: undefined,
  DIGITS: undefined,
  URL: undefined,
};
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function aligner(labels) {
  const placeholder = new RegExp(`(${Object.keys(labels).join('|')})`, 'g');
  const stats = { unaligned: 0 };
  const align = (text, out) => {
    const parts = out.split(placeholder); // literal, label, literal, label, …, literal
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
      const type = labels[parts[2 * g - 1]];
      if (type !== undefined) spans.push({ type, start: m.indices[g][0], end: m.indices[g][1] });
    }
    return spans;
  };
  return { align, stats };
}

/** redact-pii's SyncRedactor with its default configuration. */
export async function redactPii() {
  const { SyncRedactor } = (await import('redact-pii')).default;
  const redactor = new SyncRedactor();
  const { align, stats } = aligner(REDACT_PII_LABELS);
  return {
    name: 'redact-pii',
    version: version('../node_modules/redact-pii'),
    supports: new Set(['person', 'address', 'email', 'phone', 'credit_card', 'us_ssn', 'ip_address']),
    stats,
    detect: (text) => align(text, redactor.redact(text)),
    run: (text) => redactor.redact(text),
  };
}

/** @redactpii/node's Redactor with its default rules (names, emails, phones, cards, SSNs). */
export async function redactPiiNode() {
  const { Redactor } = await import('@redactpii/node');
  const redactor = new Redactor();
  const { align, stats } = aligner({
    PERSON_NAME: 'person', EMAIL_ADDRESS: 'email', PHONE_NUMBER: 'phone', CREDIT_CARD_NUMBER: 'credit_card', US_SOCIAL_SECURITY_NUMBER: 'us_ssn',
  });
  return {
    name: '@redactpii/node',
    version: version('../node_modules/@redactpii/node'),
    supports: new Set(['person', 'email', 'phone', 'credit_card', 'us_ssn']),
    stats,
    detect: (text) => align(text, redactor.redact(text)),
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
  if (label === 'DATE_OF_BIRTH') return 'date';
  if (label === 'NAME') return 'person';
  if (label === 'ADDRESS_STREET' || label === 'ADDRESS_PO_BOX' || label === 'POSTCODE_UK' || label === 'ZIP_CODE_US') return 'address';
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

/** The four detectors, ours first. */
export async function detectors() {
  return [await fieldwork(), await redactPii(), await redactPiiNode(), await openRedaction()];
}

/** Markdown table from a header row and body rows. */
export function table(header, rows) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map((h, i) => (i === 0 ? '---' : '---:'))), ...rows.map(line)].join('\n');
}

const WORDS = /\w+/g;
/** The bare baseline every PII speed figure is compared with: a `\w+` scan counting the words of `t`. */
export function wordBaseline(t) {
  WORDS.lastIndex = 0;
  let n = 0;
  while (WORDS.exec(t) !== null) n++;
  return n;
}


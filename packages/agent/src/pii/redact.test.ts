import { describe, expect, it } from 'vitest';
import { detectPii } from './detect-pii.js';
import { loadPresidio } from './pii-fixture.js';
import { redact, redactionMarker } from './redact.js';
import { redactedExcerpt } from './redacted-excerpt.js';
import { PII_TYPES } from './pii-type.js';
import { summarizePii, zeroCounts } from './summarize-pii.js';

const SAMPLE =
  'Ada (ada@example.com, +44 20 7946 0958) paid with 4111 1111 1111 1111 from 203.0.113.9; ' +
  'SSN 536-22-8726, IBAN DE89 3704 0044 0532 0130 00, key AKIA' + 'IOSFODNN7EXAMPLE, born 2/7/1961.';
const VALUES = ['ada@example.com', '+44 20 7946 0958', '4111 1111 1111 1111', '203.0.113.9', '536-22-8726', 'DE89 3704 0044 0532 0130 00', 'AKIA' + 'IOSFODNN7EXAMPLE', '2/7/1961'];

describe('redact', () => {
  it('replaces every finding with a typed marker', () => {
    expect(redact(SAMPLE)).toBe(
      '[PERSON] ([REDACTED:EMAIL], [REDACTED:PHONE]) paid with [REDACTED:CREDIT_CARD] from [REDACTED:IP_ADDRESS]; ' +
        'SSN [REDACTED:US_SSN], IBAN [REDACTED:IBAN], key [REDACTED:API_KEY], born [REDACTED:DATE_OF_BIRTH].',
    );
  });

  it('never leaves a detected value in the output', () => {
    const out = redact(SAMPLE);
    for (const v of VALUES) expect(out).not.toContain(v);
  });

  it('never leaves a detected value in the output across the Presidio corpus', () => {
    const records = loadPresidio();
    expect(records.length).toBeGreaterThan(2000);
    for (const { full_text: text } of records) {
      const findings = detectPii(text);
      const out = redact(text, { findings });
      for (const f of findings) {
        const value = text.slice(f.start, f.end);
        if (value.length >= 6) expect(out, text).not.toContain(value);
      }
    }
  });

  it('honours types and a custom replacement', () => {
    expect(redact('ada@example.com from 8.8.8.8', { types: ['email'] })).toBe('[REDACTED:EMAIL] from 8.8.8.8');
    expect(redact('ada@example.com', { replacement: (f) => `<${f.type}:${f.end - f.start}>` })).toBe('<email:15>');
    expect(redactionMarker({ type: 'api_key' })).toBe('[REDACTED:API_KEY]');
  });

  it('returns text without findings unchanged', () => {
    expect(redact('nothing to see here')).toBe('nothing to see here');
  });
});

describe('redactedExcerpt', () => {
  it('masks the value and keeps some context', () => {
    const text = 'Please write to ada@example.com about the invoice.';
    const [f] = detectPii(text);
    expect(redactedExcerpt(text, f!, 10)).toBe('…write to [REDACTED:EMAIL] about the…');
    expect(redactedExcerpt(text, f!, 100)).toBe('Please write to [REDACTED:EMAIL] about the invoice.');
  });

  it('masks other PII inside the window, even when the window cuts it', () => {
    const findings = detectPii(SAMPLE);
    for (const f of findings) {
      const excerpt = redactedExcerpt(SAMPLE, f, 30);
      for (const v of VALUES) expect(excerpt).not.toContain(v);
      // No long digit run of a neighbouring value survives at the window edge.
      expect(excerpt).not.toMatch(/\d{4,}/);
    }
  });

  it('collapses whitespace so an excerpt is one line', () => {
    const text = 'line one\nmail:\tada@example.com\n\nend';
    expect(redactedExcerpt(text, detectPii(text)[0]!, 40)).toBe('line one mail: [REDACTED:EMAIL] end');
  });
});

describe('summarizePii', () => {
  it('counts every type, zero included', () => {
    const counts = summarizePii(detectPii(SAMPLE));
    expect(counts).toEqual({
      email: 1, phone: 1, credit_card: 1, us_ssn: 1, iban: 1, ip_address: 1, api_key: 1, date_of_birth: 1, person: 1, address: 0, date: 0,
    });
    expect(summarizePii([]).email).toBe(0);
  });

  it('starts from every type of PII_TYPES, in its order', () => {
    expect(Object.keys(zeroCounts())).toEqual([...PII_TYPES]);
    expect(Object.values(zeroCounts()).every((n) => n === 0)).toBe(true);
  });
});

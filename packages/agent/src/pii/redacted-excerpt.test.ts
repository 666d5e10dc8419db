import { describe, expect, it } from 'vitest';
import { detectPii } from './detect-pii.js';
import { redactedExcerpt, redactedExcerptAmong } from './redacted-excerpt.js';

// Each text has an email the excerpt is built around, and another value that the scan of the
// original text misses because whitespace breaks it; the excerpt joins that whitespace.
const JOINED = [
  { text: 'mail ada@example.com or call 415\t555\t0132 today', leaked: '415 555 0132' },
  { text: 'card 4111 1111\n1111 1111 and ada@example.com', leaked: '4111 1111 1111 1111' },
  { text: 'ada@example.com 4111\n1111\n1111\n1111', leaked: '4111 1111 1111 1111' },
];

describe('redactedExcerpt re-scans what it produced', () => {
  for (const { text, leaked } of JOINED) {
    it(`masks a value completed by joining whitespace: ${JSON.stringify(text)}`, () => {
      const email = detectPii(text).find((f) => f.type === 'email')!;
      const excerpt = redactedExcerpt(text, email, 40);
      expect(excerpt).not.toContain(leaked);
      expect(detectPii(excerpt)).toEqual([]);
      expect(excerpt).toContain('[REDACTED:EMAIL]');
    });
  }

  it('leaves an excerpt without other PII as it was (the look-alike)', () => {
    const text = 'Please write to ada@example.com about the invoice 4111 of March.';
    const [f] = detectPii(text);
    expect(redactedExcerpt(text, f, 10)).toBe('…write to [REDACTED:EMAIL] about the…');
    expect(redactedExcerpt(text, f, 40)).toBe('Please write to [REDACTED:EMAIL] about the invoice 4111 of March.');
  });
});

describe('redactedExcerptAmong masks from the findings of the whole scan', () => {
  for (const { text, leaked } of JOINED) {
    it(`gives what redactedExcerpt gives, the re-scan included: ${JSON.stringify(text)}`, () => {
      const found = detectPii(text);
      const email = found.find((f) => f.type === 'email')!;
      const excerpt = redactedExcerptAmong(text, email, found, 40);
      expect(excerpt).toBe(redactedExcerpt(text, email, 40));
      expect(excerpt).not.toContain(leaked);
    });
  }

  it('masks a value that starts before the margin redactedExcerpt scans again (a long address line)', () => {
    const text = 'Send it to 14 Rua Augusta Carvalho Pinto 1620 Apt. 12, Vila Nova, Saint Vincent and the Grenadines 36907\n22 498317 office, thanks';
    const found = detectPii(text);
    expect(found.map((f) => f.type)).toEqual(['address', 'phone']);
    const phone = found[1]!;
    // The scan of the text around the phone starts inside the street, finds no address and leaves its end.
    expect(redactedExcerpt(text, phone, 20)).toBe('…he Grenadines 36907 [REDACTED:PHONE] office, thanks');
    expect(redactedExcerptAmong(text, phone, found, 20)).toBe('…[ADDRESS] [REDACTED:PHONE] office, thanks');
  });

  it('takes only the findings near the one it is built around, wherever it stands among many', () => {
    const text = Array.from({ length: 40 }, (_, i) => `row ${i}: mail user${i}@example.com today`).join('\n');
    const found = detectPii(text);
    expect(found).toHaveLength(40);
    for (const i of [0, 17, 39]) {
      const excerpt = redactedExcerptAmong(text, found[i]!, found, 30);
      expect(excerpt).toBe(redactedExcerpt(text, found[i]!, 30));
      expect(excerpt).not.toContain('@');
    }
  });
});

import { describe, expect, it } from 'vitest';
import { detectPii } from './detect-pii.js';
import { redactedExcerpt } from './redacted-excerpt.js';

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

import { describe, expect, it } from 'vitest';
import { createPiiScanner, SCAN_WINDOW } from './create-pii-scanner.js';
import { detectPii } from './detect-pii.js';
import { loadPresidio } from './pii-fixture.js';
import type { PiiFinding } from './pii-type.js';
import { summarizePii } from './summarize-pii.js';

/** Deterministic pseudo-random chunk sizes (a linear congruential generator). */
function chunker(seed: number, max: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return 1 + Math.floor((s / 2147483648) * max);
  };
}

function streamed(text: string, nextSize: () => number): { findings: PiiFinding[]; total: number } {
  const findings: PiiFinding[] = [];
  const scanner = createPiiScanner({ onFinding: (f) => findings.push(f) });
  for (let i = 0; i < text.length; ) {
    const n = nextSize();
    scanner.write(text.slice(i, i + n));
    i += n;
  }
  return { findings, total: scanner.end().total };
}

function jwt(header: object, payload: object): string {
  const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${b64(header)}.${b64(payload)}.${'s'.repeat(43)}`;
}

const VALUES = [
  'ada.lovelace@example.com',
  '+44 20 7946 0958',
  '(415) 555-0132',
  '4111 1111 1111 1111',
  'SSN 536-22-8726',
  'DE89 3704 0044 0532 0130 00',
  '2001:db8:85a3::8a2e:370:7334',
  'AKIA' + 'IOSFODNN7EXAMPLE',
  'born on 2/7/1961',
  'Dear Megan van der Payne,',
  'lives at 221B Baker Street, Flat 4\nLondon NW1 6XE\nUnited Kingdom',
  'Rua Joaquim de Oliveira Cruz 1615, Curitiba',
  'on 3. März 2024',
  'Kowalev, Lee and Phillips',
  ['eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9', 'eyJzdWIiOiIxMjM0NTY3ODkwIn0', 'x'.repeat(300)].join('.'),
  jwt({ alg: 'RS256', typ: 'JWT', kid: 'k'.repeat(400) }, { sub: 'user-1', scope: 'a '.repeat(300) }),
  ['-----BEGIN ' + 'PRIVATE KEY-----', 'QUJD'.repeat(400), '-----END ' + 'PRIVATE KEY-----'].join('\n'),
];

describe('createPiiScanner', () => {
  it('finds exactly what one-shot detection finds on the Presidio corpus, whatever the chunking', () => {
    const records = loadPresidio();
    expect(records.length).toBeGreaterThan(2000);
    const text = records.map((r) => r.full_text).join('\n');
    const expected = detectPii(text);
    for (const [seed, max] of [[1, 1], [2, 13], [3, 700], [4, 9000], [5, 200_000]] as const) {
      expect(streamed(text, chunker(seed, max)).findings).toEqual(expected);
    }
  });

  it('finds values that straddle the internal scan boundary', () => {
    const filler = 'lorem ipsum dolor sit amet, consectetur adipiscing elit. ';
    for (const value of VALUES) {
      for (let pad = SCAN_WINDOW - 400; pad < SCAN_WINDOW + 300; pad += 37) {
        const head = filler.repeat(Math.ceil(pad / filler.length)).slice(0, pad);
        const text = `${head} ${value} ${filler.repeat(40)}`;
        const expected = detectPii(text);
        expect(expected.length).toBeGreaterThanOrEqual(1);
        expect(streamed(text, chunker(pad, 64)).findings, `${value.slice(0, 20)} at ${pad}`).toEqual(expected);
      }
    }
  });

  it('keeps counts complete but only the first few excerpts', () => {
    const text = Array.from({ length: 50 }, (_, i) => `user${i}@example.com logged in from 203.0.113.${i}`).join('\n');
    const scanner = createPiiScanner({ maxExcerpts: 3, excerptRadius: 12 });
    scanner.write(text);
    const summary = scanner.end();
    expect(summary.counts).toEqual(summarizePii(detectPii(text)));
    expect(summary.total).toBe(100);
    expect(summary.length).toBe(text.length);
    expect(summary.excerpts).toHaveLength(3);
    expect(summary.excerpts[0]).toMatchObject({ type: 'email', start: 0, excerpt: '[REDACTED:EMAIL] logged in f…' });
    for (const e of summary.excerpts) expect(e.excerpt).not.toMatch(/@example\.com|203\.0\.113/);
  });

  it('masks in an excerpt what the scan found around the finding, also where a second scan of the margin would not', () => {
    const text = 'Send it to 14 Rua Augusta Carvalho Pinto 1620 Apt. 12, Vila Nova, Saint Vincent and the Grenadines 36907\n22 498317 office, thanks';
    for (const chunk of [text.length, 7]) {
      const scanner = createPiiScanner({ excerptRadius: 20 });
      for (let i = 0; i < text.length; i += chunk) scanner.write(text.slice(i, i + chunk));
      const { excerpts } = scanner.end();
      expect(excerpts.map((e) => e.type)).toEqual(['address', 'phone']);
      expect(excerpts[1]!.excerpt).toBe('…[ADDRESS] [REDACTED:PHONE] office, thanks');
    }
  });

  it('masks every type in the excerpts of a scanner that looks for some types only', () => {
    // The excerpt starts inside the card number: only a scan for cards finds its tail's value.
    const text = 'Please bill cc 4716379142021968 on my e-mail someone@example.org today';
    const scanner = createPiiScanner({ types: ['email'], excerptRadius: 20 });
    scanner.write(text);
    const { counts, excerpts } = scanner.end();
    expect(counts.email).toBe(1);
    expect(counts.credit_card).toBe(0);
    expect(excerpts[0]!.excerpt).toBe('…[REDACTED:CREDIT_CARD] on my e-mail [REDACTED:EMAIL] today');
  });

  it('stays bounded on an endless unterminated private key and still reports it once', () => {
    const scanner = createPiiScanner();
    scanner.write('-----BEGIN ' + 'PRIVATE KEY-----\n');
    for (let i = 0; i < 200; i++) scanner.write('QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo=\n'.repeat(100));
    scanner.write('\nthen mail ada@example.com');
    const { counts } = scanner.end();
    expect(counts.api_key).toBe(1);
    expect(counts.email).toBe(1);
  });

  it('handles an empty stream and refuses writes after end()', () => {
    const scanner = createPiiScanner();
    expect(scanner.end()).toMatchObject({ total: 0, length: 0, excerpts: [] });
    expect(() => scanner.write('more')).toThrow(/after end/);
  });

  it('applies type and confidence filters', () => {
    const scanner = createPiiScanner({ types: ['email'], minConfidence: 'high' });
    scanner.write('ada@example.com 8.8.8.8');
    expect(scanner.end().counts).toMatchObject({ email: 1, ip_address: 0 });
  });
});

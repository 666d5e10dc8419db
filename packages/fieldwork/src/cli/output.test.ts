import { afterEach, describe, expect, it, vi } from 'vitest';
import { printJson, printJsonStreamed } from './output.js';

/** What a print function writes to stdout, and in how many writes. */
function captured(print: () => void): { text: string; writes: number; chunks: string[] } {
  const chunks: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => (chunks.push(String(chunk)), true));
  try {
    print();
  } finally {
    spy.mockRestore();
  }
  return { text: chunks.join(''), writes: chunks.length, chunks };
}

describe('printJsonStreamed', () => {
  afterEach(() => vi.restoreAllMocks());

  it('writes the bytes printJson writes, a member and an array element at a time', () => {
    const doc = {
      period: { from: '2026-01-01', to: '2026-03-31' },
      empty: [],
      skipped: undefined,
      summary: { controls: 3, note: 'line one\nline two "quoted"' },
      results: [{ control: 'HR-05', exceptions: [{ rule: 'r', citations: [{ artifact: 'a', locator: 'line 2' }] }], notes: [] }, 'text', 7, null, [1, [2, { x: undefined }]], { nested: { deeper: [{}] } }],
      report: '/tmp/x.md',
    };
    const whole = captured(() => printJson(doc));
    const streamed = captured(() => printJsonStreamed(doc));
    expect(streamed.text).toBe(whole.text);
    expect(streamed.writes).toBeGreaterThan(doc.results.length);
    expect(JSON.parse(streamed.text)).toEqual(JSON.parse(whole.text));
  });

  it('builds an element given as a function only as it writes it', () => {
    const built: number[] = [];
    const el = (i: number) => () => (built.push(i), { i, list: [i, i + 1] });
    const streamed = captured(() => printJsonStreamed({ results: [el(0), el(1)], tail: true }));
    expect(built).toEqual([0, 1]);
    expect(streamed.text).toBe(captured(() => printJson({ results: [{ i: 0, list: [0, 1] }, { i: 1, list: [1, 2] }], tail: true })).text);
    expect(captured(() => printJsonStreamed({})).text).toBe(captured(() => printJson({})).text);
  });
});

describe('printJsonStreamed with long arrays', () => {
  it('writes an element with an array longer than a thousand members a row at a time, with the bytes printJson writes', () => {
    const rows = Array.from({ length: 2500 }, (_, i) => ({ rule: 'change.direct_push', at: i % 3 ? `2026-05-0${1 + (i % 9)}` : undefined, fn: () => i, citations: [{ artifact: 'a', locator: `line ${i}` }], nested: i % 500 === 0 ? Array.from({ length: 1200 }, (__, k) => (k % 2 ? k : undefined)) : [] }));
    const doc = { header: { empty: {}, list: [] }, results: [() => ({ control: 'CHG-01', exceptions: rows, skipped: undefined, tail: [undefined, () => 1, Symbol('s')], count: 2500 }), { exceptions: [] }, { exceptions: Array.from({ length: 1001 }, () => ({})) }], report: 'x' };
    const whole = captured(() => printJson({ ...doc, results: [doc.results[0] as () => unknown].map((f) => f()).concat(doc.results.slice(1)) }));
    const streamed = captured(() => printJsonStreamed(doc));
    expect(streamed.text).toBe(whole.text);
    // Row by row: far more writes than controls, and no write near the size of the document.
    expect(streamed.writes).toBeGreaterThan(5000);
    expect(Math.max(...streamed.chunks.map((c) => c.length))).toBeLessThan(whole.text.length / 50);
  });
});

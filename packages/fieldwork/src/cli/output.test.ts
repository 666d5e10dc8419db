import { afterEach, describe, expect, it, vi } from 'vitest';
import { printJson, printJsonStreamed } from './output.js';

/** What a print function writes to stdout, and in how many writes. */
function captured(print: () => void): { text: string; writes: number } {
  const chunks: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => (chunks.push(String(chunk)), true));
  try {
    print();
  } finally {
    spy.mockRestore();
  }
  return { text: chunks.join(''), writes: chunks.length };
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

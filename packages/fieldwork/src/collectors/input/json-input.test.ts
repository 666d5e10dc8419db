import { describe, expect, it } from 'vitest';
import { parseJsonText } from './json-input.js';

describe('parseJsonText', () => {
  it('names the line of a syntax error and never echoes the input', () => {
    const text = '{\n  "a": 1,\n  "content": My SSN is 078-05-1120\n}';
    let err: unknown;
    try {
      parseJsonText(text, 'log.json');
    } catch (e) {
      err = e;
    }
    expect(err).toMatchObject({ code: 'INPUT_MALFORMED', where: { file: 'log.json', line: 3 } });
    expect((err as Error).message).not.toContain('078-05-1120');
    expect((err as { hint: string }).hint).not.toContain('truncated');
  });

  it('calls a cut-off document truncated and points at its end', () => {
    expect(() => parseJsonText('{\n  "a": [1, 2', 'cut.json')).toThrow(expect.objectContaining({ where: expect.objectContaining({ line: 2 }), hint: expect.stringContaining('truncated') }));
  });

  it('adds the line offset of a JSON Lines record', () => {
    expect(() => parseJsonText('{"a": nope}', 'x.jsonl', 41)).toThrow(expect.objectContaining({ where: expect.objectContaining({ line: 42 }) }));
  });
});

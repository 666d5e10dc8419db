import { describe, expect, it } from 'vitest';
import { LineCounter, parseDocument } from 'yaml';
import { parsePolicy } from '../../policies/policy-files.js';
import { parseWorkspace } from '../../workspace/index.js';
import { yamlValue } from './yaml-value.js';

/** Nine anchors each repeating the previous one nine times: 9^7 nodes once expanded. */
const BOMB = ['a: &a [x, x, x, x, x, x, x, x, x]', ...'bcdefg'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefg'[i]}`).join(', ')}]`)].join('\n');

describe('yamlValue', () => {
  it('resolves ordinary anchors and merges', () => {
    const lc = new LineCounter();
    const doc = parseDocument('base: &b { owner: maya }\nx: { <<: *b, id: 1 }\ny: *b\n', { lineCounter: lc, merge: true });
    expect(yamlValue(doc, lc, 'f.yaml')).toEqual({ base: { owner: 'maya' }, x: { owner: 'maya', id: 1 }, y: { owner: 'maya' } });
  });

  it('refuses an alias bomb and an alias without anchor, naming the line of the first alias', () => {
    const lc = new LineCounter();
    expect(() => yamlValue(parseDocument(BOMB, { lineCounter: lc }), lc, 'f.yaml')).toThrow(expect.objectContaining({ code: 'INPUT_MALFORMED', where: { file: 'f.yaml', line: 2 } }));
  });

  it('gives the same limits to fieldwork.yaml (exit 2) and to policy front matter (exit 3)', () => {
    expect(() => parseWorkspace(`${BOMB}\n`, 'fieldwork.yaml')).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
    expect(() => parsePolicy(`---\n${BOMB}\nid: *g\n---\n# x\n`, 'p.md')).toThrow(expect.objectContaining({ code: 'INPUT_MALFORMED', where: expect.objectContaining({ file: 'p.md' }) }));
    // A map where a name belongs used to be a TypeError in String() (exit 70; found by the fuzzer).
    expect(() => parsePolicy('---\nid: a\ntitle: A\nversion: 1\nowner: { toString: x }\n---\n# x\n', 'p.md')).toThrow(expect.objectContaining({ code: 'INPUT_INVALID_RECORD', where: expect.objectContaining({ pointer: '/owner' }) }));
    // Empty front matter used to be a TypeError (exit 70).
    expect(() => parsePolicy('---\n\n---\n# x\n', 'p.md')).toThrow(expect.objectContaining({ code: 'INPUT_WRONG_FORMAT' }));
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codeAt } from './code-at.js';
import { CUE_END_WORDS, CUE_NAMING, CUE_OTHER, CUE_TITLE, GREETINGS, HEADERS, NAMING, NAMING_PAIRS, NO_CUE, PAIRS, personCue, RELATIONS, TITLES } from './person-cue.js';
import { isLetter, wordEndBefore, wordStart } from './word-before.js';
import { WordTable } from './word-table.js';

describe('personCue', () => {
  it('finds titles, greetings, introductions, headers and relations before a name', () => {
    const cue = (text: string): number => personCue(text, text.indexOf('Ana'));
    expect(cue('Dr. Ana')).toBe((0 << 2) | CUE_TITLE);
    expect(cue('Dear Ana')).toBe((0 << 2) | CUE_OTHER);
    expect(cue('so my name is Ana')).toBe((11 << 2) | CUE_NAMING);
    expect(cue("I'm Ana")).toBe((2 << 2) | CUE_NAMING);
    expect(cue('From: Ana')).toBe((0 << 2) | CUE_OTHER);
    expect(cue('Name: Ana')).toBe((0 << 2) | CUE_NAMING);
    expect(cue('my wife Ana')).toBe((3 << 2) | CUE_OTHER);
    expect(cue('spoke with Ana')).toBe((6 << 2) | CUE_OTHER);
    expect(cue('went to Ana')).toBe(NO_CUE);
    expect(cue('Sincerelyy Ana')).toBe(NO_CUE);
  });

  it('answers as the word-by-word reading it replaces, over cue words, near misses and other scripts', () => {
    const words = [...CUE_END_WORDS, ...'my name i this ask speak spoke talk talked spoken thank behalf married regards wife partner colleagues neighbours sincerelyy passengers x'.split(' ')];
    const word = fc.oneof(
      fc.constantFrom(...words),
      fc.constantFrom(...words).map((w) => w.toUpperCase()),
      fc.constantFrom(...words).map((w) => (w[0] as string).toUpperCase() + w.slice(1)),
      fc.constantFrom('señor', 'SEÑOR', 'chère', 'İ', 'i̇s', 'é', 'naïve', 'ab\u0301', '\u{1D49C}'),
    );
    const gap = fc.constantFrom(' ', '  ', ', ', ': ', ':', '.', '. ', '.: ', '\n', '\r\n', ',\n\t', "'", '’', '-', '3', '', ' ,  : ');
    fc.assert(
      fc.property(fc.array(fc.tuple(word, gap), { minLength: 1, maxLength: 5 }), (pieces) => {
        const text = `${pieces.map(([w, g]) => w + g).join('')}Ana`;
        for (let start = 0; start <= text.length; start++) expect([text, start, personCue(text, start)]).toEqual([text, start, oldPersonCue(text, start)]);
      }),
      { numRuns: 4000, seed: 12 },
    );
  });
});

// The reading personCue replaced (main at 1ac2d13): each word found by wordEndBefore and
// wordStart and looked up whole, the pair looked up before the word before it; the cue words are
// person-cue.ts's own.
const TITLE = 1;
const HEADER = 2;
const NAMING_WORD = 4;
const GREETING = 8;
const RELATION = 16;
/** Every word that can end a cue: any other word before a name settles that there is none. */
const CUE_END = 32;
const M = 64;
const S = 128;
const MY = 256;
const NAME = 512;
const WORDS = new WordTable([
  ...[...TITLES].map((w) => [w, TITLE | CUE_END] as const),
  ...[...HEADERS].map((w) => [w, HEADER | CUE_END] as const),
  ...[...NAMING].map((w) => [w, NAMING_WORD | CUE_END] as const),
  ...[...GREETINGS].map((w) => [w, GREETING | CUE_END] as const),
  ...[...RELATIONS].map((w) => [w, RELATION | CUE_END] as const),
  ...[...PAIRS, ...NAMING_PAIRS].map((pair) => [pair.slice(pair.indexOf(' ') + 1), CUE_END] as const),
  ['m', M | CUE_END],
  ['s', S | CUE_END],
  ['my', MY],
  ['name', NAME],
]);
const NAMING_PAIR = 1;
const OTHER_PAIR = 2;
const PAIR_TABLE = new WordTable([
  ...[...PAIRS].map((pair) => [pair, OTHER_PAIR] as const),
  ...[...NAMING_PAIRS].map((pair) => [pair, NAMING_PAIR] as const),
]);

function oldPersonCue(text: string, start: number): number {
  let i = start;
  let colon = false;
  for (let n = 0; n < 4 && i > 0; n++) {
    const c = text.charCodeAt(i - 1);
    if (c === 32 || c === 10 || c === 13 || c === 9 || c === 44) i--;
    else if (c === 58) {
      colon = true;
      i--;
    } else break;
  }
  // Words are looked up by hash in place, never sliced: most capitalised words have no cue.
  const end1 = wordEndBefore(text, i, 0, true);
  if (end1 < 0) return NO_CUE;
  const start1 = wordStart(text, end1);
  const f1 = WORDS.get(text, start1, end1);
  if ((f1 & CUE_END) === 0) return NO_CUE;
  const cue = start1 << 2;
  if ((f1 & TITLE) !== 0) return cue | CUE_TITLE;
  if (colon && (f1 & HEADER) !== 0) return cue | ((f1 & NAME) !== 0 ? CUE_NAMING : CUE_OTHER);
  if ((f1 & NAMING_WORD) !== 0) return cue | CUE_NAMING;
  // "I'm Ana": the word before is "m" after "I'".
  if ((f1 & M) !== 0 && start1 >= 2 && (text.charCodeAt(start1 - 1) === 39 || text.charCodeAt(start1 - 1) === 8217)) {
    const c = text.charCodeAt(start1 - 2);
    if ((c === 73 || c === 105) && !isLetter(codeAt(text, start1 - 3))) return cue | CUE_NAMING;
  }
  if ((f1 & GREETING) !== 0) return cue | CUE_OTHER;
  const end2 = wordEndBefore(text, start1, 1);
  if (end2 < 0) return NO_CUE;
  const start2 = wordStart(text, end2);
  // One space stands between the two words, so the pair is the text from one to the other.
  const pair = PAIR_TABLE.get(text, start2, end1);
  if ((pair & NAMING_PAIR) !== 0) return cue | CUE_NAMING;
  if ((pair & OTHER_PAIR) !== 0) return cue | CUE_OTHER;
  const f2 = WORDS.get(text, start2, end2);
  if ((f2 & MY) !== 0 && (f1 & RELATION) !== 0) return cue | CUE_OTHER;
  // "my partner's name Donald", "my wife's": a relation's name follows.
  if ((f1 & S) !== 0 && (f2 & RELATION) !== 0) return cue | CUE_OTHER;
  return NO_CUE;
}

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CITY, COMMON, COUNTRY, HASH_SEED, hashStep, lookupSpan, lowerCode, PLACE_HEAD } from './name-index.js';
import type { PiiFinding } from './pii-type.js';
import { glued, place } from './place.js';
import { placeGoesOn } from './place-goes-on.js';
import { isLetter, wordEndBefore, wordStart } from './word-before.js';
import { WordTable } from './word-table.js';

// place() as it read before the phrases carried their hash: every phrase looked up by lookupSpan
// from the word's start, the cue read whole before any place. The cue words are place.ts's.
const CUES = new WordTable([
  ...'in from to at near visit visited visiting live lives lived based moved born arrived flew travel travelled traveled trip office branch city town country nach aus à en em naar uit från till'
    .split(' ')
    .map((w) => [w, 1] as const),
  ...['in', 'from', 'at', 'to', 'near'].map((w) => [w, 2] as const),
]);
const PLACE = CITY | COUNTRY;

function cueBefore(text: string, start: number): number {
  const end = wordEndBefore(text, start, 1);
  return end < 0 ? 0 : CUES.get(text, wordStart(text, end), end);
}

function reference(text: string, start: number, end: number, cap: boolean, flags?: number, lowerCue?: number): PiiFinding | undefined {
  const own = flags ?? lookupSpan(text, start, end);
  if ((own & (PLACE | PLACE_HEAD)) === 0) return undefined;
  let cue = cap ? 0 : (lowerCue ?? cueBefore(text, start));
  if (!cap && (cue & 2) === 0) return undefined;
  let best = -1;
  let bestFlags = 0;
  let words = 0;
  let at = start;
  let j = end;
  for (let k = 0; k < 4; k++) {
    if (k > 0) {
      j = at;
      while (j < text.length && (isLetter(text.charCodeAt(j)) || text.charCodeAt(j) === 39 || text.charCodeAt(j) === 45)) j++;
      if (j === at) break;
    }
    const f = k === 0 ? own : lookupSpan(text, start, j);
    if ((f & PLACE) !== 0) {
      best = j;
      bestFlags = f;
      words = k + 1;
    }
    if ((own & PLACE_HEAD) === 0 || text.charCodeAt(j) !== 32) break;
    at = j + 1;
    if (cap && !placeGoesOn(text, at)) break;
    if (!cap && !isLetter(text.charCodeAt(at))) break;
  }
  if (best < 0) return undefined;
  if (words === 1 && (bestFlags & COMMON) !== 0) return undefined;
  if (cap) cue = cueBefore(text, start);
  if ((bestFlags & COUNTRY) === 0 && (cue & 1) === 0) return undefined;
  return { type: 'address', start, end: best, validated: false, confidence: 'low' };
}

/** The hash the scan gives a word of ASCII letters, -1 for any other word (the caller has none). */
function scanHash(text: string, start: number, end: number): number {
  let h = HASH_SEED;
  for (let k = start; k < end; k++) {
    const c = text.charCodeAt(k);
    if (!((c >= 65 && c <= 90) || (c >= 97 && c <= 122))) return -1;
    h = hashStep(h, lowerCode(c));
  }
  return h;
}

describe('place', () => {
  it('finds what the phrase-by-phrase lookups from the word start found, with and without the hash and flags', () => {
    const piece = fc.constantFrom(
      ' ', ' ', ' ', ', ', '. ', '\n', '-', "'", 'in ', 'from ', 'visited ', 'travelled ', 'flew to ', 'at ', 'near ', 'untravelled ', 'à ', 'från ',
      'Rio', 'Rio de Janeiro', 'rio de janeiro', 'San', 'San Francisco', 'San Diego', 'New', 'New York', 'New York City', 'new york', 'Isle of Man', 'Isle', 'of', 'Man',
      'The Bahamas', 'The Hague', 'Aliso Viejo', 'Apple Valley', 'Apple', 'Valley', 'Paris', 'paris', 'Germany', 'germany', 'Marshall Islands', 'Marshall',
      'Bosnia and Herzegovina', 'Bosnia', 'and', 'Herzegovina', 'Saint', 'Saint Louis', 'Los', 'Los Angeles', 'Las Vegas', 'Grand', 'Grand Rapids', 'Côte', "Côte d'Ivoire",
      'São Paulo', 'São', 'Ελλάδα', 'Αθήνα', 'İstanbul', 'İzmir', 'Kraków', 'México', 'Megan', 'Will', 'Mobile', 'Reading', 'x', 'Qzx',
    );
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 12 }), fc.boolean(), (pieces, cap) => {
        const text = pieces.join('');
        // Every word start, as the person detector (capitalised) and the lowercase places read them.
        for (let start = 0; start < text.length; start++) {
          if (!isLetter(text.charCodeAt(start)) || (start > 0 && isLetter(text.charCodeAt(start - 1)))) continue;
          let end = start;
          while (end < text.length && isLetter(text.charCodeAt(end))) end++;
          const flags = lookupSpan(text, start, end);
          const want = reference(text, start, end, cap, flags);
          expect(place(text, start, end, cap, flags, undefined, scanHash(text, start, end))).toEqual(want);
          expect(place(text, start, end, cap, flags)).toEqual(want);
          expect(place(text, start, end, cap)).toEqual(reference(text, start, end, cap));
          if (!cap) expect(place(text, start, end, cap, undefined, 3)).toEqual(reference(text, start, end, cap, undefined, 3));
        }
      }),
      { numRuns: 2000, seed: 42 },
    );
  });

  it('reads phrases of several words and a cue word of any length', () => {
    expect(place('flew to New York City today', 8, 11, true)).toEqual({ type: 'address', start: 8, end: 16, validated: false, confidence: 'low' });
    expect(place('visited Bosnia and Herzegovina', 8, 14, true)?.end).toBe(30);
    // A city needs a cue; a word longer than every cue is none.
    expect(place('travelled Las Vegas', 10, 13, true)?.end).toBe(19);
    expect(place('untravelled Las Vegas', 12, 15, true)).toBeUndefined();
  });
});

describe('glued', () => {
  it('answers as the compare chain it replaces for every unit before a word', () => {
    for (let b = 0; b < 0x800; b++) {
      const want = isLetter(b) || (b >= 48 && b <= 57) || b === 95 || b === 64 || b === 46 || b === 47 || b === 92 || b === 35 || b === 61;
      expect([b, glued(`${String.fromCharCode(b)}Ana`, 1)]).toEqual([b, want]);
    }
    expect(glued('Ana', 0)).toBe(false);
  });
});

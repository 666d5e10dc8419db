import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codeAt } from './code-at.js';
import { ADDRESS_TAIL, ADDRESS_UNIT, detectAddress, gluedNameAfter, gluedStreet, numberBefore, partHasDigit, pathTo, unitEnd, wordBeforeStop } from './detect-address.js';
import type { PiiFinding } from './pii-type.js';
import { scanText } from './text-scan.js';
import { isLetter } from './word-before.js';

function places(text: string): Array<[string, boolean]> {
  const out: PiiFinding[] = [];
  detectAddress(text, out);
  return out.map((f) => [text.slice(f.start, f.end), f.validated]);
}

describe('detectAddress', () => {
  it('finds streets with the street word after, before or glued to the name, with what follows', () => {
    expect(places('Send it to 1536 Sunset Drive, Columbus, OH 43004 please')).toEqual([['1536 Sunset Drive, Columbus, OH 43004', true]]);
    expect(places('Wohnt in der Hauptstraße 12, 10115 Berlin.')).toEqual([['Hauptstraße 12, 10115 Berlin', true]]);
    expect(places('billing: 11 via goffredo mameli 149\n suite 268')).toEqual([['11 via goffredo mameli 149\n suite 268', true]]);
    expect(places('ul. Długa 5, 00-238 Warszawa')).toEqual([['ul. Długa 5, 00-238 Warszawa', true]]);
    expect(places('Filip lives on Nassaustraat 123 street.')[0]).toEqual(['Nassaustraat 123', true]);
  });

  it('reads every street word glued to a name, in any case, before or after the number', () => {
    const glued = 'straße strasse str weg gasse allee platz ring damm ufer laan straat gracht plein kade singel dreef steeg vej gade gatan vägen väg veien vegen gata gaten katu tie kuja polku utca ulice cesta sokak sokağı caddesi bulvarı'.split(' ');
    for (const word of glued) {
      // Upper case only where it lowercases back ("I" is "i", not "ı").
      const upper = word.toUpperCase().toLowerCase() === word ? [`ZORB${word.toUpperCase()}`] : [];
      for (const name of [`Zorb${word}`, ...upper]) {
        expect(places(`Lieferung an ${name} 5 bitte`)).toEqual([[`${name} 5`, true]]);
        expect(places(`Lieferung an 5 ${name} bitte`)).toEqual([[`5 ${name}`, true]]);
        expect(places(`Lieferung an 5 ${name}`)[0]?.[0]).toBe(`5 ${name}`);
      }
      // A word whose last letter matches and the one before does not is no street.
      const wrong = `Zorb${word.slice(0, -2)}q${word.slice(-1)}`;
      expect(places(`Lieferung an ${wrong} 5 bitte`)).toEqual([]);
    }
  });

  it('extends a street over the parts after it as the tail rules say: a capital after a comma or line break, a town after a postcode, no phone', () => {
    expect(places('Send it to 12 Main Street, Zorblatt please')).toEqual([['12 Main Street, Zorblatt please', true]]);
    expect(places('Send it to 12 Main Street\n Zorblatt')).toEqual([['12 Main Street\n Zorblatt', true]]);
    expect(places('Send it to 12 Main Street Zorblatt please')).toEqual([['12 Main Street', true]]);
    expect(places('Send it to 12 Main Street, 10115 Zorblatt.')).toEqual([['12 Main Street, 10115 Zorblatt', true]]);
    expect(places('Send it to 12 Main Street, 10115 zorblatt')).toEqual([['12 Main Street, 10115', true]]);
    expect(places('at 12 Main Street\n 0479 50 54 03')).toEqual([['12 Main Street', true]]);
    expect(places('at 12 Main Street, Apt. 5, Berlin.')).toEqual([['12 Main Street, Apt. 5, Berlin', true]]);
    expect(places('at 12 Main Street, Úbeda')).toEqual([['12 Main Street, Úbeda', true]]);
    // Each part starts after a space, a tab, a comma or a line break, and nowhere else.
    expect(places('at 12 Main Street\t10115 Berlin')).toEqual([['12 Main Street\t10115 Berlin', true]]);
    expect(places('at 12 Main Street,\tBerlin')).toEqual([['12 Main Street,\tBerlin', true]]);
    expect(places('at 12 Main Street;Berlin')).toEqual([['12 Main Street', true]]);
    expect(places('is it 12 Main Street? Berlin')).toEqual([['12 Main Street', true]]);
  });

  it('takes a name and number after an address cue, and a postcode after its label', () => {
    expect(places('Shelby lives at 87 Jakobi 69, Laane')[0]?.[0]).toMatch(/^87 Jakobi 69/);
    expect(places('ZIP: 11164')).toEqual([['11164', true]]);
  });

  it('takes the ZIP of "City, ST 12345" with its city, from the scan\'s runs and without them', () => {
    const scanned = (text: string): string[] => {
      const out: PiiFinding[] = [];
      detectAddress(text, out, [], scanText(text));
      return out.map((f) => text.slice(f.start, f.end));
    };
    for (const [text, want] of [
      ['Mail it to Zorbville, IL 62704 today', ['Zorbville, IL 62704']],
      ['Zorbville, IL 62704', ['Zorbville, IL 62704']],
      // Five digits, one space and the state code before them: no other shape.
      ['Zorbville, IL 6270 today', []],
      ['Zorbville, IL  62704 today', []],
      ['Zorbville, Il 62704 today', []],
    ] as const) {
      expect(places(text).map(([found]) => found)).toEqual(want);
      expect(scanned(text)).toEqual(want);
    }
  });

  it('reports countries and cued cities unvalidated', () => {
    expect(places('I am originally from Bahamas')).toEqual([['Bahamas', false]]);
    expect(places('the princess arrived at berlin this morning')).toEqual([['berlin', false]]);
  });

  it('leaves the compliant look-alikes alone: quantities, versions, times, prices, ids', () => {
    expect(places('We shipped 12 boxes on 3 pallets.')).toEqual([]);
    expect(places('Upgrade to 4.2 Street Fighter edition? No: v12.3 build 4401')).toEqual([]);
    expect(places('Meeting at 10:30, room 5; total $49.99; order 12345 of 2 items')).toEqual([]);
    expect(places('Reading is fun and Mobile apps are everywhere.')).toEqual([]);
  });
});

describe('detectAddress helpers read in place', () => {
  it('numberBefore finds what /(\\d{1,5}) $/ finds in the seven characters before', () => {
    const piece = fc.constantFrom('1', '23', '456', '7890', '12345', '123456', '1234567', ' ', ' ', '  ', 'a', 'Rua', ',', '-', '\n');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), (pieces) => {
        const text = `${pieces.join('')}Rua Augusta 5`;
        for (let from = 0; from <= text.length; from++) {
          const lead = /(\d{1,5}) $/.exec(text.slice(Math.max(0, from - 7), from));
          expect(numberBefore(text, from)).toBe(lead === null ? from : from - lead[0].length);
        }
      }),
      { numRuns: 3000, seed: 43 },
    );
  });

  it('partHasDigit says of every part the tail regex reads whether it has a digit', () => {
    const piece = fc.constantFrom(
      ' ', ', ', ',', '\n', ' \t', '\t', 'Apt 4', 'apt. #12b', 'Suite 200', 'n° 7', '#3', 'no 12', 'SW1A 1AA', 'sw1a1aa', 'EC1 2AB', 'K1A 0B1', 'k1a0b1',
      '00-238', '1234-567', '94107', '94107-1234', '123 45', '1234 AB', '1234AB', '1234', 'Berlin', 'Rio de Janeiro 20040', 'Paris 75001', "Côte d'Ivoire",
      'St. Louis', 'Berlin.', 'Mitte.', 'x', '7', '12', 'é', 'Ab', 'A', '.', '-', "O'Neil", 'Zürich 8001', 'ſtreet', 'K1',
    );
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 10 }), (pieces) => {
        const text = pieces.join('');
        for (let at = 0; at < text.length; at++) {
          ADDRESS_TAIL.lastIndex = at;
          if (!ADDRESS_TAIL.test(text)) continue;
          let stop = ADDRESS_TAIL.lastIndex;
          if (text.charCodeAt(stop - 1) === 46 && /\p{L}{4}\.$/u.test(text.slice(at, stop))) stop -= 1;
          let from = at;
          while (' \t,\n'.includes(text[from] as string)) from++;
          expect(partHasDigit(text, from, stop)).toBe(/\d/.test(text.slice(from, stop)));
        }
      }),
      { numRuns: 3000, seed: 43 },
    );
  });

  it('wordBeforeStop says what /\\p{L}{4}\\.$/u says of the part before every full stop', () => {
    const piece = fc.constantFrom('a', 'Z', 'Berlin', 'ab', '.', ' ', '1', '_', 'é', 'É', '\u0301', 'ß', 'ж', '中', '\u{1d49c}', '\ud835', '\udc9c', '\u00aa', '\u00d7', '-', "'", 'Mitte.');
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 10 }), (pieces) => {
        const text = pieces.join('');
        for (let stop = 1; stop <= text.length; stop++) {
          if (text.charCodeAt(stop - 1) !== 46) continue;
          for (let at = 0; at < stop; at++) expect(wordBeforeStop(text, at, stop)).toBe(/\p{L}{4}\.$/u.test(text.slice(at, stop)));
        }
      }),
      { numRuns: 3000, seed: 47 },
    );
  });
});

describe('gluedStreet', () => {
  it('says whether the word, lowercased unit by unit, ends in a street word', () => {
    const glued = 'straße strasse str weg gasse allee platz ring damm ufer laan straat gracht plein kade singel dreef steeg vej gade gatan vägen väg veien vegen gata gaten katu tie kuja polku utca ulice cesta sokak sokağı caddesi bulvarı'.split(' ');
    // Pieces of street words (their ends above all) in both cases, and letters around them.
    const piece = fc.constantFrom(...glued, ...glued.map((w) => w.slice(-2)), ...glued.map((w) => w.slice(-3).toUpperCase()), 'e', 'n', 't', 'S', 'ä', 'Ä', 'ß', 'ı', 'İ', 'K', '\u212a', 'units', 'minute', 'Haupt', 'x', 'AN', 'EG');
    const lower = (w: string): string => [...w].map((ch) => (ch.toLowerCase().length === 1 ? ch.toLowerCase() : '\u0000')).join('');
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 4 }), (pieces) => {
        const word = pieces.join('');
        const text = `at ${word} 5`;
        const expected = word.length >= 2 && glued.some((g) => lower(word).endsWith(g));
        expect(gluedStreet(text, 3, 3 + word.length)).toBe(expected);
      }),
      { numRuns: 5000, seed: 43 },
    );
  });
});

describe('the per-number readers of the address step', () => {
  // The readers as they were before their ASCII fast paths, to compare with.
  const before = {
    pathTo(text: string, end: number, street: number): boolean {
      let spaces = 0;
      for (let i = end; i < street; i++) {
        const c = text.charCodeAt(i);
        if (c === 32) {
          if (++spaces > 6) return false;
        } else if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 39 || c === 8217 || c === 46 || c === 45 || c === 47 || c === 44 || (c >= 128 && isLetter(c)))) return false;
      }
      return true;
    },
    gluedNameAfter(text: string, end: number): boolean {
      let i = end;
      if (codeAt(text, i) === 44) i++;
      if (codeAt(text, i) !== 32) return false;
      const start = ++i;
      for (; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c >= 0xd800 && c <= 0xdfff) return true;
        if (!isLetter(c) && c !== 45) break;
      }
      return i - start >= 4 && gluedStreet(text, start, i);
    },
  };
  it('pathTo and gluedNameAfter answer as the char-range readers did, at every position', () => {
    const piece = fc.constantFrom(
      ' ', ' ', ',', ', ', '12', '5', 'Main', 'Street', 'Hauptstraße', 'Storgatan', 'Nassaustraat', 'gatan', 'GATAN', 'x', '-', '/', "'", '’', '.', ':', ';', '@', '[', '`', '{', '~',
      '\u007f', '\t', '\n', 'é', 'É', 'ß', '\u00d7', '\u0301', '😀', 'İ', 'Ｍａｉｎ', '\u212a', 'ulice', 'sokağı', 'A', 'Z', 'a', 'z',
    );
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 14 }), (pieces) => {
        const text = pieces.join('');
        for (let end = 0; end <= text.length; end++) {
          expect(gluedNameAfter(text, end)).toBe(before.gluedNameAfter(text, end));
          // With the unit at `end` from the caller, as the street step passes the scan's.
          expect(gluedNameAfter(text, end, codeAt(text, end))).toBe(before.gluedNameAfter(text, end));
          for (let street = end; street <= text.length; street += 3) expect(pathTo(text, end, street)).toBe(before.pathTo(text, end, street));
        }
      }),
      { numRuns: 3000, seed: 43 },
    );
  });
});

describe('unitEnd', () => {
  it('ends where the unit regex ends, at every position', () => {
    const piece = fc.constantFrom(
      ' ', ' ', ',', ', ', ',,', ' ,', 'apt 4', 'Apt. #12b', 'APARTMENT 7', 'suite 200', 'Ste 3', 'unit 9', 'flat 2', 'fl 3', 'Floor 4', 'room 5', 'bldg 6', 'Building 7',
      '#8', '# 9', 'no 10', 'No. 11', 'nr 12', 'n° 13', 'N° 14', 'piso 2', 'étage 3', 'ÉTAGE 4', 'wohnung 5', 'lgh 1101', 'bus 3', 'ſuite 5', 'Main', 'x', '12', 'Zorb', 'Kapt 4', '\n',
    );
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 8 }), (pieces) => {
        const text = pieces.join('');
        for (let at = 0; at <= text.length; at++) {
          // The regex first: unitEnd runs the same regex object and moves its lastIndex.
          ADDRESS_UNIT.lastIndex = at;
          const expected = ADDRESS_UNIT.test(text) ? ADDRESS_UNIT.lastIndex : at;
          expect(unitEnd(text, at)).toBe(expected);
        }
      }),
      { numRuns: 3000, seed: 43 },
    );
  });
});

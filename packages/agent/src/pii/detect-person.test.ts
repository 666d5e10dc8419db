import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectPerson, PARTICLES, particleGap, plainShaped, READ, readName } from './detect-person.js';
import { HASH_SEED, hashStep, lookupToken, lowerCode } from './name-index.js';
import { isLetter, wordEnd } from './word-before.js';
import type { PiiFinding } from './pii-type.js';
import { NOT_CUED, POSSESSIVE, scanText } from './text-scan.js';

function names(text: string): Array<[string, boolean]> {
  const out: PiiFinding[] = [];
  detectPerson(text, out);
  return out.map((f) => [text.slice(f.start, f.end), f.validated]);
}

describe('detectPerson', () => {
  it('finds full names from the lists and validates them', () => {
    expect(names('Please escalate, Megan Payne was charged twice.')).toEqual([['Megan Payne', true]]);
    expect(names('It is under my partner Donald van der Voet.')).toEqual([['Donald van der Voet', true]]);
    expect(names('Małgorzata Zielińska asked for a refund')).toEqual([['Małgorzata Zielińska', true]]);
  });

  it('takes any capitalised name after a cue, title included', () => {
    expect(names('Hello, this is Mr. Derek Crnić speaking')).toEqual([['Mr. Derek Crnić', true]]);
    expect(names('my name is Xochitl Quispe')).toEqual([['Xochitl Quispe', true]]);
    expect(names('mr. martin is 50 years old')).toEqual([['mr. martin', true]]);
  });

  it('reports a first name alone unvalidated', () => {
    expect(names('Dear Ana, your order is late.')).toEqual([['Ana', false]]);
    expect(names('Why is Daniel so impulsive?')).toEqual([['Daniel', false]]);
  });

  it('splits a run of capitalised words at its stop words, particles inside a name', () => {
    // A stop word ends the name before it and starts none; the words after it are read anew.
    expect(names('Dr. Ana The Megan Payne')).toEqual([['Dr. Ana', true], ['Megan Payne', true]]);
    expect(names('Donald van der Voet The Megan')).toEqual([['Donald van der Voet', true], ['Megan', false]]);
    expect(names('Hi The Megan van Payne Thanks')).toEqual([['Megan van Payne', true]]);
    expect(names('Megan The Payne')).toEqual([['Megan', false]]);
  });

  it('hands out the findings in text order, one object per name, with their validation and confidence', () => {
    // "mr. martin" is found by the lowercase cue after the capitalised names (sorted in), and
    // merged with the name after it.
    expect(names('Ask for mr. martin Kaylee, Mark and Brandi now')).toEqual([['mr. martin Kaylee', true], ['Mark', false], ['Brandi', false]]);
    // More than eight findings (the list reads sets of their offsets), each confidence.
    const text = 'hi joshua, Will and Megan, Grant or Kaylee, Mark, Malon, Brandi, Liam, Ana, Lima, Payne, Donald, Voet';
    const out: PiiFinding[] = [];
    detectPerson(text, out);
    expect(out.map((f) => [text.slice(f.start, f.end), f.validated, f.confidence])).toEqual([
      ['Megan', false, 'medium'], ['Grant', false, 'low'], ['Kaylee', false, 'medium'], ['Mark', false, 'low'], ['Malon', false, 'low'], ['Brandi', false, 'medium'],
      ['Liam', false, 'medium'], ['Ana', false, 'medium'], ['Lima', false, 'medium'], ['Payne', false, 'low'], ['Donald', false, 'medium'], ['Voet', false, 'low'],
    ]);
    const cued = 'Why is Daniel here? Dr. Ana The Megan Payne Lima';
    const found: PiiFinding[] = [];
    detectPerson(cued, found);
    expect(found).toEqual([
      { type: 'person', start: 7, end: 13, validated: false, confidence: 'medium' },
      { type: 'person', start: 20, end: 27, validated: true, confidence: 'medium' },
      { type: 'person', start: 32, end: 48, validated: true, confidence: 'high' },
    ]);
  });


  it('orders many findings sorted in after the walk as in each piece alone, in time linear in the text', () => {
    // Each lowercase cued name is found after every capitalised one and sorted in: hundreds of
    // them pass the insertion sort's budget and the index sort takes over (a long prompt log
    // otherwise moved every later finding for each one).
    const piece = 'Ask for mr. martin Kaylee, Mark and Brandi now. Dear Megan Payne, named joshua. ';
    const alone: PiiFinding[] = [];
    detectPerson(piece, alone);
    expect(alone.length).toBeGreaterThan(3);
    for (const copies of [3, 400]) {
      const text = piece.repeat(copies);
      const out: PiiFinding[] = [];
      detectPerson(text, out);
      const want = Array.from({ length: copies }, (_, k) => alone.map((f) => ({ ...f, start: f.start + k * piece.length, end: f.end + k * piece.length }))).flat();
      expect(out).toEqual(want);
    }
  });
  it('finds names in a list once one of them is a name', () => {
    expect(names('They had 6: Malon, Mark, Kaylee and Brandi.').map(([n]) => n)).toEqual(['Malon', 'Mark', 'Kaylee', 'Brandi']);
    // A list word on either side, and a longer word (read only one letter past the longest list word).
    const listed = (text: string): string[] => names(text).map(([n]) => n);
    expect(listed('Megan and Malon')).toEqual(['Megan', 'Malon']);
    expect(listed('Megan andy Malon')).toEqual(['Megan']);
    expect(listed('Malon and Megan')).toEqual(['Malon', 'Megan']);
    expect(listed('Malon andy Megan')).toEqual(['Megan']);
    expect(listed('Megan y Malon')).toEqual(['Megan', 'Malon']);
    expect(listed('Megan yy Malon')).toEqual(['Megan']);
    expect(listed('Malon och Megan')).toEqual(['Malon', 'Megan']);
    expect(listed('Malon ochs Megan')).toEqual(['Megan']);
    expect(listed('Malon, Megan')).toEqual(['Malon', 'Megan']);
    expect(listed('Malon ,Megan')).toEqual(['Megan']);
  });

  it('leaves the compliant look-alikes alone: everyday words, products, places, code, headings', () => {
    expect(names('Will you Grant access to the May release?')).toEqual([]);
    expect(names('The Premium Support plan includes Apple Pay.')).toEqual([]);
    expect(names('We ship from San Francisco and New York.')).toEqual([]);
    expect(names('call getUserName() or ada.lovelace@example.com; see /home/Megan')).toEqual([]);
    expect(names('ORDER STATUS: SHIPPED\nTracking: 1Z999AA10123456784')).toEqual([]);
  });

  it('finds the same with the scan as without it, in any script', () => {
    // Names, places, cues of every kind, words the scan cannot settle (letters beyond ASCII in or
    // after them, apostrophes, hyphens, surrogate pairs) and what stands around them.
    const piece = fc.constantFrom(
      ' ', ' ', ' ', ', ', '. ', '.', ': ', '\n', '-', "'", '’', '_', '@', '/', '3', '12',
      'Megan', 'Payne', 'Will', 'Grant', 'Ana', 'Lima', 'Donald', 'van der', 'Voet', 'Liam', "Liam's", 'Kalman', 'Qzx', 'Wyv', 'SKU', 'AB',
      'Paris', 'San Francisco', 'Rio de Janeiro', 'Germany', 'berlin', 'The', 'Premium', 'Apple', 'iPhone', 'McDonald', 'getUserName',
      'The Hague', 'The', 'Hague', 'Apple Valley', 'Valley', 'Aliso Viejo', 'in Apple Valley', 'visited Aliso Viejo', 'near Apple', 'New York', 'New', 'York', 'San', 'Diego', 'Rio', 'in', 'from', 'The Bahamas', 'Isle of Man', 'Isle', 'of', 'My', 'CAN', "It's", "What's", "I'm", "They're", 'Liam’s', "Paris's", 'Jean-Paris', 'Dear', 'dear', 'Mr.', 'mr.', 'Dr', 'named', 'called', 'my name is', 'name is', "I'm", 'i am', 'this is', 'From:', 'to', 'my wife', "partner's", 'Thanks', 'thanks', 'and', 'or',
      'martin', 'joshua', 'roberto yamamura', 'named joshua', 'mr. martin', 'my name is roberto yamamura', 'ms and', "i'm ana", 'hi there', 'dear ana', 'name: jan', 'named jan-luc', 'kučera', 'ñoño', 'señor', 'chère', 'Señora', 'señor Qzx', 'Cześć Qzx', 'chère Wyv', 'Herr Wyv', 'Émile', 'João', 'Lefèvre', 'Crnić', 'Małgorzata', 'Zielińska', 'ÖZGÜR', 'Jean-Luc', "O'Neil", 'Grüße',
      'İstanbul', 'Ørsted', 'André', 'José', 'Zoë', 'François', 'é', 'É', '\u0301', '\u{1D49C}', '\u{1F600}', 'Αθήνα', 'Straße', 'ſ', '\u212A',
    );
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 16 }), (pieces) => {
        const text = pieces.join('');
        const byRegex: PiiFinding[] = [];
        const placesByRegex: PiiFinding[] = [];
        detectPerson(text, byRegex, placesByRegex);
        const byScan: PiiFinding[] = [];
        const placesByScan: PiiFinding[] = [];
        const scan = scanText(text);
        detectPerson(text, byScan, placesByScan, scan);
        expect(byScan).toEqual(byRegex);
        expect(placesByScan).toEqual(placesByRegex);
        // The scan's gate only closes where the detector finds nothing.
        if (!scan.person) expect(byRegex.length + placesByRegex.length).toBe(0);
      }),
      { numRuns: 3000, seed: 21 },
    );
  });
});

describe('particleGap', () => {
  // The regex the char-code reading replaces.
  const REGEX = new RegExp(`^ (?:(?:${PARTICLES.join('|')}) )+$`);
  const gap = (between: string): boolean => particleGap(`Ana${between}Lima`, 3, 3 + between.length);

  it('reads particles each followed by one space, after one space', () => {
    expect(gap(' van der ')).toBe(true);
    expect(gap(' de la ')).toBe(true);
    expect(gap(' y ')).toBe(true);
    expect(gap(' van  der ')).toBe(false);
    expect(gap(' van der')).toBe(false);
    expect(gap('van der ')).toBe(false);
    expect(gap(' Van der ')).toBe(false);
    expect(gap(' dell ')).toBe(false);
    expect(gap(' and ')).toBe(false);
  });

  it('answers as the regex does for gaps of particles, spaces and near misses', () => {
    const parts = [' ', 'van', 'de', 'del', 'della', 'dellas', 'dell', 'y', 'x', 'went', 'af', 'Van', '-', '  '];
    const gaps: string[] = [''];
    for (let n = 1; n <= 4; n++) for (const g of gaps.filter((x) => x.split('|').length === n)) for (const p of parts) gaps.push(`${g}|${p}`);
    for (const g of gaps) {
      const between = g.split('|').join('');
      if (between.length === 0) continue;
      expect([between, gap(between)]).toEqual([between, REGEX.test(between)]);
    }
  });
});


describe('readName', () => {
  // The reading it replaces: wordEnd, the possessive cut, then the word hashed again from its start.
  function reference(text: string, start: number, from: number): [number, number, number] {
    const end = wordEnd(text, from);
    let stop = end;
    if (end - start > 3 && (text.charCodeAt(end - 1) === 115 || text.charCodeAt(end - 1) === 83) && (text.charCodeAt(end - 2) === 39 || text.charCodeAt(end - 2) === 8217)) stop -= 2;
    let h = HASH_SEED;
    for (let k = start; k < stop; k++) h = hashStep(h, lowerCode(text.charCodeAt(k)));
    return [lookupToken(text, start, stop, h), end, stop];
  }

  it('reads, cuts and looks up a word as wordEnd, the possessive cut and a second hashing did', () => {
    const piece = fc.constantFrom('Liam', "Liam's", 'Liam’s', "LIAM'S", "Li's", "Jo's", 'Jean-Luc', "O'Neil", "O'Neil's", "it's", "'s", "'", '’', '-', 's', 'S', 'x', 'Ana', 'Émile', 'Crnić', 'Zielińska', 'İ', 'é', '\u0301', '\u{1D49C}', ' ', '.', '3', 'Megan', 'payne');
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 8 }), (pieces) => {
        const text = pieces.join('');
        for (let start = 0; start < text.length; start++) {
          // From the unit after the first (no hash known), and from the end of the ASCII letters
          // at the start with their hash (as the scan hands them over).
          const froms: Array<[number, number]> = [[start + 1, -1]];
          let k = start;
          let h = HASH_SEED;
          while (k < text.length && /[A-Za-z]/.test(text[k] as string)) h = hashStep(h, lowerCode(text.charCodeAt(k++)));
          if (k > start) froms.push([k, h]);
          for (const [from, hash] of froms) {
            const flags = readName(text, start, from, hash);
            expect([flags, READ.end, READ.nameEnd]).toEqual(reference(text, start, from));
          }
        }
      }),
      { numRuns: 3000, seed: 5 },
    );
  });

  it('reads what the scan hands over whole for a word that goes on after an apostrophe or a hyphen', () => {
    const piece = fc.constantFrom('Liam', "Liam's", 'Liam’s', "LIAM'S", "Li's", "Jo's", 'Jean-Luc', 'Jean-luc', "O'Neil", "O'Neil's", "It's", "I'm", "Don't", 'Paris-Berlin', "Paris's", 'Mary-Jane', "Mary-Jane's", "D'Angelo", "'s", "'", '’', '-', 's', 'S', 'x', 'é', 'Émile', 'Jean-Émile', '\u0301', ' ', '.', 'Ana', 'Dear ', 'my name is ');
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 8 }), (pieces) => {
        const text = pieces.join('');
        const caps = scanText(text).capitals;
        for (let i = 0; i < caps.count; i++) {
          const flags = caps.flags[i] as number;
          const start = caps.starts[i] as number;
          // The scan's letters are ASCII: a word it handed over longer has its hash dropped.
          if (flags < 0 || caps.hashes[i] !== -1) continue;
          let from = start;
          while (from < text.length && /[A-Za-z]/.test(text[from] as string)) from++;
          const want = readName(text, start, from, -1);
          expect([text, start, caps.ends[i], flags & ~(NOT_CUED | POSSESSIVE), (flags & POSSESSIVE) !== 0]).toEqual([text, start, READ.end, want, READ.nameEnd !== READ.end]);
        }
      }),
      { numRuns: 3000, seed: 9 },
    );
    // Each kind is handed over: a contraction, a hyphenated name, a possessive (with its name's flags).
    const caps = scanText("It's Jean-Luc and Liam's").capitals;
    expect([...caps.ends.subarray(0, caps.count)]).toEqual([4, 13, 13, 24]);
    expect([...caps.hashes.subarray(0, caps.count)].map((h) => h === -1)).toEqual([true, true, false, true]);
    expect((caps.flags[3] as number) & POSSESSIVE).toBe(POSSESSIVE);
  });
});

describe('plainShaped', () => {
  it('answers as the compare chain it replaces for every unit after a word, and what follows it', () => {
    const chain = (text: string, end: number): boolean => {
      const after = end < text.length ? text.charCodeAt(end) : 32;
      const next = end + 1 < text.length ? text.charCodeAt(end + 1) : 0;
      return !(after === 64 || after === 95 || (after >= 48 && after <= 57) || ((after === 46 || after === 47) && isLetter(next)));
    };
    for (let c = 0; c < 0x300; c++) {
      for (const tail of ['', 'a', 'Z', 'é', '1', ' ', '.']) {
        const text = `Ana${String.fromCharCode(c)}${tail}`;
        expect([c, tail, plainShaped(text, 3)]).toEqual([c, tail, chain(text, 3)]);
      }
    }
    expect(plainShaped('Ana', 3)).toBe(true);
  });
});

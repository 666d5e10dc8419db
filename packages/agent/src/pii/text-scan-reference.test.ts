import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scanText, type TextScan } from './text-scan.js';
import { scanTextReference } from './text-scan.reference.js';

/** Every field of a scan, the reused arrays cut to their valid entries (the next call overwrites them). */
function snapshot(s: TextScan): unknown {
  const cut = (a: ArrayLike<number>, count: number): number[] => Array.from(a).slice(0, count);
  const k = s.capitals;
  const d = s.digits;
  const a = s.addressWords;
  return {
    flags: [s.digit, s.at, s.colon, s.chain, s.dateChain, s.quad, s.ssn, s.cardChain, s.ibanHead, s.keyRun, s.street, s.addressCue, s.postcodeWord, s.month, s.dayWord, s.nameCue, s.person, s.placeCue, s.birth, s.ascii],
    capitals: [cut(k.starts, k.count), cut(k.ends, k.count), cut(k.hashes, k.count), cut(k.flags, k.count)],
    digits: [cut(d.starts, d.count), cut(d.ends, d.count), cut(d.linked, d.count), cut(d.wordBefore, d.count)],
    address: [cut(a.streets.at, a.streets.count), a.firstPrefix, cut(a.cueEnds.at, a.cueEnds.count), cut(a.postcodeEnds.at, a.postcodeEnds.count)],
    months: [cut(s.months.starts.at, s.months.starts.count), cut(s.months.ends.at, s.months.ends.count)],
    placeCues: cut(s.placeCues.at, s.placeCues.count),
  };
}

// Pieces on either side of each test of the scan's word tail: lowercase words in no table and in
// each table, capitals first and inside, words right after digits and after place cues, key runs
// (marked by a capital, "_" or "-"), the space after a word and every other character after one.
const PIECES = [
  ' ', ' ', ' ', ' ', '  ', ', ', '. ', '.', ':', '\n', '\t', '-', '_', '/', "'", '’', '(', ')', '@', '#', '0', '3', '12', '2024', '5.', '9-',
  'the', 'and', 'was', 'order', 'ticket', 'please', 'a', 'b', 'x', 'sk', 'ey', 'gh', 'xo', 'rk', 'live', 'abcdefghij', 'abcdefghijklmnop',
  'in', 'from', 'at', 'to', 'near', 'paris', 'berlin', 'rio', 'name', 'is', 'named', 'called', 'i', 'm', 'im', 'am', 'this', 'mr', 'ms', 'dr', 'dear', 'hi', 'thanks',
  'martin', 'joshua', 'ana', 'march', 'may', 'mai', 'monday', 'friday', 'rdmarch', 'thmay', 'stjune', 'rd', 'th', 'nd', 'st', 'there', 'still',
  'born', 'birth', 'birthday', 'dob', 'd', 'do', 'street', 'rd', 'via', 'rue', 'ul', 'lives', 'ship', 'address', 's', 'zip', 'plz', 'postcode',
  'Megan', 'Payne', 'Paris', 'Will', 'March', 'Monday', 'MONDAY', 'Street', 'ZIP', 'AKIA', 'AK', 'Sk', 'GH', 'McKay', 'iPhone', 'eBay', 'ABC', 'It', 'Jean',
  'Washington', 'Abcdefghij', 'liveKeyValue', 'SKliveabcdef', 'skabcdefghij', 'eyabcdefghij',
  'sk_live_', 'ghp_', 'xoxb-', '-----BEGIN', 'eyJhbGciOi', 'ORD-2024',
  'é', 'É', 'ü', 'İ', 'ſ', 'ß', '\u0301', '\u{1D49C}', 'zürich', 'Köln', 'März', 'señor', 'chère',
];

const text = fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 24 }).map((parts) => parts.join(''));
const noisy = fc
  .array(fc.constantFrom('a', 'b', 'A', 'Z', 'z', ' ', ' ', '1', '-', '_', '.', ',', "'", 'é', 's', 'k', 'y', 'e'), { maxLength: 40 })
  .map((chars) => chars.join(''));

describe('scanText against the scan before its word tail was rewritten', () => {
  it('gives every field the old scan gave, on texts built from the tail\'s pieces', () => {
    fc.assert(
      fc.property(text, (t) => {
        const want = snapshot(scanTextReference(t));
        expect(snapshot(scanText(t))).toEqual(want);
      }),
      { numRuns: 20000 },
    );
  });

  it('gives every field the old scan gave, on short texts of letters, digits and marks', () => {
    fc.assert(
      fc.property(noisy, (t) => {
        const want = snapshot(scanTextReference(t));
        expect(snapshot(scanText(t))).toEqual(want);
      }),
      { numRuns: 20000 },
    );
  });

  it('gives every field the old scan gave, on fixed texts', () => {
    for (const t of [
      '', 'a', 'A', 'é', 'the order 12', 'the order_12 sk_live_abcdefghij', 'in paris and in Berlin', 'on 3rdMarch', 'name is joshua', 'Dear Megan Payne,',
      'd.o.b. 1990', 'lives at 12 Main Street, ZIP 10115', 'AKIAIOSFODNN7EXAMPLE', 'abcdefghij-Klmnop', 'McKay skabcdefghij', 'iPhone, eyabcdefghij', 'sk Abcdefghij', 'x ' .repeat(100), 'Ab '.repeat(100),
    ]) {
      expect(snapshot(scanText(t))).toEqual(snapshot(scanTextReference(t)));
    }
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codeAt } from './code-at.js';
import { detectAddress } from './detect-address.js';
import { detectApiKey } from './detect-api-key.js';
import { detectCreditCard } from './detect-credit-card.js';
import { detectDate } from './detect-date.js';
import { detectDateOfBirth } from './detect-date-of-birth.js';
import { detectEmail } from './detect-email.js';
import { detectIban } from './detect-iban.js';
import { detectIpAddress } from './detect-ip-address.js';
import { detectPerson } from './detect-person.js';
import { detectPhone, phoneCandidates } from './detect-phone.js';
import { detectPii } from './detect-pii.js';
import { detectUsSsn } from './detect-us-ssn.js';
import type { PiiFinding } from './pii-type.js';
import { resolveOverlaps } from './resolve-overlaps.js';
import { type Positions, scanText } from './text-scan.js';

/** The valid entries of one of the scan's reused position lists. */
const listed = (p: Positions): number[] => [...p.at.subarray(0, p.count)];

/** Every detector on the whole text, no step skipped: what detectPii must find with its scan. */
function unscanned(text: string): PiiFinding[] {
  const found: PiiFinding[] = [];
  for (const detect of [detectEmail, detectPhone, detectCreditCard, detectUsSsn, detectIban, detectIpAddress, detectApiKey, detectDateOfBirth]) {
    detect(text, found);
  }
  const places: PiiFinding[] = [];
  detectPerson(text, found, places);
  detectDate(text, found);
  detectAddress(text, found, places);
  return resolveOverlaps(found);
}

// Pieces that sit on either side of each condition the scan computes.
const PIECES = [
  ' ', ' ', ' ', ', ', '. ', '.', '\n', '-', '/', ':', "'", '_', '(', ')', '+', '#',
  '3', '12', '2024', '1940', '79210', '4111 1111 1111 1111', '+44 20 7946 0958', '(415) 555-0132', '536-22-8726',
  'DE89 3704 0044 0532 0130 00', '10.1.2.3',
  '536 22 8726', '536228726', '1.2.3', '255', '1234', '4111-1111', '1111 1111', 'ada@example.com', 'AKIA' + 'IOSFODNN7EXAMPLE',
  'ghp_' + 'aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789', 'xoxb-' + '1234567890-abcdefghij', 'sk_live_' + '4eC39HqLyjWDarjtT1zdp7dc',
  'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.' + 'sig_x', '-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----', 'ORD-2024-000123',
  'in', 'from', 'at', 'to', 'near', 'paris', 'parIs', 'berlin', 'rio', 'de', 'janeiro', 'Paris', 'Berlin',
  'name is', 'my name', 'named', 'called', "i'm", 'im', 'i am', 'this is', 'mr', 'Mr.', 'dr', 'dear', 'hi', 'thanks',
  'martin', 'joshua', 'Megan', 'Payne', 'Will', 'Grant', 'Ana', 'Lima',
  'March', 'march', 'rdMarch', 'thMay', '3rd', 'of', 'mars', 'May', 'mai', 'März', 'Monday', 'on',
  'born', 'Birthday', 'D.O.B', 'dob', 'd.ob', 'do.b', 'date of birth',
  'Main', 'Street', 'st', 'Rd', 'rue', 'Via', 'ul.', 'Długa', 'Hauptstraße', 'lives at', 'address', 'ZIP', 'Columbus, OH',
  'zürich', 'köln', 'são paulo', 'ñoño', 'ſtreet', 'é', '\u{1D49C}', '\u0301', 'İN', 'Crnić', 'ship to', 'it to', 'moved', 'Adresse', 'PLZ', 'postcode', 'code', 'cap', 's',
  // Whole phrases, so that each step finds something often enough to be missed when skipped.
  'lives at 87 Jakobi 69', '12 Main Street', '12 main st', '8 Rue de la Paix', 'ZIP: 11164', 'Columbus, OH 43004',
  'arrived at berlin', 'from paris', 'in rio de janeiro', 'born 3/4/1990', 'DOB: 12.03.1980', 'd.o.b. 1990-03-23',
  '12 a Main Street', '12 40th Street', '5/2 via roma 3', '7, rue de la paix', '9 Old Mill Lane', '3 The ſtreet', '8 Storgatan 3', '12, Hauptstraße', '5 Nassau-straat', '4 Kerkstraat-Oost',
  'ship to 56 Dávila 57', "address's 12 Elm 3", 'PLZ 10115', 'zip code 94107', 'moved to 9 Jakobi', 'born on March 3, 1990', 'my name is joshua', 'mr. martin', "i'm ana", 'named yulan', 'on 3 March 2024', 'March 3rd',
];

describe('scanText', () => {
  it('reads the identifier shapes', () => {
    const s = scanText('call +44 20 7946 0958, card 4111 1111 1111 1111, DE89 3704, ada@x.io, ::1');
    expect(s).toMatchObject({ digit: true, at: true, colon: true, chain: 16, ibanHead: true });
    expect(scanText('no digits here').digit).toBe(false);
    // The IBAN regex reads no country code glued to letters or digits before it.
    expect(scanText('SKU12345678901234 and 9AB12345678901234').ibanHead).toBe(false);
    expect(scanText('(GB82 WEST 1234 5698 7654 32)').ibanHead).toBe(true);
    expect(scanText('from 10.1.2.3 at').quad).toBe(true);
    expect(scanText('version 1.2.3 and 1234.5.6.7').quad).toBe(false);
    expect(scanText('ssn 536-22-8726').ssn).toBe(true);
    expect(scanText('ssn 536 22 8726 or 536228726').ssn).toBe(true);
    expect(scanText('ssn 536-22 8726 or 5362287260').ssn).toBe(false);
    expect(scanText('card 4111 1111-1111.1111').cardChain).toBe(12);
    const runs = scanText('a 12, 3456.7').digits;
    expect([...runs.starts.subarray(0, runs.count)]).toEqual([2, 6, 11]);
    expect([...runs.ends.subarray(0, runs.count)]).toEqual([4, 10, 12]);
    // Linked: only spaces, dots, dashes and parentheses since the run before.
    expect([...runs.linked.subarray(0, runs.count)]).toEqual([0, 0, 1]);
    const linked = scanText('(415) 555-0132 x12 or 5_6').digits;
    expect([...linked.linked.subarray(0, linked.count)]).toEqual([0, 1, 1, 0, 0, 0]);
    // The ASCII word that ends at the run or one character before it.
    const before = scanText('Main 12 Hauptstrasse5, at 7, x  8 ab:9 1').digits;
    expect([...before.wordBefore.subarray(0, before.count)]).toEqual([0, 8, 23, -1, 34, -1]);
    expect(scanText('key AKIA' + 'IOSFODNN7EXAMPLE').keyRun).toBe(true);
    expect(scanText('an ordinary sentence with information').keyRun).toBe(false);
    // A capital after the first character of the run marks it; ten characters make it long enough.
    expect(scanText('see skaaaaaaaB').keyRun).toBe(true);
    expect(scanText('see skaaaaaB').keyRun).toBe(false);
    expect(scanText('see Akcdefghijk').keyRun).toBe(false);
    expect(scanText('see xo1Abcdefghi').keyRun).toBe(true);
    expect(scanText('see gh_bcdefghi').keyRun).toBe(true);
    expect(scanText('see -----BEGIN').keyRun).toBe(true);
    // The run must start like a key prefix, where the detector reads one.
    expect(scanText('see aaaaaaaaaB').keyRun).toBe(false);
    expect(scanText('see 1Abcdefghi').keyRun).toBe(false);
    expect(scanText('order ORD-2024-000123').keyRun).toBe(false);
    expect(scanText('see 1sk-abcdefghi').keyRun).toBe(false);
    expect(scanText('token: eyJhbGciOi.eyJzdWIiOi.sig').keyRun).toBe(true);
  });

  it('keeps the unit before and after each digit run, 0 at either end of the text', () => {
    const around = (t: string): number[][] => {
      const d = scanText(t).digits;
      return Array.from(d.around.subarray(0, d.count), (a) => [a & 0xffff, a >>> 16]);
    };
    expect(around('12 x(3) €45é 6')).toEqual([[0, 32], [40, 41], [8364, 233], [32, 0]]);
    expect(around('\u{1D49C}7\u{1D49C}')).toEqual([[0xdc9c, 0xd835]]);
    // Every run, in generated texts of digits and the units the detectors ask about.
    const units = fc.array(fc.constantFrom('1', '23', '4567', ' ', '.', '-', '+', '(', ')', '/', ':', 'a', 'Z', '_', 'é', '€', '\u{1D49C}'), { maxLength: 30 });
    fc.assert(
      fc.property(units, (parts) => {
        const t = parts.join('');
        const d = scanText(t).digits;
        for (let k = 0; k < d.count; k++) {
          const a = d.around[k] as number;
          expect(a & 0xffff).toBe(codeAt(t, (d.starts[k] as number) - 1));
          expect(a >>> 16).toBe(codeAt(t, d.ends[k] as number));
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('opens a word condition for each word that can start the step', () => {
    expect(scanText('on 3rdMarch').month).toBe(true);
    expect(scanText('order 3 shipped').month).toBe(false);
    expect(scanText('D.O.B 1/2/1990').birth).toBe(true);
    expect(scanText('ship 12 boxes').street).toBe(false);
    expect(scanText('12 Main St').street).toBe(true);
    expect(scanText('my name is joshua').nameCue).toBe(true);
    expect(scanText('thanks, Joshua').nameCue).toBe(false);
    expect(scanText('arrived in paris').placeCue).toBe(true);
    expect(scanText('arrived in time').placeCue).toBe(false);
    expect(scanText('arrived in parIs').placeCue).toBe(true);
  });

  it('opens the weekday condition on a whole weekday name only, in any text', () => {
    expect(scanText('see you on Friday').dayWord).toBe(true);
    expect(scanText('next WEDNESDAY.').dayWord).toBe(true);
    expect(scanText('a holiday today').dayWord).toBe(false);
    expect(scanText('on Fridays').dayWord).toBe(false);
    expect(scanText('Grüße, see you on monday').dayWord).toBe(true);
    expect(scanText('Grüße, a holiday').dayWord).toBe(false);
  });

  it('reads an ordinal glued to a month as a month word only right after the digits', () => {
    const months = (text: string): number[] => listed(scanText(text).months.starts);
    expect(scanText('on 3rdMarch').month).toBe(true);
    expect(months('on 3rdMarch')).toEqual([4]);
    expect(scanText('see thMay').month).toBe(false);
    expect(months('see thMay')).toEqual([]);
    // In a text with a letter beyond ASCII every word with a unit beyond ASCII counts ("Grüße").
    expect(months('Grüße 3rdMarch')).toEqual([0, 7]);
    expect(months('Grüße thMay')).toEqual([0]);
  });

  it('opens every word condition when a letter beyond ASCII is in the text', () => {
    expect(scanText('Grüße')).toMatchObject({ street: true, month: true, addressCue: true, postcodeWord: true });
  });

  it('reads the lowercase place cue from the ASCII words of any text', () => {
    expect(scanText('Grüße').placeCue).toBe(false);
    expect(scanText('Grüße in time').placeCue).toBe(false);
    expect(scanText('Grüße from paris').placeCue).toBe(true);
    // The word after the cue has a letter beyond ASCII in it or is one: the detector reads it.
    expect(scanText('moved to zürich').placeCue).toBe(true);
    expect(scanText('moved to élan').placeCue).toBe(true);
    expect(scanText('moved to Élan').placeCue).toBe(false);
  });

  it('lists where the place cue regex matches, in any text', () => {
    const cues = (text: string): number[] => listed(scanText(text).placeCues);
    const regex = (text: string): number[] => [...text.matchAll(/\b(?:in|from|at|to|near) /g)].map((m) => m.index);
    for (const text of ['moved to paris', 'in rome, from  berlin', 'within reach', '2in paris', '_at x', 'éin roma', 'In Paris', 'to', 'near\nx', 'İN at x', 'Grüße from paris', 'in-at x', "o'to x"]) {
      expect([text, cues(text)]).toEqual([text, regex(text)]);
    }
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 16 }), (pieces) => {
        const text = pieces.join('');
        expect(cues(text)).toEqual(regex(text));
      }),
      { numRuns: 2000, seed: 13 },
    );
  });

  it('reads the birth cue from the ASCII words of any text', () => {
    expect(scanText('Grüße 1990').birth).toBe(false);
    expect(scanText('Grüße, born 3/4/1990').birth).toBe(true);
    expect(scanText('Grüße, D.O.B 3/4/1990').birth).toBe(true);
    expect(scanText('Grüße, do.b 3/4/1990').birth).toBe(true);
    expect(scanText('Grüße, do b 3/4/1990').birth).toBe(false);
    expect(scanText('bornü 3/4/1990').birth).toBe(true);
  });

  it('reads the person conditions from the ASCII words of any text', () => {
    expect(scanText('Grüße aus Köln').nameCue).toBe(false);
    expect(scanText('Grüße, my name is joshua').nameCue).toBe(true);
    expect(scanText('café named ñoño').nameCue).toBe(true);
    // Nothing for the person detector: no listed word, no cue before a capital, nothing unsettled.
    expect(scanText('SKU AB-5781 is back; the Premium plan costs €20.').person).toBe(false);
    expect(scanText('Set the timeout to 64367 ms.').person).toBe(false);
    expect(scanText('escalate to Megan').person).toBe(true);
    expect(scanText('Dear Xochitl').person).toBe(true);
    expect(scanText('From: Qzx').person).toBe(true);
    expect(scanText('sent to Qzx').person).toBe(true);
    expect(scanText('the Jean-Luc plan').person).toBe(true);
    expect(scanText('the Qzx-Wyv plan').person).toBe(false);
    expect(scanText("It's late, My order").person).toBe(false);
    expect(scanText('The plan').person).toBe(false);
    expect(scanText('The Hague').person).toBe(true);
    expect(scanText('chère Qzx').person).toBe(true);
    expect(scanText('the Émile plan').person).toBe(true);
    expect(scanText('the Qzxé plan').person).toBe(true);
    // Capitals beyond ASCII are listed for the detector with the ASCII words.
    const caps = scanText('Olá João, see Émile').capitals;
    expect([...caps.starts.subarray(0, caps.count)]).toEqual([0, 4, 14]);
    expect([...caps.flags.subarray(0, caps.count)]).toEqual([-1, -1, -1]);
  });

  it('feeds the digit detectors the same candidates their regexes find', () => {
    // Dense digit text: runs of every length, every separator the shapes care about, and the
    // characters their look-arounds test.
    const run = fc.constantFrom('1', '0', '7', '25', '12', '31', '1990', '2024', '01', '255', '256', '123', '1234', '4111', '536', '22', '8726', '12345', '536228726', '4111111111111111', '1234567890123456789012345678901234567890',
      // Whole shapes, so that what stands around them varies more often than the shapes themselves.
      '1/7/1990', '12.03.1980', '1990-03-23', '23-03-40', '10.1.2.3', '536-22-8726', '4111 1111 1111 1111', '+44 20 7946 0958', '415) 555-0132');
    const gap = fc.constantFrom('.', '.', '.', '-', '-', ' ', ' ', '', '  ', '+', '(', ')', '/', ':', '_', 'a', 'x', 'é', ' version ', ' ssn ', ' card ', ' ext ', ' Ext. ', 'x', ' X ', ' extension ', 'extension', ' # ', '#', '.x', ' call ', ' (', ') ', '(', ' - ', '.-', ' . - . - . - . - . - . - . - ', ' . - . - . - . - . - . - . -', ' (  )  (  )  (  )  (  )  ', ' March ', ' of May ', 'rdMarch ', 'th of march', ' de marzo de ', '. März ', ' on Friday ', ' MONDAY', ' today ', ' next tuesday', ' Sept. ', 'T', '𝒜', ' 3/', ':',
      // Month words beyond ASCII, and ASCII months in texts beyond ASCII (the scan's second reading).
      ' février ', ' août ', 'rdMärz ', ' MÄRZ ', ' March\u0301 ', ' de março de ', ' października ', ' Ağustos ', ' Émile ', 'é ', ' Ｍａｒｃｈ ');
    const piece = fc.tuple(run, gap).map(([r, g]) => r + g);
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 24 }), (pieces) => {
        const text = pieces.join('');
        for (const detect of [detectPhone, detectIpAddress, detectCreditCard, detectUsSsn]) {
          const byRegex: PiiFinding[] = [];
          detect(text, byRegex);
          const byRuns: PiiFinding[] = [];
          detect(text, byRuns, scanText(text).digits);
          expect(byRuns).toEqual(byRegex);
        }
        // Phone candidates are checked before classification, which would hide most differences.
        expect(phoneCandidates(text, scanText(text).digits)).toEqual(phoneCandidates(text));
        const dates: PiiFinding[] = [];
        detectDate(text, dates);
        const datesByRuns: PiiFinding[] = [];
        detectDate(text, datesByRuns, scanText(text));
        expect(datesByRuns).toEqual(dates);
      }),
      { numRuns: 3000, seed: 5 },
    );
  });

  it('feeds the address detector the same numbers and words its own reading finds', () => {
    // Numbers with street, cue and postcode words on either side, in every case and spacing.
    const piece = fc.constantFrom(
      '12', '7', '123', '94107', '123456', '12345-67890', '3-5', '12a', ' ', ' ', '  ', ', ', ': ', ':', '\n', ' #', '#', '.', '-', '/', "'", 'x',
      'Main', 'Street', 'st', 'St.', 'Rd', 'road', 'rue', 'Via', 'via', 'ul.', 'Roma', 'de', 'la', 'Paix', 'Storgatan', 'Hauptstrasse', 'Kerkstraat',
      'lives', 'at', 'lives at', 'LIVES AT', 'live', 'on', 'ship', 'to', 'ship to', 'it to', 'them to', 'it', 'them', 'moved to', 'address', 'Address',
      'address is', 'address s', 's', 'adres', 'woont op', 'mieszka przy', 'ZIP', 'zip', 'code', 'zip code', 'PLZ', 'cap', 'postcode',
      'Columbus, OH ', 'Springfield, IL ', 'Berlin', 'Paris', 'London', 'apt 4', 'Suite 200', 'ab', 'Mill', 'Lane',
      // Letters beyond ASCII: the scan reads those texts' words as the detector does (letters and
      // marks), street, cue and postcode words beyond ASCII included.
      'Dávila', 'Hauptstraße', 'Długa', 'é', 'dirección', 'ſtreet',
      'Élysée', 'allée', 'Allée', 'praça', 'náměstí', 'út', 'Dirección', 'endereço', 'psč', 'PSČ', 'e\u0301', 'Stra\u00dfe', 'mieszKa', '😀', 'İ', 'Ｍａｉｎ', 'ｓｔ',
    );
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 20 }), (pieces) => {
        const text = pieces.join('');
        const read: PiiFinding[] = [];
        detectAddress(text, read, []);
        const scanned: PiiFinding[] = [];
        detectAddress(text, scanned, [], scanText(text));
        expect(scanned).toEqual(read);
      }),
      { numRuns: 3000, seed: 7 },
    );
  });

  it('reads the address words of a text beyond ASCII as the detector does', () => {
    for (const text of [
      'She moved to 12 Élysée Street last year',
      '12 Chemin des Écoliers Road',
      'Dirección: 12 Calle Mayor, Madrid',
      'PSČ 11000 Praha',
      'adresa náměstí Míru 12, Praha',
      'Lieferung an 5 Ährenweg, Zürich',
      'François lives at 7 Jakobi',
      '42 Old ſtreet, Leeds',
      // The word before the number ends in a letter beyond ASCII, or has one before its ASCII
      // letters: the scan's word of ASCII letters is not the detector's.
      'Teslimat: Atatürk bulvarı 5, Ankara',
      'Envío a Calle Peñalosá 12',
      'Envoi rue Lefèvre 12',
    ]) {
      const read: PiiFinding[] = [];
      detectAddress(text, read, []);
      const scanned: PiiFinding[] = [];
      detectAddress(text, scanned, [], scanText(text));
      expect(scanned).toEqual(read);
      expect(read.length).toBeGreaterThan(0);
    }
  });

  it('reads the month words of a text beyond ASCII as the date detector does', () => {
    for (const text of ['Zoë was born on 3 March 1990', 'le 14 février 2023, Zoë', 'am 3. März 2024', 'Émile: 12 de março de 2021', 'José on 2ndMarch 2020', 'Zoë, March 3, 1990']) {
      const read: PiiFinding[] = [];
      detectDate(text, read);
      const scanned: PiiFinding[] = [];
      detectDate(text, scanned, scanText(text));
      expect(scanned).toEqual(read);
      expect(read.length).toBeGreaterThan(0);
    }
  });

  it('opens the address cue condition on whole cues only', () => {
    expect(scanText('send it over to them').addressCue).toBe(false);
    expect(scanText('ship it to 12 Elm').addressCue).toBe(true);
    expect(scanText('lives in Rome').addressCue).toBe(false);
    expect(scanText('she lives  at 3').addressCue).toBe(false);
    expect(scanText('Address: 3').addressCue).toBe(true);
  });

  it('never changes what detectPii finds', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 16 }), (pieces) => {
        const text = pieces.join('');
        expect(detectPii(text)).toEqual(unscanned(text));
      }),
      { numRuns: 2000, seed: 12 },
    );
  });
});

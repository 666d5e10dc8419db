import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classify, dateOrSsn } from './detect-phone.js';

describe('phone classify', () => {
  it('gives a candidate read in place inside a longer text the verdict of the candidate on its own', () => {
    // Bodies of every shape classify reads (bare runs, groups, parentheses, a leading "+"), with
    // and without an extension; around them only characters that hold no phone word, so that the
    // context check answers alike in both texts.
    const group = fc.constantFrom('1', '001', '011', '415', '555', '0132', '12', '31', '2024', '1990', '536', '22', '8726', '4111111', '0000000', '44', '20', '7946', '0958', '123456', '9');
    const sep = fc.constantFrom('', ' ', '-', '.', '/', '  ', ' - ', '(', ')', ') ', ' (');
    const body = fc.tuple(fc.constantFrom('', '+', '('), fc.array(fc.tuple(group, sep), { minLength: 1, maxLength: 5 }), group).map(
      ([lead, parts, last]) => lead + parts.map(([g, s]) => g + s).join('') + last,
    );
    const ext = fc.constantFrom('', ' x12', 'x7', ' ext. 123', ' ext 4', ' extension 55', ' # 9', '#123456');
    const around = fc.constantFrom('', ' ', '; ', '12 ', ' 7', ' ... ', '\n', '[', ']');
    fc.assert(
      fc.property(around, body, ext, around, (before, main, extension, after) => {
        const candidate = main + extension;
        const text = before + candidate + after;
        const start = before.length;
        expect(classify(text, start, start + main.length, start + candidate.length)).toBe(classify(candidate, 0, main.length, candidate.length));
      }),
      { numRuns: 5000, seed: 43 },
    );
  });

  it('turns down two separators in a row and empty parentheses, as `/[ .-]{2,}|\\(\\)/` did', () => {
    const verdict = (body: string): number => {
      const text = `call ${body} today`;
      return classify(text, 5, 5 + body.length, 5 + body.length);
    };
    expect(verdict('0471 12 34 56')).toBeGreaterThan(0);
    expect(verdict('(0471) 12 34 56')).toBeGreaterThan(0);
    // North American shapes, read from the groups: validated and high, impossible numbering (an
    // area code or exchange from 0 or 1) medium, no NANP shape at all (a country code other than
    // 1 or 001) left to the phone word.
    for (const nanp of ['415-555-0132', '(415) 555-0132', '1-415-555-0132', '001 415 555 0132', '1 (415) 555-0132']) expect(verdict(nanp), nanp).toBe(7);
    for (const impossible of ['115-555-0132', '415-155-0132', '1-415-055-0132']) expect(verdict(impossible), impossible).toBe(6);
    expect(verdict('2-415-555-0132')).toBe(4);
    expect(verdict('011-415-555-0132')).toBe(6);
    for (const doubled of ['0471  12 34 56', '0471 12 -34 56', '0471 12 34.-56', '0471 .12 34 56', '0471 12- 34 56', '0471--12 34 56', '0471() 12 34 56', '(0471)() 12 34 56']) expect(verdict(doubled), doubled).toBe(-1);
  });
});

describe('dateOrSsn', () => {
  // What classify asked of the body's slice before it read the groups: `dateLike(main)` (ISO_DATE,
  // then DMY_DATE, with the values checked) or the SSN regex.
  const ISO_DATE = /^(?:19|20)\d\d([-./])(\d{1,2})\1(\d{1,2})(?: \d{1,2})?$/;
  const DMY_DATE = /^(\d{1,2})([-./])(\d{1,2})\2(?:19|20)?\d\d$/;
  const SSN = /^\d{3}-\d{2}-\d{4}$/;
  const dateLike = (main: string): boolean => {
    const iso = ISO_DATE.exec(main);
    if (iso !== null) return Number(iso[2]) <= 12 && Number(iso[3]) <= 31;
    const dmy = DMY_DATE.exec(main);
    if (dmy === null) return false;
    const a = Number(dmy[1]);
    const b = Number(dmy[3]);
    return a >= 1 && b >= 1 && a <= 31 && b <= 31 && (a <= 12 || b <= 12);
  };
  /** The groups of digits of `text[start..end)` as classify records them, and dateOrSsn's answer. */
  const read = (text: string, start: number, end: number): boolean | undefined => {
    const starts = new Int32Array(5);
    const ends = new Int32Array(5);
    let groups = 0;
    for (const m of text.slice(start, end).matchAll(/\d+/g)) {
      if (groups < 5) {
        starts[groups] = start + m.index;
        ends[groups] = start + m.index + m[0].length;
      }
      groups++;
    }
    // classify asks only with two to four groups.
    return groups >= 2 && groups <= 4 ? dateOrSsn(text, start, end, starts, ends, groups) : undefined;
  };

  it('says what the date and SSN regexes say of the body', () => {
    const group = fc.constantFrom('0', '1', '00', '07', '12', '13', '31', '32', '99', '19', '20', '1990', '2024', '2099', '1880', '1234', '536', '000', '22', '8726', '12345');
    const sep = fc.constantFrom(' ', '-', '.', '/', '  ', '--', '-.', ' - ', '(', ')', ') ');
    const body = fc.tuple(fc.constantFrom('', '+', '('), fc.array(fc.tuple(group, sep), { minLength: 1, maxLength: 3 }), group, fc.constantFrom('', '', ')', '.'));
    fc.assert(
      fc.property(fc.constantFrom('', 'x ', '12 '), body, (before, [lead, parts, last, tail]) => {
        const main = lead + parts.map(([g, s]) => g + s).join('') + last + tail;
        const text = before + main + ' 7';
        const answer = read(text, before.length, before.length + main.length);
        if (answer !== undefined) expect(answer, main).toBe(dateLike(main) || SSN.test(main));
      }),
      { numRuns: 20000, seed: 44 },
    );
  });

  it('takes dates and SSNs, and leaves phone shapes', () => {
    for (const yes of ['2024-01-31', '2024-01-31 12', '1999/1/2', '31.01.2024', '1/31/24', '12-13-1990', '536-22-8726']) expect(read(yes, 0, yes.length), yes).toBe(true);
    for (const no of ['2024-13-01', '2024-01-32', '2024-01/31', '2124-01-31', '13.13.2024', '0.1.2024', '31.01.2124', '536 22 8726', '415-555-0132', '1-415-555', '2024-01-31 123', '(2024-01-31', '2024-001-01', '2024-01-001', '001-1-2024', '01-001-2024']) {
      expect(read(no, 0, no.length), no).toBe(false);
    }
  });
});

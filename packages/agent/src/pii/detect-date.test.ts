import { describe, expect, it } from 'vitest';
import { detectDate, numberAt } from './detect-date.js';
import type { PiiFinding } from './pii-type.js';

function dates(text: string): string[] {
  const out: PiiFinding[] = [];
  detectDate(text, out);
  return out.map((f) => text.slice(f.start, f.end));
}

describe('detectDate', () => {
  it('finds numeric dates of several locales as real calendar dates', () => {
    expect(dates('born 3/23/1940, seen 23.03.1940, due 1940-03-23, moved 23-03-40')).toEqual(['3/23/1940', '23.03.1940', '1940-03-23', '23-03-40']);
    expect(dates('29/02/2024 is a date, 29/02/2023 is not, nor 31/04/2024')).toEqual(['29/02/2024']);
  });

  it('finds written dates in several languages', () => {
    expect(dates('on 3 March 2024, March 3rd, 3rd of March and March 2024')).toEqual(['3 March 2024', 'March 3rd', '3rd of March', 'March 2024']);
    expect(dates('am 3. März 2024, le 3 mars 2024, el 3 de marzo de 2024, 3 maart, 3 marca 2024')).toEqual([
      '3. März 2024', '3 mars 2024', '3 de marzo de 2024', '3 maart', '3 marca 2024',
    ]);
    expect(dates("We'll meet Thursday")).toEqual(['Thursday']);
  });

  it('takes a written date with a year only from 1880 to 2099, and 29 February only in leap years', () => {
    // A year out of range makes the whole reading fail, not a date without its year.
    expect(dates('on 3 March 2099, 3 March 2100, 3 March 1879')).toEqual(['3 March 2099']);
    expect(dates('in March 2099 and March 2100, March 1880 and March 1879')).toEqual(['March 2099', 'March 1880']);
    expect(dates('on March 3, 2099 and March 3, 2100')).toEqual(['March 3, 2099']);
    expect(dates('on 29 February 2024, 29 February 2023, February 29, 2024, February 29, 2023')).toEqual(['29 February 2024', 'February 2023', 'February 29, 2024']);
  });

  it('leaves the compliant look-alikes alone: versions, machine timestamps, ids, the verb "may"', () => {
    expect(dates('version 1.2.3, v2.10.2023, release 10.2.24')).toEqual([]);
    expect(dates('ts 2024-03-05T10:30:00Z, id 12/34/5678, ratio 3/4')).toEqual([]);
    expect(dates('you may 3 times retry; march 5 km; Thursday is a weekday name')).toEqual([]);
  });

  it('reads the value of a digit run in place, as Number() of its slice', () => {
    const text = 'on 07/3/1999 or 2024-12-31 at 0 and 09';
    for (let start = 0; start < text.length; start++) {
      for (let end = start; end <= text.length && /^\d*$/.test(text.slice(start, end)); end++) {
        expect(numberAt(text, start, end)).toBe(Number(text.slice(start, end)));
      }
    }
  });
});

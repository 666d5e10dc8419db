import { describe, expect, it } from 'vitest';
import { luhnValid, luhnValidIn } from './luhn-valid.js';

describe('luhnValid', () => {
  it.each(['4111111111111111', '4111 1111 1111 1111', '4111-1111-1111-1111', '378282246310005', '6011111111111117', '79927398713'])(
    'accepts %s',
    (n) => expect(luhnValid(n)).toBe(true),
  );

  it.each(['4111111111111112', '378282246310006', '79927398710', '4111 1111 1111 111x', '', '0'])('rejects %j', (n) =>
    expect(luhnValid(n)).toBe(false),
  );

  it('rejects characters other than digits, spaces and dashes', () => {
    expect(luhnValid('4111.1111.1111.1111')).toBe(false);
  });

  it('reads a range of a longer text in place, as luhnValid reads the slice', () => {
    const text = 'card x4111 1111 1111 1111x and 4111 1111 1111 1112.';
    expect(luhnValidIn(text, 6, 25)).toBe(true);
    expect(luhnValidIn(text, 5, 25)).toBe(false);
    expect(luhnValidIn(text, 31, 50)).toBe(false);
    for (let start = 0; start < text.length; start++) {
      for (let end = start; end <= text.length; end++) expect(luhnValidIn(text, start, end)).toBe(luhnValid(text.slice(start, end)));
    }
  });
});

import { describe, expect, it } from 'vitest';
import { luhnValid } from './luhn-valid.js';

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
});

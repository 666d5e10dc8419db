import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectIban } from './detect-iban.js';
import type { PiiFinding } from './pii-type.js';
import { scanText } from './text-scan.js';

describe('detectIban', () => {
  it('finds from the scan digit runs what its regex pass over the text finds', () => {
    // Valid IBANs compact and grouped, their pieces, and letters and digits glued on either side.
    const piece = fc.constantFrom(
      'DE89370400440532013000', 'GB82 WEST 1234 5698 7654 32', 'GB82WEST12345698765432', 'de89 3704 0044 0532 0130 00', 'NL91ABNA0417164300',
      'DE', 'GB', 'nl', 'x', 'ab', 'A', '89', '82', '9', '3704', '0044 ', ' 0532', '0130', '00', 'WEST', '1234', ' ', '  ', '.', '-', ',', '7', 'é',
    );
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 12 }), (pieces) => {
        const text = pieces.join('');
        const byRegex: PiiFinding[] = [];
        detectIban(text, byRegex);
        const byRuns: PiiFinding[] = [];
        detectIban(text, byRuns, scanText(text).digits);
        expect(byRuns).toEqual(byRegex);
      }),
      { numRuns: 4000, seed: 7 },
    );
    const found: PiiFinding[] = [];
    const text = 'pay DE89370400440532013000, not xDE89370400440532013000 or GB82 WEST 1234 5698 7654 32.';
    detectIban(text, found, scanText(text).digits);
    expect(found.map((f) => text.slice(f.start, f.end))).toEqual(['DE89370400440532013000', 'GB82 WEST 1234 5698 7654 32']);
  });
});

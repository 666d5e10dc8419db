import { describe, expect, it } from 'vitest';
import { ssnValid } from './ssn-valid.js';

describe('ssnValid', () => {
  it.each(['536-22-8726', '536 22 8726', '536228726', '772-01-0001', '001-01-0001'])('accepts %s', (s) =>
    expect(ssnValid(s)).toBe(true),
  );

  it.each([
    ['000-12-3456', 'area 000'],
    ['666-12-3456', 'area 666'],
    ['900-12-3456', 'area 9xx (ITINs live there)'],
    ['999-12-3456', 'area 9xx'],
    ['123-00-4567', 'group 00'],
    ['123-45-0000', 'serial 0000'],
    ['078-05-1120', 'the Woolworth wallet sample'],
    ['219-09-9999', 'an advertised sample'],
    ['123-45-6789', 'the textbook sample'],
    ['536-22 8726', 'mixed separators'],
    ['53-622-8726', 'wrong grouping'],
    ['5362287261', 'ten digits'],
  ])('rejects %s (%s)', (s) => expect(ssnValid(s)).toBe(false));
});

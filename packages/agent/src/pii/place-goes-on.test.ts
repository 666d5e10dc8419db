import { describe, expect, it } from 'vitest';
import { CONNECTORS, connectorAt, placeGoesOn } from './place-goes-on.js';

// The regex the char-code reading replaces: a connector and one space in the next four characters.
const REGEX = new RegExp(`^(?:${CONNECTORS.join('|')}) `);

describe('connectorAt', () => {
  it('reads each connector before one space, and nothing else', () => {
    for (const w of CONNECTORS) {
      expect(connectorAt(`x ${w} Janeiro`, 2)).toBe(true);
      expect(connectorAt(`x ${w}`, 2)).toBe(false);
      expect(connectorAt(`x ${w}x Janeiro`, 2)).toBe(false);
      expect(connectorAt(`x ${w.toUpperCase()} Janeiro`, 2)).toBe(false);
    }
  });

  it('answers as the regex does for every short string of connector letters, spaces and others', () => {
    const alphabet = ['a', 'd', 'e', 'f', 'l', 'm', 'n', 'o', 'r', 's', 'u', ' ', 'D', '{', '`'];
    const strings: string[] = [''];
    for (let length = 1; length <= 4; length++) {
      for (const s of strings.filter((x) => x.length === length - 1)) for (const c of alphabet) strings.push(s + c);
    }
    for (const s of strings) expect([s, connectorAt(`Rio ${s}`, 4)]).toEqual([s, REGEX.test(s)]);
  });
});

describe('placeGoesOn', () => {
  it('goes on at a capital, a letter beyond ASCII or a connector', () => {
    expect(placeGoesOn('Rio de Janeiro', 4)).toBe(true);
    expect(placeGoesOn('New York', 4)).toBe(true);
    expect(placeGoesOn('Isle of Man', 5)).toBe(true);
    expect(placeGoesOn('San Ángel', 4)).toBe(true);
    expect(placeGoesOn('Paris is', 6)).toBe(false);
    expect(placeGoesOn('Paris', 5)).toBe(false);
  });
});

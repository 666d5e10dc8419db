import { describe, expect, it } from 'vitest';
import { doubled } from './doubled.js';

describe('doubled', () => {
  it('copies the entries into an array of twice the length, zeros after them, and leaves the old one alone', () => {
    const from = Int32Array.from([3, -1, 7]);
    const to = doubled(from);
    expect(Array.from(to)).toEqual([3, -1, 7, 0, 0, 0]);
    to[0] = 9;
    expect(from[0]).toBe(3);
  });
});

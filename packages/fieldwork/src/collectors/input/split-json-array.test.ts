import { describe, expect, it } from 'vitest';
import { splitJsonArray } from './split-json-array.js';

/** The text cut into chunks of `size` bytes, as a stream would deliver it. */
async function* chunks(text: string, size: number): AsyncGenerator<Buffer> {
  const bytes = Buffer.from(text);
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function split(text: string, size = 3): Promise<unknown[]> {
  const out: unknown[] = [];
  for await (const e of splitJsonArray(chunks(text, size), 'x.json')) out.push(JSON.parse(e.text));
  return out;
}

describe('splitJsonArray', () => {
  const doc = '\uFEFF [ {"a": "x, ] } \\" [", "b": [1, {"c": null}]}, 12.5e1 , "str,]",\n true, null, [[], {}] ]\n';
  const expected = [{ a: 'x, ] } " [', b: [1, { c: null }] }, 125, 'str,]', true, null, [[], {}]];

  it('yields every element whole, however the bytes are cut', async () => {
    for (const size of [1, 2, 3, 7, 64, 1 << 20]) expect(await split(doc, size)).toEqual(expected);
    expect(await split('[]')).toEqual([]);
    expect(await split(JSON.stringify([{ s: 'é✓😀' }]), 1)).toEqual([{ s: 'é✓😀' }]);
  });

  it('refuses what is not one whole array, naming the element', async () => {
    await expect(split('[1, 2')).rejects.toMatchObject({ code: 'INPUT_MALFORMED', where: { pointer: '/1' } });
    await expect(split('[{"a": 1}, {"b": ')).rejects.toMatchObject({ code: 'INPUT_MALFORMED', where: { pointer: '/1' } });
    await expect(split('[1,,2]')).rejects.toMatchObject({ code: 'INPUT_MALFORMED', where: { pointer: '/1' } });
    await expect(split('[1, 2,]')).rejects.toMatchObject({ code: 'INPUT_MALFORMED', where: { pointer: '/2' } });
    await expect(split('[1] [2]')).rejects.toMatchObject({ code: 'INPUT_MALFORMED' });
    await expect(split('{"a": 1}')).rejects.toMatchObject({ code: 'INPUT_MALFORMED' });
    await expect(split('')).rejects.toMatchObject({ code: 'INPUT_MALFORMED' });
  });

  it('refuses an element larger than the limit', async () => {
    const out = splitJsonArray(chunks(`["${'x'.repeat(100)}"]`, 10), 'x.json', 50);
    await expect((async () => { for await (const _ of out); })()).rejects.toMatchObject({ code: 'INPUT_MALFORMED', where: { pointer: '/0' } });
  });
});

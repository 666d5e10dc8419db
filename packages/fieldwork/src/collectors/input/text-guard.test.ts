import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { firstInvalidUtf8, guardTextStream, MAX_JSON_NESTING } from './text-guard.js';

/** Streams `chunks` through the guard; the bytes that came out, or the error. */
async function through(...chunks: Buffer[]): Promise<Buffer | Error> {
  const out: Buffer[] = [];
  try {
    for await (const c of guardTextStream(Readable.from(chunks), 'f.txt')) out.push(c as Buffer);
    return Buffer.concat(out);
  } catch (e) {
    return e as Error;
  }
}

describe('guardTextStream', () => {
  it('passes valid UTF-8 unchanged, also when a character is split across chunks', async () => {
    const text = Buffer.from('naïve café 😀 日本\n', 'utf8');
    for (let cut = 0; cut <= text.length; cut++) {
      expect(await through(text.subarray(0, cut), text.subarray(cut))).toEqual(text);
    }
  });

  it('refuses Latin-1, UTF-16 and a truncated character with line and column', async () => {
    expect(await through(Buffer.from('ok\nCaf'), Buffer.from([0xe9, 0x0a]))).toMatchObject({ code: 'INPUT_MALFORMED', where: { file: 'f.txt', line: 2, column: 4 } });
    expect(await through(Buffer.from([0xff, 0xfe, 0x61, 0x00]))).toMatchObject({ code: 'INPUT_MALFORMED', where: { line: 1, column: 1 } });
    const cut = await through(Buffer.from('abc'), Buffer.from([0xe6, 0x97]));
    expect(cut).toMatchObject({ code: 'INPUT_MALFORMED', where: { line: 1, column: 4 } });
    expect((cut as Error).message).toContain('ends inside a UTF-8 character');
  });

  it('refuses a NUL byte and overlong or surrogate encodings', async () => {
    expect(await through(Buffer.from('{"a":"\u0000"}'))).toMatchObject({ where: { column: 7 } });
    expect(firstInvalidUtf8(Buffer.from([0x61, 0xc0, 0xaf]))).toBe(1);
    expect(firstInvalidUtf8(Buffer.from([0xed, 0xa0, 0x80]))).toBe(0);
    expect(firstInvalidUtf8(Buffer.from('ok ✓', 'utf8'))).toBe(-1);
  });

  it('bounds JSON nesting, ignoring brackets inside strings and in non-JSON text', async () => {
    const deep = (n: number) => Buffer.from('['.repeat(n) + ']'.repeat(n));
    expect(await through(deep(MAX_JSON_NESTING))).toBeInstanceOf(Buffer);
    expect(await through(deep(MAX_JSON_NESTING + 1))).toMatchObject({ code: 'INPUT_MALFORMED', where: { column: MAX_JSON_NESTING + 1 } });
    expect(await through(Buffer.from(`{"a":"${'['.repeat(1000)}\\"["}`))).toBeInstanceOf(Buffer);
    expect(await through(Buffer.from(`name,note\nx,${'['.repeat(1000)}\n`))).toBeInstanceOf(Buffer);
  });
});

import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { ArtifactInput } from '../collector.js';
import { readJsonValues } from './scan-input.js';

const inputOf = (text: string): ArtifactInput => ({ path: '/nowhere', displayName: 'alerts.json', sha256: 'a'.repeat(64), size: Buffer.byteLength(text), open: () => Readable.from([Buffer.from(text)]) });

describe('readJsonValues', () => {
  it('reads the pages `gh api --paginate` prints one after another', async () => {
    expect(await readJsonValues(inputOf('[{"n":1}]\n[{"n":2}]\n'))).toEqual([{ value: [{ n: 1 }], line: 1 }, { value: [{ n: 2 }], line: 2 }]);
  });

  it('refuses a file over the size limit before reading it, naming the file', async () => {
    const text = '[{"n":1}]';
    const input = { ...inputOf(text), open: () => { throw new Error('must not be read'); } };
    await expect(readJsonValues(input, text.length - 1)).rejects.toMatchObject({ code: 'INPUT_MALFORMED', where: { file: 'alerts.json' }, hint: expect.stringContaining('Split') });
    expect(await readJsonValues(inputOf(text), text.length)).toHaveLength(1);
  });
});

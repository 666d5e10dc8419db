import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { approvePolicy } from '../policies/approve-policy.js';
import { writeAtomic } from '../report/index.js';
import { openTestStore } from '../testing/index.js';
import type { TestStore } from '../testing/index.js';
import { initWorkspace, loadWorkspace } from './index.js';
import { writeFileSafely } from './write-file-safely.js';

const scratch = (p: string) => mkdtempSync(join(tmpdir(), p));
const init = (dir: string) => initWorkspace({ dir, organization: 'Acme AI', timezone: 'UTC', owner: { name: 'Maya', email: 'maya@acme.ai' }, categories: ['security'], report: { type: 1, asOf: '2026-06-30' }, startDate: '2026-01-05', b2b: true });

/** A host file that a planted symlink points at; it must keep its bytes. */
function victim(): string {
  const f = join(scratch('fieldwork-victim-'), 'passwd');
  writeFileSync(f, 'root:x:0:0::/root:/bin/sh\n');
  return f;
}

describe('writeFileSafely', () => {
  it('writes atomically and leaves no temporary file', () => {
    const dir = scratch('fieldwork-write-');
    writeFileSafely(join(dir, 'a', 'b.txt'), 'one');
    writeFileSafely(join(dir, 'a', 'b.txt'), 'two', dir);
    expect(readFileSync(join(dir, 'a', 'b.txt'), 'utf8')).toBe('two');
    expect(readdirSync(join(dir, 'a'))).toEqual(['b.txt']);
  });

  it('refuses a symlink at the file and a folder that leads out of the root, leaving the target untouched', () => {
    const dir = scratch('fieldwork-write-');
    const target = victim();
    symlinkSync(target, join(dir, 'report.md'));
    expect(() => writeFileSafely(join(dir, 'report.md'), 'x', dir)).toThrow(expect.objectContaining({ code: 'INPUT_UNSAFE_PATH', where: { file: 'report.md' } }));
    symlinkSync(join(target, '..'), join(dir, 'out'));
    expect(() => writeFileSafely(join(dir, 'out', 'new.md'), 'x', dir)).toThrow(expect.objectContaining({ code: 'INPUT_UNSAFE_PATH' }));
    expect(() => writeAtomic(join(dir, 'report.md'), 'x')).toThrow(expect.objectContaining({ code: 'INPUT_UNSAFE_PATH' }));
    expect(readFileSync(target, 'utf8')).toBe('root:x:0:0::/root:/bin/sh\n');
    expect(readdirSync(join(target, '..'))).toEqual(['passwd']);
  });
});

describe('writers refuse to follow symlinks', () => {
  let t: TestStore;
  afterEach(async () => t?.dispose());

  it('policy approve does not write through a symlinked approval file or policy', async () => {
    t = await openTestStore('sqlite');
    const dir = scratch('fieldwork-ws-');
    init(dir);
    const ws = loadWorkspace(dir);
    const target = victim();
    mkdirSync(join(dir, 'policies', 'approvals'), { recursive: true });
    symlinkSync(target, join(dir, 'policies', 'approvals', 'access-control-v1.0-2026-02-01.json'));
    await expect(approvePolicy(ws, t.store, 'access-control', 'Maya', new Date('2026-02-01T10:00:00Z'))).rejects.toMatchObject({ code: 'INPUT_UNSAFE_PATH' });
    expect(readFileSync(target, 'utf8')).toBe('root:x:0:0::/root:/bin/sh\n');
    expect(await t.store.ledger()).toEqual([]);
  });

  it('init does not write through a symlinked fieldwork.yaml', () => {
    const dir = scratch('fieldwork-ws-');
    const target = victim();
    symlinkSync(target, join(dir, 'fieldwork.schema.json'));
    expect(() => init(dir)).toThrow(expect.objectContaining({ code: 'INPUT_UNSAFE_PATH', where: { file: 'fieldwork.schema.json' } }));
    expect(readFileSync(target, 'utf8')).toBe('root:x:0:0::/root:/bin/sh\n');
    expect(lstatSync(join(dir, 'fieldwork.schema.json')).isSymbolicLink()).toBe(true);
  });
});

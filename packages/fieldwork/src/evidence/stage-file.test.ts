import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { execFileSync, spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { sha256 } from './hash.js';
import { stageFile } from './stage-file.js';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('stageFile', () => {
  it('copies a path byte for byte, names it by the hash of the copy, keeps its mtime, and gives it a new file\'s mode', async () => {
    dir = mkdtempSync(join(tmpdir(), 'fw-stage-'));
    const from = join(dir, 'export.jsonl');
    // Larger than one hashing read, so the hash spans several reads.
    const bytes = Buffer.alloc(3 * 1024 * 1024 + 17, 'ab\n');
    writeFileSync(from, bytes);
    utimesSync(from, new Date('2026-01-02T03:04:05Z'), new Date('2026-01-02T03:04:05Z'));
    // A read-only export: the kernel copy would give the staged copy this mode.
    chmodSync(from, 0o400);
    const fresh = join(dir, 'fresh');
    writeFileSync(fresh, '');
    const staged = await stageFile(from, join(dir, 'staging'));
    try {
      expect(staged.sha256).toBe(sha256(bytes));
      expect(staged.size).toBe(bytes.length);
      expect(readFileSync(staged.path).equals(bytes)).toBe(true);
      expect(statSync(staged.path).mtime.toISOString()).toBe('2026-01-02T03:04:05.000Z');
      expect(statSync(staged.path).mode & 0o7777).toBe(statSync(fresh).mode & 0o7777);
    } finally {
      await staged.discard();
    }
    expect(readdirSync(join(dir, 'staging'))).toEqual([]);
  });

  it('stages a stream as it passes, and leaves nothing behind when the path is missing', async () => {
    dir = mkdtempSync(join(tmpdir(), 'fw-stage-'));
    const staged = await stageFile(Readable.from([Buffer.from('one\n'), Buffer.from('two\n')]), join(dir, 'staging'));
    expect(staged.sha256).toBe(sha256(Buffer.from('one\ntwo\n')));
    expect(readFileSync(staged.path, 'utf8')).toBe('one\ntwo\n');
    await staged.discard();
    await expect(stageFile(join(dir, 'missing.json'), join(dir, 'staging'))).rejects.toThrow();
    expect(readdirSync(join(dir, 'staging'))).toEqual([]);
  });

  it('reads a pipe (a FIFO, as a shell gives for `<(…)`) through to its end, not as an empty file', async () => {
    dir = mkdtempSync(join(tmpdir(), 'fw-stage-'));
    const fifo = join(dir, 'export.fifo');
    execFileSync('mkfifo', [fifo]);
    const text = 'line one\nline two\n'.repeat(50_000);
    // Another process writes, as a shell's process substitution would.
    const writer = spawn(process.execPath, ['-e', `require('fs').writeFileSync(process.argv[1], 'line one\\nline two\\n'.repeat(50000))`, fifo]);
    const staged = await stageFile(fifo, join(dir, 'staging'));
    try {
      expect(staged.size).toBe(Buffer.byteLength(text));
      expect(staged.sha256).toBe(sha256(Buffer.from(text)));
      expect(readFileSync(staged.path, 'utf8')).toBe(text);
    } finally {
      await staged.discard();
      writer.kill();
    }
  });
});

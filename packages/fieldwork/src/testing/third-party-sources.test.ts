import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REAL_FIXTURES } from './parse-file.js';

/** Every file below `dir`, relative to `root`, with `/` separators. */
function filesBelow(dir: string, root = dir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    return e.isDirectory() ? filesBelow(path, root) : [relative(root, path).split('\\').join('/')];
  });
}

/** The rows of SOURCES.md's table of copied files: local path, licence and size in bytes. */
function listedFiles(): { path: string; licence: string; size: number }[] {
  const rows = readFileSync(join(REAL_FIXTURES, 'SOURCES.md'), 'utf8').split('\n').filter((l) => l.startsWith('| `'));
  return rows.map((row) => {
    const cells = row.split(' | ').map((c) => c.replace(/^\|?\s*`?|`?\s*\|?$/g, ''));
    return { path: cells[0], licence: cells[4], size: Number(cells[5]) };
  });
}

describe('fixtures/third-party/SOURCES.md', () => {
  it('names every copied file with its origin and licence, at the size it has here', () => {
    const listed = listedFiles();
    const present = filesBelow(REAL_FIXTURES).filter((f) => f !== 'SOURCES.md' && !f.startsWith('licenses/')).sort();
    expect(present.length).toBeGreaterThan(0);
    expect(listed.map((f) => f.path).sort()).toEqual(present);
    for (const f of listed) {
      expect(f.licence, f.path).toMatch(/\S/);
      expect(statSync(join(REAL_FIXTURES, f.path)).size, `${f.path}: the size SOURCES.md states`).toBe(f.size);
    }
  });
});

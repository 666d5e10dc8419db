import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { FieldworkError } from '@fieldwork/core';

/** A `*`/`**`/`?` glob as a regular expression over `/`-separated relative paths. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        re += glob[i + 2] === '/' ? '(?:.*/)?' : '.*';
        i += glob[i + 2] === '/' ? 2 : 1;
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

function walk(dir: string, out: string[]): void {
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else out.push(p);
  }
}

/**
 * The files a source reads: `path` (a file, or every file in a folder) or `glob`, relative to
 * the workspace, sorted so collection order (and the ledger) is reproducible.
 */
export function resolveSourceFiles(workspaceDir: string, source: { name: string; path?: string; glob?: string }): string[] {
  if (source.path) {
    const abs = resolve(workspaceDir, source.path);
    if (!existsSync(abs)) {
      throw new FieldworkError('INPUT_NOT_FOUND', `Source "${source.name}": ${source.path} does not exist.`, {
        where: { file: source.path }, hint: 'Paths are relative to the workspace folder (where fieldwork.yaml is).',
      });
    }
    if (statSync(abs).isDirectory()) {
      const files: string[] = [];
      walk(abs, files);
      return files;
    }
    return [abs];
  }
  if (source.glob) {
    const re = globToRegExp(source.glob.replace(/^\.\//, ''));
    const all: string[] = [];
    const fixed = source.glob.split(/[*?]/)[0];
    const base = resolve(workspaceDir, fixed.includes('/') ? fixed.slice(0, fixed.lastIndexOf('/')) : '.');
    if (existsSync(base)) walk(base, all);
    const files = all.filter((f) => re.test(relative(workspaceDir, f).split(sep).join('/')));
    if (files.length === 0) {
      throw new FieldworkError('INPUT_NOT_FOUND', `Source "${source.name}": no file matches ${source.glob}.`, {
        where: { file: source.glob }, hint: 'Globs are relative to the workspace folder; * matches within a folder, ** across folders.',
      });
    }
    return files;
  }
  return [];
}

import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { formatWithOptions } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * Runs every `@example` in the TSDoc of the package's sources, so the documentation cannot rot.
 * A line `console.log(x); // y` also asserts that it prints `y` (whitespace ignored, and a
 * trailing `(…)` remark in the comment ignored). Imports of `@fieldwork/agent/…` resolve to the
 * sources through the workspace Vitest aliases.
 */
const SRC = fileURLToPath(new URL('.', import.meta.url));
const OUT = mkdtempSync(join(tmpdir(), 'fieldwork-agent-examples-'));
afterAll(() => rmSync(OUT, { recursive: true, force: true }));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [path] : [];
  });
}

interface Example {
  readonly name: string;
  readonly code: string;
}

function examples(): Example[] {
  const found: Example[] = [];
  for (const file of sources(SRC)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/@example\s*\n((?:\s*\*.*\n)*?)\s*\*\/\s*\n\s*(?:export )?(?:declare )?(?:abstract )?(?:async )?(?:function|const|class|interface|type) (\w+)/g)) {
      const body = (m[1] as string).split('\n').map((l) => l.replace(/^\s*\* ?/, ''));
      const start = body.findIndex((l) => l.startsWith('```'));
      const end = body.findIndex((l, i) => i > start && l.startsWith('```'));
      if (start >= 0 && end > start) found.push({ name: `${relative(SRC, file)} ${m[2]}`, code: body.slice(start + 1, end).join('\n') });
    }
  }
  return found;
}

const LOG = /^(\s*)console\.log\((.*)\);\s*\/\/\s*(.+?)\s*(?:\([^()]*\))?\s*$/;

function instrument(code: string): string {
  return code
    .split('\n')
    .map((line) => {
      const m = LOG.exec(line);
      return m === null ? line : `${m[1]}globalThis.__fieldworkExpectLog(${JSON.stringify(m[3])}, ${m[2]});`;
    })
    .join('\n');
}

const all = examples();
const failures: string[] = [];
(globalThis as Record<string, unknown>).__fieldworkExpectLog = (expected: string, ...args: unknown[]) => {
  const actual = formatWithOptions({ breakLength: Infinity }, ...args);
  const squash = (s: string) => s.replace(/\s+/g, '');
  if (squash(actual) !== squash(expected)) failures.push(`printed ${actual}, documented ${expected}`);
};

describe('TSDoc examples', () => {
  it('exist for the public API', () => {
    expect(all.length).toBeGreaterThan(60);
  });

  it.each(all.map((e, i) => [e.name, i] as const))('%s runs as documented', async (_name, i) => {
    const file = join(OUT, `example-${i}.ts`);
    writeFileSync(file, instrument(all[i]!.code));
    failures.length = 0;
    const log = console.log;
    console.log = () => {};
    try {
      await import(pathToFileURL(file).href);
    } finally {
      console.log = log;
    }
    expect(failures).toEqual([]);
  });
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isFieldworkError } from '@fieldwork/core';
import type { FieldworkError } from '@fieldwork/core';
import type { Collector } from '../collectors/collector.js';
import { parseFile } from './parse-file.js';

/** A temporary folder for a test's inputs: `file(name, content)` writes one and returns its path. */
export function scratchDir(prefix: string): { dir: string; file(name: string, content: string | Buffer): string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return {
    dir,
    file(name, content) {
      const p = join(dir, name);
      writeFileSync(p, content);
      return p;
    },
    remove() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The FieldworkError a collector raises on a file; throws when the file is accepted or fails otherwise. */
export async function refusal<O>(collector: Collector<O>, path: string, options: unknown = {}): Promise<FieldworkError> {
  const e = await parseFile(collector, path, options).then(() => undefined, (err: unknown) => err);
  if (e === undefined) throw new Error(`expected ${collector.kind} to refuse ${path}`);
  if (!isFieldworkError(e)) throw e;
  return e;
}

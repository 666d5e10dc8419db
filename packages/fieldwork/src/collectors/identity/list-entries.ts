import { FieldworkError } from '@fieldwork/core/errors';
import type { JsonItem } from '../input/index.js';
import { pointer } from '../input/index.js';

/** One element of a list response, with its JSON pointer (or `line N#pointer` in JSON Lines). */
export interface ListEntry {
  value: unknown;
  locator: string;
}

/**
 * The elements of one item of an export: a response page whose list sits under one of `keys`
 * (`value` in Graph, `users` in the Directory API, `items` in the Reports API, `records` in an
 * Azure diagnostic export), a bare array, or a single object.
 */
export function listEntries(item: JsonItem, keys: readonly string[]): ListEntry[] {
  const v = item.value as Record<string, unknown> | unknown[] | null;
  const base = item.locator.startsWith('line') ? '' : item.locator;
  const at = (loc: string) => (item.locator.startsWith('line') ? `${item.locator}#${loc || '/'}` : loc || '/');
  if (Array.isArray(v)) return v.map((x, i) => ({ value: x, locator: at(pointer(base, i)) }));
  if (v && typeof v === 'object') {
    for (const k of keys) {
      const list = (v as Record<string, unknown>)[k];
      if (Array.isArray(list)) return list.map((x, i) => ({ value: x, locator: at(pointer(base, k, i)) }));
    }
  }
  return [{ value: v, locator: at(base) }];
}

/**
 * The error for an entry its schema refused: the wrong format when nothing was read yet, a
 * malformed entry after that; either way naming the file, line and JSON pointer of the field.
 */
export function entryError(file: string, item: JsonItem, entry: ListEntry, issue: { path: PropertyKey[]; message: string }, seen: number, what: { format: string; entry: string; hint: string }): FieldworkError {
  const path = issue.path.map(String);
  return new FieldworkError(seen === 0 ? 'INPUT_WRONG_FORMAT' : 'INPUT_INVALID_RECORD', `${file}: ${seen === 0 ? `this does not look like ${what.format}` : `malformed ${what.entry}`} (${path.join('.') || 'entry'}: ${issue.message}).`, {
    where: { file, ...(item.line ? { line: item.line } : {}), pointer: `${entry.locator.replace(/^line \d+#/, '')}/${path.join('/')}`.replace(/\/+$/, '').replace(/^$/, '/') },
    hint: what.hint,
  });
}

import { FieldworkError } from '@fieldwork/core/errors';
import type { FieldworkErrorCode } from '@fieldwork/core/errors';
import { isAlias, visit } from 'yaml';
import type { Document, LineCounter } from 'yaml';

/**
 * How many nodes aliases may expand to in one YAML file. A few `<<: *defaults` merges are
 * normal; a "billion laughs" file nests aliases of aliases to expand into gigabytes.
 */
export const MAX_YAML_ALIAS_EXPANSION = 100;

/**
 * The plain value of a parsed YAML document, with the resource limits a hostile file needs:
 * alias expansion is capped ({@link MAX_YAML_ALIAS_EXPANSION}) and nesting deep enough to
 * exhaust the stack is refused, both as a FieldworkError (`code`, default INPUT_MALFORMED)
 * naming the file and the line of the first alias, instead of a crash.
 *
 * @example
 * const value = yamlValue(parseDocument(text, { lineCounter: lc }), lc, 'vendors.yaml');
 */
export function yamlValue(doc: Document, lc: LineCounter, file: string, code: FieldworkErrorCode = 'INPUT_MALFORMED'): unknown {
  try {
    return doc.toJS({ maxAliasCount: MAX_YAML_ALIAS_EXPANSION });
  } catch (e) {
    if (e instanceof RangeError) {
      throw new FieldworkError(code, `${file} is nested too deeply to read as YAML.`, { where: { file }, hint: 'No real file nests this deep; the file is damaged or crafted. Restore it from git.', cause: e });
    }
    if (e instanceof ReferenceError) {
      let line: number | undefined;
      visit(doc, { Alias: (_k, node) => { line = node.range ? lc.linePos(node.range[0]).line : undefined; return visit.BREAK; } });
      const bomb = /resource exhaustion/.test(e.message);
      throw new FieldworkError(code, bomb
        ? `${file} uses YAML aliases that expand to more than ${MAX_YAML_ALIAS_EXPANSION} nodes.`
        : `${file}: ${e.message}.`, {
        where: { file, ...(line !== undefined ? { line } : {}) },
        hint: bomb ? 'Aliases that repeat aliases multiply; write the values out instead of nesting anchors (a "billion laughs" file is refused).' : 'Define each anchor (&name) before its alias (*name).',
        cause: e,
      });
    }
    throw e;
  }
}

/**
 * Refuses YAML whose flow collections (`[`, `{`) nest deeper than `max` before it is parsed:
 * the parser recurses per level, and at tens of thousands of levels V8 can abort the whole
 * process (out of memory compiling a regular expression deep in the stack) instead of throwing.
 * Quoted scalars and comments are skipped; a stray `[` inside a plain scalar only counts up,
 * which no real file does hundreds of times.
 *
 * @example
 * assertYamlNesting(text, 'vendors.yaml'); // before parseDocument(text)
 */
export function assertYamlNesting(text: string, file: string, code: FieldworkErrorCode = 'INPUT_MALFORMED', max = 256): void {
  let depth = 0;
  let line = 1;
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      line++;
      if (quote === '#') quote = '';
      continue;
    }
    if (quote) {
      if (quote === '"' && c === 92) i++; // backslash escape in a double-quoted scalar
      else if (quote !== '#' && text[i] === quote) quote = '';
      continue;
    }
    if (c === 34 || c === 39) quote = text[i];
    else if (c === 35 && (i === 0 || /\s/.test(text[i - 1]))) quote = '#';
    else if (c === 91 || c === 123) {
      if (++depth > max) {
        throw new FieldworkError(code, `${file} is nested more than ${max} levels deep.`, { where: { file, line }, hint: 'No real file nests this deep; the file is damaged or crafted. Restore it from git.' });
      }
    } else if ((c === 93 || c === 125) && depth > 0) depth--;
  }
}

/** True when the document contains any alias (`*name`). */
export function hasAlias(doc: Document): boolean {
  let found = false;
  visit(doc, { Node: (_k, node) => { if (isAlias(node)) { found = true; return visit.BREAK; } return undefined; } });
  return found;
}

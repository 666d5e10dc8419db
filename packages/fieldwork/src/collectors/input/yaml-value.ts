import { FieldworkError } from '@fieldwork/core';
import type { FieldworkErrorCode } from '@fieldwork/core';
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

/** True when the document contains any alias (`*name`). */
export function hasAlias(doc: Document): boolean {
  let found = false;
  visit(doc, { Node: (_k, node) => { if (isAlias(node)) { found = true; return visit.BREAK; } return undefined; } });
  return found;
}

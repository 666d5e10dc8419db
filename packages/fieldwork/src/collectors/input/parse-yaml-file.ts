import { FieldworkError } from '@fieldwork/core/errors';
import { LineCounter, parseDocument } from 'yaml';
import type { Document } from 'yaml';
import type { ArtifactInput } from '../collector.js';
import { assertYamlNesting, yamlValue } from './yaml-value.js';

/** A YAML file read whole: the document (for node ranges) and its line counter. */
export interface ParsedYamlFile {
  doc: Document.Parsed;
  lc: LineCounter;
  /** 1-based line of the node at `path`, or undefined when it has none. */
  lineOf(path: readonly (string | number)[]): number | undefined;
}

/**
 * Reads a small YAML file kept in git (model changes, the risk register) whole, under the same
 * guards as every YAML input: a size bound, nesting and alias-expansion limits, and a syntax
 * error as INPUT_MALFORMED naming the line and column.
 *
 * @example
 * const { doc, lineOf } = await parseYamlFile(input, { maxBytes: 8 << 20, what: 'a risk register', hint })
 */
export async function parseYamlFile(input: ArtifactInput, o: { maxBytes: number; what: string; hint: string }): Promise<ParsedYamlFile> {
  const file = input.displayName;
  if (input.size > o.maxBytes) throw new FieldworkError('INPUT_MALFORMED', `${file} is too large for ${o.what} (${input.size} bytes).`, { where: { file }, hint: o.hint });
  const chunks: Buffer[] = [];
  for await (const c of input.open()) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8').replace(/^\uFEFF/, '');
  assertYamlNesting(text, file);
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false });
  if (doc.errors.length > 0) {
    const pos = lc.linePos(doc.errors[0]!.pos[0]);
    throw new FieldworkError('INPUT_MALFORMED', `${file} is not valid YAML: ${doc.errors[0]!.message.split('\n')[0]}`, {
      where: { file, line: pos.line, column: pos.col }, hint: 'Fix the YAML at that place (indentation, quoting), or restore the file from git.',
    });
  }
  // Resolves aliases once under the expansion limit, so an alias bomb is refused before the entries are read.
  yamlValue(doc, lc, file);
  return {
    doc, lc,
    lineOf(path) {
      const range = (doc.getIn(path, true) as { range?: [number, number, number] } | undefined)?.range;
      return range ? lc.linePos(range[0]).line : undefined;
    },
  };
}

import { FieldworkError } from '@fieldwork/core/errors';
import { LineCounter, parseDocument } from 'yaml';
import type { ArtifactInput } from '../collector.js';
import { assertYamlNesting, yamlValue } from '../input/yaml-value.js';

/** Larger than any inventory or restore record; bounds the memory of reading one whole. */
const MAX_YAML_BYTES = 32 * 1024 * 1024;

/** A parsed YAML file: its plain value and the line of any node in it. */
export interface YamlDocument {
  value: unknown;
  /** 1-based line of the node at `path` (or of its nearest existing parent). */
  lineOf(path: readonly (string | number)[]): number | undefined;
}

/**
 * Reads a small YAML file (inventory, restore record) whole. Syntax errors are INPUT_MALFORMED
 * with line and column; an empty file is INPUT_MALFORMED too, since an empty file is not evidence.
 */
export async function readYamlDocument(input: ArtifactInput): Promise<YamlDocument> {
  if (input.size > MAX_YAML_BYTES) {
    throw new FieldworkError('INPUT_MALFORMED', `${input.displayName} is ${input.size} bytes, too large for a YAML record file.`, { where: { file: input.displayName }, hint: 'Split the file; an inventory or restore record is a few KB.' });
  }
  const chunks: Buffer[] = [];
  for await (const c of input.open()) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8').replace(/^\uFEFF/, '');
  if (text.trim() === '') {
    throw new FieldworkError('INPUT_MALFORMED', `${input.displayName} is empty.`, { where: { file: input.displayName }, hint: 'An empty file is not evidence; fill it in or remove it from the source.' });
  }
  assertYamlNesting(text, input.displayName);
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const err = doc.errors[0];
    const pos = lc.linePos(err.pos[0]);
    throw new FieldworkError('INPUT_MALFORMED', `${input.displayName} is not valid YAML: ${err.message.split('\n')[0]}`, {
      where: { file: input.displayName, line: pos.line, column: pos.col },
      hint: 'Fix the YAML at that place (indentation, quoting, a repeated key), or restore the file from git.',
    });
  }
  const value = yamlValue(doc, lc, input.displayName);
  return {
    value,
    lineOf(path) {
      for (let n = path.length; n >= 0; n--) {
        const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
        if (node && typeof node === 'object' && node.range) return lc.linePos(node.range[0]).line;
      }
      return undefined;
    },
  };
}

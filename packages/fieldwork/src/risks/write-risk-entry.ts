import { existsSync, readFileSync } from 'node:fs';
import { FieldworkError } from '@fieldwork/core/errors';
import { isMap, isSeq, parseDocument, YAMLMap } from 'yaml';
import type { Document, Node } from 'yaml';
import { riskEntrySchema } from '../collectors/risk-register/risk-register-entry.js';
import type { RiskEntry, RiskEntryInput } from '../collectors/risk-register/risk-register-entry.js';
import { writeFileSafely } from '../workspace/write-file-safely.js';

/** The keys of an entry this writer owns, in the order a new entry is written. */
const KEYS = ['id', 'title', 'category', 'description', 'owner', 'inherent', 'residual', 'treatment', 'controls', 'created', 'reviewed', 'review_months'] as const;

export interface WriteRiskOptions {
  /** `edit` replaces the fields of an existing risk; `add` appends a new one. */
  mode: 'edit' | 'add';
  /** The folder the write must stay in (the workspace). */
  root: string;
  scale: { likelihood: number; impact: number };
}

/**
 * Writes one risk into the register YAML: validated as the collector would read it, the other
 * entries, comments and key order left as they are, and the file replaced in one step
 * (write-file-safely), so a failed edit leaves the old file.
 *
 * @example
 * writeRiskEntry('risks.yaml', { id: 'R-05', title: '…', category: 'provider-outage', inherent: { likelihood: 3, impact: 4 } }, { mode: 'edit', root: ws.dir, scale })
 */
export function writeRiskEntry(file: string, input: RiskEntryInput, o: WriteRiskOptions): RiskEntry {
  const parsed = riskEntrySchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new FieldworkError('INPUT_INVALID_RECORD', `Risk ${String(input.id ?? '')}: ${issue.path.join('.') || 'entry'}: ${issue.message}.`, { where: { file, pointer: `/${issue.path.join('/')}` }, hint: 'Correct that field and save again.' });
  }
  const entry = parsed.data;
  for (const which of ['inherent', 'residual'] as const) {
    for (const axis of ['likelihood', 'impact'] as const) {
      const v = entry[which]?.[axis];
      if (v !== undefined && v > o.scale[axis]) {
        throw new FieldworkError('INPUT_INVALID_RECORD', `Risk ${entry.id}: ${which} ${axis} ${v} is above the workspace scale (1–${o.scale[axis]}).`, { where: { file, pointer: `/${which}/${axis}` }, hint: 'Rate on the scale set in fieldwork.yaml `risks.scale`.' });
      }
    }
  }
  const doc = existsSync(file) ? parseDocument(readFileSync(file, 'utf8')) : parseDocument('risks: []\n');
  if (doc.errors.length > 0) throw new FieldworkError('INPUT_MALFORMED', `${file} is not valid YAML: ${doc.errors[0].message.split('\n')[0]}`, { where: { file }, hint: 'Fix the file by hand (or restore it from git) before editing risks here.' });
  const risks = isMap(doc.contents) ? doc.contents.get('risks', true) : undefined;
  if (!isSeq(risks)) throw new FieldworkError('INPUT_WRONG_FORMAT', `${file} has no \`risks:\` list.`, { where: { file }, hint: 'A risk register starts with `risks:`.' });
  const index = risks.items.findIndex((n) => isMap(n) && String(n.get('id')) === entry.id);
  if (o.mode === 'edit' && index < 0) throw new FieldworkError('INPUT_NOT_FOUND', `No risk ${entry.id} in ${file}.`, { where: { file, pointer: '/risks' }, hint: 'Add it instead, or re-collect if the file changed.' });
  if (o.mode === 'add' && index >= 0) throw new FieldworkError('INPUT_INVALID_RECORD', `Risk ${entry.id} is already in ${file}.`, { where: { file, pointer: `/risks/${index}` }, hint: 'Pick an unused id.' });
  const plain = toYamlShape(entry);
  if (o.mode === 'add') {
    risks.items.push(doc.createNode(plain) as Node);
  } else {
    merge(doc, risks.items[index] as YAMLMap, plain);
  }
  writeFileSafely(file, doc.toString({ lineWidth: 0 }), o.root);
  return entry;
}

/** The entry as it is written: only keys with a value, in the documented order. */
function toYamlShape(e: RiskEntry): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of KEYS) {
    const v = e[k];
    if (v === undefined || (Array.isArray(v) && v.length === 0 && k !== 'controls')) continue;
    out[k] = v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined)) : v;
  }
  return out;
}

/**
 * Sets the owned keys of `node` to `value` in place: unchanged scalars and nested maps keep their
 * comments and flow style; owned keys now empty are removed; keys Fieldwork does not own stay.
 */
function merge(doc: Document, node: YAMLMap, value: Record<string, unknown>, owned: readonly string[] = KEYS): void {
  for (const k of owned) {
    const v = value[k];
    if (v === undefined) {
      if (node.has(k)) node.delete(k);
      continue;
    }
    const current = node.get(k, true);
    if (isMap(current) && v && typeof v === 'object' && !Array.isArray(v)) {
      merge(doc, current, v as Record<string, unknown>, [...new Set([...current.items.map((p) => String((p.key as { value?: unknown }).value ?? p.key)).filter((x) => ['likelihood', 'impact', 'type', 'plan', 'owner', 'due', 'approved_by'].includes(x)), ...Object.keys(v)])]);
      continue;
    }
    if (current !== undefined && !isMap(current) && !isSeq(current) && (current as { value?: unknown }).value === v) continue;
    const created = doc.createNode(v) as Node & { flow?: boolean };
    if (Array.isArray(v) || (isSeq(current) && current.flow)) created.flow = true;
    node.set(k, created);
  }
}

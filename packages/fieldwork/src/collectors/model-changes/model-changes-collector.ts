import { FieldworkError } from '@fieldwork/core/errors';
import type { FieldworkRecord } from '@fieldwork/core/records';
import { isMap, isSeq } from 'yaml';
import type { Collector } from '../collector.js';
import { FieldMapping, inputPath, normalizeInstant } from '../input/index.js';
import { parseYamlFile } from '../input/parse-yaml-file.js';
import { MODEL_CHANGE_FIELDS, modelChangesOptionsSchema } from './model-changes-config.js';
import type { ModelChangesOptions } from './model-changes-config.js';
import { mapModelChange, modelChangeEntrySchema } from './model-changes-mapper.js';

const MAX_BYTES = 32 * 1024 * 1024;
const HINT = 'model-changes-yaml reads `changes: [{ id, service, environment, from, to, ticket, requested_by, approved_by, approved_at, effective_at, evals }]`; other key names are mapped with options.fields.';

/** Declared model changes (model swaps) kept in git as YAML. */
export const modelChangesCollector: Collector<ModelChangesOptions> = {
  kind: 'model-changes-yaml',
  snapshotKinds: ['model_change'],
  description: 'Declared model changes (YAML: changes with ticket, requester, approver, effective time and eval ids)',
  options: modelChangesOptionsSchema,
  mappingOption: 'fields',
  mediaType: 'application/yaml',
  async *parse(input, options, ctx): AsyncGenerator<FieldworkRecord> {
    const file = input.displayName;
    const { doc, lc, lineOf } = await parseYamlFile(input, { maxBytes: MAX_BYTES, what: 'a model-changes file', hint: HINT });
    const changes = isMap(doc.contents) ? doc.contents.get('changes', true) : undefined;
    if (!isSeq(changes)) {
      throw new FieldworkError('INPUT_WRONG_FORMAT', `${file} has no \`changes:\` list; this does not look like a model-changes file.`, { where: { file, line: 1 }, hint: HINT });
    }
    for (const item of isMap(doc.contents) ? doc.contents.items : []) {
      const key = String((item.key as { value?: unknown } | null)?.value ?? item.key);
      if (key !== 'changes') ctx.ignore?.(key, `line ${lineOf([key]) ?? 1}`);
    }
    const mapping = new FieldMapping(MODEL_CHANGE_FIELDS, options.fields);
    const ids = new Set<string>();
    for (const [i, node] of changes.items.entries()) {
      const range = (node as { range?: [number, number, number] } | null)?.range;
      const line = range ? lc.linePos(range[0]).line : undefined;
      const pointer = `/changes/${i}`;
      const where = { file, ...(line ? { line } : {}), pointer };
      const raw = (node as { toJSON(): unknown } | null)?.toJSON?.() ?? node;
      const mapped = raw && typeof raw === 'object' && !Array.isArray(raw) ? mapping.read(raw as Record<string, unknown>) : undefined;
      for (const f of mapped?.ignored ?? []) ctx.ignore?.(f, `line ${lineOf(['changes', i, ...f.split('.')]) ?? line ?? 1}`);
      const parsed = modelChangeEntrySchema.safeParse(mapped?.value ?? raw);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const at = mapped ? inputPath(mapped, issue.path as (string | number)[]) : (issue.path as (string | number)[]);
        throw new FieldworkError('INPUT_INVALID_RECORD', `${file}: change ${i + 1}: ${at.join('.') || 'entry'}: ${issue.message}.`, {
          where: { ...where, pointer: `${pointer}/${at.join('/')}` }, hint: HINT,
        });
      }
      const e = parsed.data;
      if (ids.has(e.id)) throw new FieldworkError('INPUT_INVALID_RECORD', `${file}: change id "${e.id}" appears twice.`, { where, hint: 'Give each change a unique id; checks and evidence refer to it.' });
      ids.add(e.id);
      const effectiveAt = normalizeInstant(e.effective_at, where, 'effective_at', ctx.timezone) as string;
      const approvedAt = e.approved_at ? normalizeInstant(e.approved_at, where, 'approved_at', ctx.timezone) : undefined;
      yield mapModelChange(e, { effectiveAt, ...(approvedAt ? { approvedAt } : {}) }, ctx.cite(line ? `line ${line}#${pointer}` : pointer));
    }
  },
};

import { FieldworkError } from '@fieldwork/core/errors';
import type { FieldworkRecord } from '@fieldwork/core/records';
import { isMap, isSeq } from 'yaml';
import type { Collector } from '../collector.js';
import { parseYamlFile } from '../input/parse-yaml-file.js';
import { riskRegisterDefaults, riskRegisterOptionsSchema } from './risk-register-config.js';
import type { RiskRegisterOptions } from './risk-register-config.js';
import { RISK_ENTRY_KEYS, RISK_TREATMENT_KEYS, riskEntrySchema } from './risk-register-entry.js';
import { mapRisk } from './risk-register-mapper.js';

const MAX_BYTES = 8 * 1024 * 1024;
const HINT = 'risk-register-yaml reads `risks: [{ id, title, category, owner, inherent: { likelihood, impact }, residual, treatment: { type, plan, owner, due, approved_by }, controls, created, reviewed, review_months }]` (docs/risk-register.md).';

/** The risk register kept in git as YAML (`risks.yaml`): one `risk` record per entry. */
export const riskRegisterCollector: Collector<RiskRegisterOptions> = {
  kind: 'risk-register-yaml',
  snapshotKinds: ['risk'],
  description: 'Risk register (YAML: risks with category, likelihood × impact before and after controls, treatment, owner, linked controls, review dates)',
  options: riskRegisterOptionsSchema,
  workspaceDefaults: riskRegisterDefaults,
  mediaType: 'application/yaml',
  async *parse(input, options, ctx): AsyncGenerator<FieldworkRecord> {
    const file = input.displayName;
    const { doc, lineOf } = await parseYamlFile(input, { maxBytes: MAX_BYTES, what: 'a risk register', hint: HINT });
    const risks = isMap(doc.contents) ? doc.contents.get('risks', true) : undefined;
    if (!isSeq(risks)) {
      throw new FieldworkError('INPUT_WRONG_FORMAT', `${file} has no \`risks:\` list; this does not look like a risk register.`, { where: { file, line: 1 }, hint: HINT });
    }
    for (const item of isMap(doc.contents) ? doc.contents.items : []) {
      const key = String((item.key as { value?: unknown } | null)?.value ?? item.key);
      if (key !== 'risks' && key !== '$schema') ctx.ignore?.(key, `line ${lineOf([key]) ?? 1}`);
    }
    const ids = new Set<string>();
    for (const [i, node] of risks.items.entries()) {
      const line = lineOf(['risks', i]);
      const pointer = `/risks/${i}`;
      const where = { file, ...(line ? { line } : {}), pointer };
      const raw = (node as { toJSON(): unknown } | null)?.toJSON?.() ?? node;
      const parsed = riskEntrySchema.safeParse(raw);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const at = issue.path.map(String);
        throw new FieldworkError('INPUT_INVALID_RECORD', `${file}: risk ${i + 1}: ${at.join('.') || 'entry'}: ${issue.message}.`, {
          where: { file, line: lineOf(['risks', i, ...at]) ?? line ?? 1, pointer: `${pointer}/${at.join('/')}` }, hint: HINT,
        });
      }
      const e = parsed.data;
      if (ids.has(e.id)) throw new FieldworkError('INPUT_INVALID_RECORD', `${file}: risk id "${e.id}" appears twice.`, { where, hint: 'Give each risk a unique id; checks and evidence refer to it.' });
      ids.add(e.id);
      for (const which of ['inherent', 'residual'] as const) {
        const r = e[which];
        if (!r) continue;
        for (const axis of ['likelihood', 'impact'] as const) {
          if (r[axis] > options.scale[axis]) {
            throw new FieldworkError('INPUT_INVALID_RECORD', `${file}: risk ${e.id}: ${which} ${axis} ${r[axis]} is above the workspace scale (1–${options.scale[axis]}).`, {
              where: { file, line: lineOf(['risks', i, which, axis]) ?? line ?? 1, pointer: `${pointer}/${which}/${axis}` },
              hint: 'Rate on the scale set in fieldwork.yaml `risks.scale`, or widen that scale.',
            });
          }
        }
      }
      for (const k of Object.keys(e)) if (!RISK_ENTRY_KEYS.has(k)) ctx.ignore?.(k, `line ${lineOf(['risks', i, k]) ?? line ?? 1}`);
      for (const k of Object.keys(e.treatment ?? {})) if (!RISK_TREATMENT_KEYS.has(k)) ctx.ignore?.(`treatment.${k}`, `line ${lineOf(['risks', i, 'treatment', k]) ?? line ?? 1}`);
      yield mapRisk(e, ctx.cite(line ? `line ${line}#${pointer}` : pointer));
    }
  },
};

import { FieldworkError } from '@fieldwork/core/errors';
import type { FieldworkRecord } from '@fieldwork/core/records';
import { PROBE_RUN_FORMAT } from '../../probe/probe-run.js';
import type { Collector } from '../collector.js';
import { FieldMapping, inputPath, iterateJsonItems, normalizeInstant, pointer } from '../input/index.js';
import type { MappedEntry } from '../input/index.js';
import { importedProbeRunSchema, isolationProbeOptionsSchema, PROBE_ATTEMPT_FIELDS, PROBE_RUN_FIELDS } from './isolation-probe-config.js';
import type { IsolationProbeOptions } from './isolation-probe-config.js';
import { mapProbeRun } from './isolation-probe-mapper.js';

const HINT = `isolation-probe-json reads the run file \`fieldwork probe memory --json\` prints (format "${PROBE_RUN_FORMAT}"), one run per file or one per line.`;

/** Runs of the cross-tenant isolation probe, made here or elsewhere and imported. */
export const isolationProbeCollector: Collector<IsolationProbeOptions> = {
  kind: 'isolation-probe-json',
  snapshotKinds: [],
  description: 'Cross-tenant isolation probe runs (the JSON `fieldwork probe memory` writes)',
  options: isolationProbeOptionsSchema,
  mappingOption: 'fields',
  mediaType: 'application/json',
  async *parse(input, options, ctx): AsyncGenerator<FieldworkRecord> {
    const file = input.displayName;
    const runFields = new FieldMapping(PROBE_RUN_FIELDS, options.fields);
    const attemptFields = new FieldMapping(PROBE_ATTEMPT_FIELDS, options.attemptFields);
    for await (const item of iterateJsonItems(input)) {
      const jsonl = item.locator.startsWith('line');
      const base = jsonl ? '' : item.locator;
      const where = { file, ...(item.line ? { line: item.line } : {}) };
      const v = item.value as { format?: unknown } | null;
      if (!v || typeof v !== 'object' || v.format !== PROBE_RUN_FORMAT) {
        throw new FieldworkError('INPUT_WRONG_FORMAT', `${file}: this is not a Fieldwork isolation probe run (no "format": "${PROBE_RUN_FORMAT}").`, { where: { ...where, pointer: `${base}/format` }, hint: HINT });
      }
      const run = runFields.read(v as Record<string, unknown>);
      const at = (path: (string | number)[]) => (jsonl ? item.locator : pointer(base, ...path));
      for (const f of run.ignored) ctx.ignore?.(f, at(f.split('.')));
      // Attempts are read field by field too, so a renamed outcome is not lost.
      const attempts: MappedEntry[] = [];
      if (Array.isArray(run.value.attempts)) {
        run.value.attempts = run.value.attempts.map((a: unknown, i: number) => {
          if (!a || typeof a !== 'object' || Array.isArray(a)) return a;
          const m = attemptFields.read(a as Record<string, unknown>);
          attempts[i] = m;
          for (const f of m.ignored) ctx.ignore?.(`attempts.${f}`, at([...inputPath(run, ['attempts']), i, ...f.split('.')]));
          return m.value;
        });
      }
      const parsed = importedProbeRunSchema.safeParse(run.value);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const [head, i, ...rest] = issue.path as (string | number)[];
        const path = head === 'attempts' && typeof i === 'number' && attempts[i]
          ? [...inputPath(run, ['attempts']), i, ...inputPath(attempts[i], rest)] : inputPath(run, issue.path as (string | number)[]);
        throw new FieldworkError('INPUT_INVALID_RECORD', `${file}: probe run ${path.join('.')}: ${issue.message}.`, { where: { ...where, pointer: pointer(base, ...path) }, hint: HINT });
      }
      const finishedAt = normalizeInstant(parsed.data.finishedAt, { ...where, pointer: pointer(base, ...inputPath(run, ['finishedAt'])) }, 'finishedAt') as string;
      yield mapProbeRun(parsed.data, finishedAt, ctx.cite(jsonl ? item.locator : base || '/'));
    }
  },
};

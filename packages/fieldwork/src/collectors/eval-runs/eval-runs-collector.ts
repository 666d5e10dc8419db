import { FieldworkError } from '@fieldwork/core/errors';
import type { FieldworkRecord } from '@fieldwork/core/records';
import type { Collector } from '../collector.js';
import { FieldMapping, inputPath, iterateJsonItems, normalizeInstant, pointer } from '../input/index.js';
import { EVAL_RUN_FIELDS, evalRunsOptionsSchema } from './eval-runs-config.js';
import type { EvalRunsOptions } from './eval-runs-config.js';
import { evalRunEntrySchema, mapEvalRun } from './eval-runs-mapper.js';

const HINT = 'eval-runs-json reads {"runs": [{ id, model, dataset, held_out, score, threshold, passed, tests, failures, started_at, finished_at }]} or one run per line (JSONL); other key names are mapped with options.fields.';

/** Evaluation runs from any harness, in Fieldwork's documented JSON shape. */
export const evalRunsCollector: Collector<EvalRunsOptions> = {
  kind: 'eval-runs-json',
  snapshotKinds: [],
  description: 'Evaluation runs (JSON {"runs": [...]}, a JSON array, or JSON Lines): model, dataset, held-out flag, score, threshold, finished time',
  options: evalRunsOptionsSchema,
  mappingOption: 'fields',
  mediaType: 'application/json',
  async *parse(input, options, ctx): AsyncGenerator<FieldworkRecord> {
    const file = input.displayName;
    const mapping = new FieldMapping(EVAL_RUN_FIELDS, options.fields);
    let seen = 0;
    for await (const item of iterateJsonItems(input)) {
      const doc = item.value as { runs?: unknown } | null;
      if (doc && typeof doc === 'object' && !Array.isArray(doc) && 'runs' in doc) {
        for (const k of Object.keys(doc).filter((k) => k !== 'runs')) ctx.ignore?.(k, item.locator.startsWith('line') ? item.locator : pointer(item.locator, k));
      }
      // A document `{ runs: [...] }` holds the runs; otherwise each item is a run.
      const runs = doc && typeof doc === 'object' && !Array.isArray(doc) && 'runs' in doc
        ? Array.isArray(doc.runs) ? doc.runs.map((v, i) => ({ v, loc: pointer(item.locator.startsWith('line') ? '' : item.locator, 'runs', i), line: item.line, prefix: item.locator.startsWith('line') ? item.locator : '' })) : wrong('`runs` is not a list', item.line)
        : [{ v: item.value, loc: item.locator.startsWith('line') ? '' : item.locator, line: item.line, prefix: item.locator.startsWith('line') ? item.locator : '' }];
      for (const { v, loc, line, prefix } of runs) {
        const where = { file, ...(line ? { line } : {}), pointer: loc || '/' };
        const mapped = v && typeof v === 'object' && !Array.isArray(v) ? mapping.read(v as Record<string, unknown>) : undefined;
        const parsed = evalRunEntrySchema.safeParse(mapped?.value ?? v);
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          const path = mapped ? inputPath(mapped, issue.path as (string | number)[]) : (issue.path as (string | number)[]);
          const detail = `${path.join('.') || 'run'}: ${issue.message}`;
          if (seen === 0) wrong(`this does not look like an eval run (${detail})`, line, `${loc}/${path.join('/')}`);
          throw new FieldworkError('INPUT_INVALID_RECORD', `${file}: malformed eval run (${detail}).`, { where: { ...where, pointer: `${loc}/${path.join('/')}` }, hint: HINT });
        }
        for (const f of mapped?.ignored ?? []) ctx.ignore?.(f, prefix ? (loc ? `${prefix}#${loc}` : prefix) : pointer(loc, ...f.split('.')));
        seen++;
        const e = parsed.data;
        const finishedAt = normalizeInstant(e.finished_at, where, 'finished_at', ctx.timezone) as string;
        const startedAt = e.started_at ? normalizeInstant(e.started_at, where, 'started_at', ctx.timezone) : undefined;
        const locator = prefix ? (loc ? `${prefix}#${loc}` : prefix) : loc || '/';
        yield mapEvalRun(e, { finishedAt, ...(startedAt ? { startedAt } : {}) }, options.tool, ctx.cite(locator));
      }
    }

    function wrong(why: string, line?: number, ptr?: string): never {
      throw new FieldworkError('INPUT_WRONG_FORMAT', `${file}: ${why}.`, { where: { file, ...(line ? { line } : {}), ...(ptr ? { pointer: ptr } : {}) }, hint: HINT });
    }
  },
};

import { FieldworkError } from '@fieldwork/core/errors';
import type { EvalRunRecord, FieldworkRecord } from '@fieldwork/core/records';
import type { Collector } from '../collector.js';
import { normalizeInstant, readJsonDocument } from '../input/index.js';
import { promptfooOptionsSchema } from './promptfoo-config.js';
import type { PromptfooOptions } from './promptfoo-config.js';
import { heldOutTag, modelFromProviderId, promptfooOutputSchema, tallyProviders } from './promptfoo-mapper.js';

const HINT = 'promptfoo-results reads the file written by `promptfoo eval -o results.json` (evalId, results.results, results.stats, config).';

/**
 * promptfoo eval output: one `eval_run` per provider (model), scored as the pass rate, with the
 * threshold from the options. The checks judge the run (promptfoo states no verdict per provider).
 */
export const promptfooCollector: Collector<PromptfooOptions> = {
  kind: 'promptfoo-results',
  snapshotKinds: [],
  description: 'promptfoo eval output (`promptfoo eval -o results.json`): pass rate per provider against a threshold',
  options: promptfooOptionsSchema,
  mediaType: 'application/json',
  async *parse(input, options, ctx): AsyncGenerator<FieldworkRecord> {
    const file = input.displayName;
    const doc = await readJsonDocument(input);
    const inner = (doc as { results?: { results?: unknown } } | null)?.results;
    if (!doc || typeof doc !== 'object' || Array.isArray(doc) || !inner || typeof inner !== 'object' || !Array.isArray(inner.results)) {
      throw new FieldworkError('INPUT_WRONG_FORMAT', `${file} has no results.results list; this does not look like promptfoo eval output.`, { where: { file, pointer: '/results/results' }, hint: HINT });
    }
    const parsed = promptfooOutputSchema.safeParse(doc);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new FieldworkError('INPUT_INVALID_RECORD', `${file}: ${issue.path.join('.')}: ${issue.message}.`, { where: { file, pointer: `/${issue.path.join('/')}` }, hint: HINT });
    }
    const out = parsed.data;
    const where = { file, pointer: '/metadata' };
    const created = typeof out.createdAt === 'number' ? new Date(out.createdAt).toISOString() : out.createdAt ?? undefined;
    const startedRaw = out.metadata?.evaluationCreatedAt ?? out.results.timestamp ?? created;
    const finishedRaw = out.metadata?.exportedAt ?? out.results.timestamp ?? created;
    if (!finishedRaw) {
      throw new FieldworkError('INPUT_INVALID_RECORD', `${file} says nowhere when the eval ran (metadata.exportedAt, results.timestamp, createdAt).`, { where, hint: 'Export the eval again with a current promptfoo (`promptfoo export <evalId>`).' });
    }
    const finishedAt = normalizeInstant(finishedRaw, where, 'metadata.exportedAt', 'UTC') as string;
    const startedAt = startedRaw ? normalizeInstant(startedRaw, where, 'metadata.evaluationCreatedAt', 'UTC') : undefined;
    const heldOut = options.heldOut ?? heldOutTag(out);
    const dataset = options.dataset ?? out.config?.description ?? undefined;
    const tallies = tallyProviders(out);
    const evalId = out.evalId ?? `promptfoo-${input.sha256.slice(0, 12)}`;
    for (const t of tallies) {
      const tests = t.passes + t.failures + t.errors;
      const score = tests === 0 ? 0 : t.passes / tests;
      const model = options.model ?? options.models[t.providerId] ?? (t.label ? options.models[t.label] : undefined) ?? modelFromProviderId(t.providerId);
      const rec: EvalRunRecord = {
        kind: 'eval_run',
        ...ctx.cite(t.locator || '/results'),
        id: tallies.length > 1 ? `${evalId}#${t.providerId}` : evalId,
        tool: 'promptfoo',
        model,
        ...(dataset ? { dataset } : {}),
        ...(heldOut !== undefined ? { heldOut } : {}),
        score: Math.round(score * 10_000) / 10_000,
        threshold: options.threshold,
        tests,
        failures: t.failures + t.errors,
        ...(startedAt ? { startedAt } : {}),
        finishedAt,
      };
      yield rec;
    }
  },
};

import { FieldworkError } from '@fieldwork/core';
import type { FieldworkRecord } from '@fieldwork/core';
import { PROBE_RUN_FORMAT, probeRunSchema } from '../../probe/probe-run.js';
import type { Collector } from '../collector.js';
import { iterateJsonItems, normalizeInstant } from '../input/index.js';
import { isolationProbeOptionsSchema } from './isolation-probe-config.js';
import type { IsolationProbeOptions } from './isolation-probe-config.js';
import { mapProbeRun } from './isolation-probe-mapper.js';

const HINT = `isolation-probe-json reads the run file \`fieldwork probe memory --json\` prints (format "${PROBE_RUN_FORMAT}"), one run per file or one per line.`;

/** Runs of the cross-tenant isolation probe, made here or elsewhere and imported. */
export const isolationProbeCollector: Collector<IsolationProbeOptions> = {
  kind: 'isolation-probe-json',
  snapshotKinds: [],
  description: 'Cross-tenant isolation probe runs (the JSON `fieldwork probe memory` writes)',
  options: isolationProbeOptionsSchema,
  mediaType: 'application/json',
  async *parse(input, _options, ctx): AsyncGenerator<FieldworkRecord> {
    const file = input.displayName;
    for await (const item of iterateJsonItems(input)) {
      const jsonl = item.locator.startsWith('line');
      const base = jsonl ? '' : item.locator;
      const where = { file, ...(item.line ? { line: item.line } : {}) };
      const v = item.value as { format?: unknown } | null;
      if (!v || typeof v !== 'object' || v.format !== PROBE_RUN_FORMAT) {
        throw new FieldworkError('INPUT_WRONG_FORMAT', `${file}: this is not a Fieldwork isolation probe run (no "format": "${PROBE_RUN_FORMAT}").`, { where: { ...where, pointer: `${base}/format` }, hint: HINT });
      }
      const parsed = probeRunSchema.safeParse(v);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new FieldworkError('INPUT_INVALID_RECORD', `${file}: probe run ${issue.path.join('.')}: ${issue.message}.`, { where: { ...where, pointer: `${base}/${issue.path.join('/')}` }, hint: HINT });
      }
      const finishedAt = normalizeInstant(parsed.data.finishedAt, { ...where, pointer: `${base}/finishedAt` }, 'finishedAt') as string;
      yield mapProbeRun(parsed.data, finishedAt, ctx.cite(jsonl ? item.locator : base || '/'));
    }
  },
};

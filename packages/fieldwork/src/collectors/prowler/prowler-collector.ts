import { FieldworkError } from '@fieldwork/core/errors';
import type { FieldworkRecord } from '@fieldwork/core/records';
import type { Collector } from '../collector.js';
import { iterateJsonItems, normalizeInstant } from '../input/index.js';
import { guessScanKind } from '../input/scan-input.js';
import { prowlerOptionsSchema } from './prowler-config.js';
import type { ProwlerOptions } from './prowler-config.js';
import { epochInstant, mapProwlerFinding, prowlerAccount, prowlerFindingSchema } from './prowler-mapper.js';

const HINT = 'prowler-ocsf reads `prowler <provider> --output-formats json-ocsf`: an array of OCSF Detection Findings (class_uid 2004).';

/**
 * Prowler JSON-OCSF: each finding (per resource) becomes a `config_finding`, and each cloud
 * account in the file one `scan_run` (its finding count is the number of failed checks).
 */
export const prowlerCollector: Collector<ProwlerOptions> = {
  kind: 'prowler-ocsf',
  snapshotKinds: [],
  description: 'Prowler JSON-OCSF output: config findings per resource, one scan run per cloud account',
  options: prowlerOptionsSchema,
  mediaType: 'application/json',
  async *parse(input, options, ctx): AsyncGenerator<FieldworkRecord> {
    const accounts = new Map<string, { at: string; failed: number; locator: string }>();
    let seen = 0;
    for await (const item of iterateJsonItems(input)) {
      const values = Array.isArray(item.value) ? item.value.map((v, i) => ({ v, loc: `${item.locator}/${i}` })) : [{ v: item.value, loc: item.locator }];
      for (const { v, loc } of values) {
        const parsed = prowlerFindingSchema.safeParse(v);
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          const ptr = `${loc.startsWith('line') ? '' : loc}/${issue.path.join('/')}`;
          const guess = seen === 0 ? guessScanKind(Array.isArray(item.value) ? item.value : [v]) ?? guessScanKind(v) : undefined;
          throw new FieldworkError(seen === 0 ? 'INPUT_WRONG_FORMAT' : 'INPUT_INVALID_RECORD', `${input.displayName}: ${seen === 0 ? 'this does not look like a Prowler OCSF finding' : 'malformed Prowler finding'} (${issue.path.join('.') || 'finding'}: ${issue.message}).`, {
            where: { file: input.displayName, ...(item.line ? { line: item.line } : {}), pointer: ptr },
            hint: guess && guess !== 'prowler-ocsf' ? `This looks like ${guess} output; use kind: ${guess} for it.` : HINT,
          });
        }
        seen++;
        const f = parsed.data;
        const stamp = f.time ?? f.finding_info.created_time;
        const at = stamp ? epochInstant(stamp, { file: input.displayName, pointer: `${loc}/time` }) : normalizeInstant(f.time_dt ?? undefined, { file: input.displayName, pointer: `${loc}/time_dt` }, 'time_dt', ctx.timezone);
        if (!at) {
          throw new FieldworkError('INPUT_INVALID_RECORD', `${input.displayName}: finding ${loc} has no time.`, { where: { file: input.displayName, pointer: `${loc}/time` }, hint: HINT });
        }
        const account = prowlerAccount(f);
        if (account) {
          const a = accounts.get(account) ?? { at, failed: 0, locator: loc };
          if (at > a.at) a.at = at;
          if (f.status_code.toUpperCase() === 'FAIL') a.failed++;
          accounts.set(account, a);
        }
        if (options.failedOnly && f.status_code.toUpperCase() !== 'FAIL') continue;
        for (const { record, locator } of mapProwlerFinding(f, at, loc)) yield { ...record, ...ctx.cite(locator) };
      }
    }
    for (const [asset, a] of accounts) {
      yield { kind: 'scan_run', ...ctx.cite(a.locator), scanner: 'prowler', asset, assetType: 'cloud-account', at: a.at, findingCount: a.failed, targets: [] };
    }
  },
};

import { FieldworkError } from '@fieldwork/core/errors';
import type { FieldworkRecord } from '@fieldwork/core/records';
import type { Collector } from '../collector.js';
import { iterateJsonItems, pointer } from '../input/index.js';
import { entraOptionsSchema } from './entra-config.js';
import type { EntraOptions } from './entra-config.js';
import { diagnosticRecordSchema, directoryAuditSchema, mapDirectoryAudit } from './entra-mapper.js';

const HINT = 'entra-audit reads directoryAudit objects: the Graph response of GET /auditLogs/directoryAudits ({value: [...]}), an array of them, or the Azure diagnostic-settings export ({records: [...]} or one record per line).';

/** Microsoft Entra ID directory audit log: Graph responses and the Azure Monitor diagnostic export. */
export const entraCollector: Collector<EntraOptions> = {
  kind: 'entra-audit',
  snapshotKinds: [],
  description: 'Microsoft Entra ID audit log (Graph /auditLogs/directoryAudits response, or the Azure diagnostic-settings AuditLogs export)',
  options: entraOptionsSchema,
  mediaType: 'application/json',
  async *parse(input, options, ctx): AsyncGenerator<FieldworkRecord> {
    let seen = 0;
    const ids = new Set<string>();
    for await (const item of iterateJsonItems(input)) {
      const v = item.value as { value?: unknown; records?: unknown } | null;
      const base = item.locator.startsWith('line') ? '' : item.locator;
      let entries: { value: unknown; loc: string }[];
      if (v && typeof v === 'object' && !Array.isArray(v) && Array.isArray(v.value)) entries = v.value.map((x, i) => ({ value: x, loc: pointer(base, 'value', i) }));
      else if (v && typeof v === 'object' && !Array.isArray(v) && Array.isArray(v.records)) entries = v.records.map((x, i) => ({ value: x, loc: pointer(base, 'records', i) }));
      else if (Array.isArray(v)) entries = v.map((x, i) => ({ value: x, loc: pointer(base, i) }));
      else entries = [{ value: v, loc: base }];
      for (const entry of entries) {
        // A diagnostic record wraps the directoryAudit in `properties`.
        let audit = entry.value;
        let loc = entry.loc;
        const diag = diagnosticRecordSchema.safeParse(entry.value);
        if (diag.success && !(entry.value as { activityDisplayName?: unknown }).activityDisplayName) {
          audit = { activityDisplayName: diag.data.operationName, activityDateTime: diag.data.time, ...diag.data.properties };
          loc = pointer(loc, 'properties');
        }
        const parsed = directoryAuditSchema.safeParse(audit);
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          throw new FieldworkError(seen === 0 ? 'INPUT_WRONG_FORMAT' : 'INPUT_INVALID_RECORD', `${input.displayName}: ${seen === 0 ? 'this does not look like an Entra ID directory audit' : 'malformed directory audit'} (${issue.path.join('.') || 'event'}: ${issue.message}).`, {
            where: { file: input.displayName, ...(item.line ? { line: item.line } : {}), pointer: pointer(loc, ...issue.path.map(String)) },
            hint: HINT,
          });
        }
        seen++;
        if (ids.has(parsed.data.id)) continue;
        ids.add(parsed.data.id);
        const rec = mapDirectoryAudit(parsed.data, options.includeFailures, ctx.cite(item.line ? (loc ? `${item.locator}#${loc}` : item.locator) : loc || '/'));
        if (rec) yield rec;
      }
    }
  },
};

import { FieldworkError } from '@fieldwork/core/errors';
import type { FieldworkRecord } from '@fieldwork/core/records';
import type { Collector } from '../collector.js';
import { FieldMapping, inputPath, iterateJsonItems, normalizeInstant, pointer } from '../input/index.js';
import { INCIDENT_FIELDS, incidentsOptionsSchema } from './incidents-config.js';
import type { IncidentsOptions } from './incidents-config.js';
import { incidentEntrySchema, mapIncident } from './incidents-mapper.js';

const HINT = 'incidents-json reads {"incidents": [{ key, title, category, severity, opened_at, responded_at, closed_at, postmortem, related }]}, a JSON array of them, or one per line; other key names are mapped with options.fields.';

/** The incident register kept as a file. */
export const incidentsCollector: Collector<IncidentsOptions> = {
  kind: 'incidents-json',
  snapshotKinds: ['incident'],
  description: 'Incident register (JSON {"incidents": [...]}, an array, or JSON Lines): category, severity, opened/responded/closed, postmortem, related spans',
  options: incidentsOptionsSchema,
  mappingOption: 'fields',
  mediaType: 'application/json',
  async *parse(input, options, ctx): AsyncGenerator<FieldworkRecord> {
    const file = input.displayName;
    const mapping = new FieldMapping(INCIDENT_FIELDS, options.fields);
    const keys = new Set<string>();
    let seen = 0;
    for await (const item of iterateJsonItems(input)) {
      const jsonl = item.locator.startsWith('line');
      const base = jsonl ? '' : item.locator;
      const doc = item.value as { incidents?: unknown } | null;
      let entries: { v: unknown; loc: string }[];
      if (doc && typeof doc === 'object' && !Array.isArray(doc) && 'incidents' in doc) {
        if (!Array.isArray(doc.incidents)) wrong('`incidents` is not a list', item.line, pointer(base, 'incidents'));
        entries = doc.incidents.map((v, i) => ({ v, loc: pointer(base, 'incidents', i) }));
        for (const k of Object.keys(doc).filter((k) => k !== 'incidents')) ctx.ignore?.(k, jsonl ? item.locator : pointer(base, k));
      } else entries = [{ v: item.value, loc: base }];
      for (const { v, loc } of entries) {
        const where = { file, ...(item.line ? { line: item.line } : {}), pointer: loc || '/' };
        const mapped = v && typeof v === 'object' && !Array.isArray(v) ? mapping.read(v as Record<string, unknown>) : undefined;
        const parsed = incidentEntrySchema.safeParse(mapped?.value ?? v);
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          const path = mapped ? inputPath(mapped, issue.path as (string | number)[]) : (issue.path as (string | number)[]);
          const detail = `${path.join('.') || 'incident'}: ${issue.message}`;
          if (seen === 0) wrong(`this does not look like an incident register (${detail})`, item.line, `${loc}/${path.join('/')}`);
          throw new FieldworkError('INPUT_INVALID_RECORD', `${file}: malformed incident (${detail}).`, { where: { ...where, pointer: `${loc}/${path.join('/')}` }, hint: HINT });
        }
        for (const f of mapped?.ignored ?? []) ctx.ignore?.(f, jsonl ? item.locator : pointer(loc, ...f.split('.')));
        seen++;
        const e = parsed.data;
        if (keys.has(e.key)) throw new FieldworkError('INPUT_INVALID_RECORD', `${file}: incident ${e.key} appears twice.`, { where, hint: 'Each incident key must be unique in the register.' });
        keys.add(e.key);
        const opened = normalizeInstant(e.opened_at, where, 'opened_at', ctx.timezone) as string;
        const respondedAt = e.responded_at ? normalizeInstant(e.responded_at, where, 'responded_at', ctx.timezone) : undefined;
        const closedAt = e.closed_at ? normalizeInstant(e.closed_at, where, 'closed_at', ctx.timezone) : undefined;
        const locator = jsonl ? (loc ? `${item.locator}#${loc}` : item.locator) : loc || '/';
        yield mapIncident(e, { opened, ...(respondedAt ? { respondedAt } : {}), ...(closedAt ? { closedAt } : {}) }, ctx.cite(locator));
      }
    }

    function wrong(why: string, line?: number, ptr?: string): never {
      throw new FieldworkError('INPUT_WRONG_FORMAT', `${file}: ${why}.`, { where: { file, ...(line ? { line } : {}), ...(ptr ? { pointer: ptr } : {}) }, hint: HINT });
    }
  },
};

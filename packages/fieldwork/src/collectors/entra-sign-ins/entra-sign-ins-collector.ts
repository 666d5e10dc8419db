import { FieldworkError } from '@fieldwork/core/errors';
import type { FieldworkRecord } from '@fieldwork/core/records';
import type { Collector } from '../collector.js';
import { iterateJsonItems, pointer } from '../input/index.js';
import { entryError, listEntries } from '../identity/list-entries.js';
import { entraSignInsOptionsSchema } from './entra-sign-ins-config.js';
import type { EntraSignInsOptions } from './entra-sign-ins-config.js';
import { fetchEntraSignIns } from './entra-sign-ins-fetch.js';
import { entraSignInSchema, mapEntraSignIn } from './entra-sign-ins-mapper.js';

const WHAT = { format: 'an Entra ID sign-in log', entry: 'sign-in', hint: 'entra-sign-ins reads signIn objects: the Graph response of GET /auditLogs/signIns ({value: [...]}), an array of them, or the Azure diagnostic-settings export ({records: [...]} or one record per line, properties holding the sign-in).' };

/** Microsoft Entra ID sign-in logs: who signed in to which app, with which authentication requirement. */
export const entraSignInsCollector: Collector<EntraSignInsOptions> = {
  kind: 'entra-sign-ins',
  snapshotKinds: [],
  description: 'Microsoft Entra ID sign-in logs (Graph /auditLogs/signIns response, or the Azure diagnostic-settings SignInLogs export)',
  options: entraSignInsOptionsSchema,
  mediaType: 'application/json',
  fetch(options, ctx) {
    if (!options.graphUrl && !options.live) {
      throw new FieldworkError('SOURCE_BAD_OPTIONS', `Source ${ctx.source}: set a path/glob to read saved responses, or options.live: true to call Microsoft Graph.`, {
        hint: 'For the API: options: { live: true, tokenEnv: GRAPH_TOKEN, since: 2026-01-01T00:00:00Z }',
      });
    }
    return fetchEntraSignIns(options, ctx);
  },
  async *parse(input, _options, ctx): AsyncGenerator<FieldworkRecord> {
    let seen = 0;
    const ids = new Set<string>();
    for await (const item of iterateJsonItems(input)) {
      for (const entry of listEntries(item, ['value', 'records'])) {
        // A diagnostic record wraps the sign-in in `properties`, with the log category beside it.
        const raw = entry.value as { properties?: unknown; category?: unknown; time?: unknown } | null;
        const wrapped = !!raw && typeof raw === 'object' && !!raw.properties && typeof raw.properties === 'object' && !('createdDateTime' in raw);
        const value = wrapped ? { createdDateTime: raw.time, ...(raw.properties as object) } : raw;
        const locator = wrapped ? pointer(entry.locator.replace(/\/$/, ''), 'properties') : entry.locator;
        const category = wrapped && typeof raw.category === 'string' ? raw.category : undefined;
        const parsed = entraSignInSchema.safeParse(value);
        if (!parsed.success) throw entryError(input.displayName, item, { value, locator }, parsed.error.issues[0], seen, WHAT);
        seen++;
        if (ids.has(parsed.data.id)) continue;
        ids.add(parsed.data.id);
        const rec = mapEntraSignIn(parsed.data, category, ctx.cite(locator));
        if (rec) yield rec;
      }
    }
  },
};

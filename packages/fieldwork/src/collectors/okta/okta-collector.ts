import { FieldworkError } from '@fieldwork/core/errors';
import type { FieldworkRecord } from '@fieldwork/core/records';
import type { Collector } from '../collector.js';
import { iterateJsonItems, SpillingFlagMap } from '../input/index.js';
import { oktaOptionsSchema } from './okta-config.js';
import type { OktaOptions } from './okta-config.js';
import { fetchOktaLogs } from './okta-fetch.js';
import { isOktaLogEvent } from './okta-event-check.js';
import { isOktaAppSignIn, mapOktaEvent, mapOktaSignIn, noteOktaSession, oktaLogEventSchema } from './okta-mapper.js';
import { PendingSignIns } from './okta-pending-sign-ins.js';
import type { OktaLogEvent } from './okta-mapper.js';

/** Okta System Log: LogEvent JSON from an export file or the live API. */
export const oktaCollector: Collector<OktaOptions> = {
  kind: 'okta-system-log',
  snapshotKinds: [],
  description: 'Okta System Log events (GET /api/v1/logs): a JSON array, JSON Lines, or the live API',
  options: oktaOptionsSchema,
  mediaType: 'application/json',
  fetch(options, ctx) {
    if (!options.orgUrl) {
      throw new FieldworkError('SOURCE_BAD_OPTIONS', `Source ${ctx.source}: set a path/glob to read exports, or options.orgUrl to call the API.`, {
        hint: 'For the API: options: { orgUrl: https://your-org.okta.com, tokenEnv: OKTA_API_TOKEN, since: 2026-01-01T00:00:00Z }',
      });
    }
    return fetchOktaLogs(options, ctx);
  },
  async *parse(input, _options, ctx): AsyncGenerator<FieldworkRecord> {
    let seen = 0;
    // Overlapping exports concatenated into one file repeat events; Okta's uuid names one event.
    // Only events that produce a record are remembered: a repeat of any other changes nothing.
    // Both maps move to a temporary file past 25,000 keys, so memory stays flat however long the export.
    const ids = new SpillingFlagMap();
    // App sign-ins wait for the end of the artifact: whether their session verified a second factor may be logged after them.
    const sessions = new SpillingFlagMap();
    const signIns = new PendingSignIns();
    try {
      for await (const item of iterateJsonItems(input)) {
        // An API page saved as-is is an array; a JSONL line may itself be a page (array).
        const values = Array.isArray(item.value) ? item.value : [item.value];
        for (let i = 0; i < values.length; i++) {
          const v = values[i];
          const loc = Array.isArray(item.value) ? `${item.locator}/${i}` : item.locator;
          const e = isOktaLogEvent(v) ? v : parseEvent(v, loc, item.line, seen === 0, input.displayName);
          seen++;
          if (ids.get(e.uuid)) continue;
          noteOktaSession(sessions, e);
          if (isOktaAppSignIn(e)) {
            ids.or(e.uuid, 1);
            signIns.add(e, loc);
          }
          const rec = mapOktaEvent(e, ctx.cite(loc));
          if (rec) {
            ids.or(e.uuid, 1);
            yield rec;
          }
        }
      }
      for await (const { e, loc } of signIns.drain()) {
        const rec = mapOktaSignIn(e, sessions, ctx.cite(loc));
        if (rec) yield rec;
      }
    } finally {
      signIns.dispose();
      ids.dispose();
      sessions.dispose();
    }
  },
};

/** Runs the schema on an event the quick check refused: its output, or its first issue as a FieldworkError. */
function parseEvent(v: unknown, loc: string, line: number | undefined, first: boolean, file: string): OktaLogEvent {
  const parsed = oktaLogEventSchema.safeParse(v);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const ptr = `${loc.startsWith('line') ? '' : loc}/${issue.path.join('/')}`;
  throw new FieldworkError(first ? 'INPUT_WRONG_FORMAT' : 'INPUT_INVALID_RECORD', `${file}: ${first ? 'this does not look like an Okta System Log event' : 'malformed Okta event'} (${issue.path.join('.') || 'event'}: ${issue.message}).`, {
    where: { file, ...(line ? { line } : {}), pointer: ptr },
    hint: 'okta-system-log reads LogEvent objects (uuid, published, eventType, actor, target) as returned by GET /api/v1/logs.',
  });
}

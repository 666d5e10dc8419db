import { FieldworkError } from '@fieldwork/core/errors';
import type { FieldworkRecord } from '@fieldwork/core/records';
import type { Collector } from '../collector.js';
import { iterateJsonItems, pointer } from '../input/index.js';
import { googleWorkspaceOptionsSchema } from './google-workspace-config.js';
import type { GoogleWorkspaceOptions } from './google-workspace-config.js';
import { gwActivitySchema, mapGwEvent, mapGwSignIn } from './google-workspace-mapper.js';

const HINT = 'google-workspace-admin reads Admin SDK Reports API activities (GET admin/reports/v1/activity/users/all/applications/{admin|login|saml|groups}): the response page {kind, items}, a bare items array, or one activity per line.';

/** Google Workspace Admin SDK Reports API: user, group and sign-in activities. */
export const googleWorkspaceCollector: Collector<GoogleWorkspaceOptions> = {
  kind: 'google-workspace-admin',
  snapshotKinds: [],
  description: 'Google Workspace Admin SDK Reports API activities (admin, login, saml, groups): a response page, an items array, or JSON Lines',
  options: googleWorkspaceOptionsSchema,
  mediaType: 'application/json',
  async *parse(input, options, ctx): AsyncGenerator<FieldworkRecord> {
    let seen = 0;
    // Pages fetched with overlapping time windows repeat activities.
    const ids = new Set<string>();
    for await (const item of iterateJsonItems(input)) {
      const v = item.value as { kind?: unknown; items?: unknown; events?: unknown } | null;
      const base = item.locator.startsWith('line') ? '' : item.locator;
      let activities: { value: unknown; loc: string }[];
      if (v && typeof v === 'object' && !Array.isArray(v) && (Array.isArray(v.items) || v.kind === 'admin#reports#activities')) {
        // A response page; a page without `items` has no activity in the window.
        activities = Array.isArray(v.items) ? v.items.map((x, i) => ({ value: x, loc: pointer(base, 'items', i) })) : [];
      } else if (Array.isArray(v)) {
        activities = v.map((x, i) => ({ value: x, loc: pointer(base, i) }));
      } else {
        activities = [{ value: v, loc: base }];
      }
      for (const { value, loc } of activities) {
        const parsed = gwActivitySchema.safeParse(value);
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          throw new FieldworkError(seen === 0 ? 'INPUT_WRONG_FORMAT' : 'INPUT_INVALID_RECORD', `${input.displayName}: ${seen === 0 ? 'this does not look like a Google Workspace Reports activity' : 'malformed activity'} (${issue.path.join('.') || 'activity'}: ${issue.message}).`, {
            where: { file: input.displayName, ...(item.line ? { line: item.line } : {}), pointer: pointer(loc, ...issue.path.map(String)) },
            hint: HINT,
          });
        }
        seen++;
        const a = parsed.data;
        const key = `${a.id.applicationName}|${a.id.time}|${a.id.uniqueQualifier ?? ''}`;
        if (ids.has(key)) continue;
        ids.add(key);
        const prefix = item.locator.startsWith('line') ? `${item.locator}#` : '';
        for (const [j, e] of a.events.entries()) {
          const locator = `${prefix}${pointer(loc, 'events', j)}`;
          const rec = mapGwEvent(a, e, j, options.includeFailedLogins, ctx.cite(locator));
          if (rec) yield rec;
          const signIn = mapGwSignIn(a, e, j, ctx.cite(locator));
          if (signIn) yield signIn;
        }
      }
    }
  },
};

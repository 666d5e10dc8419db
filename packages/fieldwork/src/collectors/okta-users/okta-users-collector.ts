import { FieldworkError } from '@fieldwork/core/errors';
import type { FieldworkRecord } from '@fieldwork/core/records';
import type { Collector } from '../collector.js';
import { iterateJsonItems } from '../input/index.js';
import { listEntries } from '../identity/list-entries.js';
import { rosterTime } from '../identity/roster-time.js';
import { oktaUsersOptionsSchema } from './okta-users-config.js';
import type { OktaUsersOptions } from './okta-users-config.js';
import { fetchOktaUsers } from './okta-users-fetch.js';
import { factorUserId, mapOktaFactors, mapOktaUser, oktaFactorSchema, oktaUserSchema, userIdFromName } from './okta-users-mapper.js';
import type { OktaFactor } from './okta-users-mapper.js';

const HINT = 'okta-users reads Okta User objects as GET /api/v1/users returns them (a JSON array, or JSON Lines) and UserFactor arrays as GET /api/v1/users/{id}/factors returns them.';

/** The Okta user roster (snapshot) with each user's enrolled factors. */
export const oktaUsersCollector: Collector<OktaUsersOptions> = {
  kind: 'okta-users',
  // A roster is exported whole; each live fetch is its own dated roster (the time is in the page names).
  snapshotKinds: ['account', 'account_mfa'],
  artifactIdentity: 'bytes-and-name',
  description: 'Okta users (GET /api/v1/users) and their factors (GET /api/v1/users/{id}/factors): saved responses or the live API',
  options: oktaUsersOptionsSchema,
  mediaType: 'application/json',
  fetch(options, ctx) {
    if (!options.orgUrl) {
      throw new FieldworkError('SOURCE_BAD_OPTIONS', `Source ${ctx.source}: set a path/glob to read saved responses, or options.orgUrl to call the API.`, {
        hint: 'For the API: options: { orgUrl: https://your-org.okta.com, tokenEnv: OKTA_API_TOKEN }',
      });
    }
    return fetchOktaUsers(options, ctx);
  },
  async *parse(input, options, ctx): AsyncGenerator<FieldworkRecord> {
    // Asked for at the first fact, so a file of another format is refused as that first.
    let taken: string | undefined;
    const snapshotAt = (): string => (taken ??= rosterTime(input, options.takenAt));
    let seen = 0;
    const factors = new Map<string, { list: OktaFactor[]; locator: string }>();
    const users = new Set<string>();
    for await (const item of iterateJsonItems(input)) {
      for (const entry of listEntries(item, [])) {
        const v = entry.value as { factorType?: unknown } | null;
        const isFactor = !!v && typeof v === 'object' && 'factorType' in v;
        const parsed = isFactor ? oktaFactorSchema.safeParse(v) : oktaUserSchema.safeParse(v);
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          throw new FieldworkError(seen === 0 ? 'INPUT_WRONG_FORMAT' : 'INPUT_INVALID_RECORD', `${input.displayName}: ${seen === 0 ? 'this does not look like an Okta users or factors response' : `malformed Okta ${isFactor ? 'factor' : 'user'}`} (${issue.path.join('.') || 'entry'}: ${issue.message}).`, {
            where: { file: input.displayName, ...(item.line ? { line: item.line } : {}), pointer: `${entry.locator.replace(/^line \d+#/, '')}/${issue.path.join('/')}`.replace(/\/$/, '') },
            hint: HINT,
          });
        }
        seen++;
        if (isFactor) {
          const f = parsed.data as OktaFactor;
          const userId = factorUserId(f) ?? userIdFromName(input.displayName);
          if (!userId) {
            throw new FieldworkError('INPUT_INVALID_RECORD', `${input.displayName}: factor ${f.id} does not say which user it belongs to.`, {
              where: { file: input.displayName, pointer: entry.locator }, hint: 'Keep the factor\'s _links as the API returns them, or name the file after the user id (00u…-factors.json).',
            });
          }
          const slot = factors.get(userId) ?? { list: [], locator: entry.locator };
          slot.list.push(f);
          factors.set(userId, slot);
          continue;
        }
        const u = parsed.data as { id: string };
        if (users.has(u.id)) continue;
        users.add(u.id);
        yield mapOktaUser(parsed.data as never, snapshotAt(), ctx.cite(entry.locator));
      }
    }
    // An empty factors response still says something when its name names the user: no factor enrolled.
    const named = userIdFromName(input.displayName);
    if (seen === 0 && named && /factors/i.test(input.displayName)) factors.set(named, { list: [], locator: '/' });
    for (const [userId, { list, locator }] of factors) yield mapOktaFactors(userId, list, snapshotAt(), ctx.cite(locator));
  },
};

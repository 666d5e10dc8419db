import { FieldworkError } from '@fieldwork/core/errors';
import type { FieldworkRecord } from '@fieldwork/core/records';
import type { Collector } from '../collector.js';
import { iterateJsonItems } from '../input/index.js';
import { entryError, listEntries } from '../identity/list-entries.js';
import { rosterTime } from '../identity/roster-time.js';
import { oktaUsersOptionsSchema } from './okta-users-config.js';
import type { OktaUsersOptions } from './okta-users-config.js';
import { fetchOktaUsers } from './okta-users-fetch.js';
import { factorUserId, mapOktaFactors, mapOktaUser, oktaFactorSchema, oktaUserSchema, userIdFromName } from './okta-users-mapper.js';
import type { OktaFactor } from './okta-users-mapper.js';

const WHAT = { format: 'an Okta users or factors response', hint: 'okta-users reads Okta User objects as GET /api/v1/users returns them (a JSON array, or JSON Lines) and UserFactor arrays as GET /api/v1/users/{id}/factors returns them.' };

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
        if (v && typeof v === 'object' && 'factorType' in v) {
          const parsed = oktaFactorSchema.safeParse(v);
          if (!parsed.success) throw entryError(input.displayName, item, entry, parsed.error.issues[0], seen, { ...WHAT, entry: 'Okta factor' });
          seen++;
          const userId = factorUserId(parsed.data) ?? userIdFromName(input.displayName);
          if (!userId) {
            throw new FieldworkError('INPUT_INVALID_RECORD', `${input.displayName}: factor ${parsed.data.id} does not say which user it belongs to.`, {
              where: { file: input.displayName, pointer: entry.locator }, hint: 'Keep the factor\'s _links as the API returns them, or name the file after the user id (okta-factors-00u…-2026-06-30.json).',
            });
          }
          const slot = factors.get(userId) ?? { list: [], locator: entry.locator };
          slot.list.push(parsed.data);
          factors.set(userId, slot);
          continue;
        }
        const parsed = oktaUserSchema.safeParse(v);
        if (!parsed.success) throw entryError(input.displayName, item, entry, parsed.error.issues[0], seen, { ...WHAT, entry: 'Okta user' });
        seen++;
        if (users.has(parsed.data.id)) continue;
        users.add(parsed.data.id);
        yield mapOktaUser(parsed.data, snapshotAt(), ctx.cite(entry.locator));
      }
    }
    // An empty factors response still says something when its name names the user: no factor enrolled.
    const named = userIdFromName(input.displayName);
    if (seen === 0 && named && /factors/i.test(input.displayName)) factors.set(named, { list: [], locator: '/' });
    for (const [userId, { list, locator }] of factors) yield mapOktaFactors(userId, list, snapshotAt(), ctx.cite(locator));
  },
};

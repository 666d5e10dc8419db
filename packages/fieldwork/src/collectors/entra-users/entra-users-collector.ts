import { FieldworkError } from '@fieldwork/core/errors';
import type { FieldworkRecord } from '@fieldwork/core/records';
import type { Collector } from '../collector.js';
import { iterateJsonItems } from '../input/index.js';
import { entryError, listEntries } from '../identity/list-entries.js';
import { rosterTime } from '../identity/roster-time.js';
import { entraUsersOptionsSchema } from './entra-users-config.js';
import type { EntraUsersOptions } from './entra-users-config.js';
import { fetchEntraUsers } from './entra-users-fetch.js';
import { entraRegistrationSchema, entraUserSchema, mapEntraRegistration, mapEntraUser } from './entra-users-mapper.js';

const WHAT = { format: 'a Graph users or registration-details response', hint: 'entra-users reads Microsoft Graph responses of GET /users (user objects with id and userPrincipalName) and GET /reports/authenticationMethods/userRegistrationDetails ({value: [...]}, an array, or JSON Lines).' };

/** The Microsoft Entra ID user roster (snapshot) with each user's MFA registration. */
export const entraUsersCollector: Collector<EntraUsersOptions> = {
  kind: 'entra-users',
  snapshotKinds: ['account', 'account_mfa'],
  artifactIdentity: 'bytes-and-name',
  description: 'Microsoft Entra ID users (Graph GET /users with signInActivity) and MFA registration (userRegistrationDetails): saved responses or the live API',
  options: entraUsersOptionsSchema,
  mediaType: 'application/json',
  fetch(options, ctx) {
    if (!options.graphUrl && !options.live) {
      throw new FieldworkError('SOURCE_BAD_OPTIONS', `Source ${ctx.source}: set a path/glob to read saved responses, or options.live: true to call Microsoft Graph.`, {
        hint: 'For the API: options: { live: true, tokenEnv: GRAPH_TOKEN }',
      });
    }
    return fetchEntraUsers(options, ctx);
  },
  async *parse(input, options, ctx): AsyncGenerator<FieldworkRecord> {
    // Asked for at the first fact, so a file of another format is refused as that first.
    let taken: string | undefined;
    const snapshotAt = (): string => (taken ??= rosterTime(input, options.takenAt));
    let seen = 0;
    const ids = new Set<string>();
    for await (const item of iterateJsonItems(input)) {
      for (const entry of listEntries(item, ['value'])) {
        const v = entry.value as Record<string, unknown> | null;
        if (v && typeof v === 'object' && 'isMfaRegistered' in v) {
          const parsed = entraRegistrationSchema.safeParse(v);
          if (!parsed.success) throw entryError(input.displayName, item, entry, parsed.error.issues[0], seen, { ...WHAT, entry: 'registration row' });
          seen++;
          if (ids.has(`r:${parsed.data.id}`)) continue;
          ids.add(`r:${parsed.data.id}`);
          yield mapEntraRegistration(parsed.data, snapshotAt(), ctx.cite(entry.locator));
          continue;
        }
        const parsed = entraUserSchema.safeParse(v);
        if (!parsed.success) throw entryError(input.displayName, item, entry, parsed.error.issues[0], seen, { ...WHAT, entry: 'Entra user' });
        seen++;
        if (ids.has(`u:${parsed.data.id}`)) continue;
        ids.add(`u:${parsed.data.id}`);
        yield mapEntraUser(parsed.data, snapshotAt(), ctx.cite(entry.locator));
      }
    }
  },
};

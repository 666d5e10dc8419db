import { FieldworkError } from '@fieldwork/core/errors';
import type { FieldworkRecord } from '@fieldwork/core/records';
import type { Collector } from '../collector.js';
import { iterateJsonItems } from '../input/index.js';
import { entryError, listEntries } from '../identity/list-entries.js';
import { rosterTime } from '../identity/roster-time.js';
import { googleDirectoryOptionsSchema } from './google-directory-config.js';
import type { GoogleDirectoryOptions } from './google-directory-config.js';
import { fetchGoogleUsers } from './google-directory-fetch.js';
import { googleUserSchema, mapGoogleUser, mapGoogleUser2sv } from './google-directory-mapper.js';

const WHAT = { format: 'a Directory API users page', entry: 'Directory user', hint: 'google-directory-users reads Admin SDK Directory API users.list pages ({kind: "admin#directory#users", users: [...]}), a users array, or one user per line.' };

/** The Google Workspace user roster (snapshot) with 2-Step Verification state. */
export const googleDirectoryCollector: Collector<GoogleDirectoryOptions> = {
  kind: 'google-directory-users',
  snapshotKinds: ['account', 'account_mfa'],
  artifactIdentity: 'bytes-and-name',
  description: 'Google Workspace users (Admin SDK Directory API users.list, with isEnrolledIn2Sv / isEnforcedIn2Sv): saved pages or the live API',
  options: googleDirectoryOptionsSchema,
  mediaType: 'application/json',
  fetch(options, ctx) {
    if (!options.live) {
      throw new FieldworkError('SOURCE_BAD_OPTIONS', `Source ${ctx.source}: set a path/glob to read saved pages, or options.live: true to call the Directory API.`, {
        hint: 'For the API: options: { live: true, tokenEnv: GOOGLE_ACCESS_TOKEN }',
      });
    }
    return fetchGoogleUsers(options, ctx);
  },
  async *parse(input, options, ctx): AsyncGenerator<FieldworkRecord> {
    // Asked for at the first fact, so a file of another format is refused as that first.
    let taken: string | undefined;
    const snapshotAt = (): string => (taken ??= rosterTime(input, options.takenAt));
    let seen = 0;
    const ids = new Set<string>();
    for await (const item of iterateJsonItems(input)) {
      const page = item.value as { kind?: unknown; users?: unknown } | null;
      // The last page of a domain with no (more) users has no `users` at all.
      if (page && typeof page === 'object' && page.kind === 'admin#directory#users' && !Array.isArray(page.users)) continue;
      for (const entry of listEntries(item, ['users'])) {
        const parsed = googleUserSchema.safeParse(entry.value);
        if (!parsed.success) throw entryError(input.displayName, item, entry, parsed.error.issues[0], seen, WHAT);
        seen++;
        if (ids.has(parsed.data.id)) continue;
        ids.add(parsed.data.id);
        const cite = ctx.cite(entry.locator);
        yield mapGoogleUser(parsed.data, snapshotAt(), cite);
        const mfa = mapGoogleUser2sv(parsed.data, snapshotAt(), cite);
        if (mfa) yield mfa;
      }
    }
  },
};

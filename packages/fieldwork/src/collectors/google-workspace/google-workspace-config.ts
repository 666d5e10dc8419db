import { z } from 'zod';

/**
 * Options of the `google-workspace-admin` source: Admin SDK Reports API activity pages
 * (`activities.list` for the admin, login and groups applications).
 */
export const googleWorkspaceOptionsSchema = z.object({
  /** Keep failed sign-ins (`login_failure`) as access events with outcome FAILURE. */
  includeFailedLogins: z.boolean().default(false),
}).strict();
export type GoogleWorkspaceOptions = z.infer<typeof googleWorkspaceOptionsSchema>;

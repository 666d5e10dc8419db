import { z } from 'zod';

/**
 * The `identity:` section of fieldwork.yaml: accounts and applications the identity checks treat
 * as the look-alikes they are rather than as people's everyday access.
 */
export const identitySectionSchema = z.object({
  breakGlassAccounts: z.array(z.string().min(1)).default([])
    .describe('Emergency-access accounts (logins or emails): kept without MFA on purpose, vaulted, and reviewed when used. Not matched to HR.'),
  serviceAccounts: z.array(z.string().min(1)).default([])
    .describe('User-type accounts that software signs in with (logins or emails). Not matched to HR; not expected to enrol MFA.'),
  nonProductionApps: z.array(z.string().min(1)).default(['staging', 'sandbox', 'dev', 'test', 'demo'])
    .describe('Words that mark an application as outside production (matched against the app name as whole words, case-insensitive).'),
}).strict();
export type IdentitySection = z.infer<typeof identitySectionSchema>;

import { z } from 'zod';

/**
 * Options of the `entra-audit` source: Microsoft Entra ID directory audit events, from
 * `GET /auditLogs/directoryAudits` or the Azure Monitor diagnostic-settings export.
 */
export const entraOptionsSchema = z.object({
  /** Keep events whose `result` is not success (failure, timeout), with that outcome. */
  includeFailures: z.boolean().default(true),
}).strict();
export type EntraOptions = z.infer<typeof entraOptionsSchema>;

import { z } from 'zod';

/** Options of the `incidents-json` source. */
export const incidentsOptionsSchema = z.object({}).strict();
export type IncidentsOptions = z.infer<typeof incidentsOptionsSchema>;

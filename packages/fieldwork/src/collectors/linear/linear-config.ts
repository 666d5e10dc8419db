import { z } from 'zod';

/** Options of the `linear-issues` source: Linear's GraphQL `issues` response, or the CSV export. */
export const linearOptionsSchema = z.object({
  /** Workflow states whose entry counts as the approval (from the issue history, when exported). */
  approvedStatuses: z.array(z.string().min(1)).min(1).default(['Approved', 'Done']),
}).strict();
export type LinearOptions = z.infer<typeof linearOptionsSchema>;

/** Columns a Linear CSV export (Settings → Import/Export → Export CSV) must have. */
export const LINEAR_CSV_REQUIRED = ['ID', 'Title', 'Status', 'Created'];
